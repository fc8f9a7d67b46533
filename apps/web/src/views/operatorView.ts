// The operator view: every turn's events across the services as they happen, hop timings, dead letters, health and admin status.
import { isApiError, type HttpApi } from "../api/httpApi";
import { h, replaceChildren } from "../dom";
import { TAP_EVENT_DEAD_LETTERS, TAP_EVENT_TURN, type TapDeadLetters, type TapTurn } from "../operator/tapFrames";
import { barOf, formatMs, TurnBoard } from "../operator/turnBoard";

export interface OperatorViewOptions {
  api: HttpApi;
  eventTapUrl: string | undefined;
  /** The signed-in user, so their own turns can be picked out. */
  userId: string;
  /** The signed-in teen's token: the tap shows a teen their own turns, and an admin everyone's. */
  token: () => string | undefined;
}

const turnItem = (turn: TapTurn, userId: string): HTMLElement => {
  const first = turn.steps[0];
  const mine = turn.userId === userId;
  return h(
    "li",
    { class: "card turn", "data-correlation-id": turn.correlationId },
    h(
      "h3",
      {},
      `${first?.type ?? "Turn"} ${turn.correlationId.slice(0, 8)} · `,
      mine ? "you" : (turn.userId ?? "someone"),
      ` · ${turn.steps.length} ${turn.steps.length === 1 ? "event" : "events"} · ${formatMs(turn.totalMs)}`,
    ),
    h(
      "ol",
      { class: "steps", "aria-label": `Events of ${turn.correlationId}` },
      ...turn.steps.map((step) => {
        const bar = barOf(step, turn.totalMs);
        const fill = h("span", {});
        fill.style.left = `${bar.left}%`;
        fill.style.width = `${bar.width}%`;
        return h(
          "li",
          { class: "step", "data-event-type": step.type, "data-producer": step.producer },
          h("span", { class: "service" }, step.producer),
          h("span", { class: "what" }, "↳ ".repeat(Math.min(step.depth, 4)), step.type, step.copies > 1 ? ` ×${step.copies}` : "", step.summary ? h("small", {}, step.summary) : null),
          h("span", { class: "hop", title: "time since the event that caused it" }, step.hopMs === undefined ? "start" : `+${formatMs(step.hopMs)}`),
          h("div", { class: "bar", "aria-hidden": "true" }, fill),
        );
      }),
    ),
  );
};

export class OperatorView {
  readonly element: HTMLElement;
  private source: EventSource | undefined;
  private readonly board = new TurnBoard();
  private readonly turnList = h("ol", { class: "turns", "aria-label": "Recent turns, newest first" });
  private readonly tapState = h("p", { role: "status", class: "muted" });
  private readonly deadLetters = h("ul", { class: "dead-letters", "aria-label": "Dead-letter queues" });
  private readonly health = h("div", { class: "health card", hidden: true });
  private readonly admin = h("div", { class: "health card", hidden: true });
  private onlyMine = false;

  constructor(private readonly options: OperatorViewOptions) {
    const mineToggle = h("input", { type: "checkbox", id: "only-mine" });
    mineToggle.addEventListener("change", () => {
      this.onlyMine = mineToggle.checked;
      this.renderTurns();
    });
    this.element = h(
      "section",
      { class: "stack operator", "aria-labelledby": "operator-title" },
      h("h2", { id: "operator-title" }, "Operator: live turns"),
      h("p", { class: "muted" }, "Each turn's events across the services, in causal order, with the time each hop took. The teens' words are never shown here."),
      this.tapState,
      h("h3", {}, "Dead letters"),
      this.deadLetters,
      this.health,
      this.admin,
      h("div", { class: "row" }, h("h3", {}, "Turns"), h("label", { for: "only-mine" }, mineToggle, " Only my turns")),
      this.turnList,
    );
  }

  mount(): void {
    void this.loadHealth();
    if (!this.options.eventTapUrl) {
      this.tapState.textContent = "No live event tap here: run the local cloud with `pnpm start` to watch turns; in the cloud the admin API will feed this view.";
      return;
    }
    this.tapState.textContent = "Connecting to the event tap…";
    // EventSource sends no Authorization header: the token goes in the query, over loopback only.
    const source = new EventSource(`${this.options.eventTapUrl}?token=${encodeURIComponent(this.options.token() ?? "")}`);
    this.source = source;
    source.onopen = () => (this.tapState.textContent = "Live: new events appear as they happen.");
    source.onerror = () => (this.tapState.textContent = "Lost the event tap; reconnecting…");
    source.addEventListener(TAP_EVENT_TURN, (event) => {
      if (this.board.upsert(JSON.parse((event as MessageEvent<string>).data) as TapTurn)) this.renderTurns();
    });
    source.addEventListener(TAP_EVENT_DEAD_LETTERS, (event) => this.renderDeadLetters(JSON.parse((event as MessageEvent<string>).data) as TapDeadLetters));
  }

  unmount(): void {
    this.source?.close();
    this.source = undefined;
  }

  private renderTurns() {
    const turns = this.board.list().filter((t) => !this.onlyMine || t.userId === this.options.userId);
    replaceChildren(this.turnList, ...(turns.length > 0 ? turns.map((t) => turnItem(t, this.options.userId)) : [h("li", { class: "muted" }, "No turns yet. Send a message in the Chat tab and watch it travel.")]));
  }

  private renderDeadLetters(deadLetters: TapDeadLetters) {
    const entries = Object.entries(deadLetters.counts).sort(([a], [b]) => a.localeCompare(b));
    const total = entries.reduce((sum, [, n]) => sum + n, 0);
    replaceChildren(
      this.deadLetters,
      ...entries.map(([service, count]) => h("li", { "data-service": service, "data-count": String(count) }, `${service}: ${count}`)),
      h("li", { "data-total": String(total) }, total === 0 ? "none waiting" : `${total} waiting in all`),
    );
  }

  private async loadHealth() {
    try {
      const health = await this.options.api.health();
      if (health.available) {
        this.health.hidden = false;
        replaceChildren(
          this.health,
          h("h3", {}, `Health: ${health.value.ok ? "ready" : "not ready"}`),
          h("dl", {}, ...Object.entries(health.value.parts).flatMap(([name, state]) => [h("dt", {}, name), h("dd", {}, state)])),
        );
      }
      const admin = await this.options.api.adminStatus();
      if (admin.available) {
        this.admin.hidden = false;
        replaceChildren(
          this.admin,
          h("h3", {}, "Admin status"),
          h("dl", {}, ...Object.entries(admin.value).flatMap(([name, value]) => [h("dt", {}, name), h("dd", {}, typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value))])),
        );
      }
    } catch (error) {
      this.health.hidden = false;
      this.health.textContent = `Couldn't read health or admin status (${isApiError(error) ? error.status : "offline"}).`;
    }
  }
}
