// Keys built from client-chosen strings must never match across users, whatever the strings hold.
import { describe, expect, it } from "vitest";
import { keyPart } from "@innerworld/platform/dynamodb";
import { sessionBucketKey } from "./keys";

describe("gateway keys", () => {
  it("gives each sender a session bucket of their own", () => {
    expect(sessionBucketKey("mallory", "session-1")).not.toBe(sessionBucketKey("alex", "session-1"));
    expect(sessionBucketKey("a#b", "c")).not.toBe(sessionBucketKey("a", "b#c"));
  });

  it("leaves ordinary ids as they are and escapes the escape", () => {
    expect(keyPart("2f1c-uuid")).toBe("2f1c-uuid");
    expect(keyPart("a%23b")).not.toBe(keyPart("a#b"));
  });
});
