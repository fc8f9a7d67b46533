// Builds the messages for one reply: persona system prompt, user context, as much recent history as fits, the new message.
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { contextLines, renderContextSection } from "./contextSection.js";
import { estimateMessageTokens } from "./estimateTokens.js";
import { groupLine, renderSystemPrompt } from "./systemPrompt.js";
import type { Persona } from "../personas/index.js";
import type { BuildPromptInput, BuiltPrompt, ChatTurn } from "./types.js";

/**
 * Priorities, highest first: the persona instructions and the user's message (always sent, even over
 * budget, because a reply without either is wrong), then the context block (compact by design and what
 * makes the reply personal), then history from the newest turn back. History stops at the first turn
 * that does not fit rather than skipping it for an older, shorter one: a gap in the middle of a
 * conversation misleads the model more than a shorter memory does.
 */
export function buildPrompt(input: BuildPromptInput): BuiltPrompt {
  const { persona, history, userMessage, tokenBudget, group } = input;
  if (!Number.isFinite(tokenBudget) || tokenBudget <= 0) {
    throw new RangeError(`tokenBudget must be a positive number, got ${tokenBudget}`);
  }

  const answers = (input.answeredBy ?? []).map((turn) => messageOf(turn, persona));
  const guidance = input.turnGuidance ? [new SystemMessage(input.turnGuidance)] : [];
  const userTokens =
    estimateMessageTokens(userMessage) +
    answers.reduce((sum, message) => sum + estimateMessageTokens(message.text), 0) +
    guidance.reduce((sum, message) => sum + estimateMessageTokens(message.text), 0);
  const bareSystemTokens = estimateMessageTokens(renderSystemPrompt(persona, "", group));
  let remaining = tokenBudget - userTokens - bareSystemTokens;

  const lines = contextLines(input.contextBlock);
  const kept = fitContextLines(lines, (section) => estimateMessageTokens(renderSystemPrompt(persona, section, group)) - bareSystemTokens, remaining);
  const systemText = renderSystemPrompt(persona, renderContextSection(kept), group);
  const systemTokens = estimateMessageTokens(systemText);
  remaining = tokenBudget - userTokens - systemTokens;

  const keptTurns: BaseMessage[] = [];
  let historyTokens = 0;
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const turn = history[index];
    if (!turn) continue;
    const message = messageOf(turn, persona);
    const cost = estimateMessageTokens(message.text);
    if (historyTokens + cost > remaining) break;
    historyTokens += cost;
    keptTurns.push(message);
  }
  keptTurns.reverse();

  return {
    messages: [new SystemMessage(systemText), ...keptTurns, ...guidance, new HumanMessage(userMessage), ...answers],
    promptTokens: systemTokens + historyTokens + userTokens,
    droppedTurns: history.length - keptTurns.length,
    contextTruncated: kept.length < lines.length,
    contextLines: kept,
  };
}

/**
 * A turn as the replying persona sees it: its own replies are its own (assistant) turns; another persona's reply in
 * a group is something said in the room, so it comes as a named user-side line rather than words put in its mouth.
 */
function messageOf(turn: ChatTurn, self: Persona): BaseMessage {
  if (turn.role === "user") return new HumanMessage(turn.content);
  const saidByAnother = turn.personaId !== undefined ? turn.personaId !== self.id : turn.speaker !== self.displayName;
  if (turn.speaker && saidByAnother) return new HumanMessage(groupLine(turn.speaker, turn.content));
  return new AIMessage(turn.content);
}

/** The longest prefix of the context lines whose rendered section fits in `available` tokens. */
function fitContextLines(lines: readonly string[], sectionCost: (section: string) => number, available: number): string[] {
  const cost = (count: number) => sectionCost(renderContextSection(lines.slice(0, count)));
  if (lines.length === 0 || cost(lines.length) <= available) return [...lines];
  // We take context-refresh to put the most important facts first, so lines are cut from the end.
  // Binary search re-renders the block O(log n) times instead of once per line.
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (cost(mid) <= available) low = mid;
    else high = mid - 1;
  }
  return lines.slice(0, low);
}
