// The page a survey's share link opens: a friend answers the questions about someone, with no account, and is thanked.
import { HttpApi, isApiError, type PublicSurvey, type SurveyQuestion } from "../api/httpApi";
import type { Helpline } from "../chat/helplines";
import { h, replaceChildren } from "../dom";
import { sayIn, type MessageKey, type ScreenLanguage } from "../language/messages";
import { browserLanguage } from "./browserLanguage";
import { helplineList } from "./helplineList";

/** The survey id a share link's path names (`/surveys/<id>`), or undefined for any other page. */
export const surveyIdOfPath = (path: string): string | undefined => /^\/surveys\/([0-9a-f-]{36})\/?$/i.exec(path)?.[1];

/** When an answer is refused, by the API's status; the API's own text never reaches the friend. */
const REFUSALS: Partial<Record<number, MessageKey>> = { 404: "surveyNotHere", 409: "surveyAnsweredAlready", 410: "surveyClosed", 429: "surveyBusy" };
/** Where one status means two things: 409 is also this network's share of answers, taken, which is nothing this friend did twice. */
const REFUSALS_BY_CODE: Partial<Record<string, MessageKey>> = { SOURCE_LIMIT_REACHED: "surveySourceLimit" };

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
  // Before the survey says its language, the browser's: a friend who reads Spanish is not shown English while it loads.
  let language: ScreenLanguage = browserLanguage();
  let say = sayIn(language);
  const refusal = (status: number, code?: string): string | undefined => {
    const key = (code === undefined ? undefined : REFUSALS_BY_CODE[code]) ?? REFUSALS[status];
    return key === undefined ? undefined : say(key);
  };
  const page = h("section", { class: "stack survey-answer", "aria-labelledby": "survey-title" }, h("p", { role: "status", class: "muted" }, say("surveyLoading")));

  const thanks = (message: string, helplines: readonly Helpline[]) =>
    replaceChildren(
      page,
      h("h2", { id: "survey-title" }, say("surveyThankYou")),
      h("p", { role: "status" }, message),
      helplines.length > 0
        ? h(
            "div",
            { class: "card stack", role: "alert" },
            h("h3", {}, say("surveyHardTimes")),
            helplineList(say, helplines),
          )
        : null,
    );

  const show = (survey: PublicSurvey) => {
    language = survey.language ?? "en";
    say = sayIn(language);
    page.lang = language;
    const problem = h("p", { class: "problem", role: "alert" });
    const send = h("button", { type: "submit" }, say("surveySend"));
    const form = h("form", { class: "stack", "aria-labelledby": "survey-title" }, ...survey.questions.map(questionField), problem, send);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const answers = answersOf(form, survey.questions);
      if (answers.length === 0) {
        problem.textContent = say("surveyAnswerOne");
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
            refusal(status, isApiError(error) ? error.code : undefined) ?? say(status === 0 ? "surveyOffline" : status >= 500 ? "surveyOurSide" : "surveyDidNotFit");
        },
      );
    });
    replaceChildren(
      page,
      h("h2", { id: "survey-title" }, say("surveyTitle", { name: survey.subjectName })),
      h("p", {}, say("surveyIntro", { name: survey.subjectName })),
      form,
    );
  };

  void api.survey(surveyId).then(show, (error: unknown) => {
    const status = isApiError(error) ? error.status : 0;
    const said = refusal(status) ?? say(status === 0 ? "surveyNotLoadedOffline" : "surveyNotLoaded");
    replaceChildren(page, h("h2", { id: "survey-title" }, say("survey")), h("p", { role: "alert" }, said));
  });
  return page;
};
