// "What InnerWorld remembers about me": the facts `GET /me/memory` lists, each with a way to make InnerWorld forget it,
// "Download my data": everything `GET /me/export` holds about the teen, saved as a JSON file; and "Delete my account":
// `DELETE /me`, asked twice, after which the app signs out.
import { isApiError, type HttpApi, type RememberedFact } from "../api/httpApi";
import { wordsForHttpStatus } from "../chat/teenWords";
import { announce, h, replaceChildren } from "../dom";

export const memoryView = (api: HttpApi, onAccountDeleted: () => void): HTMLElement => {
  const list = h("ul", { class: "plain-list", "aria-label": "Things InnerWorld remembers" });
  const status = h("p", { role: "status", class: "muted" }, "Loading…");
  const refresh = h("button", { type: "button", class: "secondary" }, "Refresh");
  const section = h(
    "section",
    { class: "stack", "aria-labelledby": "memory-title" },
    // Focusable from script only: where the keyboard goes when the last note is forgotten.
    h("h2", { id: "memory-title", tabindex: -1 }, "What InnerWorld remembers about me"),
    h("p", {}, "InnerWorld keeps a few notes from your chats so it can pick up where you left off. You can make it forget any of them."),
    h("div", { class: "row" }, status, refresh),
    list,
    exportPart(api),
    deletePart(api, onAccountDeleted),
  );

  const row = (fact: RememberedFact): HTMLElement => {
    const actions = h("div", { class: "actions" });
    const item = h("li", { class: "card row", "data-fact-id": fact.id }, h("div", {}, fact.kind && !fact.text.toLowerCase().startsWith(fact.kind.toLowerCase()) ? h("span", { class: "muted" }, `${fact.kind}: `) : null, fact.text), actions);
    const ask = () => {
      const forget = h("button", { type: "button", "aria-label": `Yes, forget: ${fact.text}` }, "Yes, forget it");
      const keep = h("button", { type: "button", class: "secondary", onclick: () => idle().focus() }, "Keep it");
      forget.addEventListener("click", () => {
        forget.disabled = true;
        const forgotten = () => {
          // The keyboard stays in the list: on the next note's Forget, or on the heading once none follows.
          const next = item.nextElementSibling?.querySelector("button") ?? section.querySelector<HTMLElement>("#memory-title");
          item.remove();
          next?.focus();
          status.textContent = "Forgotten.";
          announce(`Forgotten: ${fact.text}`);
        };
        api
          .forget(fact.id)
          .then(forgotten)
          .catch((error: unknown) => {
            // Not there any more (forgotten in another tab, or on another device): as good as forgotten here.
            if (isApiError(error) && error.status === 404) return forgotten();
            forget.disabled = false;
            status.textContent = wordsForHttpStatus(isApiError(error) ? error.status : 0);
          });
      });
      replaceChildren(actions, forget, keep);
      forget.focus();
    };
    function idle(): HTMLButtonElement {
      const button = h("button", { type: "button", class: "secondary", "aria-label": `Forget: ${fact.text}`, onclick: ask }, "Forget");
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
          status.textContent = "This InnerWorld doesn't keep a memory you can look at yet.";
          return;
        }
        status.textContent = memory.value.length === 0 ? "Nothing yet. InnerWorld learns a little from each chat after it ends." : `${memory.value.length} ${memory.value.length === 1 ? "note" : "notes"}`;
        replaceChildren(list, ...memory.value.map(row));
      })
      .catch((error: unknown) => {
        status.textContent = wordsForHttpStatus(isApiError(error) ? error.status : 0);
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
const exportPart = (api: HttpApi): HTMLElement => {
  const status = h("p", { role: "status", class: "muted" });
  const button = h("button", { type: "button", class: "secondary", "aria-describedby": "export-what" }, "Download my data");
  button.addEventListener("click", () => {
    button.disabled = true;
    status.textContent = "Preparing your data…";
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
        status.textContent = `Done: saved as ${name}.`;
      })
      .catch((error: unknown) => {
        status.textContent = `Couldn't get your data. ${wordsForHttpStatus(isApiError(error) ? error.status : 0)}`;
      })
      .finally(() => (button.disabled = false));
  });
  return h(
    "section",
    { class: "stack", "aria-labelledby": "export-title" },
    h("h3", { id: "export-title" }, "Your data"),
    h("p", { id: "export-what" }, "The file holds everything InnerWorld keeps about you: your chats and the messages still kept, these notes, your own personas and your surveys with friends' answers."),
    h("div", { class: "row" }, button, status),
  );
};

/** Asked twice (the first press only asks), then `DELETE /me`; on success the app signs out, with nothing left to show. */
const deletePart = (api: HttpApi, onAccountDeleted: () => void): HTMLElement => {
  const status = h("p", { role: "status", class: "muted" });
  const actions = h("div", { class: "row" });
  const ask = () => {
    const erase = h("button", { type: "button", class: "danger" }, "Yes, delete everything");
    const keep = h("button", { type: "button", class: "secondary", onclick: () => idle().focus() }, "Keep my account");
    erase.addEventListener("click", () => {
      erase.disabled = keep.disabled = true;
      status.textContent = "Deleting…";
      api
        .deleteAccount()
        .then(onAccountDeleted)
        .catch((error: unknown) => {
          erase.disabled = keep.disabled = false;
          status.textContent = `Couldn't delete your account. ${wordsForHttpStatus(isApiError(error) ? error.status : 0)}`;
        });
    });
    replaceChildren(actions, erase, keep, status);
    status.textContent = "This deletes your chats, these notes, your personas and your surveys, for good. You can sign in again afterwards as a new start.";
    keep.focus();
  };
  function idle(): HTMLButtonElement {
    const button = h("button", { type: "button", class: "secondary", onclick: ask }, "Delete my account");
    status.textContent = "";
    replaceChildren(actions, button, status);
    return button;
  }
  idle();
  return h("section", { class: "stack", "aria-labelledby": "delete-title" }, h("h3", { id: "delete-title" }, "Delete my account"), actions);
};
