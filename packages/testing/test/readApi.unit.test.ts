// The read API client against a real local HTTP server standing in for the dev issuer and the read API.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readApiAs } from "@innerworld/testing/read-api";

const STORED = [
  { seq: 1, role: "user", messageId: "m-1", content: "hi", status: "read" },
  { seq: 1, role: "assistant", messageId: "m-1", content: "hey you", status: "sent" },
];

interface Received {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

const bodyOf = async (request: IncomingMessage) => {
  let text = "";
  for await (const chunk of request) text += String(chunk);
  return text;
};

describe("readApiAs", () => {
  let server: Server;
  let endpoints: { readApiUrl: string; tokenUrl: string };
  const received: Received[] = [];
  let tokensMinted = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      void (async () => {
        const body = await bodyOf(request);
        const url = request.url ?? "";
        const answer = (status: number, value: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
        if (url === "/token") {
          tokensMinted += 1;
          const claims = JSON.parse(body) as { sub: string; groups?: string[] };
          return answer(200, { token: `token-of-${claims.sub}${claims.groups ? `-in-${claims.groups.join("+")}` : ""}` });
        }
        received.push({ method: request.method ?? "", url, authorization: request.headers.authorization, contentType: request.headers["content-type"], body });
        if (request.headers.authorization !== "Bearer token-of-teen") return answer(401, { code: "UNAUTHORIZED" });
        if (url === "/sessions/s-1/messages") return answer(200, { sessionId: "s-1", messages: STORED });
        if (url === "/personas" && request.method === "POST") return answer(201, { id: "p-1" });
        return answer(404, { code: "SESSION_NOT_FOUND", message: "No such session" });
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    endpoints = { readApiUrl: base, tokenUrl: `${base}/token` };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reads a session's stored messages with the teen's own token", async () => {
    const readApi = await readApiAs(endpoints, "teen");

    expect(readApi.token).toBe("token-of-teen");
    expect(await readApi.sessionMessages("s-1")).toEqual(STORED);
    expect(received.at(-1)).toMatchObject({ method: "GET", url: "/sessions/s-1/messages", authorization: "Bearer token-of-teen", contentType: undefined });
  });

  it("mints the teen's token once, however many calls are made with it", async () => {
    const before = tokensMinted;
    const readApi = await readApiAs(endpoints, "teen");

    await readApi.sessionMessages("s-1");
    await readApi.json("/sessions/s-1/messages");
    await readApi.request("POST", "/personas", { name: "Pip" });

    expect(tokensMinted - before).toBe(1);
  });

  it("throws on a GET that fails, naming the path, the status and the API's answer", async () => {
    const readApi = await readApiAs(endpoints, "teen");

    await expect(readApi.sessionMessages("s-gone")).rejects.toThrow('GET /sessions/s-gone/messages answered 404: {"code":"SESSION_NOT_FOUND","message":"No such session"}');
    await expect((await readApiAs(endpoints, "stranger")).json("/sessions/s-1/messages")).rejects.toThrow(/answered 401: .*UNAUTHORIZED/);
  });

  it("sends a body as JSON and hands back any answer as it came, refusals included", async () => {
    const readApi = await readApiAs(endpoints, "teen");

    const created = await readApi.request("POST", "/personas", { name: "Pip" });
    const refused = await (await readApiAs(endpoints, "teen", { groups: ["admins"] })).request("GET", "/admin/status");

    expect(created.status).toBe(201);
    expect(received.find((r) => r.url === "/personas")).toMatchObject({ contentType: "application/json", body: '{"name":"Pip"}' });
    expect(refused.status).toBe(401);
    expect(received.at(-1)?.authorization).toBe("Bearer token-of-teen-in-admins");
  });
});
