// Prints the latency of one bus hop (PutEvents → handler invoked) as p50/p99, and the sustained events/s.
import { performance } from "node:perf_hooks";
import { rm } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { EventPublisher, createEventConsumer, type PublishRequest } from "@innerworld/events";
import { localCredentials } from "@innerworld/emulators/net";
import { EPHEMERAL_PORTS, startLocalCloud } from "../src";
import { ms, summarize } from "@innerworld/bench/stats";

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 300);
const SUSTAINED = Number(process.env.BENCH_SUSTAINED ?? 5000);

const graphUpdated = (i: number): PublishRequest<"GraphUpdated"> => ({
  type: "GraphUpdated",
  correlationId: `s-${i}`,
  userId: "bench-user",
  sessionId: `s-${i}`,
  data: { sessionId: `s-${i}`, entitiesMerged: 3, relationsMerged: 2, relationsInvalidated: 0, extractor: "bench" },
});

const main = async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "innerworld-bench-"));
  const invokedAt = new Map<string, number>();
  let waiter: { id: string; resolve: () => void } | undefined;
  // context-refresh takes batches of 10 and GraphUpdated has one producer: a clean single-hop target.
  const consumer = createEventConsumer({
    service: "context-refresh",
    handlers: {
      GraphUpdated: async ({ envelope }) => {
        invokedAt.set(envelope.data.sessionId, performance.now());
        if (waiter?.id === envelope.data.sessionId) waiter.resolve();
      },
    },
  });
  const cloud = await startLocalCloud({
    dataDir,
    ports: EPHEMERAL_PORTS,
    services: ["context-refresh"],
    handlerOverrides: { "context-refresh": consumer },
    pollersPerService: 4,
  });
  const client = new EventBridgeClient({ endpoint: cloud.endpoints.eventBridgeEndpoint, region: cloud.endpoints.region, credentials: localCredentials });
  const publisher = new EventPublisher({ client, busName: cloud.endpoints.busName, producer: "graph-extraction" });
  try {
    // Warm-up: connections, JIT.
    for (let i = 0; i < 30; i += 1) await publisher.publish(graphUpdated(-1 - i));

    const hops: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i += 1) {
      const id = `s-${i}`;
      const reached = new Promise<void>((resolve) => (waiter = { id, resolve }));
      const sentAt = performance.now();
      await publisher.publish(graphUpdated(i));
      await reached;
      hops.push((invokedAt.get(id) as number) - sentAt);
    }
    const hop = summarize(hops);

    invokedAt.clear();
    const base = 1_000_000;
    const startedAt = performance.now();
    const requests = Array.from({ length: SUSTAINED }, (_, i) => graphUpdated(base + i));
    // 8 publishers in flight, 10 entries a call: the way a busy fleet of producers looks to the bus.
    const chunks: PublishRequest[][] = [];
    for (let i = 0; i < requests.length; i += 10) chunks.push(requests.slice(i, i + 10));
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < chunks.length) await publisher.publish(...(chunks[next++] as PublishRequest[]));
    }));
    const publishedAt = performance.now();
    while ([...invokedAt.keys()].filter((k) => Number(k.slice(2)) >= base).length < SUSTAINED) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const doneAt = performance.now();

    console.log(`bus hop (PutEvents → handler invoked), ${hop.n} sequential events: p50 ${ms(hop.p50)}, p99 ${ms(hop.p99)}, max ${ms(hop.max)}`);
    console.log(`sustained: ${SUSTAINED} events published in ${ms(publishedAt - startedAt)}, all handled after ${ms(doneAt - startedAt)} → ${(SUSTAINED / ((doneAt - startedAt) / 1000)).toFixed(0)} events/s end to end`);
  } finally {
    client.destroy();
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
