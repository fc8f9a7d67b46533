// Local sign-in: the dev issuer (Cognito's stand-in) mints a token for whatever name is typed; there is no password.
import { ENGLISH, type MessageKey } from "../language/messages";
import { signedInFrom, type SignedIn } from "./token";

/** Why sign-in failed: `words` is what the sign-in screen tells the teen, in their language; the message is its English. */
export class SignInError extends Error {
  override readonly name = "SignInError";
  constructor(
    readonly words: MessageKey,
    readonly code: "SIGN_IN_REFUSED" | "SIGN_IN_UNREACHABLE" | "SIGN_IN_CANCELLED",
  ) {
    super(ENGLISH[words]);
  }
}

export const signInAs = async (tokenUrl: string, name: string): Promise<SignedIn> => {
  let response: Response;
  try {
    response = await fetch(tokenUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sub: name.trim() }) });
  } catch {
    throw new SignInError("signInUnreachable", "SIGN_IN_UNREACHABLE");
  }
  if (!response.ok) throw new SignInError("signInNameRefused", "SIGN_IN_REFUSED");
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== "string") throw new SignInError("signInNoToken", "SIGN_IN_REFUSED");
  return { ...signedInFrom(body.token), displayName: name.trim() };
};
