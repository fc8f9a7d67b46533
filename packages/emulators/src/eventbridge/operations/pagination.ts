// NextToken/Limit paging for the List* operations: a token names an offset into the name-sorted list, sealed to the request that made it.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { invalidToken } from "../errors.js";
import type { RequestInput } from "../requestInput.js";

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * What a token is bound to: the operation and the members that pick the list (bus, rule, prefix, filter), as AWS asks
 * a caller to keep "all other arguments unchanged". Limit is left out: it says how much of that list a page takes,
 * not which list it is, so a next page of another size still starts where the last one ended.
 */
export type ListRequest = readonly [operation: string, ...filters: (string | undefined)[]];

/** HMAC-SHA256's length, and how many bytes of it a token carries. */
const MAC_BYTES = 32;

/**
 * Seals and opens NextTokens. AWS's tokens are opaque and good only for the request that made them; here a token is the
 * offset and an HMAC over it and the request under a secret drawn when the emulator starts, so a hand-built, altered or
 * borrowed token is refused with InvalidToken rather than paging from wherever it points. A token from before a
 * restart is refused too, as an expired one is on AWS.
 */
export class PageTokens {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  seal(offset: number, request: ListRequest): string {
    const offsetBytes = Buffer.from(String(offset), "utf8");
    return Buffer.concat([this.macOf(offset, request), offsetBytes]).toString("base64url");
  }

  /** The offset a token this emulator gave out for the same request names; InvalidToken for any other. */
  open(token: string, request: ListRequest): number {
    const bytes = Buffer.from(token, "base64url");
    // base64url decoding skips characters outside its alphabet, so a token must also read back as it was written.
    if (bytes.length > MAC_BYTES && bytes.toString("base64url") === token) {
      const text = bytes.subarray(MAC_BYTES).toString("utf8");
      const offset = /^(0|[1-9][0-9]{0,8})$/.test(text) ? Number(text) : undefined;
      if (offset !== undefined && timingSafeEqual(bytes.subarray(0, MAC_BYTES), this.macOf(offset, request))) return offset;
    }
    throw invalidToken();
  }

  private macOf(offset: number, request: ListRequest): Buffer {
    // JSON keeps the parts apart: ("a", "bc") and ("ab", "c") seal differently, and an absent member differs from "".
    return createHmac("sha256", this.secret)
      .update(JSON.stringify([offset, ...request.map((part) => part ?? null)]))
      .digest();
  }
}

/** Reads NextToken and Limit (1–100) from the input; call before input.assertValid() so their constraint errors are reported with the rest. */
export const readPaging = (input: RequestInput): { nextToken?: string; limit?: number } => ({
  nextToken: input.string("NextToken", { min: 1, max: 2048 }),
  limit: input.integer("Limit", { min: 1, max: 100 }),
});

/** One page of `items` for `request`: from the offset its NextToken seals (the start without one), Limit long. */
export const paginate = <T>(items: readonly T[], paging: { nextToken?: string; limit?: number }, tokens: PageTokens, request: ListRequest): Page<T> => {
  const start = paging.nextToken === undefined ? 0 : tokens.open(paging.nextToken, request);
  const end = paging.limit === undefined ? items.length : start + paging.limit;
  return { items: items.slice(start, end), nextToken: end < items.length ? tokens.seal(end, request) : undefined };
};

export const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
