// The sign-in screen: "sign in as" against the local dev issuer, or a button to the Cognito hosted UI in the cloud.
import { startHostedSignIn } from "../auth/cognitoHostedUi";
import { signInAs, SignInError } from "../auth/devSignIn";
import type { SignedIn } from "../auth/token";
import type { WebConfig } from "../config";
import { h } from "../dom";
import type { Say } from "../language/messages";

export const signInView = (say: Say, config: WebConfig, onSignedIn: (signedIn: SignedIn) => void, problem?: string): HTMLElement => {
  const problemLine = h("p", { class: "problem", role: "alert", id: "sign-in-problem" }, problem ?? "");
  const intro = h("p", {}, say("signInIntro"));

  if (config.auth.kind === "cognito") {
    const auth = config.auth;
    const button = h("button", { type: "button", onclick: () => void startHostedSignIn(auth) }, say("signIn"));
    return h("section", { class: "sign-in card stack", "aria-labelledby": "sign-in-title" }, h("h2", { id: "sign-in-title" }, say("signInWelcome")), intro, button, problemLine);
  }

  const tokenUrl = config.auth.tokenUrl;
  const input = h("input", {
    type: "text",
    id: "sign-in-name",
    name: "name",
    autocomplete: "username",
    required: true,
    maxlength: 128,
    placeholder: "alex",
    "aria-describedby": "sign-in-hint sign-in-problem",
  });
  const button = h("button", { type: "submit" }, say("signIn"));
  const form = h(
    "form",
    { class: "stack", novalidate: true },
    h("label", { for: "sign-in-name" }, say("signInAs")),
    input,
    h("p", { id: "sign-in-hint", class: "muted" }, say("signInHint", { stage: config.stage })),
    button,
    problemLine,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = input.value.trim();
    if (!name) {
      problemLine.textContent = say("signInNameFirst");
      input.focus();
      return;
    }
    button.disabled = true;
    problemLine.textContent = "";
    signInAs(tokenUrl, name)
      .then(onSignedIn)
      .catch((error: unknown) => {
        problemLine.textContent = say(error instanceof SignInError ? error.words : "signInFailed");
        button.disabled = false;
        input.focus();
      });
  });
  window.setTimeout(() => input.focus(), 0);
  return h("section", { class: "sign-in card stack", "aria-labelledby": "sign-in-title" }, h("h2", { id: "sign-in-title" }, say("signInWelcome")), intro, form);
};
