#!/usr/bin/env -S npx tsx
// `pnpm events <command>`: the archive, replays and the live bus, against the local cloud or AWS. See docs/analysts.md.
import { runCli } from "./cli/runCli";

// Node 20 runs this tool; the SDK's reminder that Lambda runs 22+ is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const controller = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts += 1;
  // The first Ctrl-C lets the command clean up its temporary rule and queue; a second one gives up on that.
  if (interrupts > 1) process.exit(130);
  process.stderr.write("\ninterrupted: cleaning up (Ctrl-C again to quit at once)\n");
  controller.abort();
});
process.on("SIGTERM", () => controller.abort());

const status = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal, cwd: process.env.INIT_CWD ?? process.cwd() });
// Exit once stdout has taken everything written to it: on some platforms a pipe is written asynchronously.
process.stdout.write("", () => process.exit(status));
