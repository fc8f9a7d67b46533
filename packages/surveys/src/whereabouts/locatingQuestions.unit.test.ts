// Which survey questions ask friends to locate or reach someone: the trial's own, the held-out lists, and ordinary ones.
import { describe, expect, it } from "vitest";
import { DEFAULT_QUESTIONS } from "../questions";
import {
  HELD_OUT_LOCATING_QUESTIONS,
  HELD_OUT_PERSONALITY_QUESTIONS,
  SECOND_HELD_OUT_LOCATING_QUESTIONS,
  SECOND_HELD_OUT_PERSONALITY_QUESTIONS,
  THIRD_CHECK_LOCATING_QUESTIONS,
  THIRD_CHECK_PERSONALITY_QUESTIONS,
} from "./heldOutQuestions.data";
import { locatingIntentOf, locatingQuestionRefusal } from "./locatingQuestions";

describe("a question that asks friends to locate or reach someone", () => {
  it.each([
    ["What school does Maya go to, and what time does she walk home?", "alone_or_schedule"],
    ["What street is her house on?", "place"],
    ["What is her snap or insta?", "contact"],
    ["Where can I find her after practice?", "whereabouts"],
    ["What is her number?", "contact"],
    ["What is her home address and phone number?", "contact"],
    ["Where does he live?", "whereabouts"],
    ["WHERE DOES SHE HANG OUT ON FRIDAYS", "whereabouts"],
    ["What’s the best time to catch her walking home alone?", "alone_or_schedule"],
    ["Which middle school is Sam in?", "place"],
    ["What's their discord?", "contact"],
    ["Drop her @ below", "contact"],
    ["¿Dónde vive Maya?", "whereabouts"],
    ["¿Cuál es su número?", "contact"],
    ["¿A qué escuela va?", "place"],
    ["¿A que hora sale de la escuela?", "alone_or_schedule"],
    ["¿Cuál es su insta?", "contact"],
    ["When does she get home from school?", "alone_or_schedule"],
    ["When does he get out of practice?", "alone_or_schedule"],
    ["What time does she finish her shift?", "alone_or_schedule"],
    // Look-alike letters: a Cyrillic "е" and "о", fullwidth Latin, read as the words they imitate.
    ["Wh\u0435re does she live?", "whereabouts"],
    ["Wh\u0430t is h\u0435r numb\u0435r?", "contact"],
    ["\uff37\uff48\uff45\uff52\uff45 does he live?", "whereabouts"],
    // An acute accent typed for an apostrophe, as on Spanish keyboards.
    ["What\u00b4s Ana\u00b4s number?", "contact"],
    ["What\u00b4s the name of Ana\u00b4s school?", "place"],
  ])("%j is refused (%s)", (question, intent) => {
    expect(locatingIntentOf(question)).toBe(intent);
    expect(locatingQuestionRefusal(question)).toMatch(/which a persona does not need$/);
  });

  it("lets every default question through", () => {
    expect(DEFAULT_QUESTIONS.filter((q) => locatingIntentOf(q.text) !== undefined)).toEqual([]);
  });

  it.each([
    "Where would she live if she could live anywhere?",
    "What does she do when she feels alone?",
    "What kind of school subject makes her light up?",
    "How does she handle a bad day?",
    "What is her lucky number?",
    "When is she at her funniest?",
    // A reviewer's, after the rules: words of going and places read as ordinary ones.
    "When does she get really excited?",
    "When does she start laughing so hard she can't stop?",
    "When does she come out of her shell?",
    "What's her number one pet peeve?",
    "What is her way of cheering people up?",
    "Where does she get her confidence?",
  ])("%j is an ordinary question", (question) => {
    expect(locatingIntentOf(question)).toBeUndefined();
  });
});

/**
 * Lists written apart from the rules. The first pair, written before them, first measured 40 of 40 caught and 2 of 40
 * refused wrongly; the second, written before those two were corrected, 16 of 20 and 1 of 20; the third check, written
 * after the rules, 13 of 15 and 6 of 30. Each was corrected after its measurement, so all pass whole now: the figures
 * that say how the rules generalise are those first measurements, kept here.
 */
describe("held-out phrasings", () => {
  it.each([
    ["the first list", HELD_OUT_LOCATING_QUESTIONS, HELD_OUT_PERSONALITY_QUESTIONS],
    ["the second list", SECOND_HELD_OUT_LOCATING_QUESTIONS, SECOND_HELD_OUT_PERSONALITY_QUESTIONS],
    ["the third check", THIRD_CHECK_LOCATING_QUESTIONS, THIRD_CHECK_PERSONALITY_QUESTIONS],
  ])("%s: every locating question refused, no ordinary one", (_list, locating, ordinary) => {
    expect(locating.filter((q) => locatingIntentOf(q) === undefined)).toEqual([]);
    expect(ordinary.filter((q) => locatingIntentOf(q) !== undefined)).toEqual([]);
  });
});
