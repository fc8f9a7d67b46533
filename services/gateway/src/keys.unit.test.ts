// Keys built from client-chosen strings must never match across users, whatever the strings hold.
import { describe, expect, it } from "vitest";
import { clientMessageKey, keyPart, sessionBucketKey } from "./keys";

describe("gateway keys", () => {
  it("keeps a sub holding # from reaching another user's client-message key", () => {
    expect(clientMessageKey("alex#m", "1")).not.toBe(clientMessageKey("alex", "m#1"));
    expect(clientMessageKey("a%23b", "c")).not.toBe(clientMessageKey("a#b", "c"));
  });

  it("gives each sender a session bucket of their own", () => {
    expect(sessionBucketKey("mallory", "session-1")).not.toBe(sessionBucketKey("alex", "session-1"));
    expect(sessionBucketKey("a#b", "c")).not.toBe(sessionBucketKey("a", "b#c"));
  });

  it("leaves ordinary ids as they are", () => {
    expect(keyPart("2f1c-uuid")).toBe("2f1c-uuid");
  });
});
