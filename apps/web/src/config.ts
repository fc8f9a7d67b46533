// Where the app finds the system: `config.json` from the server that serves it (the local cloud, or a deploy's static site).

/** Locally the dev issuer mints a token for any name; in the cloud the Cognito hosted UI signs people in. */
export type AuthConfig =
  | { kind: "dev"; tokenUrl: string }
  | {
      kind: "cognito";
      /** The hosted UI's domain, e.g. `https://innerworld-prod.auth.eu-west-1.amazoncognito.com`. */
      domain: string;
      clientId: string;
      /** Defaults to `<origin>/auth/callback`; must be one of the app client's callback URLs. */
      redirectUri?: string;
      scopes?: string[];
    };

export interface WebConfig {
  /** `local`, or the SST stage. */
  stage: string;
  websocketUrl: string;
  /** The HTTP API (read API, personas, memory, health, admin), without a trailing slash. */
  apiUrl: string;
  auth: AuthConfig;
  /** Server-sent events of every turn's events and the dead-letter counts; only the local cloud serves one. */
  eventTapUrl?: string;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly code = "CONFIG_INVALID";
}

const text = (record: Record<string, unknown>, key: string, where: string): string => {
  const value = record[key];
  if (typeof value !== "string" || value.length === 0) throw new ConfigError(`config.json: ${where}${key} must be a non-empty string`);
  return value;
};

const optionalText = (record: Record<string, unknown>, key: string, where: string): string | undefined =>
  record[key] === undefined ? undefined : text(record, key, where);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export const parseConfig = (value: unknown): WebConfig => {
  if (!isRecord(value)) throw new ConfigError("config.json must hold a JSON object");
  const auth = value.auth;
  if (!isRecord(auth)) throw new ConfigError("config.json: auth must be an object");
  let parsedAuth: AuthConfig;
  if (auth.kind === "dev") parsedAuth = { kind: "dev", tokenUrl: text(auth, "tokenUrl", "auth.") };
  else if (auth.kind === "cognito") {
    const redirectUri = optionalText(auth, "redirectUri", "auth.");
    const scopes = Array.isArray(auth.scopes) && auth.scopes.every((s) => typeof s === "string") ? (auth.scopes as string[]) : undefined;
    parsedAuth = {
      kind: "cognito",
      domain: text(auth, "domain", "auth.").replace(/\/+$/, ""),
      clientId: text(auth, "clientId", "auth."),
      ...(redirectUri ? { redirectUri } : {}),
      ...(scopes ? { scopes } : {}),
    };
  } else throw new ConfigError('config.json: auth.kind must be "dev" or "cognito"');
  const eventTapUrl = optionalText(value, "eventTapUrl", "");
  return {
    stage: optionalText(value, "stage", "") ?? "unknown",
    websocketUrl: text(value, "websocketUrl", ""),
    apiUrl: text(value, "apiUrl", "").replace(/\/+$/, ""),
    auth: parsedAuth,
    ...(eventTapUrl ? { eventTapUrl } : {}),
  };
};

export const loadConfig = async (): Promise<WebConfig> => {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) throw new ConfigError(`config.json answered ${response.status}`);
  return parseConfig(await response.json());
};
