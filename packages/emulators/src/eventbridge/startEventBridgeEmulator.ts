// Wires the emulator together: loads state and archives from dataDir, starts the HTTP server, and shuts everything down in order.
import { systemClock, type Clock } from "@innerworld/platform/clock";
import { ArchiveStore } from "./archive.js";
import type { AccountScope } from "./arns.js";
import type { InProcessSqs } from "../sqs.js";
import { TargetDelivery } from "./delivery.js";
import { EventRouter } from "./eventRouter.js";
import { PageTokens } from "./operations/pagination.js";
import { ReplayRunner } from "./replay.js";
import { EventBridgeHttpServer } from "./server.js";
import { EmulatorState } from "./state.js";
import type { EmulatorLogger } from "./types.js";

/** fauxqs's account id (DEFAULT_ACCOUNT_ID in fauxqs 1.9), so queue ARNs in targets and our own ARNs name the same account. */
export const LOCAL_ACCOUNT_ID = "000000000000";

export interface EventBridgeEmulatorOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where state (`state.json`) and archives (`archives/*.jsonl`) live across restarts. */
  dataDir: string;
  region?: string;
  accountId?: string;
  /** The SQS endpoint (fauxqs) that target queues live on. */
  sqsEndpoint: string;
  /**
   * That SQS, when it runs in this process (the local cloud): matched events are sent to it directly, through the
   * same SendMessage action an HTTP request runs, sparing each delivery an SDK call and a socket round trip.
   */
  inProcessSqs?: InProcessSqs;
  /** Delivery failures and dropped events are reported here; defaults to stderr. */
  logger?: EmulatorLogger;
  /**
   * What the emulator takes as now (default: the system clock): the time of events put without one, creation and
   * replay times, and where each archive's RetentionDays begins. Tests move it rather than wait days.
   */
  clock?: Clock;
}

export interface EventBridgeEmulator {
  /** e.g. `http://127.0.0.1:41234`, for `endpoint` in SDK clients and `--endpoint-url` in the CLI. */
  endpoint: string;
  /** Stops accepting requests, then waits for in-flight requests, replays, deliveries and archive and state writes. */
  close(): Promise<void>;
}

export const startEventBridgeEmulator = async (options: EventBridgeEmulatorOptions): Promise<EventBridgeEmulator> => {
  const scope: AccountScope = { region: options.region ?? "us-east-1", accountId: options.accountId ?? LOCAL_ACCOUNT_ID };
  const log: EmulatorLogger = options.logger ?? ((line) => process.stderr.write(`${line}\n`));
  const clock = options.clock ?? systemClock;

  const state = await EmulatorState.load(options.dataDir, clock());
  const archives = await ArchiveStore.open(options.dataDir, state.archives, clock);
  const delivery = new TargetDelivery({ sqsEndpoint: options.sqsEndpoint, log, ...(options.inProcessSqs ? { inProcessSqs: options.inProcessSqs } : {}) });
  const router = new EventRouter({ state, archives, delivery, scope, log });
  const replays = new ReplayRunner({ state, archives, router, scope, log, clock });
  if (replays.failInterrupted(clock())) await state.save();

  const server = new EventBridgeHttpServer({ scope, state, archives, router, replays, log, clock, pageTokens: new PageTokens() }, log);
  const endpoint = await server.listen(options.port);

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    await server.stop();
    // Replays first: they start deliveries of their own.
    await replays.drain();
    await delivery.drain();
    await archives.close();
    await state.drain();
    delivery.close();
  };
  return {
    endpoint,
    close: () => (closing ??= close()),
  };
};
