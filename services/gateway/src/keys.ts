// Keys the gateway builds from client-chosen strings: each part escaped, so no user can make a key that matches another's.

import { keyPart } from "@innerworld/platform/dynamodb";

/** A session's rate-limit bucket, per sender: messages into someone else's session spend only the sender's tokens. */
export const sessionBucketKey = (userId: string, sessionId: string): string => `${keyPart(userId)}#${keyPart(sessionId)}`;

/** Session ids are UUIDs; anything longer than this cannot be one and would only exceed DynamoDB's key size. */
const MAX_SESSION_ID_CHARS = 64;

/**
 * Whether a session id from a path could name a session at all: checked before any store call, so an id no session can
 * have is a 404 like a missing one, not DynamoDB's ValidationException (a 500).
 */
export const isPossibleSessionId = (sessionId: string | undefined): sessionId is string =>
  sessionId !== undefined && sessionId.length > 0 && sessionId.length <= MAX_SESSION_ID_CHARS;
