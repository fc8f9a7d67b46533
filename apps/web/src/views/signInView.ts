// The sign-in screen: "sign in as" against the local dev issuer, or a button to the Cognito hosted UI in the cloud.
import { startHostedSignIn } from "../auth/cognitoHostedUi";
import { signInAs, SignInError } from "../auth/devSignIn";
import type { SignedIn } from "../auth/token";
import type { WebConfig } from "../config";
import { h } from "../dom";

export const signInView = (config: WebConfig, onSignedIn: (signedIn: SignedIn) => void, problem?: string): HTMLElement => {
  const problemLine = h("p", { class: "problem", role: "alert", id: "sign-in-problem" }, problem ?? "");
  const intro = h("p", {}, "Talk things through with a companion who listens. What you say here stays between you and InnerWorld.");

  if (config.auth.kind === "cognito") {
    const auth = config.auth;
    const button = h("button", { type: "button", onclick: () => void startHostedSignIn(auth) }, "Sign in");
    return h("section", { class: "sign-in card stack", "aria-labelledby": "sign-in-title" }, h("h2", { id: "sign-in-title" }, "Welcome to InnerWorld"), intro, button, problemLine);
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
  const button = h("button", { type: "submit" }, "Sign in");
  const form = h(
    "form",
    { class: "stack", novalidate: true },
    h("label", { for: "sign-in-name" }, "Sign in as"),
    input,
    h("p", { id: "sign-in-hint", class: "muted" }, `This is the local InnerWorld (${config.stage}): any name works, no password. Each name is a separate person.`),
    button,
    problemLine,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = input.value.trim();
    if (!name) {
      problemLine.textContent = "Type a name first.";
      input.focus();
      return;
    }
    button.disabled = true;
    problemLine.textContent = "";
    signInAs(tokenUrl, name)
      .then(onSignedIn)
      .catch((error: unknown) => {
        problemLine.textContent = error instanceof SignInError ? error.message : "Couldn't sign in. Try again.";
        button.disabled = false;
        input.focus();
      });
  });
  window.setTimeout(() => input.focus(), 0);
  return h("section", { class: "sign-in card stack", "aria-labelledby": "sign-in-title" }, h("h2", { id: "sign-in-title" }, "Welcome to InnerWorld"), intro, form);
};
