// Serves the web client on loopback: the built app, its config.json, the read API and dev issuer on its own origin, and the event tap.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { listen } from "@innerworld/emulators/net";
import type { EventTap, TapMessage } from "./eventTap";

export interface WebServerOptions {
  port: number;
  /** The built static folder (index.html, app.js, app-styles.css). */
  appDir: string;
  stage: string;
  websocketUrl: string;
  readApiUrl: string;
  tokenUrl: string;
  tap?: EventTap;
  /**
   * Who a tap token belongs to: the tap shows a teen their own turns and an admin everyone's (its turns carry user ids
   * and safety verdicts). Without a valid token the tap answers 401.
   */
  tapViewerOf?: (token: string) => Promise<TapViewer | undefined>;
}

export interface TapViewer {
  userId: string;
  admin: boolean;
}

export interface WebServer {
  url: string;
  eventTapUrl: string | undefined;
  close(): Promise<void>;
}

/** Same-origin paths for what the browser fetches, so neither the read API nor the issuer needs CORS locally. */
export const WEB_PATHS = { config: "/config.json", api: "/api", token: "/auth/token", eventTap: "/events/tap" } as const;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/**
 * Request headers worth passing on to the read API and the issuer; the rest describe this hop only. The language
 * picks the country whose helplines a survey's thanks names, as it does when a browser calls the API directly.
 */
const FORWARDED_HEADERS = ["authorization", "content-type", "content-length", "accept", "accept-language", "user-agent"];

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
};

const proxy = (request: IncomingMessage, response: ServerResponse, target: URL) => {
  const headers = Object.fromEntries(FORWARDED_HEADERS.flatMap((name) => (request.headers[name] !== undefined ? [[name, request.headers[name]]] : [])));
  const upstream = httpRequest(target, { method: request.method, headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, { ...answer.headers, "cache-control": "no-store" });
    answer.pipe(response);
  });
  upstream.on("error", () => {
    if (!response.headersSent) sendJson(response, 502, { error: { code: "UPSTREAM_UNREACHABLE", message: `${target.origin} did not answer` } });
    else response.destroy();
  });
  request.pipe(upstream);
};

export const startWebServer = async (options: WebServerOptions): Promise<WebServer> => {
  const streams = new Set<ServerResponse>();
  const websocketOrigin = new URL(options.websocketUrl).origin.replace(/^http/, "ws");
  const securityHeaders = {
    "content-security-policy": `default-src 'self'; connect-src 'self' ${websocketOrigin}; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };

  const serveFile = async (response: ServerResponse, path: string, wantsPage: boolean) => {
    const relative = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, "");
    const file = join(options.appDir, relative === "" ? "index.html" : relative);
    if (!file.startsWith(options.appDir + sep) && file !== options.appDir) return sendJson(response, 404, { error: { code: "NOT_FOUND", message: "Not found" } });
    const found = await stat(file).then((s) => s.isFile(), () => false);
    // Paths the app routes itself (the hosted UI's /auth/callback, say) get the page; missing assets get a 404.
    const served = found ? file : wantsPage && extname(relative) === "" ? join(options.appDir, "index.html") : undefined;
    if (!served) return sendJson(response, 404, { error: { code: "NOT_FOUND", message: `${path} is not part of the web client` } });
    response.writeHead(200, { "content-type": CONTENT_TYPES[extname(served)] ?? "application/octet-stream", "cache-control": "no-cache", ...securityHeaders });
    createReadStream(served).pipe(response);
  };

  const streamTap = (request: IncomingMessage, response: ServerResponse, tap: EventTap, viewer: TapViewer) => {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
    const shown = (message: TapMessage) => message.event !== "turn" || viewer.admin || message.data.userId === viewer.userId;
    const write = (message: TapMessage) => shown(message) && response.write(`event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`);
    response.write("retry: 1000\n\n");
    for (const message of tap.snapshot()) write(message);
    const unsubscribe = tap.subscribe(write);
    const keepAlive = setInterval(() => response.write(": keep-alive\n\n"), 15_000);
    streams.add(response);
    request.on("close", () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(response);
    });
  };

  let url = "";
  const server = createServer((request, response) => {
    const { pathname, search } = new URL(request.url ?? "/", "http://local");
    const method = request.method ?? "GET";
    if (pathname === WEB_PATHS.config && method === "GET") {
      return sendJson(response, 200, {
        stage: options.stage,
        websocketUrl: options.websocketUrl,
        apiUrl: WEB_PATHS.api,
        auth: { kind: "dev", tokenUrl: WEB_PATHS.token },
        ...(options.tap ? { eventTapUrl: WEB_PATHS.eventTap } : {}),
      });
    }
    if (pathname === WEB_PATHS.api || pathname.startsWith(`${WEB_PATHS.api}/`)) {
      return proxy(request, response, new URL(`${options.readApiUrl.replace(/\/+$/, "")}${pathname.slice(WEB_PATHS.api.length) || "/"}${search}`));
    }
    if (pathname === WEB_PATHS.token && method === "POST") return proxy(request, response, new URL(options.tokenUrl));
    if (pathname === WEB_PATHS.eventTap && method === "GET") {
      const tap = options.tap;
      if (!tap) return sendJson(response, 404, { error: { code: "NOT_FOUND", message: "No event tap in this local cloud" } });
      const token = new URLSearchParams(search).get("token") ?? "";
      (options.tapViewerOf && token ? options.tapViewerOf(token) : Promise.resolve(undefined))
        .then((viewer) =>
          viewer ? streamTap(request, response, tap, viewer) : sendJson(response, 401, { error: { code: "UNAUTHORIZED", message: "The event tap needs ?token= with a valid token" } }),
        )
        .catch(() => sendJson(response, 500, { error: { code: "INTERNAL_ERROR", message: "Could not check the token" } }));
      return;
    }
    if (method !== "GET" && method !== "HEAD") return sendJson(response, 405, { error: { code: "METHOD_NOT_ALLOWED", message: `${method} ${pathname}` } });
    serveFile(response, pathname, (request.headers.accept ?? "").includes("text/html")).catch(() => sendJson(response, 500, { error: { code: "INTERNAL_ERROR", message: "Could not read the file" } }));
  });
  url = await listen(server, options.port);
  return {
    url,
    eventTapUrl: options.tap ? `${url}${WEB_PATHS.eventTap}` : undefined,
    close: () =>
      new Promise((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
