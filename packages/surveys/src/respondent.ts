// Who is answering, as far as an anonymous request tells: a respondent key, and the network and browser it came from.
import { createHmac } from "node:crypto";

export interface RespondentTraits {
  sourceIp?: string;
  userAgent?: string;
}

/**
 * How many responses one survey keeps from one source. The respondent id is the client's own choice and the user agent
 * is a header anyone can set, so neither can tell people apart on its own: they only tell friends apart within a
 * network. Two friends on one phone model and one Wi-Fi can both answer (perBrowser); a school's network, where many
 * friends share one address, can give several answers (perNetwork); and a persona waits for answers from at least two
 * networks (SYNTHESIS_THRESHOLD), so no single network, however its requests are dressed, decides one alone.
 */
export const SOURCE_LIMITS = { perBrowser: 2, perNetwork: 5 } as const;
export type SourceLimits = { perBrowser: number; perNetwork: number };

/**
 * The network an address belongs to: an IPv4 address itself, an IPv6 address's /64 (one home or phone is given a whole
 * /64 and may pick any address in it, so a single device could otherwise pass for thousands of networks).
 */
export const networkOf = (sourceIp: string | undefined): string => {
  const ip = (sourceIp ?? "").trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
};

/** How long the source secret must be: a key shorter than a hash's own strength would be the weakest part. */
export const SOURCE_SECRET_MIN_LENGTH = 32;

/** The survey API was started without its source secret, or with one too short to key a hash. */
export class SourceSecretError extends Error {
  readonly code = "SOURCE_SECRET_MISSING";
  constructor(length: number) {
    super(`the survey source secret must be at least ${SOURCE_SECRET_MIN_LENGTH} characters (got ${length}); set INNERWORLD_SURVEY_SOURCE_SECRET`);
    this.name = "SourceSecretError";
  }
}

/** Where a response came from, hashed with the survey's id so the same network cannot be followed from survey to survey. */
export interface ResponseSource {
  networkKey: string;
  browserKey: string;
}

export interface SourceKeys {
  /** A respondent who clears their id still comes from the same address and browser; one who shares a link does not. */
  respondentKeyOf(surveyId: string, respondentId: string, traits: RespondentTraits): string;
  responseSourceOf(surveyId: string, traits: RespondentTraits): ResponseSource;
}

/**
 * The keys a response is counted under, as HMACs under a secret kept outside the tables. A plain hash of an IPv4
 * address and a survey id is undone by hashing all four billion addresses (minutes on one machine), so anyone who
 * could read the survey table would learn where each friend answered from; with the secret kept apart, the table
 * alone tells nothing.
 */
export const createSourceKeys = (secret: string): SourceKeys => {
  if (secret.length < SOURCE_SECRET_MIN_LENGTH) throw new SourceSecretError(secret.length);
  const keyed = (...parts: string[]) => createHmac("sha256", secret).update(parts.join("\u0000")).digest("hex").slice(0, 40);
  return {
    respondentKeyOf: (surveyId, respondentId, traits) => keyed(surveyId, respondentId, traits.sourceIp ?? "", traits.userAgent ?? ""),
    responseSourceOf: (surveyId, traits) => {
      const network = networkOf(traits.sourceIp);
      return { networkKey: keyed(surveyId, "network", network), browserKey: keyed(surveyId, "browser", network, traits.userAgent ?? "") };
    },
  };
};
