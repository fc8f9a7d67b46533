// Keys the gateway builds from client-chosen strings: each part escaped, so no user can make a key that matches another's.

/** Escapes `#` (our separator) and `%` (the escape itself), so joined parts can never be read more than one way. */
export const keyPart = (value: string): string => value.replace(/%/g, "%25").replace(/#/g, "%23");

/** A session's rate-limit bucket, per sender: messages into someone else's session spend only the sender's tokens. */
export const sessionBucketKey = (userId: string, sessionId: string): string => `${keyPart(userId)}#${keyPart(sessionId)}`;
