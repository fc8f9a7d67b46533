// Helplines as a phone acts on them: each contact line becomes call, text or web links, with the line itself kept when it is not understood.
import { contactLinks, type Helpline } from "../chat/helplines";
import { h } from "../dom";
import type { Say } from "../language/messages";

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

/** The list a safety notice in the chat and a survey's thanks both show, named in the language of the screen it is on. */
export const helplineList = (say: Say, helplines: readonly Helpline[]): HTMLUListElement =>
  h("ul", { class: "helplines", "aria-label": say("helplines") }, ...helplines.map(helplineItem));
