// Helplines as a phone acts on them: each contact line becomes call, text or web links, with the line itself kept when it is not understood.
import { contactLinks, type Helpline } from "../chat/helplines";
import { h } from "../dom";
import type { ScreenLanguage } from "./browserLanguage";

const helplineItem = (helpline: Helpline): HTMLElement => {
  const links = contactLinks(helpline.contact);
  return h(
    "li",
    {},
    h("strong", {}, helpline.name),
    links.length > 0
      ? h("div", { class: "helpline-links" }, ...links.map((link) => h("a", { class: "button", href: link.href, "aria-label": `${link.label}: ${helpline.name}`, ...(link.kind === "web" ? { target: "_blank", rel: "noopener" } : {}) }, link.label)))
      : h("div", {}, helpline.contact),
    h("div", { class: "muted" }, helpline.description),
  );
};

/** What a screen reader calls the list, in the language the helplines are given in. */
const LIST_LABEL: Record<ScreenLanguage, string> = { en: "People you can reach right now", es: "Personas con las que puedes hablar ahora mismo" };

/** The list a safety notice in the chat and a survey's thanks both show. */
export const helplineList = (helplines: readonly Helpline[], language: ScreenLanguage = "en"): HTMLUListElement =>
  h("ul", { class: "helplines", "aria-label": LIST_LABEL[language] }, ...helplines.map(helplineItem));
