// What a survey's owner may take away of the answers friends gave: each question's answers, and how many came each day.
import type { StoredResponse } from "./store/surveyStore";

/** One question's answers, in an order that says nothing of who gave which or when. */
export interface QuestionAnswers {
  questionId: string;
  answers: string[];
}

/** How many responses came on one day (UTC): no finer a time, since a time can name the friend who answered at it. */
export interface ResponsesOnDay {
  day: string;
  responses: number;
}

export interface OwnersAnswers {
  answers: QuestionAnswers[];
  responsesByDay: ResponsesOnDay[];
}

/**
 * Friends answer anonymously, and the survey API shows its owner counts only. The export gives the owner the words
 * the persona was made of, but not grouped by response (three answers side by side are one friend's voice and
 * give that friend away) nor in the order they came, nor with a time finer than a day.
 */
export const answersForOwner = (questionIds: readonly string[], responses: readonly StoredResponse[]): OwnersAnswers => {
  const byQuestion = new Map<string, string[]>(questionIds.map((id) => [id, []]));
  const byDay = new Map<string, number>();
  for (const response of responses) {
    for (const { questionId, answer } of response.answers) {
      const answers = byQuestion.get(questionId) ?? [];
      answers.push(answer);
      byQuestion.set(questionId, answers);
    }
    const day = response.receivedAt.slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0) + 1);
  }
  return {
    answers: [...byQuestion].filter(([, answers]) => answers.length > 0).map(([questionId, answers]) => ({ questionId, answers: answers.sort((a, b) => a.localeCompare(b)) })),
    responsesByDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, responses: count })),
  };
};
