// Boots the web client: reads config.json, finishes a hosted-UI sign-in if this is its callback, then signs in or opens the app.
import { App } from "./app";
import { finishHostedSignIn } from "./auth/cognitoHostedUi";
import { SignInError } from "./auth/devSignIn";
import { forgetSignedIn, loadSignedIn, saveSignedIn, type SignedIn } from "./auth/token";
import { loadConfig, type WebConfig } from "./config";
import { h, replaceChildren } from "./dom";
import { signInView } from "./views/signInView";
import { surveyAnswerPage, surveyIdOfPath } from "./views/surveyAnswerView";

const root = document.getElementById("app") as HTMLElement;
let app: App | undefined;

const showSignIn = (config: WebConfig, problem?: string) => {
  app?.stop();
  app = undefined;
  forgetSignedIn();
  replaceChildren(
    root,
    h("div", { class: "shell" }, h("header", { class: "topbar" }, h("p", { class: "brand" }, "InnerWorld")), h("main", { id: "main" }, signInView(config, (signedIn) => open(config, signedIn), problem))),
  );
};

const open = (config: WebConfig, signedIn: SignedIn) => {
  saveSignedIn(signedIn);
  app = new App(config, signedIn, (reason) => showSignIn(config, reason));
  app.render(root);
};

const boot = async () => {
  let config: WebConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    replaceChildren(root, h("p", { class: "boot problem", role: "alert" }, "InnerWorld couldn't start: its settings didn't load. Try reloading the page."));
    console.error(error);
    return;
  }
  // A survey's share link: a friend answers without an account, so no sign-in.
  const surveyId = surveyIdOfPath(window.location.pathname);
  if (surveyId !== undefined) {
    replaceChildren(root, h("div", { class: "shell" }, h("header", { class: "topbar" }, h("p", { class: "brand" }, "InnerWorld")), h("main", { id: "main" }, surveyAnswerPage(config.apiUrl, surveyId))));
    return;
  }
  try {
    const fromCallback = config.auth.kind === "cognito" ? await finishHostedSignIn(config.auth, window.location) : undefined;
    const signedIn = fromCallback ?? loadSignedIn();
    if (signedIn) open(config, signedIn);
    else showSignIn(config);
  } catch (error) {
    showSignIn(config, error instanceof SignInError ? error.message : "Couldn't sign in. Try again.");
  }
};

void boot();
