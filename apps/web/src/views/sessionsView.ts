// "Your chats": the teen's sessions from the read API, to reopen one (history, and live if still active) or end it.
import { isApiError, isSessionLive, type HttpApi, type PersonaSummary, type SessionSummary } from "../api/httpApi";
import { namesTogether, sessionPersonaNames } from "../chat/personas";
import { wordsForHttpStatus } from "../chat/teenWords";
import { h, replaceChildren } from "../dom";
import { sayCount, type MessageKey, type Say } from "../language/messages";

export interface SessionsViewOptions {
  say: Say;
  api: HttpApi;
  personas: () => readonly PersonaSummary[];
  currentSessionId: () => string | undefined;
  onOpen: (session: SessionSummary) => void;
}

const when = (iso: string | undefined): string => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "");

/** A session's state in words: its status, and why it ended when the server says; an unknown one as the server gave it. */
const STATUS_WORDS: Partial<Record<string, MessageKey>> = { active: "sessionActive", paused: "sessionPaused" };
const END_REASON_WORDS: Partial<Record<string, MessageKey>> = {
  client_end: "endReasonClientEnd",
  disconnect: "endReasonDisconnect",
  idle: "endReasonIdle",
  expired: "endReasonExpired",
  persona_deleted: "endReasonPersonaDeleted",
};

const stateWords = (say: Say, session: SessionSummary): string => {
  if (isSessionLive(session)) {
    const key = STATUS_WORDS[session.status];
    return key === undefined ? session.status : say(key);
  }
  if (!session.endReason) return say("sessionEnded");
  const reasonKey = END_REASON_WORDS[session.endReason];
  return say("sessionEndedBecause", { reason: reasonKey === undefined ? session.endReason.replace(/_/g, " ") : say(reasonKey) });
};

export const sessionsView = (options: SessionsViewOptions): HTMLElement => {
  const { say } = options;
  const httpProblem = (error: unknown) => wordsForHttpStatus(say, isApiError(error) ? error.status : 0);
  const list = h("ul", { class: "plain-list", "aria-label": say("navChats") });
  const status = h("p", { role: "status", class: "muted" }, say("chatsLoading"));
  // The API gives a page of the newest chats at a time; older ones come a page more per press.
  const older = h("button", { type: "button", class: "secondary", hidden: true }, say("chatsOlder"));
  const section = h("section", { class: "stack", "aria-labelledby": "sessions-title" }, h("h2", { id: "sessions-title" }, say("navChats")), status, list, older);
  let shown: SessionSummary[] = [];
  let nextCursor: string | undefined;

  const show = (sessions: SessionSummary[], cursor: string | undefined) => {
    shown = sessions;
    nextCursor = cursor;
    const count = sayCount(say, sessions.length, "chatsCountOne", "chatsCountMany");
    status.textContent = sessions.length === 0 ? say("chatsNone") : cursor === undefined ? count : say("chatsNewestFirst", { count });
    older.hidden = cursor === undefined;
    replaceChildren(list, ...sessions.map(row));
  };

  const newestFirst = (sessions: SessionSummary[]) => [...sessions].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));

  const load = async () => {
    try {
      const page = await options.api.sessionsPage();
      show(newestFirst(page.sessions), page.nextCursor);
    } catch (error) {
      status.textContent = httpProblem(error);
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
        status.textContent = httpProblem(error);
      })
      .finally(() => {
        older.disabled = false;
      });
  });

  const row = (session: SessionSummary): HTMLElement => {
    const persona = namesTogether(say, [...sessionPersonaNames(options.personas(), session).values()]);
    const started = when(session.startedAt);
    const active = isSessionLive(session);
    const current = options.currentSessionId() === session.sessionId;
    const end = h("button", { type: "button", class: "secondary", "aria-label": say("chatEndLabel", { persona, when: started }) }, say("chatEnd"));
    end.addEventListener("click", () => {
      end.disabled = true;
      options.api
        .endSession(session.sessionId)
        .then(load)
        .catch((error: unknown) => {
          end.disabled = false;
          status.textContent = httpProblem(error);
        });
    });
    const open = h(
      "button",
      { type: "button", "aria-label": say(active ? "chatContinueLabel" : "chatReadLabel", { persona, when: started }), onclick: () => options.onOpen(session) },
      say(active ? "chatContinue" : "chatRead"),
    );
    return h(
      "li",
      { class: "card row", "data-session-id": session.sessionId },
      h(
        "div",
        {},
        h("strong", {}, persona),
        current ? say("chatOpenNow") : "",
        h("div", { class: "muted" }, `${started} · ${sayCount(say, session.turns, "chatMessagesOne", "chatMessagesMany")} · ${stateWords(say, session)}`),
      ),
      h("div", { class: "actions" }, open, active ? end : null),
    );
  };

  void load();
  return section;
};
