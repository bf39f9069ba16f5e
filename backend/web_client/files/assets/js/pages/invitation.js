// A scheduled interview taken by its candidate, through seed 003's /api/ai-interview/: from the
// invitation landing page, /app/invitation#token=... (the API's default link; no account, the
// X-Invitation-Token header), or signed in, from /app/invited (interviews scheduled for the caller's
// verified address; accepting one puts it in their history). The token stays in the fragment (never
// sent to a server in a URL) and in this tab's sessionStorage.

import * as api from "../api.js";
import {button, empty, field, h, label, link, loading, navigate, onSubmit, page, showError, table, when} from "../ui.js";

const TOKEN_KEY = "interview-coach.invitation";

function invitationToken() {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromLink) sessionStorage.setItem(TOKEN_KEY, fromLink);
  return fromLink || sessionStorage.getItem(TOKEN_KEY);
}

function entry(speaker, text) {
  return h("li", {class: `bubble ${speaker === "ai" ? "from-interviewer" : "from-candidate"}`},
    h("span", {class: "speaker"}, speaker === "ai" ? "Interviewer" : "You"), h("p", {}, text));
}

function facts(session) {
  return h("dl", {class: "facts card"},
    h("dt", {}, "Role"), h("dd", {}, session.job_role || "—"),
    h("dt", {}, "Interviewer"), h("dd", {}, session.interviewer_name || "—"),
    h("dt", {}, "Duration"), h("dd", {}, `${session.duration_minutes} minutes`),
    h("dt", {}, "Scheduled"), h("dd", {}, when(session.scheduled_at)));
}

/**
 * The scheduled interview's room: begin (or continue after a reload), answer, finish.
 * `options` are the request options that say who is asking (the invitation header, or the session).
 */
function scheduledRoom(session, options, onFinished) {
  const sessionId = session.session_id;
  const call = (body) => api.post("/api/ai-interview/", body, options);
  const conversation = h("ol", {class: "conversation", "aria-label": "Conversation"});
  const status = h("p", {class: "muted", id: "interview-progress", role: "status"});
  const room = h("div", {hidden: true});
  const begin = button(session.status === "in_progress" ? "Continue the interview" : "Begin the interview", {class: "primary"});
  const form = h("form", {class: "card answer-form", novalidate: true},
    field("Your answer", "student_response", {kind: "textarea", rows: 5, required: true}),
    h("div", {class: "actions"}, h("button", {type: "submit", class: "primary"}, "Send answer"),
      button("Finish the interview", {class: "danger", onclick: finish})));
  room.append(h("section", {class: "card", "aria-label": "Conversation"}, conversation), status, form);

  function show(result) {
    status.textContent = result.interview_complete
      ? "That was the last question: finish the interview when you are ready."
      : `Question ${result.progress.question} of ${result.progress.of}`;
  }

  async function finish() {
    try {
      await call({action: "end", session_id: sessionId});
      onFinished();
    } catch (error) {
      showError(form, error);
    }
  }

  begin.addEventListener("click", async () => {
    begin.disabled = true;
    try {
      const opened = await call({action: "initialize", session_id: sessionId});
      const history = await api.get(`/api/conversations/?session_id=${sessionId}`, options);
      conversation.replaceChildren(...history.map((m) => entry(m.speaker, m.message)));
      show(opened);
      begin.hidden = true;
      room.hidden = false;
      form.elements.student_response.focus();
    } catch (error) {
      begin.disabled = false;
      status.textContent = error.message;
    }
  });

  onSubmit(form, async ({student_response}) => {
    const answered = await call({action: "respond", session_id: sessionId, student_response: (student_response || "").trim(),
      client_message_id: crypto.randomUUID()});
    form.elements.student_response.value = "";
    conversation.append(...answered.conversation.map((m) => entry(m.speaker, m.message)));
    show(answered);
    form.elements.student_response.focus();
  }, {busyText: "The interviewer is replying…"});

  return [facts(session), session.description ? h("p", {}, session.description) : null,
    h("p", {}, "Answer in your own words; the interviewer may ask a follow-up before the next question."), begin, room];
}

function thanks(session) {
  page("Thank you", h("p", {}, `Your interview with ${session.interviewer_name || "the team"} is complete. They will be in touch.`));
}

export async function invitationPage() {
  const token = invitationToken();
  if (!token) {
    return page("Invitation", h("p", {class: "form-error", role: "alert"},
      "This page needs the link from your invitation e-mail: open that link again."));
  }
  const options = {headers: {"X-Invitation-Token": token}, anonymous: true};
  let invitation;
  try {
    invitation = await api.get("/api/invitation/", options);
  } catch (error) {
    return page("Invitation", h("p", {class: "form-error", role: "alert"}, error.code === "invitation_used"
      ? "This interview has ended: thank you for taking it." : `This invitation cannot be used: ${error.message}`));
  }
  page(invitation.title || "Your interview", ...scheduledRoom(invitation, options, () => {
    sessionStorage.removeItem(TOKEN_KEY);
    thanks(invitation);
  }));
}

export function invitedPage() {
  const body = h("div");
  page("Interviews you are invited to", body);
  loading(body, async () => {
    const offered = await api.get("/api/candidate/sessions/?page_size=50");
    if (!offered.results.length) return empty("No interview has been scheduled for your e-mail address.");
    return table("Interviews scheduled for your e-mail address", ["Interview", "Role", "When", "Status"],
      offered.results.map((s) => [link(`/app/invited/${s.id}`, s.title), s.job_role, when(s.scheduled_at), label(s.status)]));
  });
}

export async function invitedSessionPage(sessionId) {
  const session = await api.get(`/api/candidate/sessions/${sessionId}/`);
  if (session.status === "completed") return thanks(session);
  if (!session.accepted) {
    const accept = button("Accept the interview", {class: "primary"});
    accept.addEventListener("click", async () => {
      await api.post(`/api/candidate/sessions/${sessionId}/accept/`);
      navigate(`/app/invited/${sessionId}`, {replace: true});
    });
    return page(session.title, facts(session),
      h("p", {}, "Accepting it puts it in your history, and you take it here, signed in."), accept);
  }
  page(session.title, ...scheduledRoom(session, {}, () => thanks(session)));
}

/**
 * An interview in the caller's history that was scheduled for them answers 404 on /api/interviews/{id}
 * (its plan and rubric are the interviewer's): open it as the candidate's session instead.
 */
export async function openAsCandidate(interviewId, error) {
  if (error.status !== 404) throw error;
  await api.get(`/api/candidate/sessions/${interviewId}/`).catch(() => { throw error; });
  navigate(`/app/invited/${interviewId}`, {replace: true});
}
