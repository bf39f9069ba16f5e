// History: the caller's interviews with filters, search and pagination (the filters live in the
// page's query string, so a filtered page can be reloaded or shared).

import * as api from "../api.js";
import {choices, DIFFICULTIES, empty, field, h, INTERVIEW_TYPES, label, link, loading, navigate, page, score, table, when} from "../ui.js";

const FILTERS = [
  ["search", "Search role, title or job description", {type: "search"}],
  ["status", "Status", {kind: "select", options: [["", "Any"], ...choices(["completed", "active", "preparing", "abandoned"])]}],
  ["interview_type", "Type", {kind: "select", options: [["", "Any"], ...choices(INTERVIEW_TYPES)]}],
  ["difficulty", "Difficulty", {kind: "select", options: [["", "Any"], ...choices(DIFFICULTIES)]}],
  ["min_score", "Lowest score", {type: "number", min: 0, max: 100}],
  ["from", "From (day)", {type: "date"}],
  ["to", "To (day)", {type: "date"}],
  ["ordering", "Order", {kind: "select", options: [["-created_at", "Newest first"], ["created_at", "Oldest first"],
    ["-overall_score", "Best score first"], ["overall_score", "Lowest score first"]]}],
];
const PAGE_SIZE = 10;

export function interviewLink(interview) {
  const done = interview.status === "completed" || interview.status === "abandoned";
  return link(`/app/interviews/${interview.id}${done ? "/feedback" : ""}`, interview.title || interview.job_role);
}

export function historyPage() {
  const query = new URLSearchParams(location.search);
  const form = h("form", {class: "card filters", role: "search", "aria-label": "Filter interviews"},
    h("div", {class: "grid-4"}, FILTERS.map(([name, text, options]) => field(text, name, options))),
    h("div", {class: "actions"}, h("button", {type: "submit", class: "primary"}, "Apply filters"),
      link("/app/history", "Clear", {class: "button"})));
  for (const [name] of FILTERS) if (query.has(name)) form.elements[name].value = query.get(name);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) chosen.set(name, value);
    navigate(`/app/history?${chosen}`);
  });
  const results = h("section", {"aria-labelledby": "results-heading"});
  page("History", form, results);
  const current = Number(query.get("page") || 1);
  loading(results, async () => {
    const params = new URLSearchParams(query);
    params.set("page_size", PAGE_SIZE);
    const found = await api.get(`/api/interviews?${params}`);
    const pages = Math.max(1, Math.ceil(found.count / PAGE_SIZE));
    const pageLink = (number, text) => {
      const next = new URLSearchParams(query);
      next.set("page", number);
      return link(`/app/history?${next}`, text, {class: "button"});
    };
    return [
      h("h2", {id: "results-heading"}, `${found.count} interview${found.count === 1 ? "" : "s"}`),
      found.results.length ? table("Your interviews", ["Interview", "Type", "Difficulty", "Status", "Score", "Created"],
        found.results.map((i) => [interviewLink(i), label(i.interview_type), label(i.difficulty), label(i.status),
          score(i.overall_score), when(i.created_at)]))
        : empty("No interview matches these filters."),
      pages > 1 ? h("nav", {class: "pagination", "aria-label": "Pages"},
        found.previous ? pageLink(current - 1, "Previous page") : null,
        h("span", {}, `Page ${current} of ${pages}`),
        found.next ? pageLink(current + 1, "Next page") : null) : null,
    ];
  });
}
