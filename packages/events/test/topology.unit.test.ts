// The topology table is consistent: every published type is consumed, every consumed type is produced.
import { describe, expect, it } from "vitest";
import {
  ANALYST_ONLY_EVENTS,
  EVENT_CATALOG,
  EVENT_TYPES,
  TOPOLOGY,
  consumersOf,
  consumingServices,
  liveConsumersOf,
  eventPatternOf,
  publishersOf,
  topologyOf,
} from "../src";

describe("topology", () => {
  it("gives every published event type a consumer, except those kept for analysts", () => {
    const published = new Set(TOPOLOGY.flatMap((t) => t.publishes));
    const unconsumed = [...published].filter((type) => consumersOf(type).length === 0);
    expect(unconsumed.sort()).toEqual([...ANALYST_ONLY_EVENTS].sort());
  });

  it("gives every consumed event type a producer that the catalog names", () => {
    for (const topology of TOPOLOGY) {
      for (const { eventType } of topology.consumes) {
        expect(publishersOf(eventType), `${eventType} consumed by ${topology.service}`).not.toHaveLength(0);
        for (const producer of publishersOf(eventType)) expect(EVENT_CATALOG[eventType].producers).toContain(producer);
      }
    }
  });

  it("lets only the catalog's producers publish each type", () => {
    for (const type of EVENT_TYPES) {
      expect([...publishersOf(type)].sort(), type).toEqual([...EVENT_CATALOG[type].producers].sort());
    }
  });

  it("keeps replayed events away from services with live side effects", () => {
    for (const topology of consumingServices()) {
      const pattern = eventPatternOf(topology);
      if (topology.acceptsReplay) expect(pattern["replay-name"]).toBeUndefined();
      else expect(pattern["replay-name"]).toEqual([{ exists: false }]);
    }
    expect(consumingServices().filter((t) => !t.acceptsReplay).map((t) => t.service)).toEqual(expect.arrayContaining(["notifier", "generation"]));
  });

  it("gives a replay-only subscription its own clause that requires a replay, and refuses one where replays are kept out", () => {
    const storage = eventPatternOf(topologyOf("storage")) as { $or: Record<string, unknown>[] };
    const received = storage.$or.filter((clause) => (clause["detail-type"] as string[]).includes("MessageReceived"));
    expect(received).toEqual([{ source: ["innerworld.gateway"], "detail-type": ["MessageReceived"], "replay-name": [{ exists: true }] }]);
    expect(() => eventPatternOf({ ...topologyOf("notifier"), consumes: [{ eventType: "ReplyScreened", replayOnly: true }] })).toThrow(/accepts no replays/);
    expect(consumersOf("MessageReceived").sort()).toEqual(["safety", "storage", "watchdog"]);
    expect(liveConsumersOf("MessageReceived").sort()).toEqual(["safety", "watchdog"]);
  });

  it("sets visibility timeouts of at least six times the function timeout", () => {
    for (const { service, queue } of consumingServices()) {
      expect(queue.visibilityTimeoutSeconds, service).toBeGreaterThanOrEqual(6 * queue.functionTimeoutSeconds);
    }
  });
});
