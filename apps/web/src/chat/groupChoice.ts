// Who a group chat is with: the gateway's rule for `start_session {personaIds}` (2 or 3 different personas), in a teen's words.

/** The gateway's bounds on `personaIds` (the protocol's start_session schema): fewer or more is INVALID_FRAME. */
export const GROUP_MIN = 2;
export const GROUP_MAX = 3;

/** What is wrong with a group of `picked` personas, in words a teen can act on; undefined when it can start. */
export const groupChoiceProblem = (picked: number): string | undefined => {
  if (picked < GROUP_MIN) return `Pick at least ${GROUP_MIN} personas for a group chat. You've picked ${picked === 0 ? "none" : picked} so far.`;
  if (picked > GROUP_MAX) return `A group chat can have at most ${GROUP_MAX} personas. Uncheck ${picked - GROUP_MAX} to start.`;
  return undefined;
};

/** The line under the choices, kept current as boxes are checked: how many are picked, and whether that is enough. */
export const groupChoiceHint = (pickedNames: readonly string[]): string => {
  const picked = pickedNames.length;
  if (picked === 0) return `Pick ${GROUP_MIN} or ${GROUP_MAX} personas to chat with together.`;
  const who = `Picked: ${pickedNames.join(", ")}.`;
  if (picked < GROUP_MIN) return `${who} Pick at least one more.`;
  if (picked > GROUP_MAX) return `${who} That's ${picked}; a group chat has at most ${GROUP_MAX}.`;
  return `${who} Ready to start.`;
};

/** The picked ids, one each, in the order picked: the session's order, which the title and the group's turns follow. */
export const toggledGroup = (picked: readonly string[], personaId: string, checked: boolean): string[] =>
  checked ? [...picked.filter((id) => id !== personaId), personaId] : picked.filter((id) => id !== personaId);
