// HTTP API (payload v2) events as API Gateway hands them to a route's Lambda, with or without a verified token.
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";

export const httpApiEvent = (input: {
  routeKey: string;
  pathParameters?: Record<string, string>;
  body?: unknown;
  /** The verified token's subject; absent on public routes and anonymous calls. */
  sub?: string;
  headers?: Record<string, string>;
  sourceIp?: string;
}): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const [method = "GET", template = "/"] = input.routeKey.split(" ");
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => input.pathParameters?.[name] ?? "");
  const now = Date.parse("2026-11-18T16:00:00Z");
  return {
    version: "2.0",
    routeKey: input.routeKey,
    rawPath: path,
    rawQueryString: "",
    headers: { "user-agent": "test-browser", ...input.headers },
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "test",
      authorizer: { principalId: "", integrationLatency: 0, jwt: { claims: input.sub ? { sub: input.sub } : {}, scopes: [] } },
      domainName: "api.innerworld.test",
      domainPrefix: "api",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: input.sourceIp ?? "203.0.113.7", userAgent: input.headers?.["user-agent"] ?? "test-browser" },
      requestId: "request-1",
      routeKey: input.routeKey,
      stage: "$default",
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    isBase64Encoded: false,
    ...(input.body === undefined ? {} : { body: typeof input.body === "string" ? input.body : JSON.stringify(input.body) }),
  };
};
