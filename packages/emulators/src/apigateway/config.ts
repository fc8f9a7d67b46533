// The emulator's options with AWS's quotas filled in where the caller left them out.
import type { WebSocketApiEmulatorOptions } from "./types.js";

/** API Gateway WebSocket quotas (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html). */
export const AWS_DEFAULTS = {
  region: "us-east-1",
  accountId: "000000000000",
  apiId: "local",
  idleTimeoutMs: 10 * 60_000,
  maxMessageBytes: 128 * 1024,
  maxConnectionMs: 2 * 60 * 60_000,
  integrationTimeoutMs: 29_000,
} as const;

/** setTimeout fires at once for delays beyond 2^31-1 ms; longer limits are as good as none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ResolvedOptions {
  port: number;
  stage: string;
  region: string;
  accountId: string;
  apiId: string;
  idleTimeoutMs: number;
  maxMessageBytes: number;
  maxConnectionMs: number;
  integrationTimeoutMs: number;
}

export function resolveOptions(options: WebSocketApiEmulatorOptions): ResolvedOptions {
  if (!/^[A-Za-z0-9_-]+$/.test(options.stage)) {
    throw new TypeError(`stage must be letters, digits, "-" or "_" (it is a URL path segment), got "${options.stage}"`);
  }
  return {
    port: options.port,
    stage: options.stage,
    region: options.region ?? AWS_DEFAULTS.region,
    accountId: options.accountId ?? AWS_DEFAULTS.accountId,
    apiId: options.apiId ?? AWS_DEFAULTS.apiId,
    idleTimeoutMs: positiveDuration("idleTimeoutMs", options.idleTimeoutMs ?? AWS_DEFAULTS.idleTimeoutMs),
    maxMessageBytes: positiveInteger("maxMessageBytes", options.maxMessageBytes ?? AWS_DEFAULTS.maxMessageBytes),
    maxConnectionMs: positiveDuration("maxConnectionMs", options.maxConnectionMs ?? AWS_DEFAULTS.maxConnectionMs),
    integrationTimeoutMs: positiveDuration(
      "integrationTimeoutMs",
      options.integrationTimeoutMs ?? AWS_DEFAULTS.integrationTimeoutMs,
    ),
  };
}

function positiveDuration(name: string, value: number): number {
  if (!(value > 0)) throw new TypeError(`${name} must be a positive number of milliseconds, got ${value}`);
  return Math.min(value, MAX_TIMER_MS);
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
