// Recruiter mode: interviewers and candidates, scheduling a session, its invitation link, and its
// results beside every other candidate for the same role.

import * as api from "../api.js";
import {announce, button, choices, empty, field, h, label, link, loading, meter, navigate, onSubmit, page, score, SCORE_NAMES,
  table, when, INTERVIEW_TYPES} from "../ui.js";

function personForm(title, path, onAdded) {
  const form = h("form", {class: "inline-form", novalidate: true, "aria-label": title},
    field("Name", "name", {required: true, autocomplete: "off"}),
    field("E-mail", "email", {type: "email", required: true, autocomplete: "off"}),
    h("button", {type: "submit"}, title));
  onSubmit(form, async (values) => {
    await api.post(path, values);
    announce(`${values.name} added.`);
    onAdded();
  }, {busyText: "Adding…"});
  return form;
}

/** Local date and time, one hour from now, as a datetime-local value. */
function inAnHour() {
  const soon = new Date(Date.now() + 3600_000);
  soon.setSeconds(0, 0);
  return new Date(soon.getTime() - soon.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function scheduleForm(interviewers, students) {
  const form = h("form", {class: "card", novalidate: true, "aria-labelledby": "schedule-heading"},
    h("h2", {id: "schedule-heading"}, "Schedule a session"),
    h("div", {class: "grid-2"},
      field("Interviewer", "interviewer_id", {kind: "select", options: interviewers.map((i) => [i.id, i.name])}),
      field("Candidate", "student_id", {kind: "select", options: students.map((s) => [s.id, `${s.name} (${s.email})`])}),
      field("Title", "title", {required: true, value: "Software Engineer Interview"}),
      field("Job role", "job_role", {required: true, value: "Backend Engineer"}),
      field("Interview type", "interview_type", {kind: "select", options: choices(INTERVIEW_TYPES)}),
      field("Questions", "num_questions", {type: "number", min: 1, max: 20, value: 2}),
      field("Duration (minutes)", "duration_minutes", {type: "number", min: 5, max: 180, value: 30}),
      field("When", "scheduled_at", {type: "datetime-local", value: inAnHour(), required: true})),
    field("Job description", "job_description", {kind: "textarea", rows: 3}),
    h("button", {type: "submit", class: "primary", disabled: !interviewers.length || !students.length}, "Schedule"),
    !interviewers.length || !students.length ? h("p", {class: "hint"}, "Add an interviewer and a candidate first.") : null);
  form.elements.interview_type.value = "technical";
  onSubmit(form, async (values) => {
    const made = await api.post("/api/sessions/", {...values, scheduled_at: new Date(values.scheduled_at).toISOString(),
      duration_minutes: Number(values.duration_minutes), num_questions: Number(values.num_questions)});
    navigate(`/app/recruiter/sessions/${made.id}`);
  }, {busyText: "Scheduling…"});
  return form;
}

export function recruiterPage() {
  const body = h("div");
  page("Recruiter", body);
  const reload = () => loading(body, async () => {
    const [interviewers, students, sessions] = await Promise.all([api.get("/api/interviewers/?page_size=100"),
      api.get("/api/students/?page_size=100"), api.get("/api/sessions/?page_size=100")]);
    return [
      h("div", {class: "grid-2"},
        h("section", {class: "card", "aria-labelledby": "interviewers-heading"},
          h("h2", {id: "interviewers-heading"}, "Interviewers"),
          interviewers.results.length ? h("ul", {}, interviewers.results.map((i) => h("li", {}, `${i.name} · ${i.email}`)))
            : h("p", {}, "No interviewer profile yet."),
          personForm("Add interviewer", "/api/interviewers/", reload)),
        h("section", {class: "card", "aria-labelledby": "candidates-heading"},
          h("h2", {id: "candidates-heading"}, "Candidates"),
          students.results.length ? h("ul", {}, students.results.map((s) => h("li", {}, `${s.name} · ${s.email}`)))
            : h("p", {}, "No candidate yet."),
          personForm("Add candidate", "/api/students/", reload))),
      scheduleForm(interviewers.results, students.results),
      h("section", {"aria-labelledby": "sessions-heading"}, h("h2", {id: "sessions-heading"}, "Sessions"),
        sessions.results.length ? table("Scheduled sessions", ["Session", "Candidate", "When", "Status", "Score"],
          sessions.results.map((s) => [link(`/app/recruiter/sessions/${s.id}`, s.title), s.candidate_email,
            when(s.scheduled_at), label(s.status), score(s.overall_score)]))
          : empty("No session scheduled yet.")),
    ];
  });
  reload();
}

function invitationBox(sessionId) {
  const holder = h("div", {class: "invitation"});
  const issue = button("Create the invitation link", {class: "primary"});
  issue.addEventListener("click", async () => {
    issue.disabled = true;
    const made = await api.post(`/api/sessions/${sessionId}/invite/`, {});
    const url = h("input", {id: "invitation-url", readonly: true, value: made.url});
    const copy = button("Copy link");
    copy.addEventListener("click", async () => {
      url.select();
      await navigator.clipboard?.writeText(made.url).catch(() => {});
      announce("Link copied.");
    });
    holder.replaceChildren(h("label", {for: "invitation-url"}, "Invitation link (send it to the candidate)"),
      h("div", {class: "copy-row"}, url, copy),
      h("p", {class: "hint"}, `Valid until ${when(made.expires_at)}; creating another one revokes it.`));
  });
  holder.append(issue);
  return holder;
}

function resultsView(results) {
  const {evaluation, comparison} = results;
  const dimensions = comparison.dimensions;
  return [
    h("section", {class: "card", "aria-labelledby": "result-heading"}, h("h2", {id: "result-heading"}, "Result"),
      h("div", {class: "meters"}, dimensions.map((d) => meter(SCORE_NAMES[d] || d, evaluation[`${d}_score`]))),
      h("ol", {}, (evaluation.answers || []).map((a) => h("li", {}, `${a.question_text} — ${a.skipped ? "skipped" : score(a.score)}`)))),
    h("section", {"aria-labelledby": "comparison-heading"}, h("h2", {id: "comparison-heading"}, `Candidates for ${comparison.job_role}, side by side`),
      table("Every completed session for this role, best first", ["Candidate", ...dimensions.map((d) => SCORE_NAMES[d] || d), "Completed"],
        comparison.candidates.map((c) => [c.this_session ? h("strong", {}, `${c.student.name} (this session)`) : c.student.name,
          ...dimensions.map((d) => score(c.scores[d])), when(c.completed_at)]))),
  ];
}

export function sessionPage(sessionId) {
  const body = h("div");
  page("Session", body);
  loading(body, async () => {
    const session = await api.get(`/api/sessions/${sessionId}/`);
    document.querySelector("h1").textContent = session.title;
    const finished = session.status === "completed";
    return [
      h("dl", {class: "facts card"},
        h("dt", {}, "Candidate"), h("dd", {}, session.candidate_email),
        h("dt", {}, "Role"), h("dd", {}, session.job_role),
        h("dt", {}, "Type"), h("dd", {}, label(session.interview_type)),
        h("dt", {}, "When"), h("dd", {}, when(session.scheduled_at)),
        h("dt", {}, "Status"), h("dd", {}, label(session.status))),
      ...(finished ? resultsView(await api.get(`/api/sessions/${sessionId}/results/`))
        : [h("section", {class: "card", "aria-labelledby": "invite-heading"}, h("h2", {id: "invite-heading"}, "Invitation"),
          session.status === "cancelled" ? h("p", {}, "This session was cancelled.") : invitationBox(sessionId))]),
      h("p", {}, link("/app/recruiter", "Back to all sessions")),
    ];
  });
}
