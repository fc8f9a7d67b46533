// The signed-in app: top bar and tabs (chat, your chats, memory, operator), features detected from the API, hash routing.
import { HttpApi, isSessionLive, type PersonaSummary } from "./api/httpApi";
import { isExpired, type SignedIn } from "./auth/token";
import { ChatController } from "./chat/chatController";
import { BUILT_IN_PERSONAS, personaName, pickerPersonas } from "./chat/personas";
import type { WebConfig } from "./config";
import { h, replaceChildren } from "./dom";
import type { MessageKey, Say } from "./language/messages";
import { ChatView } from "./views/chatView";
import { memoryView } from "./views/memoryView";
import { OperatorView } from "./views/operatorView";
import { sessionsView } from "./views/sessionsView";

type Route = "chat" | "chats" | "memory" | "operator";

interface Features {
  memory: boolean;
  operator: boolean;
}

interface Mounted {
  route: Route;
  unmount: () => void;
}

const ROUTES: { route: Route; label: MessageKey }[] = [
  { route: "chat", label: "navChat" },
  { route: "chats", label: "navChats" },
  { route: "memory", label: "navMemory" },
  { route: "operator", label: "navOperator" },
];

/** Whether a hash is the app's own route ("#/chats") or none at all, rather than a place in the page ("#main"). */
const isRouteHash = (hash: string): boolean => hash === "" || hash === "#" || hash.startsWith("#/");

const routeOf = (hash: string): Route => {
  const name = hash.replace(/^#\/?/, "");
  return ROUTES.some((r) => r.route === name) ? (name as Route) : "chat";
};

/** The zone the browser's clock shows, when it names one (a server given none resolves dates in UTC). */
const browserTimeZone = (): string | undefined => {
  const zone: unknown = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === "string" && zone.length > 0 ? zone : undefined;
};

export class App {
  private readonly api: HttpApi;
  private readonly controller: ChatController;
  private personas: readonly PersonaSummary[] = BUILT_IN_PERSONAS;
  /** The list being asked for, so that however often the picker comes back only one request is out at a time. */
  private personasLoading: Promise<void> | undefined;
  /** False once `GET /personas` answered 404: a deployment without it is not asked again. */
  private personasListed = true;
  private readonly features: Features;
  private readonly main = h("main", { id: "main", tabindex: -1 });
  private readonly nav = h("ul", {});
  private readonly chatView: ChatView;
  private mounted: Mounted | undefined;

  constructor(
    private readonly say: Say,
    private readonly config: WebConfig,
    private readonly signedIn: SignedIn,
    private readonly onSignOut: (reason?: string) => void,
  ) {
    const token = () => (isExpired(this.signedIn) ? undefined : this.signedIn.token);
    this.api = new HttpApi(config.apiUrl, token);
    this.features = { memory: false, operator: config.eventTapUrl !== undefined };
    this.controller = new ChatController({
      websocketUrl: config.websocketUrl,
      userId: signedIn.userId,
      token,
      api: this.api,
      locale: navigator.language || "en-US",
      timeZone: browserTimeZone(),
      personaName: (personaId) => personaName(this.personas, personaId),
      say,
      onUnauthorized: () => this.onSignOut(say("signInRanOut")),
      onPersonaReady: () => void this.loadPersonas(),
    });
    this.chatView = new ChatView(
      say,
      this.controller,
      () => this.personas,
      () => void this.loadPersonas(),
    );
  }

  render(root: HTMLElement): void {
    const say = this.say;
    const signOut = h("button", { type: "button", class: "secondary", onclick: () => this.signOut() }, say("signOut"));
    replaceChildren(
      root,
      h("a", { class: "skip-link", href: "#main" }, say("skipToContent")),
      h(
        "div",
        { class: "shell" },
        h(
          "header",
          { class: "topbar" },
          h("p", { class: "brand" }, "InnerWorld"),
          h("nav", { "aria-label": say("navSections") }, this.nav),
          h("span", { class: "muted greeting" }, say("greeting"), h("strong", { id: "signed-in-as" }, this.signedIn.displayName)),
          signOut,
        ),
        this.main,
      ),
      h("div", { id: "announcer", class: "visually-hidden", "aria-live": "polite", role: "status" }),
    );
    window.addEventListener("hashchange", this.routeChanged);
    this.renderNav();
    this.routeChanged();
    void this.controller.start();
    void this.detectFeatures();
  }

  /**
   * Back to sign-in, `reason` said there. The chat this tab kept goes too: a shared device's next user must not find
   * this teen's chat (its session, messages not yet sent), nor anyone an erased account's.
   */
  private signOut(reason?: string) {
    this.stop();
    this.controller.forgetStored();
    this.onSignOut(reason);
  }

  stop(): void {
    window.removeEventListener("hashchange", this.routeChanged);
    this.mounted?.unmount();
    this.controller.stop();
  }

  /**
   * Personas and memory light up when their routes answer; a 404 (not built yet) leaves the built-ins and hides the tab.
   * Any other failure (a 5xx, the network) keeps the tab: the view asks again when it is opened and says if it cannot.
   */
  private async detectFeatures() {
    const [, memory] = await Promise.allSettled([this.loadPersonas(), this.api.memory()]);
    this.features.memory = memory.status === "rejected" || memory.value.available;
    if (!this.features.operator) this.features.operator = await this.api.adminStatus().then((s) => s.available, () => false);
    this.renderNav();
  }

  /**
   * The persona list, asked for at sign-in and again whenever the picker comes back, so a persona deleted or made ready
   * elsewhere shows as it is now. A call while one is out joins it; a failed call keeps the list the app has.
   */
  private loadPersonas(): Promise<void> {
    if (!this.personasListed) return Promise.resolve();
    this.personasLoading ??= this.api
      .personas()
      .then(
        (listed) => {
          if (!listed.available) {
            this.personasListed = false;
            return;
          }
          this.personas = pickerPersonas(listed.value);
          this.chatView.refreshPersonas();
        },
        () => undefined,
      )
      .finally(() => (this.personasLoading = undefined));
    return this.personasLoading;
  }

  private available(route: Route): boolean {
    if (route === "memory") return this.features.memory;
    if (route === "operator") return this.features.operator;
    return true;
  }

  private renderNav() {
    const current = this.mounted?.route ?? routeOf(window.location.hash);
    replaceChildren(
      this.nav,
      ...ROUTES.filter((r) => this.available(r.route)).map((r) =>
        h("li", {}, h("a", { href: `#/${r.route}`, ...(r.route === current ? { "aria-current": "page" } : {}) }, this.say(r.label))),
      ),
    );
  }

  private readonly routeChanged = () => {
    // A hash that names no route (the skip link's "#main") moves the focus within the page, not to another view.
    if (this.mounted && !isRouteHash(window.location.hash)) return;
    const route = routeOf(window.location.hash);
    if (this.mounted?.route === route) return;
    this.mounted?.unmount();
    this.main.parentElement?.classList.toggle("wide", route === "operator");
    this.main.parentElement?.classList.toggle("chat-route", route === "chat");
    if (route === "chat") {
      replaceChildren(this.main, this.chatView.element);
      this.chatView.mount();
      this.mounted = { route, unmount: () => this.chatView.unmount() };
    } else if (route === "chats") {
      replaceChildren(
        this.main,
        sessionsView({
          say: this.say,
          api: this.api,
          personas: () => this.personas,
          currentSessionId: () => this.controller.snapshot().session?.sessionId,
          onOpen: (session) => {
            void this.controller.openSession({
              sessionId: session.sessionId,
              personaId: session.personaId,
              ...(session.personaIds ? { personaIds: session.personaIds } : {}),
              ...(session.personas ? { personas: session.personas } : {}),
              ...(isSessionLive(session) ? {} : { ended: { reason: session.endReason ?? "ended" } }),
            });
            window.location.hash = "#/chat";
          },
        }),
      );
      this.mounted = { route, unmount: () => undefined };
    } else if (route === "memory") {
      replaceChildren(this.main, memoryView(this.say, this.api, () => this.signOut(this.say("accountDeleted"))));
      this.mounted = { route, unmount: () => undefined };
    } else {
      const view = new OperatorView({ api: this.api, eventTapUrl: this.config.eventTapUrl, userId: this.signedIn.userId, token: () => (isExpired(this.signedIn) ? undefined : this.signedIn.token) });
      replaceChildren(this.main, view.element);
      view.mount();
      this.mounted = { route, unmount: () => view.unmount() };
    }
    this.renderNav();
  };
}
