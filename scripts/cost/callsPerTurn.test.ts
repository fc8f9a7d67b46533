// How many AWS API calls one allowed, non-streamed chat turn makes, counted where they land (the emulators, over HTTP),
// held at today's count so a change that adds calls fails here and has to say why.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqsClientFor } from "@innerworld/emulators/sqs";
import { startTestCloud, type TestCloud } from "@innerworld/testing/cloud";
import { describeCounts, serviceCallTap } from "./awsCallMeter";
import { countTurnCalls, unmetered } from "./turnCalls";

/**
 * The ceiling, and where it comes from. One allowed turn publishes 5 events (MessageReceived, MessageScreened,
 * ReplyGenerated, ReplyScreened, ReplyDelivered), which the rules deliver 6 times (MessageReceived to safety and the
 * watchdog; MessageScreened to generation; ReplyGenerated to safety; ReplyScreened to the notifier; ReplyDelivered,
 * which carries the reply, to storage). Each delivery costs the bus's SendMessage, the poller's ReceiveMessage and its
 * DeleteMessageBatch: 5 + 3 × 6 = 23 calls before any service does its own work. The services then make 13 DynamoDB
 * calls (the gateway's read and conditional write of the user's rate-limit record, its update of the session and its
 * put of the user's message; safety's read of the session's recent messages, which its screening weighs; generation's
 * record of its attempt at the turn (one conditional write), its read of the user's context and its history query;
 * storage's erasure check and put of the reply with its delivery status; the notifier's claim, which also hands back
 * where a resume moved the session, and its settling of the turn's outcome once shown, so the watchdog can tell a
 * claim whose decider died before pushing it; the watchdog's read of that outcome) and 3 frames go out through @connections (agent_status
 * thinking and responding, the reply).
 * Measured 2026-12-04: 63, then 64 once safety read the recent messages, then 65 once the notifier settled outcomes.
 * 2026-12-05: 59, once the watchdog read the turn's outcome instead of claiming it (an answered turn: one GetItem, no
 * idempotency record, no erasure check) and the notifier's claim on the turn stood as its only guard for replies and notices.
 * Then 55, once the user's record held their session and connection buckets too (one read, one conditional write).
 * Then 51, once safety, generation and the notifier left the erasure check to the services that keep data, which
 * count a turn from its receivedAt (a reply published after an erasure to a message sent before it is dropped too).
 * Then 50, once storage's delivery-status update (which only changes a stored reply) skipped the erasure check.
 * Then 48, once a turn's only status frame was `thinking`: the reply says responding and ends the turn (no `idle`).
 * Then 44, once storage kept the reply from its delivery report, with its status, instead of hearing of it from
 * ReplyScreened and then again to mark it delivered (one delivery and one UpdateItem fewer).
 * Then 45, once generation said `responding` again: the protocol's agent_status is thinking, then responding.
 * Then 41, once the gateway kept the user's message as it accepted the turn, and storage heard of MessageReceived only
 * from replays of the archive (one delivery and one erasure check fewer; the put moved).
 * Then 40, once generation guarded a turn with one conditional write of its attempt (a copy of the turn reads the
 * turn's outcome and answers nothing once the turn has ended) instead of a Powertools record's two writes.
 * Then 39, once the notifier stopped reading the session: it pushes to the turn's own connection, or to the one a
 * resume moved the session to, which the gateway's resume marks on each turn still in flight and the claim's write
 * hands back (a disconnected client's connection is gone, and the push says so).
 * Issue 16's target is 24, below the 25 that the design's five events, their deliveries and each consumer's guard leave
 * at the least (docs/cost.md, "The floor the design sets"). A change that adds a call raises
 * these figures here, with its reason.
 */
const CEILING = { total: 39, putEvents: 5, deliveries: 6, dynamodb: 13, connections: 3 };

describe("AWS calls per turn", () => {
  let env: TestCloud;
  let probe: ReturnType<typeof sqsClientFor>;
  const tap = serviceCallTap();
  beforeAll(async () => {
    // The watchdog's delayed look at the turn is part of every turn: a deadline shorter than production's lets the
    // count include it, yet long enough that a busy machine's turn (the cold first one too) is answered well inside
    // it, since a turn past its deadline is timed out and costs other calls.
    env = await startTestCloud({ turnDeadlineSeconds: 20, pollersPerService: 1, onRuntime: tap.onRuntime });
    probe = unmetered(sqsClientFor(env.cloud.endpoints.sqsEndpoint, env.cloud.endpoints.region));
  });
  afterAll(async () => {
    probe?.destroy();
    await env?.stop();
  });

  it(`stays within ${CEILING.total} calls for one allowed, non-streamed turn`, async () => {
    const turn = await countTurnCalls(env.cloud, "calls-teen", { probe, tap });
    const sum = (calls: Record<string, number>) => Object.values(calls).reduce((total, n) => total + n, 0);
    const why = `${turn.total} calls: ${describeCounts(turn.counts)}; ${turn.batches} batches received; by service ${JSON.stringify(turn.byService)}`;
    // The breakdown is printed on success too: lowering the ceiling starts from it.
    console.info(why);
    expect(turn.reply.text, "the turn was answered").toEqual(expect.any(String));
    expect(turn.counts.byPart.eventbridge.PutEvents, why).toBe(CEILING.putEvents);
    expect(turn.counts.byPart.sqs.SendMessage, why).toBe(CEILING.deliveries);
    // Deliveries that land together may share a batch, never the reverse.
    expect(turn.batches, why).toBeLessThanOrEqual(CEILING.deliveries);
    expect(turn.batches, why).toBeGreaterThan(0);
    expect(sum(turn.counts.byPart.dynamodb), why).toBeLessThanOrEqual(CEILING.dynamodb);
    expect(sum(turn.counts.byPart.connections), why).toBeLessThanOrEqual(CEILING.connections);
    expect(turn.total, why).toBeLessThanOrEqual(CEILING.total);
  }, 180_000);
});
