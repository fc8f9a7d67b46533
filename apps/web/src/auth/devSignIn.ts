// Local sign-in: the dev issuer (Cognito's stand-in) mints a token for whatever name is typed; there is no password.
import { signedInFrom, type SignedIn } from "./token";

export class SignInError extends Error {
  override readonly name = "SignInError";
  constructor(
    message: string,
    readonly code: "SIGN_IN_REFUSED" | "SIGN_IN_UNREACHABLE" | "SIGN_IN_CANCELLED",
  ) {
    super(message);
  }
}

export const signInAs = async (tokenUrl: string, name: string): Promise<SignedIn> => {
  let response: Response;
  try {
    response = await fetch(tokenUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sub: name.trim() }) });
  } catch {
    throw new SignInError("Couldn't reach the sign-in server. Is `pnpm start` still running?", "SIGN_IN_UNREACHABLE");
  }
  if (!response.ok) throw new SignInError("That name didn't work. Use 1 to 128 characters.", "SIGN_IN_REFUSED");
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== "string") throw new SignInError("The sign-in server sent no token.", "SIGN_IN_REFUSED");
  return { ...signedInFrom(body.token), displayName: name.trim() };
};
