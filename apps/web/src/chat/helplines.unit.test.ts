// The contact lines of the crisis resource data become tel:, sms: and web links, and unknown lines become none.
import { describe, expect, it } from "vitest";
import { contactLinks } from "./helplines";

describe("contactLinks", () => {
  it("offers both a call and a text for 'Call or text 988'", () => {
    expect(contactLinks("Call or text 988")).toEqual([
      { kind: "call", href: "tel:988", label: "Call 988" },
      { kind: "text", href: "sms:988", label: "Text 988" },
    ]);
  });

  it("puts the keyword of 'Text HOME to 741741' in the message body", () => {
    expect(contactLinks("Text HOME to 741741")).toEqual([{ kind: "text", href: "sms:741741?body=HOME", label: "Text HOME to 741741" }]);
  });

  it("dials spaced numbers without their spaces", () => {
    expect(contactLinks("Call 116 123")).toEqual([{ kind: "call", href: "tel:116123", label: "Call 116 123" }]);
    expect(contactLinks("Call 0800 1111")[0]?.href).toBe("tel:08001111");
    expect(contactLinks("Call 911")[0]?.href).toBe("tel:911");
  });

  it("links a bare site over https", () => {
    expect(contactLinks("findahelpline.com")).toEqual([{ kind: "web", href: "https://findahelpline.com", label: "findahelpline.com" }]);
  });

  it("makes no link of a line it cannot read", () => {
    expect(contactLinks("Your local emergency number")).toEqual([]);
  });

  it("reads the Spanish lines: a call to a spaced number, and a call with its menu choice beside a text with a keyword", () => {
    expect(contactLinks("Llama al 800 911 2000")).toEqual([{ kind: "call", href: "tel:8009112000", label: "Llama al 800 911 2000" }]);
    expect(contactLinks("Llama al 911")).toEqual([{ kind: "call", href: "tel:911", label: "Llama al 911" }]);
    expect(contactLinks("Llama al 024")).toEqual([{ kind: "call", href: "tel:024", label: "Llama al 024" }]);
    expect(contactLinks("Llama al 988 y marca 2 para español, o envía AYUDA por texto al 988")).toEqual([
      { kind: "call", href: "tel:988", label: "Llama al 988 y marca 2" },
      { kind: "text", href: "sms:988?body=AYUDA", label: "Envía AYUDA al 988" },
    ]);
  });

  it("makes no link of a Spanish line with no number", () => {
    expect(contactLinks("Tu número local de emergencias")).toEqual([]);
    expect(contactLinks("Llama a tu mamá")).toEqual([]);
  });
});
