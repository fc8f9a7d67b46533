// NextToken/Limit paging for the List* operations: the token is an opaque offset into the name-sorted list.
import { invalidToken } from "../errors.js";
import type { RequestInput } from "../requestInput.js";

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

const encodeToken = (offset: number): string => Buffer.from(JSON.stringify({ offset })).toString("base64url");

const decodeToken = (token: string): number => {
  try {
    const { offset } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown };
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error below
  }
  throw invalidToken();
};

/** Reads NextToken and Limit (1–100) from the input; call before input.assertValid() so their constraint errors are reported with the rest. */
export const readPaging = (input: RequestInput): { nextToken?: string; limit?: number } => ({
  nextToken: input.string("NextToken", { min: 1, max: 2048 }),
  limit: input.integer("Limit", { min: 1, max: 100 }),
});

export const paginate = <T>(items: readonly T[], paging: { nextToken?: string; limit?: number }): Page<T> => {
  const start = paging.nextToken === undefined ? 0 : decodeToken(paging.nextToken);
  const end = paging.limit === undefined ? items.length : start + paging.limit;
  return { items: items.slice(start, end), nextToken: end < items.length ? encodeToken(end) : undefined };
};

export const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
