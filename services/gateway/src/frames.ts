// Parses one client frame into the protocol's typed union, or a stable error code the client can act on.
import { CLIENT_FRAME_TYPES, clientFrameSchema, MAX_FRAME_BYTES, type ClientFrame, type ErrorCode } from "@innerworld/events";

/** How much of an unknown frame type is echoed back: enough to see the typo, never the client's whole payload. */
const MAX_ECHOED_TYPE_CHARS = 64;

const describeType = (type: unknown): string => {
  if (typeof type === "string") return JSON.stringify(type.length > MAX_ECHOED_TYPE_CHARS ? `${type.slice(0, MAX_ECHOED_TYPE_CHARS)}…` : type);
  // Never serialise what a client sent as the type: a deeply nested value would overflow the stack.
  if (type === undefined || type === null) return "(none)";
  return `(${Array.isArray(type) ? "an array" : `a ${typeof type}`})`;
};

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; code: ErrorCode; message: string };

export const parseClientFrame = (body: string | undefined): ParsedFrame => {
  if (!body) return { ok: false, code: "INVALID_FRAME", message: "Empty frame" };
  if (Buffer.byteLength(body, "utf8") > MAX_FRAME_BYTES) return { ok: false, code: "FRAME_TOO_LARGE", message: `Frames are limited to ${MAX_FRAME_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, code: "MALFORMED_JSON", message: "Frames must be JSON: {\"type\": ..., \"payload\": {...}}" };
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type !== "string" || !(CLIENT_FRAME_TYPES as string[]).includes(type)) {
    return { ok: false, code: "UNKNOWN_FRAME_TYPE", message: `Unknown frame type ${describeType(type)}; expected one of ${CLIENT_FRAME_TYPES.join(", ")}` };
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ").slice(0, 512);
    return { ok: false, code: "INVALID_FRAME", message: `Invalid ${type} frame: ${issues}` };
  }
  return { ok: true, frame: parsed.data };
};
