// The commands, their flags and their help texts: what `pnpm events --help` and `pnpm events <command> --help` print.
import type { ParseArgsConfig } from "node:util";
import { EVENT_TYPES } from "@innerworld/events";
import { REPLAYABLE_SERVICES } from "../commands/planReplay";

type Options = NonNullable<ParseArgsConfig["options"]>;

export const COMMON_OPTIONS: Options = {
  local: { type: "string" },
  endpoint: { type: "string" },
  "sqs-endpoint": { type: "string" },
  profile: { type: "string" },
  region: { type: "string" },
  bus: { type: "string" },
  stage: { type: "string" },
  archive: { type: "string" },
  settle: { type: "string" },
  quiet: { type: "string" },
  help: { type: "boolean", short: "h" },
};

export const COMMON_HELP = `Where (one of; AWS through the default credential chain when neither --local nor --endpoint is given):
  --local [DIR]          the local cloud whose data dir is DIR (default .innerworld): reads DIR/endpoints.json
  --endpoint URL         an EventBridge endpoint (with --sqs-endpoint URL when SQS listens elsewhere)
  --profile NAME         AWS profile            --region REGION   AWS region
  --stage STAGE          the stage's bus, innerworld-<stage>     --bus NAME   the bus by name (default innerworld)
  --archive NAME         the archive (default <bus>-archive)
  --settle SECONDS       wait after creating temporary rules (AWS default 15, or 60 after a queue policy change; local 0)
  --quiet SECONDS        export/saga: stop once the completed replay's queue stayed empty this long (AWS 20, local 1.5)
  -h, --help             this text`;

export interface CommandSpec {
  summary: string;
  usage: string;
  options: Options;
  positionals: number;
  details: string;
}

const TIME_HELP = `Times: ISO with an offset (2026-03-14T16:00:00Z), a date (2026-03-14, UTC midnight), "now", or a duration ago (90m, 6h, 7d).`;

export const COMMANDS: Record<string, CommandSpec> = {
  archives: {
    summary: "list the bus's archives with event counts, sizes and recent replays",
    usage: "pnpm events archives [--json]",
    options: { json: { type: "boolean" } },
    positionals: 0,
    details: "AWS reconciles an archive's EventCount and SizeBytes over up to 24 hours; the local cloud counts as it archives.",
  },
  replay: {
    summary: "replay a window of the archive into chosen services (their rules as FilterArns)",
    usage: "pnpm events replay --from TIME [--to TIME] --to-service SERVICE [...] [--type TYPE ...] [--name NAME] [--follow]",
    options: {
      from: { type: "string" },
      to: { type: "string" },
      type: { type: "string", multiple: true },
      "to-service": { type: "string", multiple: true },
      name: { type: "string" },
      follow: { type: "boolean" },
    },
    positionals: 0,
    details: `  --from TIME            start of the window, by event time (inclusive); "archive" = when the archive was created
  --to TIME              end of the window (exclusive; default now)
  --to-service SERVICE   repeatable or comma-separated: ${REPLAYABLE_SERVICES.join(", ")}
                         (notifier, generation and safety never receive replays: they act on live users)
  --type TYPE            repeatable or comma-separated: only these event types. When a service would take other
                         types too, a temporary rule (its pattern cut down to these types, matching only this
                         replay's events) feeds its queue for the length of the replay; the command then follows
                         the replay to the end and deletes the rule.
  --name NAME            replay name (default replay-<time>-<hex>)
  --follow               wait for the replay to finish, with a progress bar

Rebuild every user's graph from the archive:
  pnpm events replay --from archive --to-service graph-extraction --follow

${TIME_HELP}`,
  },
  follow: {
    summary: "follow a replay until it completes, fails or is cancelled, with a progress bar",
    usage: "pnpm events follow NAME",
    options: {},
    positionals: 1,
    details: "Progress is how far EventLastReplayedTime is between the replay's EventStartTime and EventEndTime. Ctrl-C stops following; the replay goes on.",
  },
  export: {
    summary: "write archived events of a window to JSON Lines (via a temporary rule and queue)",
    usage: "pnpm events export --from TIME [--to TIME] [--type TYPE ...] [--out FILE.jsonl]",
    options: { from: { type: "string" }, to: { type: "string" }, type: { type: "string", multiple: true }, out: { type: "string" } },
    positionals: 0,
    details: `EventBridge has no API to read an archive. export replays the window into a temporary rule of its own (matching
only this replay's events, and --type if given) with a temporary queue as its target, drains the queue, writes the
events sorted by time, and deletes the rule and the queue. No service sees the replayed events.
Without --out the events go to stdout and everything else to stderr.

${TIME_HELP}`,
  },
  tail: {
    summary: "print live events on the bus as they arrive (a temporary rule and queue, removed on Ctrl-C)",
    usage: "pnpm events tail [--type TYPE ...] [--json] [--show-content] [--max N]",
    options: { type: { type: "string", multiple: true }, json: { type: "boolean" }, "show-content": { type: "boolean" }, max: { type: "string" } },
    positionals: 0,
    details: `  --json                 one EventBridge event per line, as delivered
  --show-content         print message and reply text (hidden by default: these are teens' words)
  --max N                stop after N events
Event types: ${EVENT_TYPES.join(", ")}`,
  },
  saga: {
    summary: "every archived event sharing a correlation id, in causal order, with the time each hop took",
    usage: "pnpm events saga CORRELATION_ID [--from TIME] [--to TIME] [--json] [--show-content]",
    options: { from: { type: "string" }, to: { type: "string" }, json: { type: "boolean" }, "show-content": { type: "boolean" } },
    positionals: 1,
    details: `A chat turn's correlation id is its messageId; a session's (start, end, transcript, graph) is its sessionId.
The window defaults to the last 24 hours; a narrower one replays less. The temporary rule matches the correlation id,
so only the saga's events leave the archive.

${TIME_HELP}`,
  },
  cleanup: {
    summary: "find (and with --yes delete) temporary rules, queues and queue policy statements a crashed run left",
    usage: "pnpm events cleanup [--older-than DURATION] [--yes]",
    options: { "older-than": { type: "string" }, yes: { type: "boolean" } },
    positionals: 0,
    details: "  --older-than DURATION  only leftovers at least this old (default 1h): a younger one may belong to a run still going",
  },
};

export const mainHelp = (): string => `pnpm events <command> [options]: the event archive, replay and live bus of InnerWorld, on AWS or the local cloud.

Commands:
${Object.entries(COMMANDS)
  .map(([name, spec]) => `  ${name.padEnd(10)} ${spec.summary}`)
  .join("\n")}

${COMMON_HELP}

pnpm events <command> --help tells more. docs/analysts.md is the guide.`;

export const commandHelp = (spec: CommandSpec): string => `${spec.usage}

${spec.summary}.

${spec.details}

${COMMON_HELP}`;
