// The web client in a real browser against the whole local cloud: streaming, crisis helplines, reload and network drop, phone, operator.
import { readFile } from "node:fs/promises";
import { GetItemCommand, PutItemCommand, ScanCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventPublisher } from "@innerworld/events";
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer, type RecordedRequest } from "@innerworld/emulators/model-server";
import { CHROMIUM_MISSING, CHROMIUM_SKIP_REASON, launchBrowser, PHONE, type Page, type TestBrowser } from "@innerworld/testing/browser";
import { startTestCloud, type TestCloud } from "@innerworld/testing/cloud";
import { ChatClient, mintToken } from "@innerworld/testing/chat-client";
import { holdableClock } from "@innerworld/testing/clock";
import { readApiAs } from "@innerworld/testing/read-api";
import { newSessionRecord } from "@innerworld/conversation/sessions";
import { tableNamesFor } from "@innerworld/platform/tables";
import { ENGLISH, SPANISH } from "@innerworld/web/messages";

const MODEL = "web-client-model";
/** How long a step may take on a busy machine before the test gives up: a wait, not a speed requirement. */
const WAIT = { timeout: 15_000 };
const SESSION_MESSAGES_PER_MINUTE = 4;

if (CHROMIUM_MISSING) console.warn(`web client browser tests ${CHROMIUM_SKIP_REASON}`);

const assistantBubbles = (page: Page) => page.locator('.transcript .bubble[data-role="assistant"]');
const composer = (page: Page) => page.getByRole("textbox", { name: /Message to/ });

const signIn = async (page: Page, webUrl: string, name: string) => {
  await page.goto(webUrl);
  await page.getByLabel("Sign in as").fill(name);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => page.locator("#signed-in-as").textContent(), WAIT).toBe(name);
};

const startChat = async (page: Page, persona: string) => {
  await page.getByRole("radio", { name: new RegExp(persona) }).check();
  await page.getByRole("button", { name: "Start chatting" }).click();
  await expect.poll(() => page.getByRole("heading", { name: `Chat with ${persona}` }).isVisible(), WAIT).toBe(true);
  await expect.poll(() => page.locator(".link-state").textContent(), WAIT).toBe("Connected");
};

const send = async (page: Page, text: string) => {
  await composer(page).fill(text);
  await composer(page).press("Enter");
};

/** The messageId the gateway gave the teen's newest message (the turn's correlation id). */
const acknowledgedMessageId = async (page: Page, text: string): Promise<string> => {
  const bubble = page.locator('.bubble[data-role="user"][data-state="sent"]', { hasText: text }).last();
  await bubble.waitFor();
  return (await bubble.getAttribute("data-message-id")) ?? "";
};

/** Whether `text` says `phrase` as words of its own ("Send" in "Send again", not in "Sender"). */
const saysPhrase = (text: string, phrase: string): boolean =>
  new RegExp(`(^|[^\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}])`, "u").test(text);

/**
 * The English catalog's words that Spanish never says: each message split where its values go, the pieces with a word
 * in them ("Chat with", "is typing…"), less any the Spanish catalog says too ("InnerWorld", "Chat").
 */
const ENGLISH_ONLY_WORDS = [
  ...new Set(
    Object.values(ENGLISH)
      .flatMap((message) => message.split(/\{\w+\}/))
      .map((piece) => piece.trim())
      .filter((piece) => /\p{L}{3}/u.test(piece) && !Object.values(SPANISH).some((spanish) => saysPhrase(spanish, piece))),
  ),
];

/**
 * The English catalog's words the page shows, in its text (hidden text included) or in what it tells a screen reader
 * (aria-label, placeholder, title). What the teen and the persona wrote, and the personas' own taglines, are theirs.
 */
const englishShown = async (page: Page): Promise<string[]> => {
  const shown = await page.evaluate<string[]>(`(() => {
    const theirs = '.transcript .text, [id$="-tagline"], #signed-in-as';
    const said = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement?.closest(theirs)) said.push(node.textContent ?? "");
    for (const element of document.body.querySelectorAll("[aria-label], [placeholder], [title]")) {
      if (element.closest(theirs)) continue;
      for (const name of ["aria-label", "placeholder", "title"]) said.push(element.getAttribute(name) ?? "");
    }
    return said;
  })()`);
  return ENGLISH_ONLY_WORDS.filter((words) => shown.some((text) => saysPhrase(text, words)));
};

/** Words of a reply long enough to still be streaming when the test acts, at `chunkDelayMs` per word. */
const LONG_REPLY =
  "That sounds like a lot to carry into a Friday. Tests can feel huge the night before. Let's break it into small pieces you can actually do tonight. What's the first topic on the list? We can start there together.";

// A browser test drives a whole local cloud through several steps: a budget for a busy machine, not a speed requirement.
describe.skipIf(CHROMIUM_MISSING)(`the web client in Chromium${CHROMIUM_MISSING ? ` (${CHROMIUM_SKIP_REASON})` : ""}`, { timeout: 120_000 }, () => {
  let env: TestCloud;
  let model: OpenAiCompatibleServer;
  let webUrl: string;
  let browser: TestBrowser | undefined;
  /** The services' clock: held where a test needs time to stand still for the server (a rate limit's window). */
  const clock = holdableClock();

  beforeAll(async () => {
    model = await startOpenAiCompatibleServer();
    // The generation service reads its model from the environment, as its Lambda does: a scripted, slow-enough model.
    Object.assign(process.env, {
      INNERWORLD_MODEL_BASE_URL: model.baseUrl,
      INNERWORLD_MODEL_API_KEY: "test-key",
      INNERWORLD_MODEL: MODEL,
      INNERWORLD_FALLBACK_MODELS: "",
      INNERWORLD_MODEL_TIMEOUT_MS: "30000",
      INNERWORLD_MODEL_MAX_RETRIES: "0",
      // The scripted model answers chat, not structured extraction: ended chats are mined offline,
      // and safety does not ask it for second opinions (crisisScreening.test.ts covers those).
      INNERWORLD_EXTRACTOR: "offline",
      INNERWORLD_SECOND_OPINION: "off",
    });
    env = await startTestCloud({ web: true, clock, gatewayLimits: { sessionPerMinute: SESSION_MESSAGES_PER_MINUTE } });
    webUrl = env.cloud.endpoints.webUrl ?? "";
  });

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
    await model?.close();
  });

  const open = async (options: Parameters<typeof launchBrowser>[0] = {}) => {
    await browser?.close();
    browser = await launchBrowser(options);
    return browser;
  };

  it("signs in, picks a persona, and streams a reply in as it is written", async () => {
    // About 6 s of streaming: long enough for a busy machine's browser to be seen mid-reply.
    model.setBehaviour(MODEL, { reply: LONG_REPLY, chunkDelayMs: 150 });
    const { page, screenshot } = await open();
    await signIn(page, webUrl, "web-maya");
    await screenshot("persona-picker");
    await startChat(page, "Courage");

    await send(page, "I have a maths test on Friday and I'm nervous");
    // Part of the reply shows while the rest is still being written.
    const streaming = assistantBubbles(page).and(page.locator('[data-state="streaming"]'));
    await streaming.waitFor();
    await expect.poll(async () => ((await streaming.textContent()) ?? "").length, { timeout: 10_000 }).toBeGreaterThan(10);
    await expect.poll(async () => (await streaming.count()) === 1 && (await page.locator(".agent-status").textContent()) === "Courage is typing…", WAIT).toBe(true);
    await screenshot("chat-streaming");

    const complete = assistantBubbles(page).and(page.locator('[data-state="complete"]'));
    await complete.waitFor({ timeout: 30_000 });
    expect(await complete.locator(".text").textContent()).toBe(LONG_REPLY);
    expect(await assistantBubbles(page).count()).toBe(1);
    expect(await page.locator(".agent-status").textContent()).toBe("");
    await screenshot("chat-streamed-reply");
  });

  it("names its own icon, which loads under the page's Content-Security-Policy, so a browser never asks for a /favicon.ico that is not there", async () => {
    const { page } = await open();
    for (const path of ["/", "/surveys/no-such-survey"]) {
      await page.goto(`${webUrl}${path}`);
      // An image made in the page is held to the page's own img-src, as the browser's icon is.
      const icon = await page.evaluate<{ href: string | null; width: number }>(`new Promise((resolve) => {
        const href = document.querySelector('link[rel~="icon"]')?.getAttribute("href") ?? null;
        if (!href) return resolve({ href, width: 0 });
        const image = new Image();
        image.onload = () => resolve({ href, width: image.naturalWidth });
        image.onerror = () => resolve({ href, width: 0 });
        image.src = href;
      })`);
      expect(icon.href).toMatch(/^data:image\/svg\+xml,/);
      expect(icon.width).toBeGreaterThan(0);
    }
  });

  it("starts a chat in the browser's time zone, so 'tomorrow' is the teen's tomorrow", async () => {
    const { page } = await open({ timezoneId: "Pacific/Pago_Pago" });
    // session_started names the zone the server keeps for the session (UTC when the client gave none).
    const sessionTimeZones: unknown[] = [];
    page.on("websocket", (socket) => {
      socket.on("framereceived", ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { type: string; payload: { timeZone?: unknown } };
        if (frame.type === "session_started") sessionTimeZones.push(frame.payload.timeZone);
      });
    });
    await signIn(page, webUrl, "web-tavita");
    await startChat(page, "Companion");
    expect(sessionTimeZones).toEqual(["Pacific/Pago_Pago"]);
  });

  it("shows a crisis message's helplines prominently, as links a phone can call or text", async () => {
    model.setBehaviour(MODEL, { reply: "This reply must never be generated for a crisis message." });
    const requestsBefore = model.requestsFor(MODEL).length;
    const { page, screenshot } = await open();
    await signIn(page, webUrl, "web-jordan");
    await startChat(page, "Comfort");

    await send(page, "i want to kill myself");
    const notice = page.getByRole("alert").filter({ has: page.locator(".helplines") });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getByRole("heading").textContent()).toContain("You're not alone");
    const call988 = notice.getByRole("link", { name: /^Call 988/ });
    expect(await call988.getAttribute("href")).toBe("tel:988");
    expect(await notice.getByRole("link", { name: /^Text 988/ }).getAttribute("href")).toBe("sms:988");
    expect(await notice.getByRole("link", { name: /^Text HOME to 741741/ }).getAttribute("href")).toBe("sms:741741?body=HOME");
    expect(await call988.isVisible()).toBe(true);
    // The model never saw the message: safety answered it.
    expect(model.requestsFor(MODEL).length).toBe(requestsBefore);
    await screenshot("crisis-helplines", { fullPage: true });
  });

  it("heads a Spanish-speaking teen's crisis notice in Spanish, with Mexico's helplines as links a phone can call", async () => {
    model.setBehaviour(MODEL, { reply: "This reply must never be generated for a crisis message." });
    const { page, screenshot } = await open({ locale: "es-MX" });
    // The whole page speaks Spanish to this browser: signed in and started in its words.
    await page.goto(webUrl);
    await page.getByLabel("Entrar como").fill("web-ximena");
    await page.getByRole("button", { name: "Iniciar sesión" }).click();
    await page.getByRole("radio", { name: /Comfort/ }).check();
    await page.getByRole("button", { name: "Empezar a chatear" }).click();
    await expect.poll(() => page.locator(".link-state").textContent(), WAIT).toBe("Conectado");

    const message = page.getByRole("textbox", { name: "Mensaje para Comfort" });
    await message.fill("ya no aguanto, me quiero aventar del puente");
    await message.press("Enter");
    const notice = page.getByRole("alert").filter({ has: page.locator(".helplines") });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getByRole("heading").textContent()).toBe("No tienes que pasar por esto a solas. Hay ayuda ahora mismo.");
    const helplines = notice.getByRole("list", { name: "Personas con las que puedes hablar ahora mismo" });
    expect(await helplines.getByRole("link", { name: /^Llama al 800 911 2000/ }).getAttribute("href")).toBe("tel:8009112000");
    await screenshot("crisis-helplines-es", { fullPage: true });
  });

  it("speaks Spanish to a teen whose browser reads es-MX on every screen of a chat, and shows none of the English words", async () => {
    model.setBehaviour(MODEL, { reply: "¡Tú puedes! ¿Qué tema te preocupa más?" });
    const { page, screenshot } = await open({ locale: "es-MX" });
    const noEnglish = async () => expect(await englishShown(page)).toEqual([]);
    // The check itself can fail: it finds the English words where they are shown.
    expect(ENGLISH_ONLY_WORDS).toEqual(expect.arrayContaining(["Sign in as", "Chat with", "Show older chats", "great", "What InnerWorld remembers about me"]));

    // Sign-in.
    await page.goto(webUrl);
    await page.getByRole("heading", { name: "Te damos la bienvenida a InnerWorld" }).waitFor(WAIT);
    expect(await page.evaluate<string>("document.documentElement.lang")).toBe("es");
    await page.getByRole("button", { name: "Iniciar sesión" }).click();
    await page.getByText("Primero escribe un nombre.").waitFor(WAIT);
    await noEnglish();
    await page.getByLabel("Entrar como").fill("web-valeria");
    await page.getByRole("button", { name: "Iniciar sesión" }).click();

    // The persona picker.
    await page.getByRole("group", { name: "¿Con quién quieres hablar?" }).waitFor(WAIT);
    await page.getByRole("link", { name: "Tus chats" }).waitFor(WAIT);
    await noEnglish();
    await page.getByRole("radio", { name: /Comfort/ }).check();
    await page.getByRole("button", { name: "Empezar a chatear" }).click();

    // A chat and a turn.
    await page.getByRole("heading", { name: "Chat con Comfort" }).waitFor(WAIT);
    await expect.poll(() => page.locator(".link-state").textContent(), WAIT).toBe("Conectado");
    const message = page.getByRole("textbox", { name: "Mensaje para Comfort" });
    expect(await message.getAttribute("placeholder")).toBe("Escríbele a Comfort…");
    await message.fill("tengo examen de química el viernes y estoy nerviosa");
    await page.getByRole("button", { name: "Enviar", exact: true }).click();
    await assistantBubbles(page).and(page.locator('[data-state="complete"]')).waitFor({ timeout: 15_000 });
    await noEnglish();
    await screenshot("chat-es");

    // The end of the chat, and the server's question about it, asked in Spanish and answered in one tap.
    await page.getByRole("button", { name: "Terminar chat" }).click();
    await page.getByText("Este chat terminó. Puedes leerlo aquí o empezar uno nuevo.").waitFor(WAIT);
    expect(await page.locator(".link-state").textContent()).toBe("Chat terminado");
    const feedback = page.getByRole("region", { name: "Una pregunta sobre tu chat" });
    await feedback.getByText("¿Qué tal estuvo esta conversación?").waitFor(WAIT);
    await noEnglish();
    await feedback.getByRole("button", { name: "genial", exact: true }).click();
    await feedback.getByText("Gracias por contarnos.").waitFor(WAIT);

    // "Your chats": the chat, its count of messages and why it ended, in Spanish; the answer recorded as the option itself.
    await page.getByRole("link", { name: "Tus chats" }).click();
    await page.getByRole("heading", { name: "Tus chats" }).waitFor(WAIT);
    const row = page.locator(".card[data-session-id]").first();
    await row.waitFor(WAIT);
    expect(await row.textContent()).toMatch(/Comfort.*1 mensaje.*terminado \(lo terminaste tú\)/);
    await row.getByRole("button", { name: /^Leer el chat con Comfort del / }).waitFor(WAIT);
    await noEnglish();
    const signedIn = JSON.parse((await page.evaluate<string | null>("sessionStorage.getItem('innerworld.signedIn')")) ?? "{}") as { token: string };
    const asked = await fetch(`${webUrl}/api/sessions/${await row.getAttribute("data-session-id")}/feedback`, { headers: { authorization: `Bearer ${signedIn.token}` } });
    expect(((await asked.json()) as { requests: { question: string; answer?: { choice: string } }[] }).requests).toEqual([
      expect.objectContaining({ question: "¿Qué tal estuvo esta conversación?", answer: expect.objectContaining({ choice: "great" }) }),
    ]);

    // What InnerWorld remembers, the teen's data, and deleting the account (asked, and kept).
    await page.getByRole("link", { name: "Lo que recuerdo" }).click();
    await page.getByRole("heading", { name: "Lo que InnerWorld recuerda de mí" }).waitFor(WAIT);
    await page.getByRole("button", { name: "Descargar mis datos" }).waitFor(WAIT);
    await page.getByRole("button", { name: "Borrar mi cuenta" }).click();
    await page.getByRole("button", { name: "Sí, borrar todo" }).waitFor(WAIT);
    await noEnglish();
    await screenshot("memory-es", { fullPage: true });
    await page.getByRole("button", { name: "Conservar mi cuenta" }).click();
    await page.getByRole("button", { name: "Borrar mi cuenta" }).waitFor(WAIT);
  });

  it("shows a crisis notice again with its helplines after a reload and when the chat is reopened, never as a persona's reply", async () => {
    model.setBehaviour(MODEL, { reply: "This reply must never be generated for a crisis message." });
    const { page, screenshot } = await open();
    await signIn(page, webUrl, "web-jules");
    await startChat(page, "Comfort");
    await send(page, "i want to kill myself");
    const notice = page.getByRole("alert").filter({ has: page.locator(".helplines") });
    await notice.waitFor(WAIT);
    const noticeText = await notice.locator("p").textContent();

    // History (GET /sessions/{id}/messages) brings the notice back: it must look as it did live, helplines and all.
    const shownAsItWasLive = async () => {
      await notice.waitFor(WAIT);
      await expect.poll(() => page.locator(".agent-status").textContent(), WAIT).toBe("");
      expect(await notice.getByRole("heading").textContent()).toContain("You're not alone");
      expect(await notice.locator("p").textContent()).toBe(noticeText);
      expect(await notice.getByRole("link", { name: /^Call 988/ }).getAttribute("href")).toBe("tel:988");
      expect(await notice.getByRole("link", { name: /^Text HOME to 741741/ }).getAttribute("href")).toBe("sms:741741?body=HOME");
      expect(await page.locator(".transcript .safety-notice").count()).toBe(1);
      expect(await assistantBubbles(page).count()).toBe(0);
    };
    await page.reload();
    await page.getByRole("heading", { name: "Chat with Comfort" }).waitFor(WAIT);
    await shownAsItWasLive();
    await screenshot("crisis-helplines-after-reload", { fullPage: true });

    await page.getByRole("link", { name: "Your chats" }).click();
    await page.getByRole("button", { name: /^Continue the chat with Comfort/ }).click();
    await page.getByRole("heading", { name: "Chat with Comfort" }).waitFor(WAIT);
    await shownAsItWasLive();
  });

  it("shows a reply that was mid-stream when the page reloaded exactly once, and every earlier reply once too", async () => {
    const FIRST_REPLY = "Hey! Good to see you. What's on your mind?";
    const lastUserWords = (request: RecordedRequest) => String(request.messages?.at(-1)?.content ?? "");
    model.setBehaviour(MODEL, { reply: (request) => (lastUserWords(request).includes("party") ? LONG_REPLY : FIRST_REPLY), chunkDelayMs: 80 });
    const { page, screenshot } = await open();
    await signIn(page, webUrl, "web-ravi");
    await startChat(page, "Compass");
    await send(page, "hi");
    await assistantBubbles(page).and(page.locator('[data-state="complete"]')).waitFor({ timeout: 15_000 });

    await send(page, "should I tell my friend I can't make the party");
    const messageId = await acknowledgedMessageId(page, "should I tell my friend");
    await assistantBubbles(page).and(page.locator('[data-state="streaming"]')).waitFor();
    await page.reload();

    // After the reload: signed in, the same chat, each message once, and the reply once it is finished, through resume.
    await expect.poll(() => page.getByRole("heading", { name: "Chat with Compass" }).isVisible(), { timeout: 10_000 }).toBe(true);
    const reply = page.locator(`.bubble[data-role="assistant"][data-message-id="${messageId}"]`);
    await expect.poll(() => reply.and(page.locator('[data-state="complete"]')).count(), { timeout: 20_000 }).toBe(1);
    expect(await reply.locator(".text").textContent()).toBe(LONG_REPLY);
    // Late copies (the notifier's stream_end, a resumed reply, the read API) must not add a second one.
    await page.waitForTimeout(2500);
    expect(await assistantBubbles(page).locator(".text").allTextContents()).toEqual([FIRST_REPLY, LONG_REPLY]);
    expect(await page.locator('.bubble[data-role="user"] .text').allTextContents()).toEqual(["hi", "should I tell my friend I can't make the party"]);
    await screenshot("reload-mid-reply-resumed");
  });

  it("shows a group chat with all its personas, and every reply of a turn in order under the name of the persona that wrote it", async () => {
    const REPLIES = { Comfort: "Only if it feels fun to you. No pressure.", Courage: "Go for it! Auditions are where the brave stuff starts." };
    const systemPrompt = (request: RecordedRequest) => String(request.messages?.[0]?.content ?? "");
    model.setBehaviour(MODEL, { reply: (request) => (systemPrompt(request).includes("You are Comfort") ? REPLIES.Comfort : REPLIES.Courage), chunkDelayMs: 40 });
    // The web client lists and reopens group chats; another client (over the WebSocket) starts this one.
    const other = await ChatClient.connect(env.cloud.endpoints, "web-aria");
    const started = await other.request("start_session", { personaIds: ["courage", "comfort"] }, "session_started");
    expect(started.payload).toMatchObject({ personaIds: ["courage", "comfort"] });
    await other.close();
    const { page, screenshot } = await open();
    await signIn(page, webUrl, "web-aria");

    await page.getByRole("link", { name: "Your chats" }).click();
    await page.getByRole("button", { name: /^Continue the chat with Courage and Comfort/ }).click();
    await page.getByRole("heading", { name: "Chat with Courage and Comfort" }).waitFor(WAIT);
    await expect.poll(() => page.locator(".link-state").textContent(), WAIT).toBe("Connected");
    // Both addressed, Comfort first: the turn's first reply is not the session's first persona's.
    await send(page, "@Comfort @Courage should I try out for the school play?");
    const replies = async () =>
      Promise.all((await assistantBubbles(page).all()).map(async (bubble) => [await bubble.locator(".who").textContent(), await bubble.locator(".text").textContent(), await bubble.getAttribute("data-state")]));
    const bothReplies = [
      ["Comfort", REPLIES.Comfort, "complete"],
      ["Courage", REPLIES.Courage, "complete"],
    ];
    await expect.poll(replies, { timeout: 30_000 }).toEqual(bothReplies);
    await screenshot("group-chat");

    // History after a reload brings the same replies, each once, in order, each under its own persona.
    await page.reload();
    await page.getByRole("heading", { name: "Chat with Courage and Comfort" }).waitFor(WAIT);
    await expect.poll(replies, WAIT).toEqual(bothReplies);
    await page.waitForTimeout(1500);
    expect(await replies()).toEqual(bothReplies);
  });

  /** A persona of the teen's own, made through the HTTP API as the persona editor would; its id. */
  const makePersona = async (userId: string, name: string): Promise<{ id: string; remove: () => Promise<number> }> => {
    const readApi = await readApiAs(env.cloud.endpoints, userId);
    const created = await readApi.request("POST", "/personas", { name, description: "A cheerful study buddy who loves astronomy.", topics: ["astronomy"] });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    return { id, remove: async () => (await readApi.request("DELETE", `/personas/${id}`)).status };
  };

  /** Moves a persona to `status`, as the survey saga does while it writes and draws one (drawing), then settles it (ready). */
  const setPersonaStatus = async (personaId: string, status: string) => {
    await env.dynamodb.send(
      new UpdateItemCommand({
        TableName: `${env.cloud.endpoints.tablePrefix}-personas`,
        Key: { personaId: { S: personaId } },
        UpdateExpression: "SET #status = :status",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":status": { S: status } },
      }),
    );
  };

  /** Every start_session the page sends, as its payload. */
  const startFrames = (page: Page) => {
    const sent: Record<string, unknown>[] = [];
    page.on("websocket", (socket) => {
      socket.on("framesent", ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { type: string; payload: Record<string, unknown> };
        if (frame.type === "start_session") sent.push(frame.payload);
      });
    });
    return sent;
  };

  it("starts a group chat with a built-in persona and the teen's own, hears from both, and lists it under both names", async () => {
    const REPLIES = { Courage: "A volcano that really erupts? Go big!", Sunny: "Pick the night sky: track Jupiter's moons for a week." };
    const systemPrompt = (request: RecordedRequest) => String(request.messages?.[0]?.content ?? "");
    model.setBehaviour(MODEL, { reply: (request) => (systemPrompt(request).includes("You are Sunny") ? REPLIES.Sunny : REPLIES.Courage), chunkDelayMs: 30 });
    const sunny = await makePersona("web-gia", "Sunny");
    const { page, screenshot } = await open();
    const starts = startFrames(page);
    await signIn(page, webUrl, "web-gia");

    await page.getByRole("radio", { name: "A group (2 or 3)" }).check();
    await page.getByRole("checkbox", { name: /^Courage/ }).check();
    await page.getByRole("checkbox", { name: /^Sunny \(yours\)/ }).check();
    expect(await page.locator("#group-hint").textContent()).toBe("Picked: Courage, Sunny. Ready to start.");
    await screenshot("group-picker");
    await page.getByRole("button", { name: "Start group chat" }).click();

    await page.getByRole("heading", { name: "Chat with Courage and Sunny" }).waitFor(WAIT);
    await expect.poll(() => page.locator(".link-state").textContent(), WAIT).toBe("Connected");
    // One frame, with both personas in the order picked and no single personaId beside them.
    expect(starts).toEqual([expect.objectContaining({ personaIds: ["courage", sunny.id] })]);
    expect(starts[0]).not.toHaveProperty("personaId");
    // The keyboard is where the teen will type.
    await expect.poll(() => page.evaluate<string | undefined>("document.activeElement?.id"), WAIT).toBe("composer-input");

    await send(page, "@Courage @Sunny help me pick a science fair project");
    const replies = async () => Promise.all((await assistantBubbles(page).all()).map(async (bubble) => [await bubble.locator(".who").textContent(), await bubble.locator(".text").textContent()]));
    await expect.poll(replies, { timeout: 30_000 }).toEqual([
      ["Courage", REPLIES.Courage],
      ["Sunny", REPLIES.Sunny],
    ]);
    await screenshot("group-chat-started");

    await page.getByRole("link", { name: "Your chats" }).click();
    const row = page.locator(".card[data-session-id]");
    await expect.poll(() => row.locator("strong").allTextContents(), WAIT).toEqual(["Courage and Sunny"]);
    expect(await row.getByRole("button", { name: /^Continue the chat with Courage and Sunny/ }).isVisible()).toBe(true);
  });

  it("lists a teen's newest 50 chats and shows older ones a page more at a press, each once", async () => {
    // 52 ended chats, a minute apart, written as the gateway writes them: more than one page of GET /sessions.
    const userId = "web-many-chats";
    const newest = clock();
    for (let i = 0; i < 52; i++) {
      const record = { ...newSessionRecord({ userId, personaId: "companion", connectionId: `conn-${i}`, maxActive: 3 }, `chat-${String(i).padStart(2, "0")}-${newest}`, newest - i * 60_000), status: "ended", endReason: "client_end", lastSeq: i };
      const item = Object.fromEntries(Object.entries(record).map(([name, value]) => [name, typeof value === "number" ? { N: String(value) } : { S: String(value) }]));
      await env.dynamodb.send(new PutItemCommand({ TableName: tableNamesFor(env.cloud.endpoints.tablePrefix).sessions, Item: item }));
    }
    const { page } = await open();
    await signIn(page, webUrl, userId);

    await page.getByRole("link", { name: "Your chats" }).click();
    const rows = page.locator(".card[data-session-id]");
    await page.getByText("50 chats, newest first; older ones below").waitFor(WAIT);
    expect(await rows.count()).toBe(50);
    await page.getByRole("button", { name: "Show older chats" }).click();

    await page.getByText("52 chats", { exact: true }).waitFor(WAIT);
    const ids = await rows.evaluateAll((cards) => cards.map((card) => card.getAttribute("data-session-id")));
    expect(new Set(ids).size).toBe(52);
    expect(ids.at(-1)).toBe(`chat-51-${newest}`);
    expect(await page.getByRole("button", { name: "Show older chats" }).isVisible()).toBe(false);
  });

  it("starts no group of fewer than 2 or more than 3, says why beside the choices, and shows a refused start in plain words", async () => {
    const nova = await makePersona("web-theo", "Nova");
    const { page, screenshot } = await open();
    const starts = startFrames(page);
    await signIn(page, webUrl, "web-theo");
    // The teen's own persona joins the picker once GET /personas answers.
    await page.getByRole("radio", { name: /^Nova \(yours\)/ }).waitFor(WAIT);
    const focused = () => page.evaluate<string | undefined>("document.activeElement?.id");
    const problem = page.locator("#picker-problem");
    /** Keyboard only: focus a control by its label and press a key on it. */
    const press = async (control: ReturnType<Page["getByRole"]>, key: string) => {
      await control.focus();
      await page.keyboard.press(key);
    };
    const box = (name: RegExp) => page.getByRole("checkbox", { name });
    const startButton = page.getByRole("button", { name: "Start group chat" });

    await press(page.getByRole("radio", { name: "A group (2 or 3)" }), "Space");
    // Switching to a group keeps the keyboard on the switch.
    expect(await focused()).toBe("chat-kind-group");
    await press(box(/^Companion/), "Space");
    await press(startButton, "Enter");
    await expect.poll(() => problem.textContent(), WAIT).toBe("Pick at least 2 personas for a group chat. You've picked 1 so far.");
    expect(await problem.getAttribute("role")).toBe("alert");
    // The keyboard goes to the first box still to check (in the picker's order), which is marked and described by the problem.
    const firstUnchecked = await page.evaluate<string | undefined>("document.querySelector('input[type=checkbox]:not(:checked)')?.id");
    expect(firstUnchecked).toMatch(/^persona-/);
    expect(await focused()).toBe(firstUnchecked);
    expect(await page.locator(`#${firstUnchecked ?? ""}`).getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#${firstUnchecked ?? ""}`).getAttribute("aria-describedby")).toContain("picker-problem");

    for (const name of [/^Courage/, /^Comfort/, /^Nova/]) await press(box(name), "Space");
    expect(await page.locator("#group-hint").textContent()).toBe("Picked: Companion, Courage, Comfort, Nova. That's 4; a group chat has at most 3.");
    await press(startButton, "Enter");
    await expect.poll(() => problem.textContent(), WAIT).toBe("A group chat can have at most 3 personas. Uncheck 1 to start.");
    // On the last one picked, to uncheck it.
    expect(await focused()).toBe(`persona-${nova.id}`);
    await screenshot("group-picker-too-many");
    expect(starts).toEqual([]);

    // Down to Companion and Nova: the refusal goes as soon as the choice could start.
    for (const name of [/^Courage/, /^Comfort/]) await press(box(name), "Space");
    expect(await problem.textContent()).toBe("");
    expect(await box(/^Companion/).getAttribute("aria-invalid")).toBe("false");

    // Nova is deleted elsewhere (another tab) after this page listed it: the gateway refuses the start and names it.
    expect(await nova.remove()).toBe(204);
    await press(startButton, "Enter");
    const refused = page.locator("#main .problem[role=alert]", { hasText: "Nova isn't available any more" });
    await refused.waitFor(WAIT);
    expect(await refused.textContent()).toBe("Nova isn't available any more, so the group chat couldn't start. Pick someone else.");
    expect(starts).toEqual([expect.objectContaining({ personaIds: ["companion", nova.id] })]);
    expect(await page.getByRole("heading", { name: /^Chat with/ }).count()).toBe(0);
    // The start button was pressed, said "Starting…", and came back: the keyboard is still on it, the choice kept.
    expect(await focused()).toBe("start-chat");
    expect(await page.getByRole("button", { name: "Start group chat" }).isVisible()).toBe(true);
    expect(await box(/^Companion/).isChecked()).toBe(true);
    // The refusal sends the picker for the list again: Nova leaves it, the rest of the choice and the keyboard stay.
    await expect.poll(() => box(/^Nova/).count(), WAIT).toBe(0);
    expect(await box(/^Companion/).isChecked()).toBe(true);
    expect(await focused()).toBe("start-chat");
  });

  it("shows a persona still being made as not yet chattable, sends no start for it, and starts one that is ready", async () => {
    const orion = await makePersona("web-lea", "Orion");
    const luna = await makePersona("web-lea", "Luna");
    // Luna is a survey's persona whose picture is still being drawn: the API lists it, the gateway would refuse it.
    await setPersonaStatus(luna.id, "drawing");
    const { page, screenshot } = await open();
    const starts = startFrames(page);
    await signIn(page, webUrl, "web-lea");
    await page.getByRole("radio", { name: /^Orion \(yours\)/ }).waitFor(WAIT);

    const lunaRadio = page.getByRole("radio", { name: /^Luna \(yours\)/ });
    expect(await lunaRadio.isDisabled()).toBe(true);
    const lunaOption = page.locator(`label[for="persona-${luna.id}"]`);
    expect(await lunaOption.locator(".persona-state").textContent()).toBe("Still being made: its picture is being drawn.");
    // A screen reader hears the state with the name.
    expect(await lunaRadio.getAttribute("aria-describedby")).toContain(`persona-${luna.id}-state`);
    await screenshot("picker-persona-being-made");
    await page.getByRole("radio", { name: "A group (2 or 3)" }).check();
    expect(await page.getByRole("checkbox", { name: /^Luna \(yours\)/ }).isDisabled()).toBe(true);
    // Pressing the label does not pick it either.
    await lunaOption.click({ force: true });
    expect(await page.getByRole("checkbox", { name: /^Luna \(yours\)/ }).isChecked()).toBe(false);

    await page.getByRole("radio", { name: "One persona" }).check();
    await startChat(page, "Orion");
    expect(starts).toEqual([expect.objectContaining({ personaId: orion.id })]);
  });

  it("asks for the persona list again when the picker comes back, so a persona deleted or made ready elsewhere shows as it is, and keeps the teen's choice", async () => {
    const orion = await makePersona("web-kai", "Orion");
    const luna = await makePersona("web-kai", "Luna");
    await setPersonaStatus(luna.id, "drawing");
    const { page } = await open();
    const starts = startFrames(page);
    const listRequests: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/personas") listRequests.push(request.method());
    });
    await signIn(page, webUrl, "web-kai");
    await page.getByRole("radio", { name: /^Orion \(yours\)/ }).waitFor(WAIT);
    const lunaRadio = page.getByRole("radio", { name: /^Luna \(yours\)/ });
    expect(await lunaRadio.isDisabled()).toBe(true);
    await page.getByRole("radio", { name: /^Comfort/ }).check();

    // Elsewhere (another tab, the survey saga): Orion is deleted and Luna's picture is done.
    expect(await orion.remove()).toBe(204);
    await setPersonaStatus(luna.id, "ready");
    await page.getByRole("link", { name: "Your chats" }).click();
    await page.getByRole("link", { name: "Chat", exact: true }).click();

    await expect.poll(() => lunaRadio.isDisabled(), WAIT).toBe(false);
    expect(await page.getByRole("radio", { name: /^Orion/ }).count()).toBe(0);
    expect(await page.locator(`label[for="persona-${luna.id}"] .persona-state`).count()).toBe(0);
    // The teen's choice is still there.
    expect(await page.getByRole("radio", { name: /^Comfort/ }).isChecked()).toBe(true);
    // One request at sign-in and one on coming back: the list is not polled.
    expect(listRequests).toEqual(["GET", "GET"]);

    await startChat(page, "Luna");
    expect(starts).toEqual([expect.objectContaining({ personaId: luna.id })]);
  });

  it("lists a persona as chattable the moment the teen's survey finishes it (persona_ready), with the picker open", async () => {
    const vega = await makePersona("web-nell", "Vega");
    await setPersonaStatus(vega.id, "drawing");
    const { page } = await open();
    await signIn(page, webUrl, "web-nell");
    const vegaRadio = page.getByRole("radio", { name: /^Vega \(yours\)/ });
    await vegaRadio.waitFor(WAIT);
    expect(await vegaRadio.isDisabled()).toBe(true);
    await expect.poll(() => page.locator(".link-state").textContent(), WAIT).toBe("Connected");

    // The portrait service finishes: storage makes the persona ready and the notifier tells the owner's open sockets.
    const portrait = new EventPublisher({ client: env.eventBridge, busName: env.cloud.endpoints.busName, producer: "portrait" });
    await portrait.publish({
      type: "PersonaPortraitReady",
      correlationId: vega.id,
      userId: "web-nell",
      data: { surveyId: crypto.randomUUID(), personaId: vega.id, portraitKey: `portraits/${vega.id}.svg`, contentType: "image/svg+xml", painter: "offline-svg", readyAt: "2026-12-06T12:00:00.000Z" },
    });

    // No navigation: the frame alone brings the list up to date.
    await expect.poll(() => vegaRadio.isDisabled(), WAIT).toBe(false);
  });

  it("catches up on the reply it missed while the network was down, once it is back", async () => {
    // The model answers 5 s after it is asked: a busy machine has that long to take the page offline before the reply exists.
    model.setBehaviour(MODEL, { reply: "I'm still here. Take your time, and tell me when you're ready.", delayMs: 5_000 });
    const { page, cdp, screenshot } = await open();
    await signIn(page, webUrl, "web-lee");
    await startChat(page, "Companion");
    const devtools = await cdp();
    await devtools.send("Network.enable");

    await send(page, "my wifi is being weird today");
    const messageId = await acknowledgedMessageId(page, "my wifi is being weird");
    await devtools.send("Network.emulateNetworkConditions", { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await expect.poll(() => page.locator(".link-state").getAttribute("data-state"), WAIT).toBe("offline");
    await screenshot("network-offline");
    // The reply is written while the teen is offline: it cannot arrive on the dropped socket.
    await expect.poll(() => model.requestsFor(MODEL).some((r) => r.response?.content?.includes("I'm still here")), { timeout: 20_000 }).toBe(true);
    await page.waitForTimeout(1000);
    const reply = page.locator(`.bubble[data-role="assistant"][data-message-id="${messageId}"]`);
    expect(await reply.count()).toBe(0);

    await devtools.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await expect.poll(() => page.locator(".link-state").getAttribute("data-state"), { timeout: 10_000 }).toBe("open");
    await expect.poll(() => reply.and(page.locator('[data-state="complete"]')).count(), { timeout: 15_000 }).toBe(1);
    expect(await reply.locator(".text").textContent()).toBe("I'm still here. Take your time, and tell me when you're ready.");
    await page.waitForTimeout(2000);
    expect(await reply.count()).toBe(1);
    await screenshot("network-restored-resumed");
  });

  it("fits a phone: no sideways scrolling, and the composer can be reached and used", async () => {
    model.setBehaviour(MODEL, { reply: "Nice. Tell me more about it!" });
    const { page, screenshot } = await open({ viewport: PHONE, phone: true });
    await signIn(page, webUrl, "web-sam");
    await startChat(page, "Creative");
    for (const [index, text] of ["hey", "I started writing a song about my grandma's garden and the summer we spent there", "want to hear the chorus?"].entries()) {
      await composer(page).tap();
      await composer(page).fill(text);
      await page.getByRole("button", { name: "Send" }).tap();
      await expect.poll(() => assistantBubbles(page).and(page.locator('[data-state="complete"]')).count(), { timeout: 15_000 }).toBe(index + 1);
    }
    // A string, as it runs in the page, where the DOM is.
    const widths = await page.evaluate<{ scroll: number; client: number }>("({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })");
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const box = await composer(page).boundingBox();
    const sendBox = await page.getByRole("button", { name: "Send" }).boundingBox();
    expect(box && sendBox).toBeTruthy();
    // Inside the screen, side by side, and big enough for a thumb.
    expect((box?.x ?? -1) >= 0 && (sendBox?.x ?? 0) + (sendBox?.width ?? 0) <= PHONE.width).toBe(true);
    expect(sendBox?.height ?? 0).toBeGreaterThanOrEqual(44);
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(PHONE.height);
    await screenshot("phone-chat");
  });

  it("counts down a rate limit and keeps the refused message to send again", async () => {
    model.setBehaviour(MODEL, { reply: "Got it." });
    const { page, screenshot } = await open();
    await signIn(page, webUrl, "web-kai");
    await startChat(page, "Companion");
    // The server's clock stands still while the teen sends: a busy machine taking 15 s over these messages would
    // otherwise have refilled the bucket by one message before the last. The page counts down on its own clock.
    clock.hold();
    try {
      for (let n = 1; n <= SESSION_MESSAGES_PER_MINUTE; n += 1) {
        await send(page, `message ${n}`);
        await acknowledgedMessageId(page, `message ${n}`);
      }
      await send(page, "one too many");
      const countdown = page.locator(".rate-limit");
      await countdown.waitFor();
      expect(await countdown.textContent()).toMatch(/You can send again in \d+ seconds?\./);
      expect(await page.getByRole("button", { name: "Send", exact: true }).isDisabled()).toBe(true);
      expect(await page.locator('.bubble[data-role="user"][data-state="not_sent"]', { hasText: "one too many" }).count()).toBe(1);
      const first = Number(await countdown.getAttribute("data-seconds-left"));
      await expect.poll(() => countdown.getAttribute("data-seconds-left").then(Number), WAIT).toBeLessThan(first);
      await screenshot("rate-limit-countdown");
    } finally {
      clock.release();
    }
  });

  it("sends a burst of messages one at a time, each once the one before is acknowledged, so they keep the order typed", async () => {
    model.setBehaviour(MODEL, { reply: "Mm-hm." });
    const { page } = await open();
    // What crossed the socket, in order: the gateway numbers messages as it handles them, and it may handle frames sent
    // back to back in any order.
    const wire: string[] = [];
    page.on("websocket", (socket) => {
      socket.on("framesent", ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { type: string; payload: { content?: string } };
        if (frame.type === "message") wire.push(`sent ${frame.payload.content ?? ""}`);
      });
      socket.on("framereceived", ({ payload }) => {
        if ((JSON.parse(String(payload)) as { type: string }).type === "message_received") wire.push("acknowledged");
      });
    });
    await signIn(page, webUrl, "web-ines");
    await startChat(page, "Companion");

    for (const text of ["wait", "so basically", "i got the part!!"]) await send(page, text);

    await expect.poll(() => wire.filter((entry) => entry === "acknowledged").length, WAIT).toBe(3);
    expect(wire).toEqual(["sent wait", "acknowledged", "sent so basically", "acknowledged", "sent i got the part!!", "acknowledged"]);
    expect(await page.locator('.bubble[data-role="user"] .text').allTextContents()).toEqual(["wait", "so basically", "i got the part!!"]);
  });

  it("marks a message whose acknowledgement was lost as not sent after a while, and lets the next one go", async () => {
    model.setBehaviour(MODEL, { reply: "Okay." });
    const { page } = await open();
    // The page's own clock, so the wait for an acknowledgement passes at once; the server keeps real time.
    await page.clock.install();
    // The first acknowledgement is lost on its way to the page, as when the gateway's function timed out.
    let lost = false;
    await page.routeWebSocket(
      (url) => url.href.startsWith(env.cloud.endpoints.websocketUrl),
      (socket) => {
        const server = socket.connectToServer();
        server.onMessage((message) => {
          if (!lost && (JSON.parse(String(message)) as { type: string }).type === "message_received") {
            lost = true;
            return;
          }
          socket.send(message);
        });
      },
    );
    await signIn(page, webUrl, "web-omar");
    await startChat(page, "Companion");

    await send(page, "first");
    await send(page, "second");
    await expect.poll(() => lost, WAIT).toBe(true);
    await page.clock.fastForward(16_000);

    await page.locator('.bubble[data-role="user"][data-state="not_sent"]', { hasText: "first" }).waitFor(WAIT);
    await page.locator('.bubble[data-role="user"][data-state="sent"]', { hasText: "second" }).waitFor(WAIT);
  });

  it("signs out, rather than reconnecting for ever, when the account is erased while the chat is open", async () => {
    const { page } = await open();
    await signIn(page, webUrl, "web-kira");
    await startChat(page, "Companion");

    // The account is erased elsewhere (another device): its sockets are closed and its old tokens refused.
    const erased = await (await readApiAs(env.cloud.endpoints, "web-kira")).request("DELETE", "/me");
    expect(erased.status).toBe(204);

    await page.getByLabel("Sign in as").waitFor(WAIT);
  });

  it("keeps the view the teen is on when the skip link moves the focus to the content", async () => {
    const { page } = await open();
    await signIn(page, webUrl, "web-jun");
    await page.getByRole("link", { name: "Your chats" }).click();
    await page.getByRole("heading", { name: "Your chats" }).waitFor(WAIT);

    await page.getByRole("link", { name: "Skip to content" }).focus();
    await page.keyboard.press("Enter");

    await expect.poll(() => page.evaluate<string | undefined>("document.activeElement?.id"), WAIT).toBe("main");
    expect(await page.getByRole("heading", { name: "Your chats" }).isVisible()).toBe(true);
  });

  it("ends a chat, lists it under Your chats with its history, and shows memory only where the API has it", async () => {
    model.setBehaviour(MODEL, { reply: "Good luck at practice!" });
    const { page, screenshot } = await open();
    await signIn(page, webUrl, "web-noor");
    await startChat(page, "Courage");
    await send(page, "basketball practice later");
    await assistantBubbles(page).and(page.locator('[data-state="complete"]')).waitFor({ timeout: 15_000 });

    await page.getByRole("button", { name: "End chat" }).click();
    await page.getByText("This chat has ended.").waitFor();
    expect(await composer(page).isVisible()).toBe(false);
    // The socket is still up, but the chat is over: the badge says that, not "Connected".
    expect(await page.locator(".link-state").textContent()).toBe("Chat ended");
    // The end of a chat brings the server's question about it: one tap answers, and the answer is recorded.
    const feedback = page.getByRole("region", { name: "A question about your chat" });
    await feedback.getByText("How was this conversation?").waitFor(WAIT);
    await feedback.getByRole("button", { name: "great", exact: true }).click();
    await feedback.getByText("Thanks for telling us.").waitFor(WAIT);

    await page.getByRole("link", { name: "Your chats" }).click();
    const row = page.locator(".card[data-session-id]").first();
    await row.waitFor();
    const signedIn = JSON.parse((await page.evaluate<string | null>("sessionStorage.getItem('innerworld.signedIn')")) ?? "{}") as { token: string };
    const asked = await fetch(`${webUrl}/api/sessions/${await row.getAttribute("data-session-id")}/feedback`, { headers: { authorization: `Bearer ${signedIn.token}` } });
    expect(((await asked.json()) as { requests: { status: string; answer?: { choice: string } }[] }).requests).toEqual([expect.objectContaining({ status: "answered", answer: expect.objectContaining({ choice: "great" }) })]);
    expect(await row.textContent()).toMatch(/Courage.*1 message.*ended \(client end\)/);
    await screenshot("your-chats");
    await row.getByRole("button", { name: /^Read the chat with Courage/ }).click();
    await expect.poll(() => page.locator(".transcript .text").allTextContents(), WAIT).toEqual(["basketball practice later", "Good luck at practice!"]);

    // "What I remember" is there exactly when the HTTP API answers GET /me/memory (a 404 means not built yet).
    const token = (await page.evaluate<string | null>("sessionStorage.getItem('innerworld.signedIn')")) ?? "";
    const memory = await fetch(`${webUrl}/api/me/memory`, { headers: { authorization: `Bearer ${(JSON.parse(token) as { token: string }).token}` } });
    await expect.poll(() => page.getByRole("link", { name: "What I remember" }).count(), WAIT).toBe(memory.status === 404 ? 0 : 1);
  });

  it("lists what InnerWorld remembers after a chat ends, and forgets a note on request", async (context) => {
    model.setBehaviour(MODEL, { reply: "That's a great friend to have." });
    const { page, screenshot } = await open();
    await signIn(page, webUrl, "web-remy");
    const token = (JSON.parse((await page.evaluate<string | null>("sessionStorage.getItem('innerworld.signedIn')")) ?? "{}") as { token?: string }).token ?? "";
    const memory = await fetch(`${webUrl}/api/me/memory`, { headers: { authorization: `Bearer ${token}` } });
    // Until the HTTP API has GET /me/memory the view stays hidden; the previous test checks that.
    if (memory.status === 404) return context.skip();

    await startChat(page, "Companion");
    await send(page, "My friend Jordan is helping me study, we have a chemistry test on Friday");
    await assistantBubbles(page).and(page.locator('[data-state="complete"]')).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "End chat" }).click();
    await page.getByText("This chat has ended.").waitFor();

    await page.getByRole("link", { name: "What I remember" }).click();
    const jordan = page.locator("[data-fact-id]", { hasText: "Jordan" });
    // The graph is built after the chat ends; Refresh asks again until the note is there.
    await expect
      .poll(
        async () => {
          if ((await jordan.count()) > 0) return true;
          await page.getByRole("button", { name: "Refresh" }).click();
          return false;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    await screenshot("memory");
    const nextFactId = await jordan.first().evaluate((item) => item.nextElementSibling?.getAttribute("data-fact-id") ?? null);
    await jordan.getByRole("button", { name: /^Forget:/ }).click();
    await jordan.getByRole("button", { name: /^Yes, forget/ }).click();
    await expect.poll(() => jordan.count(), WAIT).toBe(0);
    // The keyboard is not dropped on <body>: it is on the next note's Forget, or on the heading when none follows.
    const focused = () => page.evaluate<string | null>("document.activeElement?.closest('[data-fact-id]')?.getAttribute('data-fact-id') ?? document.activeElement?.id ?? null");
    await expect.poll(focused, WAIT).toBe(nextFactId ?? "memory-title");
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect.poll(() => page.locator("#main [role=status]").first().textContent(), WAIT).not.toBe("Loading…");
    expect(await jordan.count()).toBe(0);
  });

  it("deletes the teen's account from the memory page, after asking twice, and signs out with nothing of the chat left in the tab", async () => {
    model.setBehaviour(MODEL, { reply: "Sounds fun!" });
    const { page } = await open();
    await signIn(page, webUrl, "web-lena");
    await startChat(page, "Companion");
    await send(page, "going skating later");
    await assistantBubbles(page).and(page.locator('[data-state="complete"]')).waitFor(WAIT);

    await page.getByRole("link", { name: "What I remember" }).click();
    await page.getByRole("button", { name: "Delete my account" }).click();
    // The first press only asks; keeping the account asks nothing more.
    await page.getByRole("button", { name: "Keep my account" }).click();
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.getByRole("button", { name: "Yes, delete everything" }).click();

    await page.getByLabel("Sign in as").waitFor(WAIT);
    expect(await page.evaluate<string | null>("sessionStorage.getItem('innerworld.chat.web-lena')")).toBeNull();
    // Erased on the server: the erasure's tombstone is there, and the teen's session is not.
    const table = (key: string) => `${env.cloud.endpoints.tablePrefix}-${key}`;
    const tombstone = await env.dynamodb.send(new GetItemCommand({ TableName: table("tombstones"), Key: { userId: { S: "web-lena" } }, ConsistentRead: true }));
    expect(tombstone.Item?.deletedAt?.S).toEqual(expect.any(String));
    const sessions = await env.dynamodb.send(new ScanCommand({ TableName: table("sessions"), ConsistentRead: true }));
    expect((sessions.Items ?? []).filter((item) => item.userId?.S === "web-lena")).toEqual([]);
  });

  it("takes a note off the list when Forget finds it already forgotten (in another tab), and the chat out of the tab on sign-out", async () => {
    model.setBehaviour(MODEL, { reply: "Nice!" });
    const { page } = await open();
    // The API as another tab left it: the list still shows a note this tab loaded, which is already forgotten there.
    await page.route(/\/me\/memory/, async (route) => {
      if (route.request().method() === "GET") {
        await route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ facts: [{ id: "fact-jordan", type: "Person", name: "Jordan", summary: "Jordan, a friend" }] }) });
      } else await route.fulfill({ status: 404, contentType: "application/json", body: JSON.stringify({ error: { code: "FACT_NOT_FOUND", message: "No such remembered fact" } }) });
    });
    await signIn(page, webUrl, "web-mina");
    await startChat(page, "Companion");
    await send(page, "hi again");
    await assistantBubbles(page).and(page.locator('[data-state="complete"]')).waitFor(WAIT);

    await page.getByRole("link", { name: "What I remember" }).click();
    const note = page.locator('[data-fact-id="fact-jordan"]');
    await note.getByRole("button", { name: /^Forget:/ }).click();
    await note.getByRole("button", { name: /^Yes, forget/ }).click();
    await expect.poll(() => note.count(), WAIT).toBe(0);

    expect(await page.evaluate<string | null>("sessionStorage.getItem('innerworld.chat.web-mina')")).not.toBeNull();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Sign in as").waitFor(WAIT);
    expect(await page.evaluate<string | null>("sessionStorage.getItem('innerworld.chat.web-mina')")).toBeNull();
  });

  it("downloads everything InnerWorld keeps about the teen from the memory page, as a JSON file, with the token kept out of every URL", async (context) => {
    model.setBehaviour(MODEL, { reply: "Ooh, which song are you learning?" });
    const { page, screenshot } = await open();
    await signIn(page, webUrl, "web-dana");
    const token = (JSON.parse((await page.evaluate<string | null>("sessionStorage.getItem('innerworld.signedIn')")) ?? "{}") as { token?: string }).token ?? "";
    // The memory page (where the download lives) is shown only where the HTTP API has GET /me/memory.
    if ((await fetch(`${webUrl}/api/me/memory`, { headers: { authorization: `Bearer ${token}` } })).status === 404) return context.skip();
    const urls: string[] = [];
    page.on("request", (request) => urls.push(request.url()));

    await startChat(page, "Creative");
    await send(page, "I'm learning guitar this summer");
    await assistantBubbles(page).and(page.locator('[data-state="complete"]')).waitFor({ timeout: 15_000 });
    await page.getByRole("link", { name: "What I remember" }).click();
    const button = page.getByRole("button", { name: "Download my data" });
    await button.waitFor(WAIT);
    expect(await page.getByText(/^The file holds everything InnerWorld keeps about you/).isVisible()).toBe(true);

    // Reached and pressed from the keyboard.
    const downloaded = page.waitForEvent("download", WAIT);
    await button.focus();
    await page.keyboard.press("Enter");
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/^innerworld-export-\d{4}-\d{2}-\d{2}\.json$/);
    expect(download.url()).toMatch(/^blob:/);
    await expect.poll(() => page.getByText(/^Done: saved as innerworld-export-/).isVisible(), WAIT).toBe(true);
    await screenshot("memory-export");

    const exported = JSON.parse(await readFile(await download.path(), "utf8")) as { sessions: { sessionId: string }[]; messages: { content: string; role: string }[] };
    const listed = (await (await fetch(`${webUrl}/api/sessions`, { headers: { authorization: `Bearer ${token}` } })).json()) as { sessions: { sessionId: string }[] };
    expect(exported.sessions.map((session) => session.sessionId)).toEqual(listed.sessions.map((session) => session.sessionId));
    expect(exported.sessions).toHaveLength(1);
    expect(exported.messages.map((message) => message.content)).toContain("I'm learning guitar this summer");
    expect(urls.some((url) => url.includes(token))).toBe(false);
  });

  it("opens a survey's share link without an account, takes a friend's answers, thanks them, and refuses a second go", async () => {
    const owner = await readApiAs(env.cloud.endpoints, "web-survey-owner");
    const created = (await (await owner.request("POST", "/surveys", { subjectName: "Noor" })).json()) as { surveyId: string; shareUrl: string };
    // The link a teen shares opens this web client's page for it.
    expect(created.shareUrl).toBe(`${webUrl}/surveys/${created.surveyId}`);
    const { page } = await open();

    await page.goto(created.shareUrl);
    await page.getByRole("heading", { name: "Tell us about Noor" }).waitFor(WAIT);
    await page.getByLabel("Which three words describe them best?").fill("funny, loyal, creative");
    await page.getByRole("button", { name: "Send my answers" }).click();

    await page.getByRole("heading", { name: "Thank you" }).waitFor(WAIT);
    const ownerView = () => owner.json<{ responseCount: number }>(`/surveys/${created.surveyId}`);
    await expect.poll(async () => (await ownerView()).responseCount, WAIT).toBe(1);
    // The same browser again: the API knows this friend answered.
    await page.goto(created.shareUrl);
    await page.getByLabel("Which three words describe them best?").fill("also kind");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.getByText("You've answered this survey already.").waitFor(WAIT);
  });

  it("asks a Spanish-speaking teen's friends in Spanish on the share page, and thanks them in Spanish", async () => {
    const owner = { authorization: `Bearer ${await mintToken(env.cloud.endpoints, { sub: "web-survey-owner-es" })}`, "content-type": "application/json", "accept-language": "es-MX,es;q=0.9" };
    const created = (await (await fetch(`${env.cloud.endpoints.readApiUrl}/surveys`, { method: "POST", headers: owner, body: JSON.stringify({ subjectName: "Ximena" }) })).json()) as { shareUrl: string };
    const { page, screenshot } = await open({ locale: "es-MX" });

    await page.goto(created.shareUrl);
    await page.getByRole("heading", { name: "Cuéntanos sobre Ximena" }).waitFor(WAIT);
    expect(await page.locator("section.survey-answer").getAttribute("lang")).toBe("es");
    await page.getByRole("button", { name: "Enviar mis respuestas" }).click();
    await page.getByText("Responde al menos una pregunta y luego envía.").waitFor(WAIT);
    await page.getByLabel("¿Con qué tres palabras describirías a esta persona?").fill("chistosa, leal y creativa");
    await page.getByRole("radio", { name: "con bromas y mucha chispa" }).check();
    await page.getByRole("button", { name: "Enviar mis respuestas" }).click();

    await page.getByRole("heading", { name: "Gracias" }).waitFor(WAIT);
    await page.getByText("¡Gracias por responder! Tus palabras ayudan a crear algo que a tu amigo le va a encantar.").waitFor(WAIT);
    await screenshot("survey-answer-es", { fullPage: true });
  });

  it("thanks a friend whose answer was worrying with helplines as links a phone can call or text, as the chat's safety notice shows them", async () => {
    const owner = await readApiAs(env.cloud.endpoints, "web-survey-owner-2");
    const created = (await (await owner.request("POST", "/surveys", { subjectName: "Sam" })).json()) as { shareUrl: string };
    const { page, screenshot } = await open();

    await page.goto(created.shareUrl);
    await page.getByLabel("Which three words describe them best?").fill("honestly i want to kill myself tonight");
    await page.getByRole("button", { name: "Send my answers" }).click();

    await page.getByRole("heading", { name: "Thank you" }).waitFor(WAIT);
    const helplines = page.getByRole("alert").getByRole("list", { name: "People you can reach right now" });
    await helplines.waitFor(WAIT);
    expect(await helplines.getByRole("link", { name: /^Call 988/ }).getAttribute("href")).toBe("tel:988");
    expect(await helplines.getByRole("link", { name: /^Text 988/ }).getAttribute("href")).toBe("sms:988");
    expect(await helplines.getByRole("link", { name: /^Text HOME to 741741/ }).getAttribute("href")).toBe("sms:741741?body=HOME");
    await screenshot("survey-thanks-helplines", { fullPage: true });
  });

  it("shows the operator each turn's events across the services, with hop timings and dead letters", async () => {
    model.setBehaviour(MODEL, { reply: "Thanks for telling me. What happened next?" });
    const { page, screenshot } = await open();
    await signIn(page, webUrl, "web-operator");
    await startChat(page, "Companion");
    await send(page, "my sister borrowed my hoodie again");
    const messageId = await acknowledgedMessageId(page, "my sister borrowed");
    await assistantBubbles(page).and(page.locator('[data-state="complete"]')).waitFor({ timeout: 15_000 });

    await page.getByRole("link", { name: "Operator" }).click();
    const turn = page.locator(`.turn[data-correlation-id="${messageId}"]`);
    const types = async () =>
      Promise.all((await turn.locator(".step").all()).map(async (step) => `${await step.getAttribute("data-producer")}:${await step.getAttribute("data-event-type")}`));
    await expect
      .poll(types, { timeout: 15_000 })
      .toEqual(["gateway:MessageReceived", "safety:MessageScreened", "generation:ReplyGenerated", "safety:ReplyScreened", "notifier:ReplyDelivered"]);
    const hops = await turn.locator(".step .hop").allTextContents();
    expect(hops[0]).toBe("start");
    for (const hop of hops.slice(1)) expect(hop).toMatch(/^\+\d+(\.\d)? m?s$/);
    // The teen's words never reach the operator view.
    expect(await turn.textContent()).not.toContain("hoodie");
    await expect.poll(() => page.locator('.dead-letters li[data-service="generation"]').textContent(), WAIT).toBe("generation: 0");
    await page.getByLabel("Only my turns").check();
    const shown = await page.locator(".turn h3").allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((title) => title.includes("· you ·"))).toBe(true);
    await screenshot("operator-timeline", { fullPage: true });
  });
  // Last in the file: its failed turn leaves a dead letter in generation's queue, which the operator view's test counts.
  it("stops saying the persona is typing once a turn after a failed one is answered", async () => {
    // The model fails the first turn (the teen is told GENERATION_FAILED), then answers the next.
    model.setBehaviour(MODEL, { reply: "I'm still here.", fail: { status: 500, times: 1 } });
    const { page } = await open();
    await signIn(page, webUrl, "web-iris");
    await startChat(page, "Companion");

    await send(page, "first try");
    await expect.poll(() => page.locator(".problem, [role=alert]").allTextContents().then((texts) => texts.join(" ")), WAIT).toMatch(/reply/i);
    await send(page, "second try");
    await page.locator('.bubble[data-role="assistant"][data-state="complete"]', { hasText: "I'm still here." }).waitFor(WAIT);

    await expect.poll(() => page.locator(".agent-status").textContent(), WAIT).not.toMatch(/typing/i);
  });
});
