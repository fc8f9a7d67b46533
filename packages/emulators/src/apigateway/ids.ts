// Identifiers in API Gateway's own format, so code that stores or logs them sees what it will see on AWS.
import { randomBytes } from "node:crypto";

/**
 * A 16-character id like "L0SM9cOFvHcCIhw=" (10 random bytes, base64), the shape API Gateway uses for connection,
 * request and message ids. `+` and `/` are swapped for letters: ids travel in URL paths and shell commands, and
 * a reader copying one from a log should not have to percent-encode it (the server decodes it either way).
 */
export function newApiGatewayId(): string {
  return randomBytes(10).toString("base64").replace(/\+/g, "A").replace(/\//g, "B");
}
