// The owner's export of a survey's answers: every word friends gave, and nothing that tells which friend gave it.
import { describe, expect, it } from "vitest";
import { answersForOwner } from "./ownerExport";

const response = (respondentKey: string, receivedAt: string, threeWords: string, passions?: string) => ({
  respondentKey,
  networkKey: `network-of-${respondentKey}`,
  receivedAt,
  answers: [{ questionId: "three_words", answer: threeWords }, ...(passions ? [{ questionId: "passions", answer: passions }] : [])],
});

describe("a survey's answers as its owner exports them", () => {
  it("gives each question's answers apart from the response they came in, in no order of arrival, and counts responses by the day", () => {
    // Prepare: Zoe answered first and alone late on the 18th; the others the next day.
    const responses = [
      response("zoe", "2026-11-18T23:41:07.120Z", "quiet, sharp", "zines"),
      response("ana", "2026-11-19T08:02:11.000Z", "loud, funny", "anime"),
      response("ben", "2026-11-19T16:30:00.500Z", "kind"),
    ];

    // Act
    const exported = answersForOwner(["three_words", "passions", "talk_style"], responses);

    // Assess
    expect(exported).toEqual({
      answers: [
        { questionId: "three_words", answers: ["kind", "loud, funny", "quiet, sharp"] },
        { questionId: "passions", answers: ["anime", "zines"] },
      ],
      responsesByDay: [
        { day: "2026-11-18", responses: 1 },
        { day: "2026-11-19", responses: 2 },
      ],
    });
    const text = JSON.stringify(exported);
    for (const trace of ["zoe", "network-of", "23:41", "08:02", "receivedAt", "respondentKey"]) expect(text).not.toContain(trace);
  });

  it("keeps an answer to a question the survey no longer lists rather than lose it", () => {
    expect(answersForOwner([], [response("ana", "2026-11-19T08:02:11.000Z", "loud")]).answers).toEqual([{ questionId: "three_words", answers: ["loud"] }]);
  });
});
