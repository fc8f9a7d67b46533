// Turns a crisis resource's contact line ("Call or text 988", "Text HOME to 741741") into links a phone can act on.
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
  const site = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(\/\S*)?$/i.exec(line);
  if (site) return [{ kind: "web", href: `https://${site[1] ?? ""}${site[2] ?? ""}`, label: line.replace(/^https?:\/\//i, "") }];
  return [];
};
