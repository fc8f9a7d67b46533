// A replay plan: which rule each service receives the replay through, and which services are refused, with why.
import { describe, expect, it } from "vitest";
import { isAnalystError } from "../errors";
import { planReplay, REPLAYABLE_SERVICES } from "./planReplay";

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return isAnalystError(error) ? error.code : "not an AnalystError";
  }
  return undefined;
};

describe("planReplay", () => {
  it("sends a service every type it consumes through its own rule when no type is named", () => {
    expect(planReplay(["graph-extraction"])).toEqual([{ service: "graph-extraction", subscriptions: [{ eventType: "TranscriptReady" }], via: "service-rule" }]);
  });

  it("never replays a UserDeleted: it would erase what the account built after coming back", () => {
    expect(codeOf(() => planReplay(["graph-extraction"], ["UserDeleted"]))).toBe("NOTHING_TO_REPLAY");
    expect(() => planReplay(["storage"], ["UserDeleted"])).toThrow(/takes UserDeleted only live/);
  });

  it("uses the service's own rule when the named types are all it consumes", () => {
    const [plan] = planReplay(["graph-extraction"], ["TranscriptReady", "UserDeleted", "GraphUpdated"]);
    expect(plan?.via).toBe("service-rule");
  });

  it("needs a temporary rule when only some of a service's types are named, keeping their detail filters", () => {
    const [plan] = planReplay(["storage"], ["MessageScreened", "SessionEnded"]);
    expect(plan?.via).toBe("temporary-rule");
    expect(plan?.subscriptions).toEqual([
      { eventType: "MessageScreened", detailFilter: { data: { verdict: { action: ["block", "crisis"] } } } },
      { eventType: "SessionEnded" },
    ]);
  });

  it("plans each service once, in the order named", () => {
    expect(planReplay(["context-refresh", "graph-extraction", "context-refresh"]).map((p) => p.service)).toEqual(["context-refresh", "graph-extraction"]);
  });

  it.each(["notifier", "generation", "safety"])("refuses %s: it acts on live users", (service) => {
    expect(codeOf(() => planReplay([service]))).toBe("REPLAY_NOT_ACCEPTED");
    expect(() => planReplay(["storage", service])).toThrow(/does not accept replays/);
  });

  it("refuses the gateway, which consumes nothing", () => {
    expect(() => planReplay(["gateway"])).toThrow(/consumes nothing from the bus/);
  });

  it("refuses unknown services and types, and a service that consumes none of the types", () => {
    expect(codeOf(() => planReplay(["graph"]))).toBe("UNKNOWN_SERVICE");
    expect(codeOf(() => planReplay(["storage"], ["MessageRecieved"]))).toBe("UNKNOWN_EVENT_TYPE");
    expect(codeOf(() => planReplay(["graph-extraction"], ["MessageReceived"]))).toBe("NOTHING_TO_REPLAY");
    expect(codeOf(() => planReplay([]))).toBe("USAGE");
  });

  it("lists exactly the services whose rules take replays", () => {
    expect(REPLAYABLE_SERVICES).toEqual(["storage", "graph-extraction", "context-refresh", "persona-synthesis", "portrait"]);
  });
});
