// AWS SDK clients without the SDK's own call logging, which with no logger configured only filters and drops each call's input and output.
/**
 * The SDK's logger middleware runs after every call and builds the call's input and output with sensitive fields
 * filtered out for `logger.info`, even when the logger is the SDK's no-op default (the services configure none; they
 * log through their own logger). That was about 2 % of the services' CPU in the local cloud, and is Lambda time on AWS.
 */
export const withoutSdkCallLogging = <T extends { middlewareStack: { remove(name: string): boolean } }>(client: T): T => {
  client.middlewareStack.remove("loggerMiddleware");
  return client;
};
