// Keys the gateway builds from client-chosen strings: each part escaped, so no user can make a key that matches another's.

import { keyPart } from "@innerworld/platform/dynamodb";

/** A session's rate-limit bucket, per sender: messages into someone else's session spend only the sender's tokens. */
export const sessionBucketKey = (userId: string, sessionId: string): string => `${keyPart(userId)}#${keyPart(sessionId)}`;
