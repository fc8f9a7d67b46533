// Who is an admin: a verified token whose `cognito:groups` claim lists the admins group.
export const ADMIN_GROUP = "admins";

/**
 * The groups in a JWT's claims as API Gateway hands them over. A Cognito token carries a JSON array; an HTTP API's
 * JWT authorizer passes array claims on as one string (`[admins viewers]` or `["admins","viewers"]`), so both are read.
 */
export const groupsOf = (claims: Record<string, unknown> | undefined): string[] => {
  const raw = claims?.["cognito:groups"];
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === "string");
  if (typeof raw !== "string") return [];
  const text = raw.trim();
  if (text.startsWith("[\"")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.filter((g): g is string => typeof g === "string");
    } catch {
      // Not JSON after all: read it as API Gateway's bracketed list below.
    }
  }
  return text
    .replace(/^\[|\]$/g, "")
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter(Boolean);
};

export const isAdmin = (claims: Record<string, unknown> | undefined): boolean => groupsOf(claims).includes(ADMIN_GROUP);
