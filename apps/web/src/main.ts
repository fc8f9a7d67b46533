// Boots the web client: reads config.json, finishes a hosted-UI sign-in if this is its callback, then signs in or opens the app.
import { App } from "./app";
import { finishHostedSignIn } from "./auth/cognitoHostedUi";
import { SignInError } from "./auth/devSignIn";
import { forgetSignedIn, loadSignedIn, saveSignedIn, type SignedIn } from "./auth/token";
import { loadConfig, type WebConfig } from "./config";
import { h, replaceChildren } from "./dom";
import { browserLanguage, browserSay } from "./views/browserLanguage";
import { signInView } from "./views/signInView";
import { surveyAnswerPage, surveyIdOfPath } from "./views/surveyAnswerView";

const root = document.getElementById("app") as HTMLElement;
let app: App | undefined;
// Every screen speaks the browser's language, and the page says which, for screen readers and spelling.
const say = browserSay();
document.documentElement.lang = browserLanguage();

const showSignIn = (config: WebConfig, problem?: string) => {
  app?.stop();
  app = undefined;
  forgetSignedIn();
  replaceChildren(
    root,
    h("div", { class: "shell" }, h("header", { class: "topbar" }, h("p", { class: "brand" }, "InnerWorld")), h("main", { id: "main" }, signInView(say, config, (signedIn) => open(config, signedIn), problem))),
  );
};

const open = (config: WebConfig, signedIn: SignedIn) => {
  saveSignedIn(signedIn);
  app = new App(say, config, signedIn, (reason) => showSignIn(config, reason));
  app.render(root);
};

const boot = async () => {
  let config: WebConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    replaceChildren(root, h("p", { class: "boot problem", role: "alert" }, say("settingsNotLoaded")));
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
    showSignIn(config, say(error instanceof SignInError ? error.words : "signInFailed"));
  }
};

void boot();
