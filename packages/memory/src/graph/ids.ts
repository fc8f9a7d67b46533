// Deterministic vertex and edge ids: the same entity or fact always maps to the same id, which is what makes merges idempotent.
import { createHash } from "node:crypto";
import type { EdgeLabel, VertexLabel } from "./model";

/** The key of the user's own vertex: one root per user, never extracted. */
export const USER_SELF_KEY = "self";

/** Slugs longer than this are cut and suffixed with a hash, so ids stay short enough for DynamoDB sort keys and logs. */
const MAX_SLUG_LENGTH = 64;

const shortHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 10);

/**
 * A stable, readable slug of an already-canonical key: lower-case letters and digits of any script, joined by `-`.
 * Separators of our own id formats (`:` and `|`) can never survive, so a slug cannot forge another id. A key with no
 * letters or digits at all (emoji only) still gets a distinct slug from its hash.
 */
export function slugOf(key: string): string {
  const slug = key
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length === 0) return `x-${shortHash(key)}`;
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  return `${slug.slice(0, MAX_SLUG_LENGTH - 11).replace(/-+$/, "")}-${shortHash(key)}`;
}

/** `<label>:<userId>:<slug>`; `key` must already be canonical (the extraction's `canonicalEntityKey`). */
export function vertexIdOf(label: VertexLabel, userId: string, key: string): string {
  return `${label}:${userId}:${slugOf(key)}`;
}

/** The root vertex every user-centred fact hangs from. */
export function userVertexIdOf(userId: string): string {
  return vertexIdOf("User", userId, USER_SELF_KEY);
}

/** `<from>|<label>|<to>`: one edge per ordered pair and label. */
export function edgeIdOf(from: string, label: EdgeLabel, to: string): string {
  return `${from}|${label}|${to}`;
}
