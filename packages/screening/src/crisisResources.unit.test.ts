import { describe, expect, it } from "vitest";
import { crisisResources, softResourceLine } from "./index";

describe("crisis resources per locale", () => {
  it("en-US: the 988 Lifeline and Crisis Text Line", () => {
    const { locale, resources } = crisisResources("en-US");

    expect(locale).toBe("en-US");
    expect(resources).toContainEqual(expect.objectContaining({ name: "988 Suicide & Crisis Lifeline", contact: "Call or text 988" }));
    expect(resources).toContainEqual(expect.objectContaining({ name: "Crisis Text Line", contact: "Text HOME to 741741" }));
  });

  it("en-GB: Samaritans and Shout", () => {
    const { locale, resources } = crisisResources("en-GB");

    expect(locale).toBe("en-GB");
    expect(resources).toContainEqual(expect.objectContaining({ name: "Samaritans", contact: "Call 116 123" }));
    expect(resources).toContainEqual(expect.objectContaining({ name: "Shout", contact: "Text SHOUT to 85258" }));
  });

  it.each([
    ["es-US", "988", "Llama al 988 y marca 2 para español, o envía AYUDA por texto al 988"],
    ["es-MX", "Línea de la Vida", "Llama al 800 911 2000"],
    ["es-ES", "Línea 024 de atención a la conducta suicida", "Llama al 024"],
  ])("%s: its own country's lines, in Spanish", (locale, name, contact) => {
    const { locale: resolved, resources } = crisisResources(locale);

    expect(resolved).toBe(locale);
    expect(resources).toContainEqual(expect.objectContaining({ name: expect.stringContaining(name), contact }));
  });

  it("a soft resource line names the locale's first helpline, in its language", () => {
    expect(softResourceLine("en-US")).toMatch(/988/);
    expect(softResourceLine("es-MX")).toMatch(/^Si en algún momento.*800 911 2000/);
    expect(softResourceLine("es-ES")).toMatch(/024/);
    expect(softResourceLine(undefined)).toMatch(/findahelpline\.com/);
    // A Spanish locale without helplines of its own still reads Spanish, above the international ones.
    expect(softResourceLine("es-AR")).toMatch(/^Si en algún momento.*findahelpline\.com/);
  });

  it.each([
    ["en_gb", "en-GB"],
    ["EN-us", "en-US"],
    [" en-US ", "en-US"],
    ["en-UK", "en-GB"],
  ])("reads %j as %s", (given, expected) => {
    expect(crisisResources(given).locale).toBe(expected);
  });

  it.each(["es", "es-419", "ES_419", "es-AR", "es-CO"])("%j: a Spanish locale with no country set gets the international lines in Spanish", (locale) => {
    const { locale: resolved, resources } = crisisResources(locale);

    expect(resolved).toBe("international-es");
    expect(resources).toContainEqual(expect.objectContaining({ contact: "findahelpline.com", description: expect.stringContaining("español") }));
    expect(resources).toContainEqual(expect.objectContaining({ name: "Emergencias", contact: "Tu número local de emergencias" }));
    // Still no guessed country: no number at all.
    expect(resources.map((resource) => resource.contact).join(" ")).not.toMatch(/\d/);
  });

  it.each([undefined, "fr-FR", "en", "en-AU", "", "not a locale!"])("%j: falls back to international resources, not a guessed country", (locale) => {
    const { locale: resolved, resources } = crisisResources(locale);

    expect(resolved).toBe("international");
    expect(resources).toContainEqual(expect.objectContaining({ contact: "findahelpline.com" }));
    expect(resources.map((resource) => resource.contact).join(" ")).not.toMatch(/988|116 123/);
  });

  it("every resource has a name, a contact and a description", () => {
    for (const locale of ["en-US", "en-GB", "es-US", "es-MX", "es-ES", "es-419", undefined]) {
      for (const resource of crisisResources(locale).resources) {
        expect(resource.name.length).toBeGreaterThan(0);
        expect(resource.contact.length).toBeGreaterThan(0);
        expect(resource.description.length).toBeGreaterThan(0);
      }
    }
  });

  it("hands out copies, so a caller cannot change what the next teen sees", () => {
    const first = crisisResources("en-US");
    first.resources[0]!.contact = "changed";
    first.resources.pop();

    expect(crisisResources("en-US").resources[0]?.contact).toBe("Call or text 988");
    expect(crisisResources("en-US").resources).toHaveLength(3);
  });
});
