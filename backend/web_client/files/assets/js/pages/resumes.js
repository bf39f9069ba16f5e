// Resumes: upload (the format is told by the file's bytes), the parsed fields with corrections, delete.

import * as api from "../api.js";
import {announce, button, empty, field, h, link, loading, navigate, onSubmit, page, table, when} from "../ui.js";

export function resumesPage() {
  const list = h("section", {"aria-labelledby": "resumes-list"});
  const form = h("form", {class: "card", novalidate: true},
    h("h2", {}, "Upload a resume"),
    field("Resume file", "file", {type: "file", accept: ".pdf,.docx,.txt,application/pdf,text/plain", required: true,
      hint: "PDF, DOCX or plain text, at most 10 MB."}),
    h("button", {type: "submit", class: "primary"}, "Upload and parse"));
  onSubmit(form, async (_, form) => {
    const made = await api.upload("/api/resumes", form, "Choose a file first.");
    announce(`Uploaded ${made.filename}.`);
    navigate(`/app/resumes/${made.resume_id}`);
  }, {busyText: "Uploading and reading your resume…"});
  page("Resumes", form, list);
  loading(list, async () => {
    const {results} = await api.get("/api/resumes?page_size=50");
    return [h("h2", {id: "resumes-list"}, "Your resumes"), results.length
      ? table("Uploaded resumes, newest first", ["File", "Uploaded", "Parser"], results.map((resume) => [
        link(`/app/resumes/${resume.id}`, resume.file_name || "Resume"), when(resume.created_at), resume.parser || "—"]))
      : empty("No resume yet: upload one above, and interviews can probe what it claims.")];
  });
}

const TEXT_FIELDS = [["name", "Name"], ["email", "E-mail"], ["phone", "Phone"], ["location", "Location"]];
const LIST_FIELDS = [["skills", "Skills"], ["certifications", "Certifications"], ["languages", "Languages"]];

export async function resumePage(resumeId) {
  const body = h("div");
  page("Resume", body);
  await loading(body, async () => {
    const resume = await api.get(`/api/resumes/${resumeId}`);
    const parsed = resume.parsed_json || {};
    document.querySelector("h1").textContent = resume.file_name || "Resume";
    const form = h("form", {class: "card", novalidate: true},
      h("h2", {}, "Parsed fields"),
      h("p", {class: "hint"}, "Correct anything the parser got wrong; corrections are kept apart from its output."),
      h("div", {class: "grid-2"},
        TEXT_FIELDS.map(([name, text]) => field(text, name, {value: parsed[name] || ""})),
        LIST_FIELDS.map(([name, text]) => field(text, name, {value: (parsed[name] || []).join(", "),
          hint: "Separated by commas."}))),
      field("Summary", "summary", {kind: "textarea", rows: 3}),
      h("button", {type: "submit", class: "primary"}, "Save corrections"));
    form.elements.summary.value = parsed.summary || "";
    onSubmit(form, async (values) => {
      const changes = {};
      for (const [name] of TEXT_FIELDS) changes[name] = values[name] ?? "";
      for (const [name] of LIST_FIELDS) changes[name] = (values[name] || "").split(",").map((s) => s.trim()).filter(Boolean);
      changes.summary = values.summary ?? "";
      await api.request("PATCH", `/api/resumes/${resumeId}`, {body: changes});
      announce("Corrections saved.");
      form.querySelector(".hint").textContent = "Corrections saved.";
    }, {busyText: "Saving…"});
    const experience = (parsed.experience || []).map((job) =>
      h("li", {}, h("strong", {}, [job.title, job.company].filter(Boolean).join(" · ")),
        ` ${job.start || ""} – ${job.current ? "present" : job.end || ""}`));
    const claims = (parsed.claims || []).map((claim) => h("li", {}, claim.text));
    const remove = button("Delete this resume", {class: "danger", onclick: async () => {
      if (!confirm("Delete this resume and its file?")) return;
      await api.request("DELETE", `/api/resumes/${resumeId}`);
      announce("Resume deleted.");
      navigate("/app/resumes");
    }});
    return [
      h("p", {class: "muted"}, `Parsed by the ${resume.parser} parser · uploaded ${when(resume.created_at)} · `,
        resume.file_url ? h("a", {href: resume.file_url, target: "_blank", rel: "noopener"}, "Download the file") : null),
      form,
      h("section", {class: "card", "aria-labelledby": "experience-heading"}, h("h2", {id: "experience-heading"}, "Experience"),
        experience.length ? h("ul", {}, experience) : h("p", {}, "No experience entries found.")),
      h("section", {class: "card", "aria-labelledby": "claims-heading"},
        h("h2", {id: "claims-heading"}, "What an interviewer would probe"),
        claims.length ? h("ul", {}, claims) : h("p", {}, "No claims found.")),
      h("div", {class: "actions"}, link("/app/interviews/new?resume=" + resumeId, "Practise with this resume", {class: "button"}), remove),
    ];
  });
}
