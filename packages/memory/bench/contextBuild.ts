// Prints how long a context block takes to build (topEdges query + buildContextBlock) for a user with 5,000 vertices and 20,000 edges in the DynamoDB adapter.
// Run: npx tsx packages/memory/bench/contextBuild.ts   (BENCH_RUNS=200 BENCH_SESSIONS=500 change the size, BENCH_DYNALITE=child the set-up)
//
// The graph is loaded the way production fills it: one planned mutation per session, applied through the store.
// dynalite runs in this process by default, so its request handling and garbage collection count in the measured
// time; BENCH_DYNALITE=child runs it in a child process instead, as DynamoDB is a separate service in production.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ensureTables, startDynamoDb } from "@innerworld/emulators/dynamodb";
import { localCredentials } from "@innerworld/emulators/net";
import { ms, summarize } from "@innerworld/bench/stats";
import { buildContextBlock } from "../src/context/index";
import { DEFAULT_TOP_EDGES, DynamoDbGraphStore, EDGE_LABELS, planMerge, type EntityType, type ExtractedEntity, type ExtractedRelation } from "../src/graph/index";
import { tableNamesFor } from "@innerworld/platform/tables";

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARM_UP = 20;
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 500);
const NEW_ENTITIES_PER_SESSION = 10;
const RELATIONS_PER_SESSION = 40;
const USER_ID = "bench-teen";
const ENTITY_TYPES: EntityType[] = ["Person", "Place", "Thing", "Topic", "Event", "Activity", "Goal", "Feeling", "Value", "Habit"];
const START = Date.parse("2026-01-05T16:00:00Z");
const HOUR = 60 * 60 * 1000;

/** A small deterministic PRNG, so every run loads the same graph. */
const random = (() => {
  let state = 0x9e3779b9;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
})();
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;

const keyOf = (_type: EntityType, name: string) => name.toLowerCase();
const entityOf = (n: number): ExtractedEntity => {
  const type = ENTITY_TYPES[n % ENTITY_TYPES.length] as EntityType;
  const attributes: Record<string, string> = type === "Event" ? { date: new Date(START + n * 2 * HOUR).toISOString().slice(0, 10) } : type === "Person" ? { relation: pick(["friend", "classmate", "sister", "coach"]) } : {};
  return { type, name: `${type.toLowerCase()} ${n}`, aliases: [], attributes };
};

/**
 * Session i brings 10 new entities (the first session one fewer, so the user vertex makes 5,000) and 40 relations no
 * earlier session had: each new entity tied to the user, the rest between new and earlier entities, which the session
 * mentions again.
 */
function sessionExtraction(session: number, seenEdges: Set<string>, entityCount: { value: number }) {
  const fresh: ExtractedEntity[] = [];
  const count = session === 0 ? NEW_ENTITIES_PER_SESSION - 1 : NEW_ENTITIES_PER_SESSION;
  for (let i = 0; i < count; i += 1) fresh.push(entityOf(entityCount.value++));
  const earlier = new Map<string, ExtractedEntity>();
  const relations: ExtractedRelation[] = fresh.map((e) => ({ type: "relates_to", from: "user", to: e.name }));
  const pool = entityCount.value - fresh.length;
  while (relations.length < RELATIONS_PER_SESSION) {
    const from = pick(fresh);
    const to = pool > 0 ? entityOf(Math.floor(random() * pool)) : pick(fresh);
    const type = pick(EDGE_LABELS.filter((label) => label !== "mentions"));
    const id = `${from.name}|${type}|${to.name}`;
    if (from.name === to.name || seenEdges.has(id)) continue;
    seenEdges.add(id);
    if (pool > 0) earlier.set(to.name, to);
    relations.push({ type, from: from.name, to: to.name });
  }
  return { entities: [...fresh, ...earlier.values()], relations };
}

/** dynalite in this process, or in a child process (this same script, in the "dynamodb" role). */
async function startDynalite(): Promise<{ endpoint: string; close(): Promise<void> }> {
  if (process.env.BENCH_DYNALITE !== "child") return startDynamoDb({ port: 0 });
  const child = spawn(process.execPath, [...process.execArgv, import.meta.filename], { env: { ...process.env, BENCH_ROLE: "dynamodb" }, stdio: ["ignore", "pipe", "inherit"] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.stdout.once("data", (data) => resolve(String(data).trim()));
  });
  return { endpoint, close: async () => void child.kill() };
}

const main = async () => {
  const db = await startDynalite();
  const names = tableNamesFor("bench");
  await ensureTables(db.endpoint, "us-east-1", names);
  const client = new DynamoDBClient({ endpoint: db.endpoint, region: "us-east-1", credentials: localCredentials });
  const store = DynamoDbGraphStore.fromClient(client, names.graph);
  try {
    const loadStart = performance.now();
    const seenEdges = new Set<string>();
    const entityCount = { value: 0 };
    for (let session = 0; session < SESSIONS; session += 1) {
      const extraction = sessionExtraction(session, seenEdges, entityCount);
      const observedAt = new Date(START + session * 7 * HOUR).toISOString();
      await store.apply(USER_ID, planMerge({ userId: USER_ID, sessionId: `session-${session}`, observedAt, extraction, keyOf }));
    }
    const loadMs = performance.now() - loadStart;
    const counts = await store.counts(USER_ID);
    console.log(`dynalite ${process.env.BENCH_DYNALITE === "child" ? "in a child process" : "in this process"}`);
    console.log(`loaded ${counts.vertices} vertices and ${counts.edges} edges in ${(loadMs / 1000).toFixed(1)} s (${SESSIONS} sessions through apply)`);

    const now = new Date(START + SESSIONS * 7 * HOUR);
    const totals: number[] = [];
    const queries: number[] = [];
    const builds: number[] = [];
    let last: ReturnType<typeof buildContextBlock> | undefined;
    for (let run = 0; run < WARM_UP + RUNS; run += 1) {
      const started = performance.now();
      const edges = await store.topEdges(USER_ID, DEFAULT_TOP_EDGES);
      const queried = performance.now();
      last = buildContextBlock({ userId: USER_ID, edges, now });
      const built = performance.now();
      if (run < WARM_UP) continue;
      totals.push(built - started);
      queries.push(queried - started);
      builds.push(built - queried);
    }
    const total = summarize(totals);
    const query = summarize(queries);
    const build = summarize(builds);
    console.log(`context block build (topEdges ${DEFAULT_TOP_EDGES} + buildContextBlock), ${total.n} runs after ${WARM_UP} warm-up:`);
    console.log(`  total  p50 ${ms(total.p50)}  p99 ${ms(total.p99)}  max ${ms(total.max)}`);
    console.log(`  query  p50 ${ms(query.p50)}  p99 ${ms(query.p99)}`);
    console.log(`  build  p50 ${ms(build.p50)}  p99 ${ms(build.p99)}`);
    console.log(`  block: ${last?.tokenCount} tokens, ${last?.facts.length} facts, ${last?.entityCount} entities`);
  } finally {
    client.destroy();
    await db.close();
  }
};

if (process.env.BENCH_ROLE === "dynamodb") {
  const db = await startDynamoDb({ port: 0 });
  process.stdout.write(`${db.endpoint}\n`);
} else {
  await main();
}
