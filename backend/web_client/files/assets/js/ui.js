// Small DOM helpers every page shares: building elements, forms with per-field errors, page titles,
// progress while waiting, and words for the API's values.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "text") element.textContent = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replace the page: a heading (focused, so keyboard and screen reader users start there) and content. */
export function page(title, ...content) {
  const main = document.getElementById("main");
  document.title = `${title} · Interview Coach`;
  const heading = h("h1", {tabindex: "-1"}, title);
  main.replaceChildren(heading, ...content);
  heading.focus({preventScroll: true});
  return main;
}

export function announce(text) {
  document.getElementById("announcer").textContent = text;
}

let fieldCounter = 0;

/** A labelled control; `kind` is input (default), textarea or select (`options` as [value, label]). */
export function field(label, name, {kind = "input", options = [], hint, ...attributes} = {}) {
  const id = `field-${name}-${++fieldCounter}`;
  const described = [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(" ");
  const control = kind === "select"
    ? h("select", {id, name, "aria-describedby": described, ...attributes},
      options.map(([value, text]) => h("option", {value}, text)))
    : h(kind, {id, name, "aria-describedby": described, ...attributes});
  return h("div", {class: "field", "data-field": name},
    h("label", {for: id}, label),
    hint ? h("p", {class: "hint", id: `${id}-hint`}, hint) : null,
    control,
    h("p", {class: "field-error", id: `${id}-error`}));
}

export function button(text, attributes = {}) {
  return h("button", {type: "button", ...attributes}, text);
}

/** The form's values by name (empty strings left out unless `keepEmpty`). */
export function values(form, {keepEmpty = false} = {}) {
  const data = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (value instanceof File) continue;
    if (value !== "" || keepEmpty) data[name] = value;
  }
  return data;
}

function clearErrors(form) {
  form.querySelectorAll(".field-error").forEach((node) => { node.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  form.querySelector(".form-error")?.remove();
}

/** Show an ApiError in words: each field's messages beside it, anything else at the form's top. */
export function showError(form, error) {
  clearErrors(form);
  const leftover = [];
  for (const [name, messages] of Object.entries(error.details || {})) {
    const key = name.split(/[.[]/)[0];
    const holder = form.querySelector(`[data-field="${key}"]`);
    const text = [].concat(messages).map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" ");
    if (holder) {
      holder.querySelector(".field-error").textContent = text;
      holder.querySelector("input, select, textarea")?.setAttribute("aria-invalid", "true");
    } else leftover.push(text);
  }
  const summary = h("p", {class: "form-error", role: "alert"},
    leftover.length ? `${error.message} ${leftover.join(" ")}` : error.message);
  form.prepend(summary);
  (form.querySelector("[aria-invalid]") || summary).focus?.();
}

/**
 * Submit handling: disables the form's buttons, shows `busyText` as progress while `action` runs,
 * and an error in words when it fails. `action(values, form)`.
 */
export function onSubmit(form, action, {busyText = "Working…"} = {}) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const buttons = [...form.querySelectorAll("button")];
    buttons.forEach((b) => { b.disabled = true; });
    const progress = h("p", {class: "progress", role: "status"}, h("span", {class: "spinner", "aria-hidden": "true"}), busyText);
    form.append(progress);
    try {
      await action(values(form), form);
    } catch (error) {
      if (!error.status) console.error(error);
      showError(form, error);
    } finally {
      progress.remove();
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
  return form;
}

/** A region that loads: progress while `load()` runs, then its content, or the error in words. */
export async function loading(container, load, text = "Loading…") {
  container.replaceChildren(h("p", {class: "progress", role: "status"},
    h("span", {class: "spinner", "aria-hidden": "true"}), text));
  try {
    const content = await load();
    container.replaceChildren(...[].concat(content).filter((part) => part !== null && part !== undefined && part !== false));
  } catch (error) {
    if (!error.status) console.error(error);
    container.replaceChildren(h("p", {class: "form-error", role: "alert"}, error.message));
  }
}

export const LABELS = {
  junior: "Junior", mid: "Mid-level", senior: "Senior",
  behavioral: "Behavioural", technical: "Technical", system_design: "System design", coding: "Coding",
  mixed: "Mixed", easy: "Easy", medium: "Medium", hard: "Hard",
  preparing: "Not started", active: "In progress", completed: "Completed", abandoned: "Abandoned",
  scheduled: "Scheduled", in_progress: "In progress", cancelled: "Cancelled",
};

/** The five scores an interview gets, by their name in the API (`overall` -> `overall_score`). */
export const SCORE_NAMES = {overall: "Overall", communication: "Communication", technical: "Technical",
  problem_solving: "Problem solving", code_quality: "Code quality"};

export const label = (value) => LABELS[value] ?? (value ?? "—");

export const LEVELS = ["junior", "mid", "senior"];
export const INTERVIEW_TYPES = ["behavioral", "technical", "system_design", "coding", "mixed"];
export const DIFFICULTIES = ["easy", "medium", "hard"];

/** API values as a select's [value, words] options. */
export const choices = (values) => values.map((value) => [value, label(value)]);

export function score(value) {
  return value === null || value === undefined ? "—" : `${Math.round(Number(value))}`;
}

export function when(value) {
  if (!value) return "—";
  return new Date(value).toLocaleString(undefined, {dateStyle: "medium", timeStyle: "short"});
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

/** A 0-100 score as a labelled meter. */
export function meter(name, value) {
  const fill = h("span", {class: "meter-fill"});
  fill.style.width = `${Math.max(0, Math.min(100, Number(value) || 0))}%`; // CSSOM: allowed by the CSP
  return h("div", {class: "meter"},
    h("span", {class: "meter-label"}, name),
    h("span", {class: "meter-track", role: "img", "aria-label": `${name}: ${score(value)} out of 100`}, fill),
    h("span", {class: "meter-value", "aria-hidden": "true"}, score(value)));
}

/** One figure of a `<dl class="stats">`. */
export function stat(name, value) {
  return h("div", {class: "stat"}, h("dt", {}, name), h("dd", {}, value ?? "—"));
}

export function link(href, text, attributes = {}) {
  return h("a", {href, ...attributes}, text);
}

export function table(caption, headers, rows) {
  // focusable and named: a table wider than a phone scrolls sideways, by keyboard too
  return h("div", {class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption}, h("table", {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, headers.map((text) => h("th", {scope: "col"}, text)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((cell) => h("td", {}, cell)))))));
}

export function empty(text, ...actions) {
  return h("div", {class: "empty"}, h("p", {}, text), ...actions);
}

/** Go to another page of the client without a reload (main.js renders on popstate). */
export function navigate(path, {replace = false} = {}) {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}
