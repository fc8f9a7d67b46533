// "What InnerWorld remembers about me": the facts `GET /me/memory` lists, each with a way to make InnerWorld forget it,
// "Download my data": everything `GET /me/export` holds about the teen, saved as a JSON file; and "Delete my account":
// `DELETE /me`, asked twice, after which the app signs out.
import { isApiError, type HttpApi, type RememberedFact } from "../api/httpApi";
import { wordsForHttpStatus } from "../chat/teenWords";
import { announce, h, replaceChildren } from "../dom";
import { sayCount, type Say } from "../language/messages";

const httpProblem = (say: Say, error: unknown): string => wordsForHttpStatus(say, isApiError(error) ? error.status : 0);

export const memoryView = (say: Say, api: HttpApi, onAccountDeleted: () => void): HTMLElement => {
  const list = h("ul", { class: "plain-list", "aria-label": say("memoryList") });
  const status = h("p", { role: "status", class: "muted" }, say("memoryLoading"));
  const refresh = h("button", { type: "button", class: "secondary" }, say("memoryRefresh"));
  const section = h(
    "section",
    { class: "stack", "aria-labelledby": "memory-title" },
    // Focusable from script only: where the keyboard goes when the last note is forgotten.
    h("h2", { id: "memory-title", tabindex: -1 }, say("memoryTitle")),
    h("p", {}, say("memoryIntro")),
    h("div", { class: "row" }, status, refresh),
    list,
    exportPart(say, api),
    deletePart(say, api, onAccountDeleted),
  );

  const row = (fact: RememberedFact): HTMLElement => {
    const actions = h("div", { class: "actions" });
    const item = h("li", { class: "card row", "data-fact-id": fact.id }, h("div", {}, fact.kind && !fact.text.toLowerCase().startsWith(fact.kind.toLowerCase()) ? h("span", { class: "muted" }, `${fact.kind}: `) : null, fact.text), actions);
    const ask = () => {
      const forget = h("button", { type: "button", "aria-label": say("memoryForgetYesLabel", { note: fact.text }) }, say("memoryForgetYes"));
      const keep = h("button", { type: "button", class: "secondary", onclick: () => idle().focus() }, say("memoryKeep"));
      forget.addEventListener("click", () => {
        forget.disabled = true;
        const forgotten = () => {
          // The keyboard stays in the list: on the next note's Forget, or on the heading once none follows.
          const next = item.nextElementSibling?.querySelector("button") ?? section.querySelector<HTMLElement>("#memory-title");
          item.remove();
          next?.focus();
          status.textContent = say("memoryForgotten");
          announce(say("memoryForgottenAnnounced", { note: fact.text }));
        };
        api
          .forget(fact.id)
          .then(forgotten)
          .catch((error: unknown) => {
            // Not there any more (forgotten in another tab, or on another device): as good as forgotten here.
            if (isApiError(error) && error.status === 404) return forgotten();
            forget.disabled = false;
            status.textContent = httpProblem(say, error);
          });
      });
      replaceChildren(actions, forget, keep);
      forget.focus();
    };
    function idle(): HTMLButtonElement {
      const button = h("button", { type: "button", class: "secondary", "aria-label": say("memoryForgetLabel", { note: fact.text }), onclick: ask }, say("memoryForget"));
      replaceChildren(actions, button);
      return button;
    }
    idle();
    return item;
  };

  // Notes are made after a chat ends, a little later: Refresh asks again.
  const load = () => {
    refresh.disabled = true;
    api
      .memory()
      .then((memory) => {
        if (!memory.available) {
          status.textContent = say("memoryUnavailable");
          return;
        }
        status.textContent = memory.value.length === 0 ? say("memoryEmpty") : sayCount(say, memory.value.length, "memoryNotesOne", "memoryNotesMany");
        replaceChildren(list, ...memory.value.map(row));
      })
      .catch((error: unknown) => {
        status.textContent = httpProblem(say, error);
      })
      .finally(() => (refresh.disabled = false));
  };
  refresh.addEventListener("click", load);
  load();
  return section;
};

/** `innerworld-export-2025-03-14.json`, in the teen's own calendar. */
export const exportFileName = (date: Date): string =>
  `innerworld-export-${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}.json`;

/** Fetched with the token in a header (never in a URL), then handed to the browser as a Blob behind an `<a download>`. */
const exportPart = (say: Say, api: HttpApi): HTMLElement => {
  const status = h("p", { role: "status", class: "muted" });
  const button = h("button", { type: "button", class: "secondary", "aria-describedby": "export-what" }, say("dataDownload"));
  button.addEventListener("click", () => {
    button.disabled = true;
    status.textContent = say("dataPreparing");
    api
      .myData()
      .then((data) => {
        const name = exportFileName(new Date());
        const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
        const link = h("a", { href: url, download: name, hidden: true });
        document.body.append(link);
        link.click();
        link.remove();
        // Revoked after the browser has started the download, not before.
        window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
        status.textContent = say("dataSaved", { file: name });
      })
      .catch((error: unknown) => {
        status.textContent = say("dataFailed", { why: httpProblem(say, error) });
      })
      .finally(() => (button.disabled = false));
  });
  return h(
    "section",
    { class: "stack", "aria-labelledby": "export-title" },
    h("h3", { id: "export-title" }, say("dataTitle")),
    h("p", { id: "export-what" }, say("dataWhat")),
    h("div", { class: "row" }, button, status),
  );
};

/** Asked twice (the first press only asks), then `DELETE /me`; on success the app signs out, with nothing left to show. */
const deletePart = (say: Say, api: HttpApi, onAccountDeleted: () => void): HTMLElement => {
  const status = h("p", { role: "status", class: "muted" });
  const actions = h("div", { class: "row" });
  const ask = () => {
    const erase = h("button", { type: "button", class: "danger" }, say("deleteYes"));
    const keep = h("button", { type: "button", class: "secondary", onclick: () => idle().focus() }, say("deleteKeep"));
    erase.addEventListener("click", () => {
      erase.disabled = keep.disabled = true;
      status.textContent = say("deleteDeleting");
      api
        .deleteAccount()
        .then(onAccountDeleted)
        .catch((error: unknown) => {
          erase.disabled = keep.disabled = false;
          status.textContent = say("deleteFailed", { why: httpProblem(say, error) });
        });
    });
    replaceChildren(actions, erase, keep, status);
    status.textContent = say("deleteWarning");
    keep.focus();
  };
  function idle(): HTMLButtonElement {
    const button = h("button", { type: "button", class: "secondary", onclick: ask }, say("deleteTitle"));
    status.textContent = "";
    replaceChildren(actions, button, status);
    return button;
  }
  idle();
  return h("section", { class: "stack", "aria-labelledby": "delete-title" }, h("h3", { id: "delete-title" }, say("deleteTitle")), actions);
};
