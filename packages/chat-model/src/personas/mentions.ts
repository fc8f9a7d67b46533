// "@Luna" in a group chat: the handle a teen addresses a persona by, which says who should answer, not what is said.

/** An @handle: after no address character, so an e-mail's "a@gmail.com" and a time's "@5pm" are not one. */
const PERSONA_MENTION = /(?<![\p{L}\p{N}._%+-])@\p{L}[\p{L}\p{N}_'’-]*/gu;

/** The text with every persona @mention turned into a space (the words around it stay apart). */
export function withoutPersonaMentions(text: string): string {
  return text.replace(PERSONA_MENTION, " ");
}
