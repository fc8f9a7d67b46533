// A safety notice shown again (a resume, the read API, a reloaded client) carries what it carried live: its categories, and for a crisis the helplines of the teen's locale.
import { isSafetyNotice, type MessageRecord } from "@innerworld/conversation/messages";
import type { CrisisResource } from "@innerworld/screening";
import { crisisResources } from "@innerworld/screening/resources";

export interface StoredSafetyNotice {
  categories: string[];
  resources: CrisisResource[];
}

/** A crisis verdict names crisis or self-harm language; any other notice was a block, which shows no helplines. */
const isCrisis = (categories: readonly string[]) => categories.includes("crisis") || categories.includes("self_harm");

/** The notice a stored assistant message stands for, or undefined for a persona's reply. */
export function storedSafetyNotice(message: MessageRecord, locale: string | undefined): StoredSafetyNotice | undefined {
  if (!isSafetyNotice(message)) return undefined;
  const categories = message.categories ?? [];
  return { categories, resources: isCrisis(categories) ? crisisResources(locale).resources : [] };
}
