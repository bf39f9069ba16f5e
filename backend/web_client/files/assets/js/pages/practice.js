// Practise one question: instant feedback from the same scorer as an interview, with nothing stored
// in the history.

import * as api from "../api.js";
import {field, h, onSubmit, page, score} from "../ui.js";
import {explanationView} from "./feedback.js";

export async function practicePage() {
  const {results} = await api.get("/api/questions?page_size=30&difficulty=medium");
  const result = h("section", {"aria-live": "polite", "aria-label": "Practice feedback"});
  const form = h("form", {class: "card", novalidate: true},
    field("Question", "question_id", {kind: "select", options: results.map((q) => [q.id, q.question_text])}),
    field("Your answer", "answer", {kind: "textarea", rows: 6, required: true}),
    h("button", {type: "submit", class: "primary"}, "Score my answer"));
  onSubmit(form, async (values) => {
    const scored = await api.post("/api/practice", {question_id: values.question_id, answer: values.answer || ""});
    result.replaceChildren(h("div", {class: "card"}, h("h2", {}, `Score ${score(scored.score)} of 100`), explanationView(scored)));
  }, {busyText: "Scoring…"});
  page("Practise one question", form, result);
}
