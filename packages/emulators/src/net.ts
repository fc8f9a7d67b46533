// Small shared pieces of the local cloud: loopback listening and the one key pair its clients sign with.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { AddressInfo } from "node:net";

export const LOOPBACK = "127.0.0.1";

/**
 * The local cloud's key pair. Every local AWS endpoint checks each request's SigV4 signature against it (sigv4.ts) and
 * refuses any other key, a wrong secret or an unsigned request, as AWS does: a client that would fail there fails here.
 */
export const localCredentials = { accessKeyId: "local", secretAccessKey: "local" };

/** The key pairs a local AWS endpoint knows. */
export const LOCAL_KEY_PAIRS: readonly { accessKeyId: string; secretAccessKey: string }[] = [localCredentials];

/**
 * Whether a request's Host names this machine's loopback, as every local client's does. A web page that rebinds its
 * own domain to 127.0.0.1 (DNS rebinding) reaches these ports with its domain as Host: refused, it can neither mint a
 * token nor read a table. A request without Host (HTTP/1.0) is no browser's, and passes.
 */
export const isLoopbackHost = (host: string | undefined): boolean => {
  if (host === undefined) return true;
  const name = host.replace(/:\d+$/, "").toLowerCase();
  return name === LOOPBACK || name === "localhost" || name === "[::1]" || name.endsWith(".localhost");
};

/** What a request addressed to another name is told (421), by every local endpoint. */
export const MISDIRECTED = "This local endpoint answers only requests addressed to 127.0.0.1 or localhost";

/**
 * Puts the Host check in front of the server's request and upgrade handlers (those registered so far: call it once
 * they are, before listening), answering 421 Misdirected Request to any other Host.
 */
export const refuseForeignHosts = (server: Server): void => {
  const requestHandlers = server.listeners("request") as ((request: IncomingMessage, ...rest: unknown[]) => void)[];
  server.removeAllListeners("request");
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (!isLoopbackHost(request.headers.host)) {
      response.writeHead(421, { "content-type": "text/plain" });
      response.end(MISDIRECTED);
      return;
    }
    for (const handler of requestHandlers) handler.call(server, request, response);
  });
  const upgradeHandlers = server.listeners("upgrade") as ((request: IncomingMessage, ...rest: unknown[]) => void)[];
  if (upgradeHandlers.length === 0) return;
  server.removeAllListeners("upgrade");
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!isLoopbackHost(request.headers.host)) {
      socket.end(`HTTP/1.1 421 Misdirected Request\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(MISDIRECTED)}\r\nconnection: close\r\n\r\n${MISDIRECTED}`);
      return;
    }
    for (const handler of upgradeHandlers) handler.call(server, request, socket, head);
  });
};

/** Listens on loopback, behind the Host check (`refuseForeignHosts`): register the server's handlers first. */
export const listen = (server: Server, port: number): Promise<string> =>
  new Promise((resolve, reject) => {
    refuseForeignHosts(server);
    server.once("error", reject);
    server.listen(port, LOOPBACK, () => {
      server.off("error", reject);
      resolve(`http://${LOOPBACK}:${(server.address() as AddressInfo).port}`);
    });
  });
