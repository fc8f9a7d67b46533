// Choosing who to talk to: a radio group of personas (built-in, and the teen's own once the API has them) and a start button.
import type { PersonaSummary } from "../api/httpApi";
import { h } from "../dom";

/**
 * `onSelect` hears every change of choice, so whoever re-renders the picker (the link coming up, personas arriving)
 * hands the teen's choice back in `selectedId` instead of resetting it.
 */
export const personaPicker = (
  personas: readonly PersonaSummary[],
  selectedId: string,
  busy: boolean,
  onStart: (personaId: string) => void,
  onSelect: (personaId: string) => void = () => undefined,
): HTMLElement => {
  let selected = personas.some((p) => p.id === selectedId) ? selectedId : (personas[0]?.id ?? selectedId);
  const option = (persona: PersonaSummary) => {
    const input = h("input", {
      type: "radio",
      name: "persona",
      value: persona.id,
      id: `persona-${persona.id}`,
      checked: persona.id === selected,
      "aria-describedby": `persona-${persona.id}-tagline`,
    });
    input.addEventListener("change", () => {
      selected = persona.id;
      onSelect(persona.id);
    });
    return h(
      "label",
      { class: "persona-option", for: `persona-${persona.id}` },
      input,
      h("strong", {}, persona.displayName, persona.custom ? " (yours)" : ""),
      h("span", { id: `persona-${persona.id}-tagline`, class: "muted" }, persona.tagline),
    );
  };
  const builtIn = personas.filter((p) => !p.custom);
  const custom = personas.filter((p) => p.custom);
  const start = h("button", { type: "submit", disabled: busy }, busy ? "Starting…" : "Start chatting");
  const form = h(
    "form",
    { class: "stack", "aria-label": "Start a chat" },
    h(
      "fieldset",
      { class: "personas" },
      h("legend", {}, "Who would you like to talk to?"),
      h("div", { class: "persona-options" }, ...builtIn.map(option)),
      custom.length > 0 ? h("h3", {}, "Your personas") : null,
      custom.length > 0 ? h("div", { class: "persona-options" }, ...custom.map(option)) : null,
    ),
    start,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onStart(selected);
  });
  return form;
};
