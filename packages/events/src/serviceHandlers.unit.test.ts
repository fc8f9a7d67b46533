// A service's handlers must match its topology entry exactly: `pnpm typecheck` fails on each @ts-expect-error below
// if a missing or an extra handler ever compiles.
import { describe, expect, it } from "vitest";
import type { ServiceHandlers } from "./consumer";
import { topologyOf } from "./topology";

const handled = async () => undefined;

describe("ServiceHandlers", () => {
  it("takes exactly the events the topology says a service consumes", () => {
    const contextRefresh: ServiceHandlers<"context-refresh"> = { SessionStarted: handled, GraphUpdated: handled, UserDeleted: handled };
    // @ts-expect-error GraphUpdated is missing
    const missing: ServiceHandlers<"context-refresh"> = { SessionStarted: handled, UserDeleted: handled };
    // @ts-expect-error context-refresh does not consume MessageReceived
    const extra: ServiceHandlers<"context-refresh"> = { SessionStarted: handled, GraphUpdated: handled, UserDeleted: handled, MessageReceived: handled };
    expect(Object.keys(contextRefresh).sort()).toEqual(topologyOf("context-refresh").consumes.map((s) => s.eventType).sort());
    expect([missing, extra]).toHaveLength(2);
  });
});
