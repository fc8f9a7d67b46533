// DynamoDbSessionStore against dynalite: the SessionStore contract, and what its ledger of live sessions does after a crash.
import { randomUUID } from "node:crypto";
import { startLocalTables, type LocalTables } from "@innerworld/emulators/dynamodb";
import { ClaimLedger } from "@innerworld/platform/dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDbSessionStore, isSessionLimitError, liveSessionsKeyOf } from "../../src/sessions";
import { sessionStoreContract } from "./sessionStoreContract";

sessionStoreContract("DynamoDB (dynalite)", async (clock) => {
  const local = await startLocalTables("conversation-test");
  return { store: new DynamoDbSessionStore(local.client, local.tables.sessions, clock), close: local.close };
});

describe("DynamoDbSessionStore's ledger of live sessions", () => {
  let local: LocalTables;
  let now = Date.parse("2026-12-04T16:00:00.000Z");
  beforeAll(async () => {
    local = await startLocalTables("session-ledger");
  });
  afterAll(() => local.close());

  it("holds a place claimed by a start that died before writing its session for a minute, then gives it up", async () => {
    const store = new DynamoDbSessionStore(local.client, local.tables.sessions, () => now);
    const userId = `user-${randomUUID()}`;
    await store.start({ userId, personaId: "companion", connectionId: "conn-1", maxActive: 2 });
    // A start that claimed its place and crashed before its session was written.
    await new ClaimLedger(local.client, local.tables.sessions, "sessionId").claim(liveSessionsKeyOf(userId), randomUUID(), now);

    const refused = store.start({ userId, personaId: "companion", connectionId: "conn-2", maxActive: 2 });
    await expect(refused).rejects.toSatisfy(isSessionLimitError);
    now += 61_000;
    const started = await store.start({ userId, personaId: "companion", connectionId: "conn-2", maxActive: 2 });

    expect(started.status).toBe("active");
    expect(await store.listActiveByUser(userId)).toHaveLength(2);
  });
});
