// Fixed, safe replies.
export * from "./safeReplies";
