// The CLI's own behaviour, without a cloud: help, usage errors and their exit statuses, the optional --local value.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { expandLocalFlag, runCli } from "./runCli";

const run = async (argv: string[], cwd = process.cwd()) => {
  const stdout = new PassThrough();
  const stderr = new PassThrough() as PassThrough & NodeJS.WriteStream;
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const status = await runCli(argv, { stdout, stderr, signal: new AbortController().signal, cwd });
  return { status, out, err };
};

describe("pnpm events", () => {
  it("lists every command under --help and exits 0", async () => {
    const { status, out } = await run(["--help"]);
    expect(status).toBe(0);
    for (const command of ["archives", "replay", "follow", "export", "tail", "saga", "cleanup"]) expect(out).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(out).toContain("--local [DIR]");
  });

  it("explains each command under <command> --help", async () => {
    const { status, out } = await run(["replay", "--help"]);
    expect(status).toBe(0);
    expect(out).toContain("--to-service SERVICE");
    expect(out).toContain("storage, graph-extraction, context-refresh");
    expect(out).toContain("pnpm events replay --from archive --to-service graph-extraction --follow");
    expect((await run(["help", "export"])).out).toContain("EventBridge has no API to read an archive");
  });

  it("exits 2 with the usage when no command is given", async () => {
    const { status, out } = await run([]);
    expect(status).toBe(2);
    expect(out).toContain("Commands:");
  });

  it.each([
    [["frobnicate"], /error \[USAGE\]: Unknown command "frobnicate"/],
    [["replay", "--bogus"], /error \[USAGE\]: Unknown option '--bogus'/],
    [["follow"], /error \[USAGE\]: follow takes 1 argument/],
    [["archives", "extra"], /error \[USAGE\]: archives takes no argument, not extra/],
    [["replay", "--from", "yesterday", "--to-service", "storage", "--local", "/nonexistent-dir"], /error \[LOCAL_CLOUD_NOT_FOUND\]/],
    [["tail", "--max", "0", "--endpoint", "http://127.0.0.1:9", "--local", "x"], /error \[USAGE\]: Give --local or --endpoint, not both/],
  ])("fails %j with a clear message", async (argv, message) => {
    const { status, err } = await run(argv);
    expect(status).not.toBe(0);
    expect(err).toMatch(message);
  });

  it("refuses a replay into the notifier before it touches anything", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "analyst-cli-"));
    // No local cloud listens here: had the refusal come after connecting, the error would be a connection error.
    const { status, err } = await run(["replay", "--from", "1h", "--to-service", "notifier", "--endpoint", "http://127.0.0.1:9"], dataDir).finally(() => rm(dataDir, { recursive: true, force: true }));
    expect(status).toBe(1);
    expect(err).toMatch(/error \[REPLAY_NOT_ACCEPTED\]: notifier does not accept replays: it pushes frames to users' open WebSocket connections/);
    expect(err).toMatch(/hint: Replays go to storage, graph-extraction, context-refresh/);
  });

  it("refuses an export it could not write before it replays anything", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "analyst-cli-"));
    try {
      // No cloud listens at the endpoint: had the check come after the replay, the error would be a connection error.
      const missingDir = await run(["export", "--from", "1h", "--out", "missing/day.jsonl", "--endpoint", "http://127.0.0.1:9"], dataDir);
      const aDirectory = await run(["export", "--from", "1h", "--out", ".", "--endpoint", "http://127.0.0.1:9"], dataDir);

      expect(missingDir.status).toBe(2);
      expect(missingDir.err).toContain(`error [OUTPUT_NOT_WRITABLE]: --out ${join(dataDir, "missing/day.jsonl")}: directory ${join(dataDir, "missing")} does not exist`);
      expect(missingDir.err).toMatch(/hint: .*nothing was replayed/);
      expect(aDirectory.status).toBe(2);
      expect(aDirectory.err).toContain(`error [OUTPUT_NOT_WRITABLE]: --out ${dataDir}: is a directory`);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it.each([["{\"region\": \"us-", /is not JSON/], ["null", /is not a local cloud's endpoints file/]])("names a broken endpoints file (%s) rather than printing a stack", async (text, message) => {
    const dataDir = await mkdtemp(join(tmpdir(), "analyst-cli-"));
    try {
      await writeFile(join(dataDir, "endpoints.json"), text);
      const { status, err } = await run(["archives", "--local", dataDir]);

      expect(status).toBe(1);
      expect(err).toMatch(/^error \[LOCAL_CLOUD_NOT_FOUND\]: /);
      expect(err).toContain(join(dataDir, "endpoints.json"));
      expect(err).toMatch(message);
      expect(err).not.toMatch(/\n\s+at /);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it.each(["2026-01-01", "now", "an hour"])("refuses --older-than %j, which is no age, before it lists anything", async (olderThan) => {
    // A date read as an age made every leftover "old", a running replay's temporary rule among them.
    const { status, err } = await run(["cleanup", "--older-than", olderThan, "--yes", "--endpoint", "http://127.0.0.1:9"]);

    expect(status).toBe(2);
    expect(err).toContain(`error [INVALID_TIME]: --older-than "${olderThan}" is not a duration`);
    expect(err).toContain("hint: Use a number and a unit: 0s, 90m, 6h, 7d, 2w.");
  });

  it("names the endpoint that does not answer", async () => {
    const { status, err } = await run(["archives", "--endpoint", "http://127.0.0.1:9"]);
    expect(status).toBe(1);
    expect(err).toMatch(/error \[AWS_REQUEST_FAILED\]: DescribeEventBus innerworld failed/);
    expect(err).toMatch(/hint: Nothing answers at that endpoint/);
  });
});

describe("--local's optional data dir", () => {
  it("takes the next argument when the command has no positional, or when it looks like a path", () => {
    expect(expandLocalFlag(["--local", "data", "--from", "1h"], 0, "/tmp")).toEqual(["--local=data", "--from", "1h"]);
    expect(expandLocalFlag(["--local", "./data", "replay-1"], 1, "/tmp")).toEqual(["--local=./data", "replay-1"]);
    expect(expandLocalFlag(["--local", "/srv/iw"], 1, "/tmp")).toEqual(["--local=/srv/iw"]);
  });

  it("falls back to .innerworld when the next argument is a flag, missing, or the command's own argument", () => {
    expect(expandLocalFlag(["--local", "--from", "1h"], 0, "/tmp")).toEqual(["--local=.innerworld", "--from", "1h"]);
    expect(expandLocalFlag(["--local"], 0, "/tmp")).toEqual(["--local=.innerworld"]);
    expect(expandLocalFlag(["--local", "replay-20260314T160000Z-ab12"], 1, "/tmp")).toEqual(["--local=.innerworld", "replay-20260314T160000Z-ab12"]);
  });
});
