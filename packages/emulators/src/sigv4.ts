// AWS Signature Version 4 at both ends: every local AWS endpoint checks a request's signature as AWS does, and the
// local cloud's own raw-HTTP callers (the runner's queue, chaos probes, tests) sign theirs.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A request as it came over the wire: what the signature covers. */
export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as received (`IncomingMessage.url`). */
  url: string;
  /** `IncomingMessage.rawHeaders`: name, value, name, value…, repeated headers kept apart. */
  rawHeaders: readonly string[];
  /** Hex SHA-256 of the whole body as received (`sha256Hex`, or a hash fed while reading). */
  bodySha256: string;
}

/**
 * Why a request was refused, as AWS tells them apart: no signature at all, a malformed one, a key AWS does not know,
 * or a signature that is not the one the request and the key's secret give. Each service names them its own way.
 */
export type SignatureProblem = "missing" | "incomplete" | "unknownKey" | "mismatch";

/**
 * S3 tells one refusal more apart: a SigV4 request that does not name its payload's hash in `x-amz-content-sha256`
 * (its hash, UNSIGNED-PAYLOAD or STREAMING-…), which S3 requires of every such request and the other services do not.
 */
export type S3SignatureProblem = SignatureProblem | "payloadHashMissing";

export type SignatureVerdict<Problem extends string = SignatureProblem> = { ok: true; accessKeyId: string } | { ok: false; problem: Problem; message: string };

export interface SignaturePolicy {
  /** The signing name the credential scope must carry: `dynamodb`, `sqs`, `events`, `execute-api`. */
  service: string;
  /** The key pairs this endpoint knows: the local cloud's (net.ts: localCredentials). */
  credentials: readonly AwsCredentials[];
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const TERMINATOR = "aws4_request";
const ISO_BASIC = /^\d{8}T\d{6}Z$/;

/** What AWS answers, word for word, so a client's log reads as it would against AWS. */
export const SIGNATURE_MESSAGES = {
  missing: "Request is missing Authentication Token",
  unknownKey: "The security token included in the request is invalid.",
  mismatch:
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  payloadHashMissing: "Missing required header for this request: x-amz-content-sha256",
} as const;

/** How the JSON services (DynamoDB, EventBridge, API Gateway) name each refusal: `__type` or `x-amzn-ErrorType`. */
export const JSON_SERVICE_EXCEPTIONS = {
  missing: "MissingAuthenticationTokenException",
  incomplete: "IncompleteSignatureException",
  unknownKey: "UnrecognizedClientException",
  mismatch: "InvalidSignatureException",
} as const satisfies Record<SignatureProblem, string>;

/** How the services of the query protocol (SQS, on either of its protocols) name each refusal, and its status. */
export const QUERY_SERVICE_ERRORS: Readonly<Record<SignatureProblem, { code: string; statusCode: number }>> = {
  missing: { code: "MissingAuthenticationToken", statusCode: 403 },
  incomplete: { code: "IncompleteSignature", statusCode: 400 },
  unknownKey: { code: "InvalidClientTokenId", statusCode: 403 },
  mismatch: { code: "SignatureDoesNotMatch", statusCode: 403 },
};

export const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, `!'()*` included. */
const uriEscape = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

const decodeOrKeep = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** S3 signs differently from every other service: its path as sent, and a payload it may leave unsigned. */
const S3 = "s3";

/**
 * The path as every service but S3 signs it: dot segments and empty segments resolved, then the (already encoded)
 * path encoded once more. The AWS SDKs and the CLI all do this, so the server does it on the path it received.
 * S3 signs the path as sent.
 */
const canonicalPath = (path: string, service: string): string => {
  if (service === S3) return path === "" ? "/" : path;
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalized = `/${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
  return uriEscape(normalized).replace(/%2F/g, "/");
};

const canonicalQuery = (query: string): string =>
  query
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const equals = pair.indexOf("=");
      const [key, value] = equals < 0 ? [pair, ""] : [pair.slice(0, equals), pair.slice(equals + 1)];
      return [uriEscape(decodeOrKeep(key)), uriEscape(decodeOrKeep(value))] as const;
    })
    .sort(([keyA, valueA], [keyB, valueB]) => (keyA === keyB ? (valueA < valueB ? -1 : valueA > valueB ? 1 : 0) : keyA < keyB ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");

const headerValuesOf = (rawHeaders: readonly string[]): Map<string, string[]> => {
  const values = new Map<string, string[]>();
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] as string).toLowerCase();
    const list = values.get(name) ?? [];
    list.push(rawHeaders[index + 1] as string);
    values.set(name, list);
  }
  return values;
};

interface CanonicalParts {
  service: string;
  method: string;
  url: string;
  headers: Map<string, string[]>;
  signedHeaders: readonly string[];
  payloadHash: string;
}

const canonicalRequestOf = ({ service, method, url, headers, signedHeaders, payloadHash }: CanonicalParts): string => {
  const queryAt = url.indexOf("?");
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? "" : url.slice(queryAt + 1);
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(headers.get(name) ?? []).map((value) => value.trim().replace(/\s+/g, " ")).join(",")}\n`)
    .join("");
  return [method.toUpperCase(), canonicalPath(path, service), canonicalQuery(query), canonicalHeaders, signedHeaders.join(";"), payloadHash].join("\n");
};

const signingKeyOf = (secretAccessKey: string, date: string, region: string, service: string): Buffer =>
  hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), TERMINATOR);

const stringToSignOf = (amzDate: string, scope: string, canonicalRequest: string): string =>
  [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join("\n");

const refuse = <Problem extends string>(problem: Problem, message: string): SignatureVerdict<Problem> => ({ ok: false, problem, message });

/** The `Credential=…, SignedHeaders=…, Signature=…` of an Authorization header, or undefined when a part is missing. */
const authorizationParts = (header: string): { credential: string; signedHeaders: string; signature: string } | string => {
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length).split(/[,\s]+/)) {
    const equals = part.indexOf("=");
    if (equals > 0) fields.set(part.slice(0, equals), part.slice(equals + 1));
  }
  const missing = ["Credential", "Signature", "SignedHeaders"].filter((name) => !fields.get(name));
  if (missing.length > 0) return missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" ") + ` Authorization=${header}`;
  return { credential: fields.get("Credential") ?? "", signedHeaders: fields.get("SignedHeaders") ?? "", signature: fields.get("Signature") ?? "" };
};

/**
 * Checks the request's Authorization header by recomputing its signature (canonical request, string to sign, the
 * HMAC chain over date, region and service) with the secret of the key it names. Clock skew is not checked: a signature
 * of any date is accepted, as the local cloud has no clock of its own to hold it to.
 */
export const verifySignature = (request: ReceivedRequest, policy: SignaturePolicy): SignatureVerdict => {
  const headers = headerValuesOf(request.rawHeaders);
  const authorization = headers.get("authorization")?.[0]?.trim();
  if (!authorization || !authorization.startsWith("AWS4-")) return refuse("missing", SIGNATURE_MESSAGES.missing);
  if (!authorization.startsWith(`${ALGORITHM} `)) {
    return refuse("incomplete", `Unsupported AWS 'algorithm': '${authorization.split(" ")[0] ?? ""}' (only ${ALGORITHM} for now).`);
  }
  const parts = authorizationParts(authorization);
  if (typeof parts === "string") return refuse("incomplete", parts);
  const amzDate = headers.get("x-amz-date")?.[0]?.trim();
  if (!amzDate) return refuse("incomplete", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (!ISO_BASIC.test(amzDate)) return refuse("incomplete", `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);

  const scope = parts.credential.split("/");
  if (scope.length !== 5) {
    return refuse("incomplete", `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${parts.credential}'`);
  }
  const [accessKeyId = "", date = "", region = "", service = "", terminator = ""] = scope;
  const signedHeaders = parts.signedHeaders.split(";");
  const scopeProblems = [
    signedHeaders.includes("host") ? "" : "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    region === "" ? "Credential should be scoped to a valid region. " : "",
    service === policy.service ? "" : `Credential should be scoped to correct service: '${policy.service}'. `,
    terminator === TERMINATOR ? "" : `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'. `,
    date === amzDate.slice(0, 8) ? "" : `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
  ].join("");
  if (scopeProblems) return refuse("mismatch", scopeProblems.trim());

  const known = policy.credentials.find((credentials) => credentials.accessKeyId === accessKeyId);
  if (!known) return refuse("unknownKey", SIGNATURE_MESSAGES.unknownKey);
  // The local key pairs are long-term keys: a session token belongs to credentials AWS issued, which no endpoint here knows.
  if (headers.get("x-amz-security-token")?.[0] !== known.sessionToken) return refuse("unknownKey", SIGNATURE_MESSAGES.unknownKey);

  // A client may name its payload's hash (the SDKs do for S3); it must then be the body that arrived. Only S3 lets a
  // signature leave the payload out (UNSIGNED-PAYLOAD) or sign it chunk by chunk (STREAMING-…, whose chunk signatures
  // are not checked here: no client of the local cloud streams).
  const claimedHash = headers.get("x-amz-content-sha256")?.[0]?.trim();
  const payloadLeftOut = policy.service === S3 && claimedHash !== undefined && (claimedHash === "UNSIGNED-PAYLOAD" || claimedHash.startsWith("STREAMING-"));
  if (!payloadLeftOut && claimedHash !== undefined && claimedHash.toLowerCase() !== request.bodySha256) {
    return refuse("mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  const payloadHash = payloadLeftOut ? (claimedHash as string) : request.bodySha256;
  const canonicalRequest = canonicalRequestOf({ service: policy.service, method: request.method, url: request.url, headers, signedHeaders, payloadHash });
  const credentialScope = [date, region, service, TERMINATOR].join("/");
  const stringToSign = stringToSignOf(amzDate, credentialScope, canonicalRequest);
  const expected = Buffer.from(hmac(signingKeyOf(known.secretAccessKey, date, region, service), stringToSign).toString("hex"));
  const given = Buffer.from(parts.signature.toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    // As AWS does, the answer shows what was signed here, so a client's author can tell what differs.
    return refuse(
      "mismatch",
      `${SIGNATURE_MESSAGES.mismatch}\n\nThe Canonical String for this request should have been\n'${canonicalRequest}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`,
    );
  }
  return { ok: true, accessKeyId };
};

/**
 * Checks a request to S3: as verifySignature does, after S3's own first check. A request signed with SigV4 must name its
 * payload's hash (S3 refuses it before it looks at the key or the signature); an anonymous one is left to the signature
 * check, which finds no signature.
 */
export const verifyS3Signature = (request: ReceivedRequest, credentials: readonly AwsCredentials[]): SignatureVerdict<S3SignatureProblem> => {
  const headers = headerValuesOf(request.rawHeaders);
  const signedWithV4 = headers.get("authorization")?.[0]?.trim().startsWith(`${ALGORITHM} `) ?? false;
  if (signedWithV4 && !headers.has("x-amz-content-sha256")) return refuse("payloadHashMissing", SIGNATURE_MESSAGES.payloadHashMissing);
  return verifySignature(request, { service: S3, credentials });
};

/** A request about to be sent: its full URL, the headers it will carry, its body. */
export interface OutgoingRequest {
  method: string;
  url: string | URL;
  headers: Readonly<Record<string, string>>;
  body: string | Buffer;
}

export interface SigningOptions {
  service: string;
  region: string;
  credentials: AwsCredentials;
  /** The signature's date: the caller's clock. */
  now: Date;
}

const amzDateOf = (now: Date): string => now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/**
 * The headers to add to a request so that AWS (and the local endpoints) accept it: host, x-amz-date, authorization
 * (and the session token when there is one). Every header given is signed, as the SDKs sign theirs.
 */
export const signRequest = (request: OutgoingRequest, options: SigningOptions): Record<string, string> => {
  const url = new URL(request.url);
  const amzDate = amzDateOf(options.now);
  const added: Record<string, string> = {
    host: url.host,
    "x-amz-date": amzDate,
    ...(options.credentials.sessionToken ? { "x-amz-security-token": options.credentials.sessionToken } : {}),
  };
  const headers = new Map<string, string[]>();
  for (const [name, value] of Object.entries({ ...request.headers, ...added })) headers.set(name.toLowerCase(), [value]);
  const signedHeaders = [...headers.keys()].sort();
  const date = amzDate.slice(0, 8);
  const canonicalRequest = canonicalRequestOf({
    service: options.service,
    method: request.method,
    url: `${url.pathname}${url.search}`,
    headers,
    signedHeaders,
    payloadHash: sha256Hex(request.body),
  });
  const credentialScope = [date, options.region, options.service, TERMINATOR].join("/");
  const signature = hmac(signingKeyOf(options.credentials.secretAccessKey, date, options.region, options.service), stringToSignOf(amzDate, credentialScope, canonicalRequest)).toString("hex");
  return {
    ...added,
    authorization: `${ALGORITHM} Credential=${options.credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`,
  };
};
