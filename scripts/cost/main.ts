// `pnpm cost`: the AWS cost of one million chat turns (infrastructure only) from measured work per turn, and the
// model's token cost per turn beside it. Options: --sessions N --turns-per-session N --no-stream.
import { parseArgs } from "node:util";
import { buildPlan, settingsFor } from "../../infra/plan";
import { DEFAULT_ASSUMPTIONS, priceTurns } from "./costModel";
import { measureTurns } from "./measureTurns";
import { AWS_PRICES, modelPriceOf, PRICES_AS_OF } from "./prices";
import { DEFAULT_REMOTE_MODEL } from "@innerworld/chat-model/model-config";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const { values } = parseArgs({
  options: { sessions: { type: "string", default: "3" }, "turns-per-session": { type: "string", default: "8" }, "no-stream": { type: "boolean", default: false } },
});
const workload = { sessions: Number(values.sessions), turnsPerSession: Number(values["turns-per-session"]), stream: !values["no-stream"] };

const usd = (n: number) => (n >= 100 ? `$${n.toFixed(0)}` : n >= 1 ? `$${n.toFixed(2)}` : `$${n.toFixed(4)}`);
const num = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(3));
const pad = (s: string, n: number) => s.padEnd(n);
/** Per-request prices read better per million; per-GB and per-GB-second ones as they are. */
const unitPrice = (price: number, unit: string) => (unit === "GB" || unit === "GB-s" ? `$${price.toPrecision(3)}` : `$${(price * 1e6).toFixed(3)}/1M`);
const lpad = (s: string, n: number) => s.padStart(n);

console.log(`Measuring ${workload.sessions} sessions × ${workload.turnsPerSession} turns (${workload.stream ? "streamed" : "single replies"}) through the local cloud…`);
const { measurement: m, suppressedLogLines } = await measureTurns(workload);
const settings = settingsFor("production");
const plan = buildPlan("production", settings);
const report = priceTurns(m, plan, modelPriceOf(settings.model.model ?? DEFAULT_REMOTE_MODEL));

console.log(`\nMeasured: ${m.turns} turns, ${m.eventBridge.entries} events (${Object.entries(m.eventBridge.byType).map(([t, n]) => `${t} ${n}`).join(", ")})`);
console.log(`  DynamoDB requests: ${Object.entries(m.dynamodb.requests).map(([op, n]) => `${op.replace("Command", "")} ${n}`).join(", ")}`);
console.log(
  `  DynamoDB write units per turn by table (index writes included): ${Object.entries(m.dynamodb.writeUnitsByTable)
    .sort(([, a], [, b]) => b - a)
    .map(([table, units]) => `${table} ${(units / m.turns).toFixed(2)}`)
    .join(", ")}`,
);
console.log(`  SQS deliveries per service: ${Object.entries(m.consumers).map(([s, w]) => `${s} ${w.records} in ${w.invocations} batches`).join(", ")}`);
console.log(`  WebSocket frames: ${m.websocket.clientFrames} from clients, ${m.websocket.serverFrames} to clients (${Object.entries(m.websocket.frameTypes).map(([t, n]) => `${t} ${n}`).join(", ")})`);
const batches = Object.values(m.consumers).reduce((sum, w) => sum + w.invocations, 0);
console.log(
  `  AWS API calls at the emulators: ${((m.awsCalls.total + batches) / m.turns).toFixed(1)} per turn (sessions' starts and ends spread over their turns; receives counted one per batch): ${Object.entries(m.awsCalls.byPart)
    .filter(([, ops]) => Object.keys(ops).length > 0)
    .map(([part, ops]) => `${part} ${Object.entries(ops).map(([op, n]) => `${op} ${(n / m.turns).toFixed(1)}`).join(", ")}`)
    .join("; ")}; ReceiveMessage ${(batches / m.turns).toFixed(1)}`,
);
console.log(`  model replies: ${m.tokens.replies} by ${m.tokens.models.join(", ") || "none"}; ${suppressedLogLines} service log lines not shown`);

console.log(`\nAWS infrastructure cost of 1,000,000 chat turns at ${PRICES_AS_OF}`);
console.log(`${pad("service", 22)} ${pad("item", 46)} ${lpad("per turn", 10)} ${pad("unit", 8)} ${lpad("unit price", 12)} ${lpad("per 1M turns", 13)}`);
for (const l of report.lineItems) {
  console.log(`${pad(l.service, 22)} ${pad(l.item, 46)} ${lpad(num(l.perTurn), 10)} ${pad(l.unit, 8)} ${lpad(unitPrice(l.unitPrice, l.unit), 12)} ${lpad(usd(l.perMillionTurns), 13)}`);
}
console.log(`${pad("total", 22)} ${pad("", 46)} ${lpad("", 10)} ${pad("", 8)} ${lpad("", 12)} ${lpad(usd(report.totalPerMillionTurns), 13)}`);

console.log("\nLambda, per function (memory and architecture from the topology table through the plan; time measured locally, generation plus the model's assumed latency):");
for (const f of report.functions) {
  console.log(`  ${pad(f.function, 42)} ${lpad(String(f.memoryMb), 5)} MB ${pad(f.architecture, 6)}  ${lpad(num(f.invocationsPerTurn), 6)} calls/turn  ${lpad(String(f.msPerInvocation), 6)} ms  ${lpad(num(f.gbSecondsPerTurn), 8)} GB-s/turn`);
}

console.log("\nFixed per month whatever the traffic (not in the total):");
for (const f of report.fixedPerMonth) console.log(`  ${pad(f.item, 60)} ${usd(f.dollars)}`);

const t = report.tokens;
console.log(`\nBeside it, the model: ${t.model.model} (${t.model.source})`);
console.log(`  chat: ${num(t.inputPerTurn)} prompt + ${num(t.outputPerTurn)} completion tokens per turn (measured on the ${m.tokens.models.join(", ") || "?"} model's usage)`);
console.log(`        = $${(t.chatPerMillionTurns / 1e6).toPrecision(3)} per turn, ${usd(t.chatPerMillionTurns)} per 1M turns`);
console.log(`  graph extraction, once per session of ${m.turnsPerSession} turns (estimated from the transcript): ${usd(t.extractionPerMillionTurns)} per 1M turns`);
console.log(`  infrastructure is ${((report.totalPerMillionTurns / (report.totalPerMillionTurns + t.chatPerMillionTurns + t.extractionPerMillionTurns)) * 100).toFixed(0)}% of infrastructure + tokens`);

const a = DEFAULT_ASSUMPTIONS;
console.log("\nAssumed (not measured):");
console.log(`  ${a.secondsPerTurn} s of open connection per turn; model latency ${a.modelFirstTokenMs} ms to first token + ${a.modelTokensPerSecond} tokens/s;`);
console.log(`  ~${num(a.idleReceivesPerQueuePerMonth)} idle long polls per queue a month; DynamoDB index writes where a write touched a projected attribute, deletes as if the item was indexed;`);
console.log("  Lambda times are this machine against the local emulators, not Lambda against DynamoDB; no free tier; logs, storage,");
console.log(`  data transfer and the read API are left out. Prices: Lambda $${AWS_PRICES.lambdaGbSecondArm}/GB-s arm64, $0.20/1M requests;`);
console.log("  SQS $0.40/1M; EventBridge $1.00/1M; DynamoDB $0.625/1M WRU, $0.125/1M RRU; WebSocket $1.00/1M messages, $0.25/1M minutes.");
