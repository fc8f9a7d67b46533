// The chat screen: persona picker or transcript, typing line, safety notices with helplines, rate-limit countdown, composer.
import type { PersonaSummary } from "../api/httpApi";
import type { ChatController, ChatSnapshot } from "../chat/chatController";
import type { LinkState } from "../chat/chatConnection";
import { DEFAULT_PERSONA_ID, namesTogether, personaName, sessionPersonaNames } from "../chat/personas";
import { rateLimitWords } from "../chat/teenWords";
import type { TranscriptEntry } from "../chat/transcript";
import { announce, h, replaceChildren } from "../dom";
import type { MessageKey, Say } from "../language/messages";
import { helplineList } from "./helplineList";
import { personaPicker, START_BUTTON_ID, type PickerChoice } from "./personaPicker";

/** The gateway's limit on one message (MAX_CONTENT_CHARS in the protocol). */
const MAX_MESSAGE_CHARS = 4000;

const LINK_WORDS: Record<LinkState, MessageKey> = {
  connecting: "linkConnecting",
  open: "linkOpen",
  reconnecting: "linkReconnecting",
  offline: "linkOffline",
  unauthorized: "linkUnauthorized",
  closed: "linkClosed",
};

/** The server's answer options shown in the teen's words; the option itself is what is sent back. Others show as given. */
const FEEDBACK_OPTION_WORDS: Partial<Record<string, MessageKey>> = { great: "feedbackGreat", okay: "feedbackOkay", "not great": "feedbackNotGreat" };

/**
 * `speaker` is who wrote an assistant entry. A safety notice's own words come from the server in the teen's language
 * (their browser's, sent with each start): its heading and list are said in the same one.
 */
const entryContent = (say: Say, entry: TranscriptEntry, speaker: string, canResend: boolean, resend: (id: string) => void): (Node | string)[] => {
  if (entry.role === "notice") {
    const helplines = entry.helplines ?? [];
    return [
      h("h3", {}, say(helplines.length > 0 ? "noticeHelpIsHere" : "noticeNote")),
      h("p", {}, entry.text),
      ...(helplines.length > 0 ? [helplineList(say, helplines)] : []),
    ];
  }
  if (entry.role === "assistant") {
    return [
      h("span", { class: "who" }, speaker),
      h("span", { class: "text" }, entry.text || "…"),
      ...(entry.state === "retracted" ? [h("span", { class: "meta" }, say("replyRetracted"))] : []),
      ...(entry.state === "interrupted" ? [h("span", { class: "meta" }, say("replyCutOff"))] : []),
    ];
  }
  const meta =
    entry.state === "sending"
      ? h("span", { class: "meta" }, say("sending"))
      : entry.state === "not_sent"
        ? h(
            "span",
            { class: "meta" },
            say("notSent"),
            h("button", { type: "button", class: "link", disabled: !canResend, onclick: () => entry.clientMessageId && resend(entry.clientMessageId) }, say("sendAgain")),
          )
        : null;
  return [h("span", { class: "visually-hidden" }, say("you")), h("span", { class: "text" }, entry.text), ...(meta ? [meta] : [])];
};

export class ChatView {
  readonly element: HTMLElement;
  private readonly pickerHost = h("div", {});
  private readonly chatHost = h("section", { class: "chat", "aria-labelledby": "chat-title" });
  private readonly title = h("h2", { id: "chat-title" });
  private readonly linkBadge = h("span", { class: "link-state", role: "status" });
  private readonly endButton: HTMLButtonElement;
  private readonly transcriptList: HTMLOListElement;
  private readonly agentStatusLine = h("p", { class: "agent-status", role: "status" });
  private readonly rateLimitLine = h("p", { class: "rate-limit", hidden: true, "aria-live": "off" });
  private readonly problemLine = h("p", { class: "problem", role: "alert" });
  private readonly textarea = h("textarea", { id: "composer-input", name: "message", rows: 1, maxlength: MAX_MESSAGE_CHARS, autocomplete: "off", enterkeyhint: "send" });
  private readonly sendButton: HTMLButtonElement;
  private readonly composer: HTMLFormElement;
  private readonly composerLabel: HTMLLabelElement;
  private readonly endedBox = h("div", { class: "session-ended card stack", hidden: true });
  private readonly feedbackBox: HTMLElement;
  private feedbackShownFor: string | undefined;
  private readonly rendered = new Map<string, { item: HTMLLIElement; signature: string }>();
  private countdown: number | undefined;
  private pickerShownFor: string | undefined;
  /** Whether the picker is on screen now: it is shown again on returning to Chat, and after a chat is left. */
  private pickerOnScreen = false;
  private wasStarting = false;
  private pickerChoice: PickerChoice = { kind: "one", personaId: DEFAULT_PERSONA_ID, groupIds: [] };
  private unsubscribe: (() => void) | undefined;
  private lastSnapshot: ChatSnapshot | undefined;
  private lastSessionId: string | undefined;

  constructor(
    private readonly say: Say,
    private readonly controller: ChatController,
    private readonly personas: () => readonly PersonaSummary[],
    /**
     * Asks for the persona list again: whenever the picker comes on screen, and after a start is refused, since a
     * persona may have been deleted or become ready elsewhere since the list was loaded.
     */
    private readonly reloadPersonas: () => void,
  ) {
    this.endButton = h("button", { type: "button", class: "secondary" }, say("endChat"));
    this.transcriptList = h("ol", { class: "transcript", role: "log", "aria-live": "polite", "aria-relevant": "additions text", "aria-label": say("transcript"), tabindex: 0 });
    this.sendButton = h("button", { type: "submit" }, say("send"));
    this.composer = h("form", { class: "composer", "aria-label": say("composer") });
    this.composerLabel = h("label", { for: "composer-input", class: "visually-hidden" }, say("yourMessage"));
    this.feedbackBox = h("section", { class: "feedback card stack", hidden: true, "aria-label": say("feedbackRegion") });
    this.endButton.addEventListener("click", () => void this.controller.endSession());
    this.composer.append(this.composerLabel, this.textarea, this.sendButton);
    this.composer.addEventListener("submit", (event) => {
      event.preventDefault();
      this.sendTyped();
    });
    this.textarea.addEventListener("keydown", (event) => {
      // Enter sends, Shift+Enter adds a line, as in every chat app; not while an IME is composing.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.sendTyped();
      }
    });
    this.chatHost.append(
      h("div", { class: "chat-header" }, this.title, this.linkBadge, this.endButton),
      this.transcriptList,
      // Status, limits, problems and the composer stay in view at the bottom while the transcript scrolls above them.
      h("div", { class: "dock" }, this.agentStatusLine, this.rateLimitLine, this.problemLine, this.feedbackBox, this.endedBox, this.composer),
    );
    this.element = h("div", { class: "chat-view" }, this.pickerHost, this.chatHost);
  }

  mount(): void {
    this.unsubscribe = this.controller.subscribe((snapshot, completed) => this.update(snapshot, completed));
  }

  unmount(): void {
    this.unsubscribe?.();
    this.pickerOnScreen = false;
    window.clearInterval(this.countdown);
  }

  /** Re-renders when the persona list came in; the picker is drawn again only when a persona in it changed. */
  refreshPersonas(): void {
    if (this.lastSnapshot) this.update(this.lastSnapshot, undefined);
  }

  private sendTyped() {
    const text = this.textarea.value;
    if (text.trim().length === 0) {
      this.problemLine.textContent = this.say("errorEmpty");
      return;
    }
    if (this.sendButton.disabled) return;
    this.controller.send(text);
    this.textarea.value = "";
    this.textarea.focus();
  }

  private update(snapshot: ChatSnapshot, completed: TranscriptEntry | undefined) {
    this.lastSnapshot = snapshot;
    const session = snapshot.session;
    this.pickerHost.hidden = session !== undefined;
    this.chatHost.hidden = session === undefined;
    // An ended chat takes no more messages whatever the link does: the badge says so rather than "Connected".
    const chatOver = session?.ended !== undefined;
    this.linkBadge.textContent = this.say(chatOver ? "chatEndedBadge" : LINK_WORDS[snapshot.link]);
    this.linkBadge.dataset.state = chatOver ? "ended" : snapshot.link;

    const refused = this.wasStarting && !snapshot.starting && !session;
    this.wasStarting = snapshot.starting;
    if (!session) {
      if (!this.pickerOnScreen || refused) this.reloadPersonas();
      this.pickerOnScreen = true;
      const key = `${snapshot.starting}|${snapshot.link}|${snapshot.problem ?? ""}|${this.personas().map((p) => `${p.id}:${p.status ?? ""}:${p.displayName}`).join(",")}`;
      if (this.pickerShownFor !== key) {
        this.pickerShownFor = key;
        // The picker is drawn again as a start goes out and comes back: the keyboard stays on the control it was on.
        const focused = document.activeElement instanceof HTMLElement && this.pickerHost.contains(document.activeElement) ? document.activeElement.id : undefined;
        replaceChildren(
          this.pickerHost,
          snapshot.problem ? h("p", { class: "problem", role: "alert" }, snapshot.problem) : null,
          snapshot.link === "open" ? null : h("p", { class: "muted", role: "status" }, this.say(LINK_WORDS[snapshot.link])),
          personaPicker({
            say: this.say,
            personas: this.personas(),
            choice: this.pickerChoice,
            busy: snapshot.starting,
            onStart: (personaIds) => this.controller.startSession(personaIds),
            onChange: (choice) => (this.pickerChoice = choice),
          }),
        );
        if (focused !== undefined) (document.getElementById(focused || START_BUTTON_ID) ?? document.getElementById(START_BUTTON_ID))?.focus();
      }
      return;
    }
    this.pickerShownFor = undefined;
    this.pickerOnScreen = false;
    // A chat just opened (picked, reopened or restored): the keyboard goes where the teen will type.
    if (this.lastSessionId !== session.sessionId) {
      this.lastSessionId = session.sessionId;
      if (!session.ended) window.setTimeout(() => this.textarea.focus(), 0);
    }

    const names = sessionPersonaNames(this.personas(), session);
    const persona = namesTogether(this.say, [...names.values()]);
    const nameOf = (personaId: string) => names.get(personaId) ?? personaName(this.personas(), personaId);
    // Each reply is signed by the persona that wrote it: in a group, not the session's first persona.
    const speakerOf = (entry: TranscriptEntry) => entry.personaName ?? (entry.personaId ? nameOf(entry.personaId) : nameOf(session.personaId));
    this.title.textContent = this.say("chatWith", { persona });
    this.composerLabel.textContent = this.say("messageTo", { persona });
    this.textarea.placeholder = this.say("messagePlaceholder", { persona });
    this.endButton.hidden = session.ended !== undefined;

    const rateLimited = snapshot.rateLimit !== undefined;
    this.renderTranscript(snapshot.entries, speakerOf, !rateLimited);
    // In a group the server picks who answers: no name until its first frame about the turn says.
    const busy = snapshot.agentPersonaId ? nameOf(snapshot.agentPersonaId) : names.size === 1 ? persona : undefined;
    const doing = snapshot.agentStatus === "thinking" ? "thinking" : "typing";
    this.agentStatusLine.textContent = snapshot.loading
      ? this.say("loadingEarlier")
      : snapshot.agentStatus === undefined
        ? ""
        : busy
          ? this.say(doing === "thinking" ? "personaThinking" : "personaTyping", { persona: busy })
          : this.say(doing === "thinking" ? "thinking" : "typing");
    this.problemLine.textContent = snapshot.problem ?? "";
    this.renderRateLimit(snapshot);

    const ended = session.ended !== undefined;
    this.composer.hidden = ended;
    this.sendButton.disabled = rateLimited;
    this.endedBox.hidden = !ended;
    if (ended && this.endedBox.childElementCount === 0) {
      replaceChildren(
        this.endedBox,
        h("p", {}, this.say("chatEndedBody")),
        h("button", { type: "button", onclick: () => this.controller.leaveSession() }, this.say("startNewChat")),
      );
    } else if (!ended) this.endedBox.replaceChildren();

    this.renderFeedback(snapshot);

    if (completed?.role === "notice") announce(this.say("noticeAnnounced"));
  }

  /** The server's question about a chat, with its options as buttons; thanks once the answer is recorded. */
  private renderFeedback(snapshot: ChatSnapshot) {
    const prompt = snapshot.feedback;
    this.feedbackBox.hidden = prompt === undefined;
    const key = prompt ? `${prompt.requestId}|${prompt.answered ?? ""}|${prompt.sending === true}` : undefined;
    if (this.feedbackShownFor === key) return;
    this.feedbackShownFor = key;
    if (!prompt) {
      this.feedbackBox.replaceChildren();
      return;
    }
    const close = h("button", { type: "button", class: "link", onclick: () => this.controller.dismissFeedback() }, this.say(prompt.answered === undefined ? "feedbackNotNow" : "feedbackClose"));
    if (prompt.answered !== undefined) {
      replaceChildren(this.feedbackBox, h("p", { role: "status" }, this.say("feedbackThanks")), close);
      return;
    }
    replaceChildren(
      this.feedbackBox,
      h("p", { id: `feedback-${prompt.requestId}` }, prompt.question),
      h(
        "div",
        { class: "feedback-options", role: "group", "aria-labelledby": `feedback-${prompt.requestId}` },
        ...prompt.options.map((option) => h("button", { type: "button", class: "secondary", disabled: prompt.sending === true, onclick: () => this.controller.answerFeedback(option) }, this.optionWords(option))),
      ),
      close,
    );
  }

  private optionWords(option: string): string {
    const key = FEEDBACK_OPTION_WORDS[option];
    return key === undefined ? option : this.say(key);
  }

  private renderTranscript(entries: readonly TranscriptEntry[], speakerOf: (entry: TranscriptEntry) => string, canResend: boolean) {
    const list = this.transcriptList;
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    const keep = new Set(entries.map((e) => e.key));
    for (const [key, { item }] of this.rendered) {
      if (!keep.has(key)) {
        item.remove();
        this.rendered.delete(key);
      }
    }
    entries.forEach((entry, index) => {
      const speaker = entry.role === "assistant" ? speakerOf(entry) : "";
      const signature = JSON.stringify([entry.state, entry.text, entry.helplines?.length ?? 0, canResend, speaker]);
      let rendered = this.rendered.get(entry.key);
      if (!rendered) {
        const item = h("li", { class: entry.role === "notice" ? "bubble safety-notice" : "bubble", ...(entry.role === "notice" ? { role: "alert" } : {}) });
        rendered = { item, signature: "" };
        this.rendered.set(entry.key, rendered);
      }
      const { item } = rendered;
      if (rendered.signature !== signature) {
        rendered.signature = signature;
        item.dataset.role = entry.role;
        item.dataset.state = entry.state;
        item.dataset.key = entry.key;
        if (entry.messageId) item.dataset.messageId = entry.messageId;
        if (entry.personaId) item.dataset.personaId = entry.personaId;
        // While a reply streams in, screen readers wait for the whole of it rather than reading every sentence twice.
        item.setAttribute("aria-busy", entry.state === "streaming" ? "true" : "false");
        replaceChildren(item, ...entryContent(this.say, entry, speaker, canResend, (id) => this.controller.resend(id)));
      }
      if (list.children[index] !== item) list.insertBefore(item, list.children[index] ?? null);
    });
    if (nearBottom) list.scrollTop = list.scrollHeight;
  }

  private renderRateLimit(snapshot: ChatSnapshot) {
    const limit = snapshot.rateLimit;
    window.clearInterval(this.countdown);
    if (!limit) {
      if (!this.rateLimitLine.hidden) announce(rateLimitWords(this.say, "user", 0));
      this.rateLimitLine.hidden = true;
      return;
    }
    const wasHidden = this.rateLimitLine.hidden;
    const tick = () => {
      const secondsLeft = Math.max(0, Math.ceil((limit.until - Date.now()) / 1000));
      this.rateLimitLine.textContent = rateLimitWords(this.say, limit.scope, secondsLeft);
      this.rateLimitLine.dataset.secondsLeft = String(secondsLeft);
      if (secondsLeft === 0) {
        window.clearInterval(this.countdown);
        // The limit has lifted: re-render from a fresh snapshot so Send and "Send again" come back.
        this.update(this.controller.snapshot(), undefined);
      }
    };
    this.rateLimitLine.hidden = false;
    tick();
    if (wasHidden) announce(this.rateLimitLine.textContent ?? "");
    this.countdown = window.setInterval(tick, 250);
  }
}
