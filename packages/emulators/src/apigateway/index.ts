// Public surface of the API Gateway WebSocket emulator: start it, and the types its handlers are written against.
//
// Where it knowingly differs from AWS: no authorizer result caching or identity-source pre-check; no 32 KB frame
// limit (only the 128 KB message quota); no throttling or account quotas; no route/integration response templates
// (a handler's `body` is always sent back, as a two-way route with a proxy integration does); no TLS (ws://, http://);
// `domainName` is the Host the client dialled (127.0.0.1:PORT), so build the @connections endpoint from
// configuration (`connectionsUrl`), not from `https://${domainName}/${stage}`.
export { startWebSocketApiEmulator } from "./server.js";
export type {
  WebSocketApiEmulator,
  WebSocketApiEmulatorOptions,
  WebSocketAuthorizerEvent,
  WebSocketEvent,
  WsHandler,
  WsHandlerResult,
} from "./types.js";
