// The services' SDK clients leave out the SDK's own call logging, and keep the rest of the middleware stack.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { withoutSdkCallLogging } from "./quietClient";

describe("withoutSdkCallLogging", () => {
  it("removes the logger middleware and nothing else", () => {
    const client = new DynamoDBClient({ region: "us-east-1" });
    const before = client.middlewareStack.identify();
    expect(before.some((name) => name.startsWith("loggerMiddleware"))).toBe(true);

    withoutSdkCallLogging(client);

    const after = client.middlewareStack.identify();
    expect(after.some((name) => name.startsWith("loggerMiddleware"))).toBe(false);
    expect(after).toHaveLength(before.length - 1);
    client.destroy();
  });
});
