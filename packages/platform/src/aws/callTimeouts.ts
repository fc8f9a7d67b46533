// How long one AWS call may take before the SDK gives up on it and retries: the SDK's default is to wait for ever.
/**
 * A table read, an event put or a queue send answers in milliseconds; one that has not connected in 2 s or answered in
 * 5 s is hung, and waiting longer only runs the invocation into its function timeout, where the whole batch is retried
 * and the turns in it miss their deadline. A hung call fails with the SDK's TimeoutError, which its retry strategy
 * retries, so a passing stall costs one more attempt rather than a batch. No client built on these long-polls a queue.
 */
export const AWS_CALL_TIMEOUTS = { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true } as const;
