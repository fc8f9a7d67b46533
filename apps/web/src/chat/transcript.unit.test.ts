// The transcript keeps one entry per side of a turn whatever order, repeats and reloads bring frames and history in.
import { describe, expect, it } from "vitest";
import { Transcript } from "./transcript";

const SESSION = "s-1";
const ids = (messageId: string) => ({ sessionId: SESSION, messageId, replyId: `r-${messageId}`, personaId: "comfort" });

const sentTurn = (transcript: Transcript, clientMessageId: string, messageId: string, seq: number, text = "hi") => {
  transcript.addOwnMessage(clientMessageId, text);
  transcript.messageReceived({ sessionId: SESSION, messageId, seq, clientMessageId });
};

describe("Transcript", () => {
  it("assembles streamed chunks in index order and settles on the final text", () => {
    const transcript = new Transcript();
    sentTurn(transcript, "c1", "m1", 1);
    transcript.streamStart(ids("m1"));
    transcript.streamChunk({ ...ids("m1"), index: 1, text: "Second." });
    transcript.streamChunk({ ...ids("m1"), index: 0, text: "First." });
    expect(transcript.entries().map((e) => [e.role, e.text, e.state])).toEqual([
      ["user", "hi", "sent"],
      ["assistant", "First. Second.", "streaming"],
    ]);
    const end = transcript.streamEnd({ ...ids("m1"), seq: 1, text: "First. Second!", retracted: false, model: "offline" });
    expect(end.completed?.text).toBe("First. Second!");
    expect(transcript.lastAnsweredSeq()).toBe(1);
  });

  it("marks a reply still streaming when its turn fails as cut off, and lets a later copy of the reply replace it", () => {
    const transcript = new Transcript();
    sentTurn(transcript, "c1", "m1", 1);
    transcript.streamStart(ids("m1"));
    transcript.streamChunk({ ...ids("m1"), index: 0, text: "I hear you." });

    expect(transcript.turnFailed("m1").changed).toBe(true);
    expect(transcript.turnFailed("m1").changed).toBe(false);
    expect(transcript.entries().map((e) => [e.role, e.text, e.state])).toEqual([
      ["user", "hi", "sent"],
      ["assistant", "I hear you.", "interrupted"],
    ]);
    // A resume brings the stored reply: it takes the cut-off one's place.
    transcript.reply({ ...ids("m1"), seq: 1, text: "I hear you. Want to talk about it?", model: "offline", replaced: false });
    expect(transcript.entries().map((e) => [e.role, e.text, e.state])).toEqual([
      ["user", "hi", "sent"],
      ["assistant", "I hear you. Want to talk about it?", "complete"],
    ]);
  });

  it("shows a reply once when stream_end, a resumed reply and history all bring it", () => {
    const transcript = new Transcript();
    sentTurn(transcript, "c1", "m1", 1);
    transcript.streamChunk({ ...ids("m1"), index: 0, text: "Hello." });
    expect(transcript.streamEnd({ ...ids("m1"), seq: 1, text: "Hello there.", retracted: false, model: "offline" }).completed).toBeDefined();
    const again = transcript.reply({ ...ids("m1"), seq: 1, text: "Hello there.", personaId: "comfort", model: "offline", replaced: false, resumed: true });
    expect(again.changed).toBe(false);
    transcript.loadHistory([
      { seq: 1, role: "user", messageId: "m1", content: "hi" },
      { seq: 1, role: "assistant", messageId: "m1", content: "Hello there." },
    ]);
    expect(transcript.entries().filter((e) => e.role === "assistant")).toHaveLength(1);
    expect(transcript.entries().filter((e) => e.role === "user")).toHaveLength(1);
    // A chunk that arrives late changes nothing once the reply is final.
    expect(transcript.streamChunk({ ...ids("m1"), index: 3, text: "late" }).changed).toBe(false);
  });

  it("keeps every reply of a group turn, in the order given, each with its own persona", () => {
    const speaker = (personaId: string) => ({ sessionId: SESSION, messageId: "m1", replyId: `r-${personaId}`, personaId });
    const transcript = new Transcript();
    sentTurn(transcript, "c1", "m1", 1, "@Comfort @Courage should I try out?");
    transcript.streamStart(speaker("comfort"));
    transcript.streamChunk({ ...speaker("comfort"), index: 0, text: "Only if you want to." });
    transcript.streamEnd({ ...speaker("comfort"), seq: 1, text: "Only if you want to.", retracted: false, model: "offline" });
    transcript.streamChunk({ ...speaker("courage"), index: 0, text: "Go for it!" });
    transcript.streamEnd({ ...speaker("courage"), seq: 1, text: "Go for it!", retracted: false, model: "offline" });
    // Copies from a resume (the first reply's replyIndex left out, meaning 0) and from history change nothing.
    transcript.reply({ ...speaker("comfort"), seq: 1, text: "Only if you want to.", personaName: "Comfort", model: "offline", replaced: false, resumed: true });
    transcript.loadHistory([
      { seq: 1, role: "assistant", messageId: "m1", content: "Go for it!", personaId: "courage", personaName: "Courage", replyIndex: 1 },
      { seq: 1, role: "assistant", messageId: "m1", content: "Only if you want to.", personaId: "comfort", personaName: "Comfort", replyIndex: 0 },
    ]);
    expect(transcript.entries().map((e) => [e.role, e.text, e.personaId, e.personaName])).toEqual([
      ["user", "@Comfort @Courage should I try out?", undefined, undefined],
      ["assistant", "Only if you want to.", "comfort", "Comfort"],
      ["assistant", "Go for it!", "courage", "Courage"],
    ]);
  });

  it("orders a group turn's replies from history by their place, whatever order they come in", () => {
    const transcript = new Transcript();
    transcript.loadHistory([
      { seq: 1, role: "user", messageId: "m1", content: "hey both" },
      { seq: 1, role: "assistant", messageId: "m1", content: "Second.", personaId: "courage", replyIndex: 1 },
      { seq: 1, role: "assistant", messageId: "m1", content: "First.", personaId: "comfort", replyIndex: 0 },
    ]);
    expect(transcript.entries().map((e) => e.text)).toEqual(["hey both", "First.", "Second."]);
  });

  it("shows a stream taken back with nothing in its place as cut off, not as a safety change, and a later copy replaces it", () => {
    const transcript = new Transcript();
    sentTurn(transcript, "c1", "m1", 1);
    transcript.streamStart(ids("m1"));
    transcript.streamChunk({ ...ids("m1"), index: 0, text: "Half a" });

    expect(transcript.streamEnd({ ...ids("m1"), replyId: "m1", seq: 1, text: "", retracted: true, model: "m" }).changed).toBe(true);
    expect(transcript.entries().map((e) => [e.role, e.text, e.state])).toEqual([
      ["user", "hi", "sent"],
      ["assistant", "", "interrupted"],
    ]);
    // A safety change comes with the words shown instead, and is a retraction.
    transcript.streamEnd({ ...ids("m1"), replyId: "m1", seq: 1, text: "Let's talk about something else.", retracted: true, model: "m" });
    expect(transcript.entries().map((e) => [e.text, e.state])[1]).toEqual(["Let's talk about something else.", "retracted"]);
  });

  it("waits for no reply to a turn that ended in an error, so a later turn's reply is the one still awaited", () => {
    const transcript = new Transcript();
    sentTurn(transcript, "c1", "m1", 1);
    expect(transcript.turnFailed("m1").changed).toBe(true);
    expect(transcript.awaitingReply()).toEqual([]);

    sentTurn(transcript, "c2", "m2", 2);
    expect(transcript.awaitingReply().map((e) => e.messageId)).toEqual(["m2"]);
    transcript.reply({ ...ids("m2"), seq: 2, text: "I'm here.", personaId: "comfort", model: "offline", replaced: false });
    expect(transcript.awaitingReply()).toEqual([]);
  });

  it("after a reload, knows from history which turn still waits for its reply", () => {
    const transcript = new Transcript();
    transcript.loadHistory([
      { seq: 1, role: "user", messageId: "m1", content: "hi" },
      { seq: 1, role: "assistant", messageId: "m1", content: "Hey." },
      { seq: 2, role: "user", messageId: "m2", content: "so about school" },
    ]);
    expect(transcript.lastAnsweredSeq()).toBe(1);
    expect(transcript.awaitingReply().map((e) => e.messageId)).toEqual(["m2"]);
    transcript.reply({ ...ids("m2"), seq: 2, text: "Tell me.", personaId: "comfort", model: "offline", replaced: false, resumed: true });
    expect(transcript.awaitingReply()).toEqual([]);
    expect(transcript.entries().map((e) => e.text)).toEqual(["hi", "Hey.", "so about school", "Tell me."]);
  });

  it("keeps the acknowledged message, not a second copy, when history and the ack both name it", () => {
    const transcript = new Transcript();
    transcript.addOwnMessage("c2", "again");
    transcript.loadHistory([{ seq: 2, role: "user", messageId: "m2", content: "again" }]);
    transcript.messageReceived({ sessionId: SESSION, messageId: "m2", seq: 2, clientMessageId: "c2", duplicate: true });
    expect(transcript.entries().filter((e) => e.role === "user")).toHaveLength(1);
    expect(transcript.unacknowledged()).toEqual([]);
  });

  it("puts a safety notice with its helplines in place of a reply", () => {
    const transcript = new Transcript();
    sentTurn(transcript, "c1", "m1", 1, "i want to kill myself");
    const change = transcript.safetyNotice({
      ...ids("m1"),
      seq: 1,
      text: "You matter.",
      categories: ["self_harm"],
      resources: [{ name: "988 Suicide & Crisis Lifeline", contact: "Call or text 988", description: "24/7" }],
    });
    expect(change.completed?.role).toBe("notice");
    expect(transcript.awaitingReply()).toEqual([]);
    expect(transcript.entries().at(-1)?.helplines?.[0]?.contact).toBe("Call or text 988");
  });

  it("shows a notice from history as the notice it was, and a resumed copy of it once", () => {
    const helplines = [{ name: "988 Suicide & Crisis Lifeline", contact: "Call or text 988", description: "24/7" }];
    const notice = { ...ids("m1"), seq: 1, text: "You matter.", categories: ["self_harm"], resources: helplines };
    const fromHistory = new Transcript();
    fromHistory.loadHistory([
      { seq: 1, role: "user", messageId: "m1", content: "i want to kill myself" },
      { seq: 1, role: "assistant", messageId: "m1", content: "You matter.", safetyNotice: { categories: ["self_harm"], resources: helplines } },
    ]);
    expect(fromHistory.entries().map((e) => [e.role, e.text, e.helplines?.length])).toEqual([
      ["user", "i want to kill myself", undefined],
      ["notice", "You matter.", 1],
    ]);
    expect(fromHistory.lastAnsweredSeq()).toBe(1);
    expect(fromHistory.safetyNotice({ ...notice, resumed: true }).changed).toBe(false);

    // The resumed notice first, then history (the gap fill) with the same turn: still one notice.
    const resumedFirst = new Transcript();
    sentTurn(resumedFirst, "c1", "m1", 1, "i want to kill myself");
    expect(resumedFirst.safetyNotice({ ...notice, resumed: true }).completed?.role).toBe("notice");
    resumedFirst.loadHistory([{ seq: 1, role: "assistant", messageId: "m1", content: "You matter.", safetyNotice: { categories: ["self_harm"], resources: helplines } }]);
    resumedFirst.loadHistory([{ seq: 1, role: "assistant", messageId: "m1", content: "You matter." }]);
    expect(resumedFirst.entries().map((e) => e.role)).toEqual(["user", "notice"]);
  });

  it("marks a refused message as not sent, and sends it again on request", () => {
    const transcript = new Transcript();
    transcript.addOwnMessage("c1", "one");
    expect(transcript.notSent()?.clientMessageId).toBe("c1");
    expect(transcript.unacknowledged()).toEqual([]);
    expect(transcript.resend("c1")?.state).toBe("sending");
    expect(transcript.unacknowledged().map((e) => e.text)).toEqual(["one"]);
  });

  it("marks the refused message named by the server as not sent, not the first one still sending", () => {
    const transcript = new Transcript();
    transcript.addOwnMessage("c1", "one");
    transcript.addOwnMessage("c2", "two");

    expect(transcript.notSent("c2")?.text).toBe("two");

    expect(transcript.unacknowledged().map((e) => e.text)).toEqual(["one"]);
  });
});
