// Starts the emulator: one node:http server on 127.0.0.1 carrying both the WebSocket API and its @connections API.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { refuseForeignHosts } from "../net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { ApiRuntime } from "./apiRuntime.js";
import { resolveOptions } from "./config.js";
import { Connection, type ConnectionEnd } from "./connection.js";
import { handleConnectionsRequest } from "./connectionsApi.js";
import { buildDisconnectEvent } from "./lambdaEvents.js";
import { routeMessage } from "./routeMessage.js";
import type { WebSocketApiEmulator, WebSocketApiEmulatorOptions } from "./types.js";
import { chosenSubprotocols, handleUpgrade, reject, type AcceptedConnection } from "./upgrade.js";

export async function startWebSocketApiEmulator(options: WebSocketApiEmulatorOptions): Promise<WebSocketApiEmulator> {
  const resolved = resolveOptions(options);
  const runtime = new ApiRuntime(resolved, options);
  const pendingUpgrades = new Set<Duplex>();

  const sockets = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    // API Gateway negotiates no extensions, so messages are measured as sent.
    perMessageDeflate: false,
    // ws closes with 1009 when a message (all its frames together) exceeds this: API Gateway's message quota.
    maxPayload: resolved.maxMessageBytes,
    handleProtocols: (_offered, request) => chosenSubprotocols.get(request) ?? false,
  });

  const accept = ({ socket, facts, authorizer }: AcceptedConnection): void => {
    const connection = new Connection(socket, facts, authorizer, resolved, {
      onMessage: (connection, data, isBinary) => routeMessage(runtime, connection, data, isBinary),
      onClosed: (connection, end) => runtime.track(disconnect(runtime, connection, end)),
    });
    runtime.connections.set(connection.id, connection);
    // close() may have begun while ws finished the handshake; the newcomer leaves with everyone else.
    if (runtime.closing) connection.close(1001, "Going away");
  };

  const server = createServer((request, response) => {
    void handleConnectionsRequest(runtime, request, response);
  });
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node drops its own error listener from upgraded sockets; a client vanishing mid-handshake must not crash us.
    socket.on("error", () => socket.destroy());
    pendingUpgrades.add(socket);
    const done = handleUpgrade(runtime, sockets, request, socket, head, accept)
      .catch(() => reject(socket, { statusCode: 500, body: JSON.stringify({ message: "Internal server error" }) }))
      .finally(() => pendingUpgrades.delete(socket));
    runtime.track(done);
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  refuseForeignHosts(server);

  await new Promise<void>((resolve, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(resolved.port, "127.0.0.1", () => {
      server.off("error", rejectListen);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    websocketUrl: `ws://127.0.0.1:${port}/${resolved.stage}`,
    connectionsUrl: `http://127.0.0.1:${port}/${resolved.stage}`,
    connectionIds: () => [...runtime.connections.values()].filter((c) => c.isOpen).map((c) => c.id),
    close: () => (closed ??= shutdown()),
  };

  async function shutdown(): Promise<void> {
    runtime.closing = true;
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of pendingUpgrades) socket.destroy();
    const connections = [...runtime.connections.values()];
    for (const connection of connections) connection.close(1001, "Going away");
    // Each socket's end starts its $disconnect; drain() then waits for those and any handler still running.
    await Promise.all(connections.map((connection) => connection.ended));
    await runtime.drain();
    server.closeAllConnections();
    await serverClosed;
  }
}

/**
 * $disconnect is best effort on AWS as well: its failures are swallowed, its answer ignored. The event is built at once
 * and the connection let go: while a burst of thousands waits its turn at the handler, the closed sockets, their
 * buffers and timers need not wait with it.
 */
function disconnect(runtime: ApiRuntime, connection: Connection, end: ConnectionEnd): Promise<void> {
  runtime.connections.delete(connection.id);
  const handler = runtime.handlerFor("$disconnect");
  if (handler === undefined) return Promise.resolve();
  const event = buildDisconnectEvent(runtime.api, connection.facts, end, connection.authorizer);
  return runtime.invokeRoute("$disconnect", handler, event).then(
    () => undefined,
    () => undefined,
  );
}
