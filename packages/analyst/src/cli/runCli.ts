// Parses `pnpm events` arguments, runs the command against the chosen target, prints errors plainly, returns the exit status.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { describeArchive } from "../bus/archive";
import { cleanupLeftovers } from "../commands/cleanupLeftovers";
import { exportEvents } from "../commands/exportEvents";
import { followReplay } from "../commands/followReplay";
import { listArchives } from "../commands/listArchives";
import { replayIntoServices } from "../commands/replayIntoServices";
import { tailBus } from "../commands/tailBus";
import { traceSaga } from "../commands/traceSaga";
import { AnalystError, exitCodeOf, isAnalystError } from "../errors";
import { summarizeEvent } from "../eventSummary";
import { terminalReporter, type Reporter } from "../reporter";
import { formatSaga } from "../saga/formatSaga";
import { connect, type AnalystTarget, type TargetOptions } from "../target/connect";
import { DEFAULT_LOCAL_DATA_DIR } from "../target/localEndpoints";
import { parseDuration, timeWindow, type TimeWindow } from "../timeWindow";
import { COMMANDS, COMMON_OPTIONS, commandHelp, mainHelp } from "./commandSpecs";

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  /** Where relative paths (--local DIR, --out FILE) are resolved: the directory pnpm was run from. */
  cwd: string;
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * `--local` takes an optional value. The next argument is its data dir when it is not a flag and either the command
 * takes no positional argument, or it names an existing directory, or it looks like a path; otherwise the default.
 */
export const expandLocalFlag = (argv: readonly string[], positionals: number, cwd: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg !== "--local") {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    const isDir = (path: string) => {
      try {
        return statSync(resolve(cwd, path)).isDirectory();
      } catch {
        return false;
      }
    };
    if (next !== undefined && !next.startsWith("-") && (positionals === 0 || isDir(next) || next.includes("/") || next.startsWith("."))) {
      out.push(`--local=${next}`);
      i += 1;
    } else {
      out.push(`--local=${DEFAULT_LOCAL_DATA_DIR}`);
    }
  }
  return out;
};

const list = (value: Values[string]): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .flatMap((v) => String(v).split(","))
    .map((v) => v.trim())
    .filter(Boolean);

const str = (values: Values, key: string): string | undefined => {
  const value = values[key];
  return typeof value === "string" ? value : undefined;
};

const seconds = (values: Values, key: string): number | undefined => {
  const text = str(values, key);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new AnalystError("USAGE", `--${key} must be a number of seconds, not "${text}"`);
  return n;
};

const targetOptionsOf = (values: Values, cwd: string): TargetOptions => {
  const local = str(values, "local");
  const options: TargetOptions = {};
  if (local !== undefined) options.local = resolve(cwd, local);
  for (const [flag, key] of [["endpoint", "endpoint"], ["sqs-endpoint", "sqsEndpoint"], ["profile", "profile"], ["region", "region"], ["bus", "bus"], ["stage", "stage"], ["archive", "archive"]] as const) {
    const value = str(values, flag);
    if (value !== undefined) options[key] = value;
  }
  const settle = seconds(values, "settle");
  const quiet = seconds(values, "quiet");
  if (settle !== undefined) options.settleSeconds = settle;
  if (quiet !== undefined) options.quietSeconds = quiet;
  if (options.local !== undefined && options.endpoint !== undefined) throw new AnalystError("USAGE", "Give --local or --endpoint, not both");
  return options;
};

const windowOf = async (target: AnalystTarget, values: Values, defaults: { from?: string; to: string }): Promise<TimeWindow> => {
  const fromText = str(values, "from") ?? defaults.from;
  if (fromText === undefined) throw new AnalystError("USAGE", "--from is required: say which window of the archive you mean", { hint: 'e.g. --from 6h, --from 2026-03-14T00:00:00Z, or --from archive' });
  if (fromText === "archive") {
    const archive = await describeArchive(target);
    if (!archive.createdAt) throw new AnalystError("USAGE", `Archive ${archive.name} does not say when it was created; give --from a time`);
    return timeWindow(archive.createdAt.toISOString(), str(values, "to"), { from: "", to: defaults.to });
  }
  return timeWindow(fromText, str(values, "to"), { from: fromText, to: defaults.to });
};

const run = async (command: string, values: Values, positionals: string[], target: AnalystTarget, io: CliIo, reporter: Reporter): Promise<void> => {
  switch (command) {
    case "archives": {
      const listings = await listArchives(target, values.json ? terminalReporter(io.stderr, io.stderr) : reporter);
      if (values.json) io.stdout.write(`${JSON.stringify(listings, null, 2)}\n`);
      return;
    }
    case "replay": {
      await replayIntoServices(target, {
        window: await windowOf(target, values, { to: "now" }),
        services: list(values["to-service"]),
        types: list(values.type),
        ...(str(values, "name") ? { name: str(values, "name") } : {}),
        follow: values.follow === true,
        reporter,
        signal: io.signal,
      });
      return;
    }
    case "follow": {
      const [name] = positionals;
      reporter.say(`target: ${target.description}`);
      reporter.say(`following replay ${name}`);
      await followReplay(target, name ?? "", { reporter, signal: io.signal });
      return;
    }
    case "export": {
      const out = str(values, "out");
      // Events on stdout leave stdout to them: what the command did goes to stderr.
      const exportReporter = out ? reporter : terminalReporter(io.stderr, io.stderr);
      const result = await exportEvents(target, {
        window: await windowOf(target, values, { to: "now" }),
        types: list(values.type),
        ...(out ? { out: resolve(io.cwd, out) } : {}),
        reporter: exportReporter,
        signal: io.signal,
      });
      if (!out) for (const event of result.events) io.stdout.write(`${JSON.stringify(event)}\n`);
      return;
    }
    case "tail": {
      const maxText = str(values, "max");
      const max = maxText === undefined ? undefined : Number(maxText);
      if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new AnalystError("USAGE", `--max must be a positive whole number, not "${maxText}"`);
      const json = values.json === true;
      await tailBus(target, {
        types: list(values.type),
        reporter: json ? terminalReporter(io.stderr, io.stderr) : reporter,
        signal: io.signal,
        ...(max !== undefined ? { max } : {}),
        onEvent: (event) => io.stdout.write(`${json ? JSON.stringify(event) : summarizeEvent(event, values["show-content"] === true)}\n`),
      });
      return;
    }
    case "saga": {
      const [correlationId] = positionals;
      const json = values.json === true;
      const trace = await traceSaga(target, {
        correlationId: correlationId ?? "",
        window: await windowOf(target, values, { from: "24h", to: "now" }),
        reporter: json ? terminalReporter(io.stderr, io.stderr) : reporter,
        signal: io.signal,
      });
      if (json) io.stdout.write(`${JSON.stringify(trace, null, 2)}\n`);
      else for (const line of formatSaga(trace, values["show-content"] === true)) io.stdout.write(`${line}\n`);
      return;
    }
    case "cleanup": {
      await cleanupLeftovers(target, { olderThanMs: parseDuration(str(values, "older-than") ?? "1h", "--older-than"), apply: values.yes === true, reporter });
      return;
    }
    default:
      throw new AnalystError("USAGE", `Unknown command "${command}"`, { hint: `Commands: ${Object.keys(COMMANDS).join(", ")}.` });
  }
};

/** Runs one invocation; never throws: errors are printed and become the exit status. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const reporter = terminalReporter(io.stdout, io.stderr);
  const command = argv.find((a) => !a.startsWith("-"));
  try {
    if (command === undefined || command === "help") {
      const helpFor = command === "help" ? argv[argv.indexOf("help") + 1] : undefined;
      const spec = helpFor ? COMMANDS[helpFor] : undefined;
      io.stdout.write(`${spec ? commandHelp(spec) : mainHelp()}\n`);
      if (command === undefined && !argv.includes("--help") && !argv.includes("-h")) return 2;
      return 0;
    }
    const spec = COMMANDS[command];
    if (!spec) throw new AnalystError("USAGE", `Unknown command "${command}"`, { hint: `Commands: ${Object.keys(COMMANDS).join(", ")}. pnpm events --help tells more.` });
    const rest = argv.filter((a, i) => i !== argv.indexOf(command));
    let parsed: { values: Values; positionals: string[] };
    try {
      parsed = parseArgs({ args: expandLocalFlag(rest, spec.positionals, io.cwd), options: { ...COMMON_OPTIONS, ...spec.options }, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] };
    } catch (error) {
      throw new AnalystError("USAGE", (error as Error).message, { hint: `pnpm events ${command} --help lists its options.` });
    }
    if (parsed.values.help) {
      io.stdout.write(`${commandHelp(spec)}\n`);
      return 0;
    }
    if (parsed.positionals.length !== spec.positionals) {
      throw new AnalystError("USAGE", `${command} takes ${spec.positionals === 0 ? "no argument" : `${spec.positionals} argument`}${parsed.positionals.length ? `, not ${parsed.positionals.join(" ")}` : ""}`, {
        hint: `Usage: ${spec.usage}`,
      });
    }
    const target = await connect(targetOptionsOf(parsed.values, io.cwd));
    try {
      await run(command, parsed.values, parsed.positionals, target, io, reporter);
    } finally {
      target.close();
    }
    return 0;
  } catch (error) {
    reporter.done();
    if (isAnalystError(error)) {
      io.stderr.write(`error [${error.code}]: ${error.message}\n`);
      if (error.hint) io.stderr.write(`hint: ${error.hint}\n`);
    } else {
      io.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    }
    return exitCodeOf(error);
  }
};
