// Choosing who to talk to: one persona (radios) or a group of 2 or 3 (check boxes), built-in and the teen's own, and a start button.
// A persona still being made is shown with its state and cannot be picked, so no start is sent that the gateway would refuse.
import type { PersonaSummary } from "../api/httpApi";
import { GROUP_MAX, groupChoiceHint, groupChoiceProblem, toggledGroup } from "../chat/groupChoice";
import { notChattableBecause } from "../chat/personas";
import { h, replaceChildren } from "../dom";
import type { Say } from "../language/messages";

/** What the teen has chosen so far: the kind of chat, the one persona, and the group's personas in the order picked. */
export interface PickerChoice {
  kind: "one" | "group";
  personaId: string;
  groupIds: readonly string[];
}

export interface PersonaPickerOptions {
  say: Say;
  personas: readonly PersonaSummary[];
  choice: PickerChoice;
  /** A start is on its way: the button says so and ignores presses (it stays focusable, so the keyboard is not dropped). */
  busy: boolean;
  /** One id for a one-persona chat, 2 or 3 for a group. */
  onStart: (personaIds: readonly string[]) => void;
  /**
   * Hears every change of choice, so whoever re-renders the picker (the link coming up, personas arriving, a start
   * refused) hands the teen's choice back instead of resetting it.
   */
  onChange?: (choice: PickerChoice) => void;
}

export const START_BUTTON_ID = "start-chat";

export const personaPicker = (options: PersonaPickerOptions): HTMLElement => {
  const { say, personas, busy } = options;
  // A choice survives the list changing where it still can start: a persona deleted since, or no longer ready, drops out.
  const startable = (id: string) => personas.some((p) => p.id === id && notChattableBecause(say, p) === undefined);
  let choice: PickerChoice = {
    kind: options.choice.kind,
    personaId: startable(options.choice.personaId) ? options.choice.personaId : (personas.find((p) => startable(p.id))?.id ?? options.choice.personaId),
    groupIds: options.choice.groupIds.filter(startable),
  };
  const nameOf = (id: string) => personas.find((p) => p.id === id)?.displayName ?? id;
  const changed = (next: Partial<PickerChoice>) => {
    choice = { ...choice, ...next };
    options.onChange?.(choice);
  };

  const legend = h("legend", {});
  const optionsHost = h("div", {});
  const hint = h("p", { id: "group-hint", class: "muted", "aria-live": "polite" });
  const problem = h("p", { id: "picker-problem", class: "problem", role: "alert" });
  const start = h("button", { type: "submit", id: START_BUTTON_ID, ...(busy ? { "aria-disabled": "true" } : {}) });
  // The boxes a teen can change: one still being made is neither checked nor a place to send the keyboard.
  const groupBoxes = () => [...optionsHost.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:not(:disabled)')];

  const showHint = () => {
    hint.textContent = choice.kind === "group" ? groupChoiceHint(say, choice.groupIds.map(nameOf)) : "";
    hint.hidden = choice.kind !== "group";
  };
  /** A refused group says why beside the boxes, which are marked until the choice is one the gateway takes. */
  const showProblem = (text: string) => {
    problem.textContent = text;
    for (const box of groupBoxes()) box.setAttribute("aria-invalid", text ? "true" : "false");
  };

  const option = (persona: PersonaSummary) => {
    const group = choice.kind === "group";
    const id = `persona-${persona.id}`;
    const notReady = notChattableBecause(say, persona);
    const describedBy = [`${id}-tagline`, ...(notReady ? [`${id}-state`] : []), ...(group ? ["group-hint", "picker-problem"] : [])].join(" ");
    const input = h("input", {
      type: group ? "checkbox" : "radio",
      name: group ? "group-persona" : "persona",
      value: persona.id,
      id,
      checked: group ? choice.groupIds.includes(persona.id) : persona.id === choice.personaId,
      disabled: notReady !== undefined,
      "aria-describedby": describedBy,
    });
    input.addEventListener("change", () => {
      if (!group) return changed({ personaId: persona.id });
      changed({ groupIds: toggledGroup(choice.groupIds, persona.id, input.checked) });
      showHint();
      // Once the choice is one that can start, the earlier refusal no longer applies.
      if (problem.textContent && groupChoiceProblem(say, choice.groupIds.length) === undefined) showProblem("");
    });
    return h(
      "label",
      { class: notReady ? "persona-option not-ready" : "persona-option", for: id },
      input,
      h("strong", {}, persona.displayName, persona.custom ? say("pickerYours") : ""),
      h("span", { id: `${id}-tagline`, class: "muted" }, persona.tagline),
      notReady ? h("span", { id: `${id}-state`, class: "persona-state" }, notReady) : null,
    );
  };

  const renderOptions = () => {
    const builtIn = personas.filter((p) => !p.custom);
    const custom = personas.filter((p) => p.custom);
    legend.textContent = say(choice.kind === "group" ? "pickerWhoGroup" : "pickerWhoOne");
    replaceChildren(
      optionsHost,
      h("div", { class: "persona-options" }, ...builtIn.map(option)),
      custom.length > 0 ? h("h3", {}, say("pickerYourPersonas")) : null,
      custom.length > 0 ? h("div", { class: "persona-options" }, ...custom.map(option)) : null,
    );
    start.textContent = say(busy ? "pickerStarting" : choice.kind === "group" ? "pickerStartGroup" : "pickerStartOne");
    showProblem("");
    showHint();
  };

  const kindOption = (kind: PickerChoice["kind"], label: string) => {
    const input = h("input", { type: "radio", name: "chat-kind", value: kind, id: `chat-kind-${kind}`, checked: choice.kind === kind });
    // Only the list below changes: the keyboard stays on this choice.
    input.addEventListener("change", () => {
      changed({ kind });
      renderOptions();
    });
    return h("label", { class: "chat-kind-option", for: `chat-kind-${kind}` }, input, label);
  };

  const form = h(
    "form",
    { class: "stack", "aria-label": say("pickerForm") },
    h("fieldset", { class: "chat-kind" }, h("legend", {}, say("pickerChatWith")), kindOption("one", say("pickerOne")), kindOption("group", say("pickerGroup"))),
    h("fieldset", { class: "personas" }, legend, optionsHost, hint),
    problem,
    start,
  );
  renderOptions();

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return;
    if (choice.kind === "one") return startable(choice.personaId) ? options.onStart([choice.personaId]) : undefined;
    const refusal = groupChoiceProblem(say, choice.groupIds.length);
    if (refusal === undefined) return options.onStart(choice.groupIds);
    showProblem(refusal);
    // The keyboard goes where the fix is: the first box to check, or the last one picked to uncheck.
    const boxes = groupBoxes();
    const target = choice.groupIds.length > GROUP_MAX ? boxes.find((box) => box.value === choice.groupIds.at(-1)) : boxes.find((box) => !box.checked);
    (target ?? boxes[0])?.focus();
  });
  return form;
};
