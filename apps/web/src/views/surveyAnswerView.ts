// The page a survey's share link opens: a friend answers the questions about someone, with no account, and is thanked.
import { HttpApi, isApiError, type PublicSurvey, type SurveyQuestion } from "../api/httpApi";
import type { Helpline } from "../chat/helplines";
import { h, replaceChildren } from "../dom";
import { browserLanguage, type ScreenLanguage } from "./browserLanguage";
import { helplineList } from "./helplineList";

/** The survey id a share link's path names (`/surveys/<id>`), or undefined for any other page. */
export const surveyIdOfPath = (path: string): string | undefined => /^\/surveys\/([0-9a-f-]{36})\/?$/i.exec(path)?.[1];

type PageLanguage = ScreenLanguage;

/** Everything the page says, in the survey's language (a Spanish-speaking teen's friends are asked in Spanish). */
const WORDS: Record<PageLanguage, {
  loading: string;
  /** When an answer is refused, by the API's status; the API's own text never reaches the friend. */
  refusals: Partial<Record<number, string>>;
  /** Where one status means two things: 409 is also this network's share of answers, taken, which is nothing this friend did twice. */
  refusalsByCode: Partial<Record<string, string>>;
  thankYou: string;
  hardTimes: string;
  send: string;
  answerOne: string;
  offline: string;
  ourSide: string;
  didNotFit: string;
  title(name: string): string;
  intro(name: string): string;
  notLoadedOffline: string;
  notLoaded: string;
  survey: string;
}> = {
  en: {
    loading: "Loading the questions…",
    refusals: {
      404: "This survey isn't here. Check the link you were sent.",
      409: "You've answered this survey already. Thanks!",
      410: "This survey has closed, so it isn't taking answers any more.",
      429: "Lots of answers just now. Wait a minute, then send yours again.",
    },
    refusalsByCode: { SOURCE_LIMIT_REACHED: "Enough answers have come from this network already. Try again from another connection, like your phone's data." },
    thankYou: "Thank you",
    hardTimes: "If things are hard for you right now, you don't have to go through it alone.",
    send: "Send my answers",
    answerOne: "Answer at least one question, then send.",
    offline: "Couldn't send your answers. Check your connection and try again.",
    ourSide: "Something went wrong on our side. Try sending again in a moment.",
    didNotFit: "Some answers didn't fit the questions. Check them and send again.",
    title: (name) => `Tell us about ${name}`,
    intro: (name) =>
      `${name} asked friends a few questions. Your answers help make an AI companion that talks the way you'd describe them. Nobody sees who answered, and answers that are mean or worrying are left out.`,
    notLoadedOffline: "This survey couldn't be loaded. Check your connection and try again.",
    notLoaded: "This survey couldn't be loaded. Try again in a moment.",
    survey: "Survey",
  },
  es: {
    loading: "Cargando las preguntas…",
    refusals: {
      404: "Esta encuesta no está aquí. Revisa el enlace que te mandaron.",
      409: "Ya respondiste esta encuesta. ¡Gracias!",
      410: "Esta encuesta ya cerró y no acepta más respuestas.",
      429: "Llegaron muchas respuestas justo ahora. Espera un minuto y vuelve a enviar la tuya.",
    },
    refusalsByCode: { SOURCE_LIMIT_REACHED: "Ya llegaron suficientes respuestas desde esta red. Inténtalo desde otra conexión, como los datos de tu celular." },
    thankYou: "Gracias",
    hardTimes: "Si las cosas están difíciles para ti ahora, no tienes que pasarlo a solas.",
    send: "Enviar mis respuestas",
    answerOne: "Responde al menos una pregunta y luego envía.",
    offline: "No se pudieron enviar tus respuestas. Revisa tu conexión e inténtalo de nuevo.",
    ourSide: "Algo salió mal de nuestro lado. Intenta enviar de nuevo en un momento.",
    didNotFit: "Algunas respuestas no encajan con las preguntas. Revísalas y vuelve a enviar.",
    title: (name) => `Cuéntanos sobre ${name}`,
    intro: (name) =>
      `${name} les hizo unas preguntas a sus amigos. Tus respuestas ayudan a crear un compañero de IA que hable como tú lo describirías. Nadie ve quién respondió, y las respuestas crueles o preocupantes se dejan fuera.`,
    notLoadedOffline: "No se pudo cargar esta encuesta. Revisa tu conexión e inténtalo de nuevo.",
    notLoaded: "No se pudo cargar esta encuesta. Inténtalo de nuevo en un momento.",
    survey: "Encuesta",
  },
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
  // Before the survey says its language, the browser's: a friend who reads Spanish is not shown English while it loads.
  let language: PageLanguage = browserLanguage();
  let words = WORDS[language];
  const page = h("section", { class: "stack survey-answer", "aria-labelledby": "survey-title" }, h("p", { role: "status", class: "muted" }, words.loading));

  const thanks = (message: string, helplines: readonly Helpline[]) =>
    replaceChildren(
      page,
      h("h2", { id: "survey-title" }, words.thankYou),
      h("p", { role: "status" }, message),
      helplines.length > 0
        ? h(
            "div",
            { class: "card stack", role: "alert" },
            h("h3", {}, words.hardTimes),
            helplineList(helplines, language),
          )
        : null,
    );

  const show = (survey: PublicSurvey) => {
    language = survey.language ?? "en";
    words = WORDS[language];
    page.lang = language;
    const problem = h("p", { class: "problem", role: "alert" });
    const send = h("button", { type: "submit" }, words.send);
    const form = h("form", { class: "stack", "aria-labelledby": "survey-title" }, ...survey.questions.map(questionField), problem, send);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const answers = answersOf(form, survey.questions);
      if (answers.length === 0) {
        problem.textContent = words.answerOne;
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
            (isApiError(error) ? words.refusalsByCode[error.code] : undefined) ?? words.refusals[status] ?? (status === 0 ? words.offline : status >= 500 ? words.ourSide : words.didNotFit);
        },
      );
    });
    replaceChildren(
      page,
      h("h2", { id: "survey-title" }, words.title(survey.subjectName)),
      h("p", {}, words.intro(survey.subjectName)),
      form,
    );
  };

  void api.survey(surveyId).then(show, (error: unknown) => {
    const status = isApiError(error) ? error.status : 0;
    const said = words.refusals[status] ?? (status === 0 ? words.notLoadedOffline : words.notLoaded);
    replaceChildren(page, h("h2", { id: "survey-title" }, words.survey), h("p", { role: "alert" }, said));
  });
  return page;
};
