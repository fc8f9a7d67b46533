// Which personas the picker lets a teen start with, by the status the API lists them with, and the list it offers.
import { describe, expect, it } from "vitest";
import type { PersonaSummary } from "../api/httpApi";
import { sayIn } from "../language/messages";
import { BUILT_IN_PERSONAS, notChattableBecause, pickerPersonas } from "./personas";

const say = sayIn("en");

const persona = (status?: string): PersonaSummary => ({ id: "survey-1", displayName: "Noor", tagline: "", custom: true, ...(status ? { status } : {}) });

describe("notChattableBecause", () => {
  it("lets a ready persona, and a built-in the client knows without a status, start a chat", () => {
    expect(notChattableBecause(say, persona("ready"))).toBeUndefined();
    expect(notChattableBecause(say, persona())).toBeUndefined();
  });

  it("lets a persona whose portrait failed start a chat, as the gateway does: it is usable without a picture", () => {
    expect(notChattableBecause(say, persona("failed"))).toBeUndefined();
  });

  it("says a persona of a survey is still being made, at each step the gateway refuses with PERSONA_NOT_READY", () => {
    expect(notChattableBecause(say, persona("collecting"))).toBe("Still being made: waiting for friends' answers.");
    expect(notChattableBecause(say, persona("synthesizing"))).toBe("Still being made from friends' answers.");
    expect(notChattableBecause(say, persona("drawing"))).toBe("Still being made: its picture is being drawn.");
  });

  it("holds back a status it does not know, since the gateway starts only ready personas", () => {
    expect(notChattableBecause(say, persona("archived"))).toBe("Still being made.");
  });
});

describe("pickerPersonas", () => {
  it("offers the API's list with the built-ins it leaves out after it, and the built-ins alone when it lists none", () => {
    const listed: PersonaSummary[] = [persona("drawing"), { id: "courage", displayName: "Courage", tagline: "", custom: false, status: "ready" }];
    expect(pickerPersonas(listed).map((p) => p.id)).toEqual(["survey-1", "courage", "companion", "comfort", "creative", "compass"]);
    expect(pickerPersonas([])).toEqual(BUILT_IN_PERSONAS);
  });
});
