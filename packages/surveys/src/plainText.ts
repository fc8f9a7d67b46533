// What a survey's words may carry: text, never control codes, half a character or marks that reorder what surrounds them.

/**
 * Control characters (a terminal's escapes, a NUL a store or a log may cut at), half of a surrogate pair (not a
 * character: stores and models mangle it) and the marks that reorder the text around them (a question or an answer
 * must read as it is stored, to a friend, to the owner and to the model that reads it).
 */
const NOT_TEXT = /[\p{Cs}\u202A-\u202E\u2066-\u2069]|\p{Cc}/u;

/** The same, less the line breaks and tabs a friend's textarea gives. */
const NOT_WRITING = /[\p{Cs}\u202A-\u202E\u2066-\u2069]|(?![\t\n\r])\p{Cc}/u;

export const NOT_TEXT_REASON = "must not contain control characters, half a character, or characters that reorder the text";

/** A line of text: a question, an option, an identifier. */
export const isPlainLine = (value: string): boolean => !NOT_TEXT.test(value);

/** What a friend writes, which may break lines. */
export const isPlainWriting = (value: string): boolean => !NOT_WRITING.test(value);
