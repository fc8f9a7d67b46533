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
  const section = h("section", { class: "stack", "aria-labelledby": "sessions-title" }, h("h2", { id: "sessions-title" }, "Your chats"), status, list);

  const load = async () => {
    try {
      const sessions = (await options.api.listSessions()).sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
      status.textContent = sessions.length === 0 ? "No chats yet. Start one from the Chat tab." : `${sessions.length} ${sessions.length === 1 ? "chat" : "chats"}`;
      replaceChildren(list, ...sessions.map(row));
    } catch (error) {
      status.textContent = wordsForHttpStatus(isApiError(error) ? error.status : 0);
    }
  };

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
