// Stands in for an API Gateway HTTP API with a JWT authorizer: verifies the bearer token, routes, builds payload v2 events.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { JwtVerifier } from "aws-jwt-verify";
import { listen } from "../net";
import { lambdaContext } from "../lambdaContext";

export type HttpRouteHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface HttpApiEmulatorOptions {
  port: number;
  jwt: { issuer: string; audience: string; jwksUri: string; jwks: unknown };
  /** Route keys as API Gateway writes them: `GET /sessions/{sessionId}`. */
  routes: Record<string, HttpRouteHandler>;
  /** Route keys served with no authorizer (API Gateway's `authorizationType: NONE`), e.g. health checks. */
  publicRoutes?: readonly string[];
  maxBodyBytes?: number;
}

export interface HttpApiEmulator {
  url: string;
  close(): Promise<void>;
}

interface CompiledRoute {
  routeKey: string;
  method: string;
  pattern: RegExp;
  params: string[];
  handler: HttpRouteHandler;
}

const compile = (routeKey: string, handler: HttpRouteHandler): CompiledRoute => {
  const [method = "", path = ""] = routeKey.split(" ");
  const params: string[] = [];
  const source = path
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      params.push(param[1] as string);
      return "([^/]+)";
    })
    .join("/");
  return { routeKey, method, pattern: new RegExp(`^${source}$`), params, handler };
};

const refusedHeaderParameters = ["jwk", "jku", "x5u", "x5c", "crit"];

/**
 * What API Gateway's JWT authorizer adds to a good signature: `exp` must be there, `iat` not ahead of now, and a
 * header may not name its own key or demand extensions (`crit`) it does not know.
 */
const tokenProblem = (token: string, claims: Record<string, unknown>, nowSeconds: number): string | undefined => {
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8"));
  } catch {
    return "header";
  }
  if (typeof header !== "object" || header === null || refusedHeaderParameters.some((name) => Object.hasOwn(header as object, name))) return "header";
  if (typeof claims.exp !== "number") return "exp";
  if (typeof claims.iat === "number" && claims.iat > nowSeconds + 60) return "iat";
  return undefined;
};

/**
 * Claims as an HTTP API's JWT authorizer hands them to the function (payload 2.0): every value a string, numbers and
 * booleans as written, an array as its items in brackets separated by spaces (`[admins viewers]`), an object as JSON.
 */
const claimsAsHandedOver = (claims: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.map(String).join(" ")}]` : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value),
    ]),
  );

/** A path parameter as API Gateway hands it over; undefined for an encoding no client could have meant. */
const decodePathParameter = (raw: string): string | undefined => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
};

const send = (response: ServerResponse, result: APIGatewayProxyStructuredResultV2) => {
  response.writeHead(result.statusCode ?? 200, { "content-type": "application/json", ...(result.headers as Record<string, string> | undefined) });
  // As API Gateway does: a body the handler base64-encoded goes out as the bytes it stands for.
  response.end(result.isBase64Encoded && result.body ? Buffer.from(result.body, "base64") : (result.body ?? ""));
};

const readBody = (request: IncomingMessage, limit: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(new RangeError("payload too large"));
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });

export const startHttpApiEmulator = async (options: HttpApiEmulatorOptions): Promise<HttpApiEmulator> => {
  const verifier = JwtVerifier.create({ issuer: options.jwt.issuer, audience: options.jwt.audience, jwksUri: options.jwt.jwksUri });
  verifier.cacheJwks(options.jwt.jwks as Parameters<typeof verifier.cacheJwks>[0]);
  const routes = Object.entries(options.routes).map(([key, handler]) => compile(key, handler));
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const publicRoutes = new Set(options.publicRoutes ?? []);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://local");
    const method = request.method ?? "GET";
    let matched: { route: CompiledRoute; match: RegExpExecArray } | undefined;
    for (const route of routes) {
      const match = route.method === method ? route.pattern.exec(url.pathname) : null;
      if (match) matched = { route, match };
    }
    // API Gateway answers an unrouted request with 404 before any authorizer runs.
    if (!matched) return send(response, { statusCode: 404, body: JSON.stringify({ message: "Not Found" }) });

    const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    let claims: Record<string, string> = {};
    if (!publicRoutes.has(matched.route.routeKey)) {
      try {
        if (!bearer) throw new Error("no token");
        const verified = (await verifier.verify(bearer)) as unknown as Record<string, unknown>;
        if (tokenProblem(bearer, verified, Math.floor(Date.now() / 1000))) throw new Error("token refused");
        claims = claimsAsHandedOver(verified);
      } catch {
        return send(response, { statusCode: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' }, body: JSON.stringify({ message: "Unauthorized" }) });
      }
    }
    const pathParameters = matched.route.params.map((name, i) => [name, decodePathParameter(matched.match[i + 1] ?? "")] as const);
    if (pathParameters.some(([, value]) => value === undefined)) return send(response, { statusCode: 400, body: JSON.stringify({ message: "Bad Request" }) });
    const body = await readBody(request, maxBodyBytes);
    const now = Date.now();
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : (v ?? "")]));
    const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
      version: "2.0",
      routeKey: matched.route.routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
      ...(pathParameters.length ? { pathParameters: Object.fromEntries(pathParameters) as Record<string, string> } : {}),
      requestContext: {
        accountId: "000000000000",
        apiId: "local",
        authorizer: { principalId: "", integrationLatency: 0, jwt: { claims, scopes: [] } },
        domainName: headers.host ?? "127.0.0.1",
        domainPrefix: "local",
        http: { method, path: url.pathname, protocol: "HTTP/1.1", sourceIp: request.socket.remoteAddress ?? "127.0.0.1", userAgent: headers["user-agent"] ?? "" },
        requestId: randomUUID(),
        routeKey: matched.route.routeKey,
        stage: "$default",
        time: new Date(now).toUTCString(),
        timeEpoch: now,
      },
      isBase64Encoded: false,
      ...(body ? { body } : {}),
    };
    const result = await matched.route.handler(event, lambdaContext("innerworld-read-api", 10));
    send(response, result);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const tooLarge = error instanceof RangeError;
      send(response, { statusCode: tooLarge ? 413 : 500, body: JSON.stringify({ message: tooLarge ? "Request Entity Too Large" : "Internal Server Error" }) });
    });
  });
  const url = await listen(server, options.port);
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
};
