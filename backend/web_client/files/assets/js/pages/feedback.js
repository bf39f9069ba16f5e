// The feedback page: the five scores, each answer with its evidence quotes, "why this score" and a
// retry, skill gaps with resources, the coverage map, recordings, and the PDF report.

import * as api from "../api.js";
import {announce, button, field, h, label, loading, meter, onSubmit, page, score, SCORE_NAMES, stat, when} from "../ui.js";
import {openAsCandidate} from "./invitation.js";

const COVERAGE = {covered: "Covered", partial: "Partly covered", not_covered: "Not shown", not_probed: "Not asked about"};

function quotes(list) {
  const shown = (list || []).filter(Boolean);
  return shown.length ? h("ul", {class: "quotes"}, shown.map((q) => h("li", {}, h("q", {}, typeof q === "string" ? q : q.quote || q.text)))) : null;
}

export function explanationView(explained) {
  return h("div", {class: "explanation"},
    explained.guard ? h("p", {class: "note"}, `Capped: ${explained.guard}`) : null,
    h("ul", {class: "dimensions"}, explained.dimensions.map((d) => h("li", {},
      h("p", {}, h("strong", {}, `${d.label}: level ${d.level} of 5`), ` — ${d.anchor}`),
      quotes(d.quotes),
      d.to_raise_it ? h("p", {class: "muted"}, `To raise it: ${d.to_raise_it.advice}`) : null))),
    explained.rubric_points_missed?.length
      ? h("p", {}, h("strong", {}, "Points missed: "), explained.rubric_points_missed.join("; ")) : null);
}

function answerCard(interviewId, answer) {
  const details = h("div", {class: "answer-details"});
  const why = button("Why this score", {"aria-expanded": "false"});
  why.addEventListener("click", () => {
    const open = why.getAttribute("aria-expanded") === "true";
    why.setAttribute("aria-expanded", String(!open));
    if (open) return details.replaceChildren();
    loading(details, async () => explanationView(await api.get(`/api/interviews/${interviewId}/answers/${answer.position}`)));
  });
  const result = h("div", {role: "status"});
  const retry = h("form", {class: "retry", novalidate: true},
    field(`Another attempt at question ${answer.position}`, "content", {kind: "textarea", rows: 4, required: true}),
    h("button", {type: "submit"}, "Score my new attempt"), result);
  onSubmit(retry, async ({content}) => {
    const attempt = await api.post(`/api/interviews/${interviewId}/answers/${answer.position}/retry`, {content: content || ""});
    const change = attempt.score_change;
    const text = `New attempt scored ${score(attempt.score)} (${change >= 0 ? "+" : ""}${change} on the original ${score(attempt.original_score)}).`;
    result.replaceChildren(h("p", {class: "success"}, text), explanationView(attempt.explanation));
    announce(text);
  }, {busyText: "Scoring your new attempt…"});
  const skipped = answer.skipped || answer.score === null || answer.score === undefined;
  return h("li", {class: "card answer"},
    h("h3", {}, `Question ${answer.position}: ${answer.question_text}`),
    skipped ? h("p", {class: "muted"}, answer.skipped ? "Skipped." : "Not answered.") : [
      h("p", {class: "score-line"}, `Score ${score(answer.score)} of 100`),
      h("blockquote", {}, answer.answer_text),
      quotes(answer.evidence) && h("div", {}, h("p", {}, h("strong", {}, "Evidence quoted")), quotes(answer.evidence)),
      h("div", {class: "actions"}, why), details, retry,
    ]);
}

function feedbackList(title, items) {
  if (!items?.length) return null;
  return h("div", {}, h("h3", {}, title), h("ul", {}, items.map((item) => h("li", {}, item.text ?? item))));
}

async function reportLink(interviewId) {
  const holder = h("div", {class: "actions"});
  const make = button("Download the PDF report", {class: "primary"});
  make.addEventListener("click", async () => {
    make.disabled = true;
    make.textContent = "Making the report…";
    try {
      const url = await api.blobUrl(`/api/interviews/${interviewId}/report.pdf`);
      const save = h("a", {href: url, download: `interview-${interviewId}.pdf`, class: "button"}, "Save report.pdf");
      holder.replaceChildren(save);
      save.click();
      save.focus();
    } catch (error) {
      make.disabled = false;
      make.textContent = "Download the PDF report";
      holder.append(h("p", {class: "form-error", role: "alert"}, error.message));
    }
  });
  holder.append(make);
  return holder;
}

const DELIVERY_FLAGS = {slow_pace: "slow pace", fast_pace: "fast pace", many_fillers: "many filler words",
  long_silences: "long silences"};

/** A spoken answer's delivery, apart from its content score (docs/delivery.md). */
function deliveryView(metrics) {
  if (!metrics || !metrics.word_count) return null;
  return h("div", {}, h("h3", {}, "Delivery"),
    h("dl", {class: "stats"},
      stat("Words per minute", metrics.words_per_minute), stat("Filler words per minute", metrics.fillers_per_minute),
      stat("Pauses of 2 s or more", metrics.pause_count), stat("Time to first word", `${metrics.time_to_first_word_seconds} s`)),
    metrics.flags.length ? h("p", {class: "note"}, `To work on: ${metrics.flags.map((f) => DELIVERY_FLAGS[f] || f).join(", ")}.`) : null);
}

export async function feedbackPage(interviewId) {
  const body = h("div");
  page("Feedback", body);
  await loading(body, async () => {
    let evaluation, coverage, interview, recorded;
    try {
      [evaluation, coverage, interview, recorded] = await Promise.all([
        api.get(`/api/interviews/${interviewId}/evaluation`), api.get(`/api/interviews/${interviewId}/coverage`),
        api.get(`/api/interviews/${interviewId}`), api.get(`/api/interviews/${interviewId}/recordings`)]);
    } catch (error) {
      await openAsCandidate(interviewId, error);
      return [];
    }
    document.querySelector("h1").textContent = `Feedback: ${interview.title || interview.job_role}`;
    const feedback = evaluation.feedback || {};
    const recordings = recorded.recordings;
    return [
      h("p", {class: "muted"}, `${label(interview.interview_type)} · ${label(interview.experience_level)} · ${label(evaluation.status)} ${when(evaluation.completed_at)}`),
      h("section", {class: "card", "aria-labelledby": "scores-heading"}, h("h2", {id: "scores-heading"}, "Scores"),
        h("div", {class: "meters"}, Object.entries(SCORE_NAMES).map(([key, name]) => meter(name, evaluation[`${key}_score`]))),
        await reportLink(interviewId)),
      h("section", {class: "card", "aria-labelledby": "summary-heading"}, h("h2", {id: "summary-heading"}, "Summary"),
        feedback.detailed_feedback ? h("p", {}, feedback.detailed_feedback) : null,
        h("div", {class: "grid-3"}, feedbackList("Strengths", feedback.strengths),
          feedbackList("To improve", feedback.areas_for_improvement), feedbackList("Recommendations", feedback.recommendations))),
      h("section", {"aria-labelledby": "answers-heading"}, h("h2", {id: "answers-heading"}, "Your answers"),
        h("ol", {class: "plain"}, evaluation.answers.map((answer) => answerCard(interviewId, answer)))),
      h("section", {class: "card", "aria-labelledby": "gaps-heading"}, h("h2", {id: "gaps-heading"}, "Skill gaps"),
        evaluation.skill_gaps.length ? h("ul", {class: "plain"}, evaluation.skill_gaps.map((gap) => h("li", {class: "gap"},
          h("p", {}, h("strong", {}, gap.skill), h("span", {class: `badge severity-${gap.severity}`}, gap.severity)),
          gap.evidence?.quote ? h("p", {}, h("q", {}, gap.evidence.quote)) : null,
          gap.recommendation ? h("p", {}, gap.recommendation) : null,
          gap.resources?.length ? h("ul", {}, gap.resources.map((r) => h("li", {},
            r.url ? h("a", {href: r.url, target: "_blank", rel: "noopener"}, r.title || r.url) : r.title || String(r)))) : null)))
          : h("p", {}, "No skill gaps recorded.")),
      h("section", {class: "card", "aria-labelledby": "coverage-heading"}, h("h2", {id: "coverage-heading"}, "Coverage map"),
        coverage.items.length ? h("ul", {class: "coverage"}, coverage.items.map((item) => h("li", {},
          h("span", {class: `badge coverage-${item.status}`}, COVERAGE[item.status] || item.status),
          ` ${item.item} `, h("span", {class: "muted"}, `(${item.source === "resume" ? "resume" : "job description"})`))))
          : h("p", {}, "Nothing to map: add a job description or a resume to the next interview.")),
      recordings.length ? h("section", {class: "card", "aria-labelledby": "recordings-heading"},
        h("h2", {id: "recordings-heading"}, "Recordings"),
        h("ul", {class: "plain"}, recordings.map((r) => h("li", {},
          h("p", {}, `Answer ${r.answer_position ?? "—"} · ${r.kind}${r.duration_seconds ? ` · ${r.duration_seconds} s` : ""}`),
          r.transcript ? h("blockquote", {}, r.transcript) : null,
          deliveryView(r.delivery_metrics),
          h(r.kind === "audio" ? "audio" : "video", {controls: true, preload: "metadata", src: r.url,
            "aria-label": `Recording of answer ${r.answer_position ?? ""}`}))))) : null,
    ];
  });
}
