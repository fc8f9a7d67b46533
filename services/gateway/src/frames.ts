// Parses one client frame into the protocol's typed union, or a stable error code the client can act on.
import { CLIENT_FRAME_TYPES, clientFrameSchema, MAX_FRAME_BYTES, type ClientFrame, type ErrorCode } from "@innerworld/events";

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
    return { ok: false, code: "UNKNOWN_FRAME_TYPE", message: `Unknown frame type ${JSON.stringify(type ?? null)}; expected one of ${CLIENT_FRAME_TYPES.join(", ")}` };
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    return { ok: false, code: "INVALID_FRAME", message: `Invalid ${type} frame: ${issues}` };
  }
  return { ok: true, frame: parsed.data };
};
