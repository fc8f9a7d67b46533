// The reply a model gives when a test has not scripted one: short, deterministic, and traceable to the request.
import type { RecordedRequest } from "./types.js";

export function defaultReply(request: RecordedRequest): string {
  const lastUser = [...(request.messages ?? [])].reverse().find((message) => message.role === "user");
  const said = typeof lastUser?.content === "string" ? lastUser.content.trim().slice(0, 80).replace(/[.!?]+$/, "") : "";
  return `This is ${request.model ?? "a model"} answering. You said: ${said || "nothing"}. What else is on your mind?`;
}
