// Who a group chat is with: the gateway's rule for `start_session {personaIds}` (2 or 3 different personas), in a teen's words.
import type { Say } from "../language/messages";

/** The gateway's bounds on `personaIds` (the protocol's start_session schema): fewer or more is INVALID_FRAME. */
export const GROUP_MIN = 2;
export const GROUP_MAX = 3;

/** What is wrong with a group of `picked` personas, in words a teen can act on; undefined when it can start. */
export const groupChoiceProblem = (say: Say, picked: number): string | undefined => {
  if (picked < GROUP_MIN) return picked === 0 ? say("groupTooFewNone", { min: GROUP_MIN }) : say("groupTooFew", { min: GROUP_MIN, picked });
  if (picked > GROUP_MAX) return say("groupTooMany", { max: GROUP_MAX, extra: picked - GROUP_MAX });
  return undefined;
};

/** The line under the choices, kept current as boxes are checked: how many are picked, and whether that is enough. */
export const groupChoiceHint = (say: Say, pickedNames: readonly string[]): string => {
  const picked = pickedNames.length;
  if (picked === 0) return say("groupHintNone", { min: GROUP_MIN, max: GROUP_MAX });
  const who = say("groupPicked", { names: pickedNames.join(", ") });
  if (picked < GROUP_MIN) return `${who} ${say("groupPickOneMore")}`;
  if (picked > GROUP_MAX) return `${who} ${say("groupHintTooMany", { picked, max: GROUP_MAX })}`;
  return `${who} ${say("groupReady")}`;
};

/** The picked ids, one each, in the order picked: the session's order, which the title and the group's turns follow. */
export const toggledGroup = (picked: readonly string[], personaId: string, checked: boolean): string[] =>
  checked ? [...picked.filter((id) => id !== personaId), personaId] : picked.filter((id) => id !== personaId);
