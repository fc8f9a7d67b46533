// The registry accepts only older majors, chains them to the current one, and reports what it accepts.
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { messageReceivedV0Upcaster } from "./fixtures/messageReceivedV0";
import { acceptedEventVersions, envelopeSchemaOf, toJsonSchema } from "./envelopeSchemas";
import { EVENT_UPCASTERS } from "./registry";
import { upcast } from "./upcastEnvelope";
import { UpcasterRegistry } from "./UpcasterRegistry";

const context = { eventId: "4f2e0001-9d8c-4b7a-8e6f-5a4b3c2d0001", occurredAt: "2025-09-02T19:41:07.512Z", userId: "user-jonah" };

describe("UpcasterRegistry", () => {
  it("refuses upcasters from the current major or a newer one, and duplicates", () => {
    const registry = new UpcasterRegistry();
    expect(() => registry.register({ ...messageReceivedV0Upcaster, fromVersion: 1 })).toThrow(/older major than the catalog's v1/);
    registry.register(messageReceivedV0Upcaster);
    expect(() => registry.register(messageReceivedV0Upcaster)).toThrow(/already registered/);
  });

  it("lists accepted versions oldest first, and only those with a chain to the current major", () => {
    const registry = new UpcasterRegistry();
    expect(registry.acceptedVersions("MessageReceived")).toEqual([1]);
    const unregister = registry.register(messageReceivedV0Upcaster);
    expect(registry.acceptedVersions("MessageReceived")).toEqual([0, 1]);
    expect(registry.schemaOf("MessageReceived", 0)).toBe(messageReceivedV0Upcaster.schema);
    unregister();
    expect(registry.acceptedVersions("MessageReceived")).toEqual([1]);
    expect(registry.schemaOf("MessageReceived", 0)).toBeUndefined();
  });

  it("upcasts data of an older major and leaves current data alone", () => {
    const registry = new UpcasterRegistry();
    registry.register(messageReceivedV0Upcaster);
    const v0 = { messageId: "m1", sessionId: "s1", seq: 1, personaId: "comfort", text: "hi" };
    expect(upcast("MessageReceived", 0, v0, context, registry)).toEqual({
      messageId: "m1",
      sessionId: "s1",
      seq: 1,
      personaId: "comfort",
      content: "hi",
      stream: false,
      receivedAt: context.occurredAt,
    });
    expect(registry.upcast("MessageReceived", 1, { any: "thing" }, context)).toEqual({ version: 1, data: { any: "thing" } });
  });

  it("has nothing registered for production today: every event is at its first major", () => {
    expect(acceptedEventVersions(EVENT_UPCASTERS).every((v) => v.version === 1 && v.current)).toBe(true);
  });
});

describe("per-version envelope schemas", () => {
  it("fixes the version and the producers of each accepted version", () => {
    const registry = new UpcasterRegistry();
    registry.register(messageReceivedV0Upcaster);
    const v0 = toJsonSchema(envelopeSchemaOf("MessageReceived", 0, registry)) as { properties: { metadata: { properties: Record<string, unknown> }; data: { required: string[] } } };
    expect(v0.properties.metadata.properties.version).toMatchObject({ const: 0 });
    expect(v0.properties.metadata.properties.producer).toMatchObject({ enum: ["gateway"] });
    expect(v0.properties.data.required).toContain("text");
    expect(acceptedEventVersions(registry).filter((v) => v.type === "MessageReceived")).toEqual([
      { type: "MessageReceived", version: 0, current: false },
      { type: "MessageReceived", version: 1, current: true },
    ]);
    expect(() => envelopeSchemaOf("MessageReceived", 0)).toThrow(/not an accepted version/);
  });

  it("publishes open objects: additive fields within a major do not break readers", () => {
    const schema = toJsonSchema(z.object({ a: z.string() }));
    expect(schema.additionalProperties).not.toBe(false);
  });
});
