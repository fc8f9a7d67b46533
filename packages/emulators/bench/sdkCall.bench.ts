// Prints the CPU one AWS SDK call costs this process against the local DynamoDB, and how that splits: the SDK and
// Node's HTTP against a server that answers at once, the same call over an in-memory connection instead of loopback
// TCP, and the SDK's resolved-handler cache (`cacheMiddleware`). Issue 16 asked whether an in-process transport would
// pay; this is the measurement (docs/cost.md).
// Usage: npx tsx packages/emulators/bench/sdkCall.bench.ts   (BENCH_CALLS, default 3000 per round; 5 timed rounds)

import { Agent, createServer, type Server } from "node:http";
import { Duplex } from "node:stream";
import { loadavg } from "node:os";
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import dynalite from "dynalite";
import { listen, localCredentials } from "../src/net";
import { cacheDynaliteTableDescriptions } from "../src/dynamodb/tableDescriptions";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const ROUNDS = 5;
const TABLE = "bench-items";
const KEYS = 100;

/** Two connected in-memory streams: what one writes, the other reads. No socket, no kernel, the same HTTP on both ends. */
function connectedPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const end = (peer: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        peer().push(chunk);
        done();
      },
      final(done) {
        peer().push(null);
        done();
      },
    });
  ends.push(end(() => ends[1] as Duplex), end(() => ends[0] as Duplex));
  // Node's HTTP client and server call these socket methods; an in-memory stream has nothing to set.
  for (const stream of ends) Object.assign(stream, { setNoDelay() {}, setKeepAlive() {}, setTimeout() {}, ref() {}, unref() {} });
  return [ends[0] as Duplex, ends[1] as Duplex];
}

/** An agent whose connections go straight into `server` in this process, kept alive like a socket would be. */
class InMemoryAgent extends Agent {
  constructor(private readonly server: Server) {
    super({ keepAlive: true });
  }
  override createConnection(): Duplex {
    const [client, serverSide] = connectedPair();
    queueMicrotask(() => this.server.emit("connection", serverSide));
    return client;
  }
}

const documentClient = (endpoint: string, agent: Agent) =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1", credentials: localCredentials, endpoint, requestHandler: { httpAgent: agent } }));

/** CPU and wall time per call of `call` over one round. */
async function measure(call: (i: number) => Promise<void>): Promise<{ cpuMs: number; wallMs: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < CALLS; i += 1) await call(i);
  const cpu = process.cpuUsage(cpuBefore);
  return { cpuMs: (cpu.user + cpu.system) / 1000 / CALLS, wallMs: (performance.now() - started) / CALLS };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const main = async () => {
  cacheDynaliteTableDescriptions();
  const dynamo: Server = dynalite({ createTableMs: 0 });
  const dynamoEndpoint = await listen(dynamo, 0);
  // A server that answers every GetItem at once with an item for the key asked: what is left is the SDK, Node's HTTP
  // and this handler's parsing of the request.
  const canned = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const { Key } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { Key: { pk: { S: string } } };
      const body = JSON.stringify({ Item: { pk: Key.pk, text: { S: "x".repeat(200) }, n: { N: Key.pk.S.slice(1) } } });
      response.writeHead(200, { "content-type": "application/x-amz-json-1.0", "content-length": Buffer.byteLength(body) });
      response.end(body);
    });
  });
  const cannedEndpoint = await listen(canned, 0);

  const overTcp = documentClient(dynamoEndpoint, new Agent({ keepAlive: true }));
  const inMemory = documentClient(dynamoEndpoint, new InMemoryAgent(dynamo));
  const cannedOverTcp = documentClient(cannedEndpoint, new Agent({ keepAlive: true }));
  const cannedInMemory = documentClient(cannedEndpoint, new InMemoryAgent(canned));
  const plainClient = (cacheMiddleware: boolean) =>
    new DynamoDBClient({ region: "us-east-1", credentials: localCredentials, endpoint: cannedEndpoint, cacheMiddleware, requestHandler: { httpAgent: new InMemoryAgent(canned) } });
  const plain = plainClient(false);
  const cached = plainClient(true);

  await overTcp.send(
    new CreateTableCommand({ TableName: TABLE, KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], BillingMode: "PAY_PER_REQUEST" }),
  );
  for (let i = 0; i < KEYS; i += 1) await overTcp.send(new PutCommand({ TableName: TABLE, Item: { pk: `k${i}`, text: "x".repeat(200), n: i } }));

  // Every read checks its answer, so a transport that mixed up requests would stop the run rather than print a figure.
  const documentGet = (client: DynamoDBDocumentClient) => async (i: number) => {
    const { Item } = await client.send(new GetCommand({ TableName: TABLE, Key: { pk: `k${i % KEYS}` } }));
    if (Item?.n !== i % KEYS) throw new Error(`GetItem k${i % KEYS} answered ${JSON.stringify(Item)}`);
  };
  const plainGet = (client: DynamoDBClient) => async (i: number) => {
    const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: `k${i % KEYS}` } } }));
    if (Item?.n?.N !== String(i % KEYS)) throw new Error(`GetItem k${i % KEYS} answered ${JSON.stringify(Item)}`);
  };
  const setups: [string, (i: number) => Promise<void>][] = [
    ["document client, dynalite over loopback TCP (the local cloud today)", documentGet(overTcp)],
    ["document client, dynalite over an in-memory connection", documentGet(inMemory)],
    ["document client, a server that answers at once, over loopback TCP", documentGet(cannedOverTcp)],
    ["document client, a server that answers at once, in memory (the SDK, Node's HTTP and a trivial handler)", documentGet(cannedInMemory)],
    ["plain client, a server that answers at once, in memory", plainGet(plain)],
    ["plain client with cacheMiddleware, a server that answers at once, in memory", plainGet(cached)],
  ];
  console.log(`one GetItem, ${CALLS} calls a round; one untimed round of each set-up, then ${ROUNDS} timed rounds, the order rotated each round and reversed every other`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}; node ${process.version}`);
  for (const [, call] of setups) await measure(call);
  const results = new Map<string, { cpuMs: number; wallMs: number }[]>();
  for (let round = 0; round < ROUNDS; round += 1) {
    // Rotated by one each round and reversed every other round, so that no set-up always runs at the same place in a
    // round or after the same other set-up.
    const order = setups.map((_, n) => setups[(n + round) % setups.length] as (typeof setups)[number]);
    if (round % 2 === 1) order.reverse();
    for (const [label, call] of order) results.set(label, [...(results.get(label) ?? []), await measure(call)]);
  }
  for (const [label, rounds] of results) {
    const cpu = rounds.map((r) => r.cpuMs);
    const wall = rounds.map((r) => r.wallMs);
    console.log(`  ${label}: CPU median ${median(cpu).toFixed(3)} ms (${Math.min(...cpu).toFixed(3)}–${Math.max(...cpu).toFixed(3)}), wall median ${median(wall).toFixed(3)} ms`);
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} at the end`);
  for (const client of [overTcp, inMemory, cannedOverTcp, cannedInMemory, plain, cached]) client.destroy();
  canned.close();
  dynamo.close();
};

await main();
