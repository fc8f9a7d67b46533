// Builds the messages for one reply: persona system prompt, user context, as much recent history as fits, the new message.
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { contextLines, renderContextSection } from "./contextSection.js";
import { estimateMessageTokens } from "./estimateTokens.js";
import { renderSystemPrompt } from "./systemPrompt.js";
import type { BuildPromptInput, BuiltPrompt } from "./types.js";

/**
 * Priorities, highest first: the persona instructions and the user's message (always sent, even over
 * budget, because a reply without either is wrong), then the context block (compact by design and what
 * makes the reply personal), then history from the newest turn back. History stops at the first turn
 * that does not fit rather than skipping it for an older, shorter one: a gap in the middle of a
 * conversation misleads the model more than a shorter memory does.
 */
export function buildPrompt(input: BuildPromptInput): BuiltPrompt {
  const { persona, history, userMessage, tokenBudget } = input;
  if (!Number.isFinite(tokenBudget) || tokenBudget <= 0) {
    throw new RangeError(`tokenBudget must be a positive number, got ${tokenBudget}`);
  }

  const userTokens = estimateMessageTokens(userMessage);
  const bareSystemTokens = estimateMessageTokens(renderSystemPrompt(persona, ""));
  let remaining = tokenBudget - userTokens - bareSystemTokens;

  const lines = contextLines(input.contextBlock);
  const kept = fitContextLines(lines, persona, bareSystemTokens, remaining);
  const systemText = renderSystemPrompt(persona, renderContextSection(kept));
  const systemTokens = estimateMessageTokens(systemText);
  remaining = tokenBudget - userTokens - systemTokens;

  const keptTurns: BaseMessage[] = [];
  let historyTokens = 0;
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const turn = history[index];
    if (!turn) continue;
    const cost = estimateMessageTokens(turn.content);
    if (historyTokens + cost > remaining) break;
    historyTokens += cost;
    keptTurns.push(turn.role === "user" ? new HumanMessage(turn.content) : new AIMessage(turn.content));
  }
  keptTurns.reverse();

  return {
    messages: [new SystemMessage(systemText), ...keptTurns, new HumanMessage(userMessage)],
    promptTokens: systemTokens + historyTokens + userTokens,
    droppedTurns: history.length - keptTurns.length,
    contextTruncated: kept.length < lines.length,
    contextLines: kept,
  };
}

/** The longest prefix of the context lines whose rendered section fits in `available` tokens. */
function fitContextLines(
  lines: readonly string[],
  persona: BuildPromptInput["persona"],
  bareSystemTokens: number,
  available: number,
): string[] {
  const cost = (count: number) =>
    estimateMessageTokens(renderSystemPrompt(persona, renderContextSection(lines.slice(0, count)))) - bareSystemTokens;
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
