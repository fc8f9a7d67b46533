// The page a survey's share link opens: a friend answers the questions about someone, with no account, and is thanked.
import { HttpApi, isApiError, type PublicSurvey, type SurveyQuestion } from "../api/httpApi";
import type { Helpline } from "../chat/helplines";
import { h, replaceChildren } from "../dom";
import { helplineList } from "./helplineList";

/** The survey id a share link's path names (`/surveys/<id>`), or undefined for any other page. */
export const surveyIdOfPath = (path: string): string | undefined => /^\/surveys\/([0-9a-f-]{36})\/?$/i.exec(path)?.[1];

/** The words a friend sees when an answer is refused, by the API's status; the API's own text never reaches them. */
const REFUSALS: Partial<Record<number, string>> = {
  404: "This survey isn't here. Check the link you were sent.",
  409: "You've answered this survey already. Thanks!",
  410: "This survey has closed, so it isn't taking answers any more.",
  429: "Lots of answers just now. Wait a minute, then send yours again.",
};

/**
 * Refused by its code where one status means two things: 409 is also this network's share of answers, taken (the API
 * keeps a few per network so no one person can decide a persona alone), which is nothing this friend did twice.
 */
const REFUSALS_BY_CODE: Partial<Record<string, string>> = {
  SOURCE_LIMIT_REACHED: "Enough answers have come from this network already. Try again from another connection, like your phone's data.",
};

/**
 * One id per browser, kept in localStorage, so a second answer from the same friend is recognised (the API hashes it
 * with the request's address and browser, and stores neither).
 */
const respondentId = (): string => {
  const key = "innerworld.respondent";
  const known = localStorage.getItem(key);
  if (known && known.length >= 8) return known;
  const made = `browser-${crypto.randomUUID()}`;
  localStorage.setItem(key, made);
  return made;
};

const questionField = (question: SurveyQuestion): HTMLElement => {
  const id = `question-${question.id}`;
  if (question.kind === "choice") {
    return h(
      "fieldset",
      { class: "stack" },
      h("legend", {}, question.text),
      ...(question.options ?? []).map((option, index) =>
        h("label", { class: "row" }, h("input", { type: "radio", name: id, value: option, ...(index === 0 ? { id } : {}) }), option),
      ),
    );
  }
  return h("div", { class: "stack" }, h("label", { for: id }, question.text), h("textarea", { id, name: id, rows: 2, maxlength: 500 }));
};

/** What the form holds: each question answered, in the survey's order; empty answers left out. */
const answersOf = (form: HTMLFormElement, questions: readonly SurveyQuestion[]) => {
  const data = new FormData(form);
  return questions
    .map((question) => ({ questionId: question.id, answer: String(data.get(`question-${question.id}`) ?? "").trim() }))
    .filter((answer) => answer.answer.length > 0);
};

export const surveyAnswerPage = (apiUrl: string, surveyId: string): HTMLElement => {
  // Nobody is signed in here: the survey's routes are public, so the API is called without a token.
  const api = new HttpApi(apiUrl);
  const page = h("section", { class: "stack survey-answer", "aria-labelledby": "survey-title" }, h("p", { role: "status", class: "muted" }, "Loading the questions…"));

  const thanks = (message: string, helplines: readonly Helpline[]) =>
    replaceChildren(
      page,
      h("h2", { id: "survey-title" }, "Thank you"),
      h("p", { role: "status" }, message),
      helplines.length > 0
        ? h(
            "div",
            { class: "card stack", role: "alert" },
            h("h3", {}, "If things are hard for you right now, you don't have to go through it alone."),
            helplineList(helplines),
          )
        : null,
    );

  const show = (survey: PublicSurvey) => {
    const problem = h("p", { class: "problem", role: "alert" });
    const send = h("button", { type: "submit" }, "Send my answers");
    const form = h("form", { class: "stack", "aria-labelledby": "survey-title" }, ...survey.questions.map(questionField), problem, send);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const answers = answersOf(form, survey.questions);
      if (answers.length === 0) {
        problem.textContent = "Answer at least one question, then send.";
        return;
      }
      send.disabled = true;
      problem.textContent = "";
      void api.answerSurvey(surveyId, { respondentId: respondentId(), answers }).then(
        (accepted) => thanks(accepted.message, accepted.support ?? []),
        (error: unknown) => {
          const status = isApiError(error) ? error.status : 0;
          // Answered already, or closed: sending again cannot help. A network's share taken is the exception: from
          // another connection the same answers may go.
          const fromAnotherNetwork = isApiError(error) && error.code === "SOURCE_LIMIT_REACHED";
          send.disabled = !fromAnotherNetwork && (status === 409 || status === 410);
          problem.textContent =
            (isApiError(error) ? REFUSALS_BY_CODE[error.code] : undefined) ??
            REFUSALS[status] ??
            (status === 0
              ? "Couldn't send your answers. Check your connection and try again."
              : status >= 500
                ? "Something went wrong on our side. Try sending again in a moment."
                : "Some answers didn't fit the questions. Check them and send again.");
        },
      );
    });
    replaceChildren(
      page,
      h("h2", { id: "survey-title" }, `Tell us about ${survey.subjectName}`),
      h("p", {}, `${survey.subjectName} asked friends a few questions. Your answers help make an AI companion that talks the way you'd describe them. Nobody sees who answered, and answers that are mean or worrying are left out.`),
      form,
    );
  };

  void api.survey(surveyId).then(show, (error: unknown) => {
    const status = isApiError(error) ? error.status : 0;
    const words = REFUSALS[status] ?? (status === 0 ? "This survey couldn't be loaded. Check your connection and try again." : "This survey couldn't be loaded. Try again in a moment.");
    replaceChildren(page, h("h2", { id: "survey-title" }, "Survey"), h("p", { role: "alert" }, words));
  });
  return page;
};
