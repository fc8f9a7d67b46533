// "Your chats": the teen's sessions from the read API, to reopen one (history, and live if still active) or end it.
import { isApiError, isSessionLive, type HttpApi, type PersonaSummary, type SessionSummary } from "../api/httpApi";
import { namesTogether, sessionPersonaNames } from "../chat/personas";
import { wordsForHttpStatus } from "../chat/teenWords";
import { h, replaceChildren } from "../dom";

export interface SessionsViewOptions {
  api: HttpApi;
  personas: () => readonly PersonaSummary[];
  currentSessionId: () => string | undefined;
  onOpen: (session: SessionSummary) => void;
}

const when = (iso: string | undefined): string => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "");

export const sessionsView = (options: SessionsViewOptions): HTMLElement => {
  const list = h("ul", { class: "plain-list", "aria-label": "Your chats" });
  const status = h("p", { role: "status", class: "muted" }, "Loading your chats…");
  // The API gives a page of the newest chats at a time; older ones come a page more per press.
  const older = h("button", { type: "button", class: "secondary", hidden: true }, "Show older chats");
  const section = h("section", { class: "stack", "aria-labelledby": "sessions-title" }, h("h2", { id: "sessions-title" }, "Your chats"), status, list, older);
  let shown: SessionSummary[] = [];
  let nextCursor: string | undefined;

  const show = (sessions: SessionSummary[], cursor: string | undefined) => {
    shown = sessions;
    nextCursor = cursor;
    const count = `${sessions.length} ${sessions.length === 1 ? "chat" : "chats"}`;
    status.textContent = sessions.length === 0 ? "No chats yet. Start one from the Chat tab." : cursor === undefined ? count : `${count}, newest first; older ones below`;
    older.hidden = cursor === undefined;
    replaceChildren(list, ...sessions.map(row));
  };

  const newestFirst = (sessions: SessionSummary[]) => [...sessions].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));

  const load = async () => {
    try {
      const page = await options.api.sessionsPage();
      show(newestFirst(page.sessions), page.nextCursor);
    } catch (error) {
      status.textContent = wordsForHttpStatus(isApiError(error) ? error.status : 0);
    }
  };

  older.addEventListener("click", () => {
    if (nextCursor === undefined) return;
    older.disabled = true;
    options.api
      .sessionsPage(nextCursor)
      .then((page) => {
        // A chat started while the list was open can shift a page: one already shown is not listed twice.
        const known = new Set(shown.map((session) => session.sessionId));
        show(newestFirst([...shown, ...page.sessions.filter((session) => !known.has(session.sessionId))]), page.nextCursor);
      })
      .catch((error: unknown) => {
        status.textContent = wordsForHttpStatus(isApiError(error) ? error.status : 0);
      })
      .finally(() => {
        older.disabled = false;
      });
  });

  const row = (session: SessionSummary): HTMLElement => {
    const name = namesTogether([...sessionPersonaNames(options.personas(), session).values()]);
    const active = isSessionLive(session);
    const current = options.currentSessionId() === session.sessionId;
    const end = h("button", { type: "button", class: "secondary", "aria-label": `End the chat with ${name} from ${when(session.startedAt)}` }, "End");
    end.addEventListener("click", () => {
      end.disabled = true;
      options.api
        .endSession(session.sessionId)
        .then(load)
        .catch((error: unknown) => {
          end.disabled = false;
          status.textContent = wordsForHttpStatus(isApiError(error) ? error.status : 0);
        });
    });
    const open = h("button", { type: "button", "aria-label": `${active ? "Continue" : "Read"} the chat with ${name} from ${when(session.startedAt)}`, onclick: () => options.onOpen(session) }, active ? "Continue" : "Read");
    return h(
      "li",
      { class: "card row", "data-session-id": session.sessionId },
      h(
        "div",
        {},
        h("strong", {}, name),
        current ? " (open now)" : "",
        h("div", { class: "muted" }, `${when(session.startedAt)} · ${session.turns} ${session.turns === 1 ? "message" : "messages"} · ${active ? session.status : `ended${session.endReason ? ` (${session.endReason.replace(/_/g, " ")})` : ""}`}`),
      ),
      h("div", { class: "actions" }, open, active ? end : null),
    );
  };

  void load();
  return section;
};
