// Turns a crisis resource's contact line ("Call or text 988", "Text HOME to 741741", "Llama al 800 911 2000") into links a phone can act on.
import type { CrisisResource } from "../api/httpApi";

/** One crisis resource a notice or a survey's thanks names: the API's shape, shown by the views as links. */
export type Helpline = CrisisResource;

export interface ContactLink {
  href: string;
  /** What the link says, e.g. "Call 988". */
  label: string;
  kind: "call" | "text" | "web";
}

const NUMBER = String.raw`(\+?\d[\d\s-]*\d|\d)`;
const digits = (number: string): string => number.replace(/[^\d+]/g, "");

/**
 * The links for one contact line, in the order the line names them. A line this does not understand gets none: the
 * text is always shown as well, so a teen can still read and dial it.
 */
export const contactLinks = (contact: string): ContactLink[] => {
  const line = contact.trim();
  const keywordText = new RegExp(String.raw`^text\s+([A-Za-z]+)\s+to\s+${NUMBER}$`, "i").exec(line);
  if (keywordText) {
    const [, keyword = "", number = ""] = keywordText;
    return [{ kind: "text", href: `sms:${digits(number)}?body=${encodeURIComponent(keyword.toUpperCase())}`, label: `Text ${keyword.toUpperCase()} to ${number.trim()}` }];
  }
  const callOrText = new RegExp(String.raw`^call\s+or\s+text\s+${NUMBER}$`, "i").exec(line);
  if (callOrText) {
    const number = (callOrText[1] ?? "").trim();
    return [
      { kind: "call", href: `tel:${digits(number)}`, label: `Call ${number}` },
      { kind: "text", href: `sms:${digits(number)}`, label: `Text ${number}` },
    ];
  }
  const single = new RegExp(String.raw`^(call|text)\s+${NUMBER}$`, "i").exec(line);
  if (single) {
    const kind = (single[1] ?? "").toLowerCase() === "call" ? "call" : "text";
    const number = (single[2] ?? "").trim();
    return [{ kind, href: `${kind === "call" ? "tel" : "sms"}:${digits(number)}`, label: `${kind === "call" ? "Call" : "Text"} ${number}` }];
  }
  const spanish = spanishContactLinks(line);
  if (spanish.length > 0) return spanish;
  const site = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(\/\S*)?$/i.exec(line);
  if (site) return [{ kind: "web", href: `https://${site[1] ?? ""}${site[2] ?? ""}`, label: line.replace(/^https?:\/\//i, "") }];
  return [];
};

/**
 * The Spanish lines: "Llama al 911", "Llama al 800 911 2000", "Llama al 988 y marca 2 para español, o envía AYUDA por
 * texto al 988". The call dials the number alone (the menu choice is said in the label, since a tel: link cannot wait
 * for a menu); a keyword sent "por texto" goes in the message body as in English.
 */
const spanishContactLinks = (line: string): ContactLink[] => {
  const links: ContactLink[] = [];
  const call = new RegExp(String.raw`^llam[ae]\s+(?:al\s+)?${NUMBER}(?:\s+y\s+marca\s+(\d+))?`, "i").exec(line);
  if (call) {
    const number = (call[1] ?? "").trim();
    const option = call[2];
    links.push({ kind: "call", href: `tel:${digits(number)}`, label: option === undefined ? `Llama al ${number}` : `Llama al ${number} y marca ${option}` });
  }
  const text =
    new RegExp(String.raw`(?:^|,\s*o\s+|\s+o\s+)env[ií]a\s+([A-Za-zÁÉÍÓÚÑáéíóúñ]+)\s+por\s+(?:texto|mensaje(?:\s+de\s+texto)?|sms)\s+al\s+${NUMBER}$`, "i").exec(line) ??
    new RegExp(String.raw`(?:^|,\s*o\s+|\s+o\s+)env[ií]a\s+([A-Za-zÁÉÍÓÚÑáéíóúñ]+)\s+al\s+${NUMBER}$`, "i").exec(line);
  if (text) {
    const [, keyword = "", number = ""] = text;
    links.push({ kind: "text", href: `sms:${digits(number)}?body=${encodeURIComponent(keyword.toUpperCase())}`, label: `Envía ${keyword.toUpperCase()} al ${number.trim()}` });
  }
  return links;
};
