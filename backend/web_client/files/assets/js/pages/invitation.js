// The invitation landing page, /app/invitation#token=... (the API's default link): what the invitation
// opens, then the interview itself, driven with the X-Invitation-Token header and no account. The
// token stays in the fragment (never sent to a server in a URL) and in this tab's sessionStorage.

import * as api from "../api.js";
import {button, field, h, onSubmit, page, showError, when} from "../ui.js";

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

export async function invitationPage() {
  const token = invitationToken();
  if (!token) {
    return page("Invitation", h("p", {class: "form-error", role: "alert"},
      "This page needs the link from your invitation e-mail: open that link again."));
  }
  const headers = {"X-Invitation-Token": token};
  const call = (body) => api.post("/api/ai-interview/", body, {headers, anonymous: true});
  let invitation;
  try {
    invitation = await api.get("/api/invitation/", {headers, anonymous: true});
  } catch (error) {
    return page("Invitation", h("p", {class: "form-error", role: "alert"}, error.code === "invitation_used"
      ? "This interview has ended: thank you for taking it." : `This invitation cannot be used: ${error.message}`));
  }
  const sessionId = invitation.session_id;
  const conversation = h("ol", {class: "conversation", "aria-label": "Conversation"});
  const status = h("p", {class: "muted", id: "interview-progress", role: "status"});
  const room = h("div", {hidden: true});
  const begin = button(invitation.status === "in_progress" ? "Continue the interview" : "Begin the interview", {class: "primary"});

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
      sessionStorage.removeItem(TOKEN_KEY);
      page("Thank you", h("p", {}, `Your interview with ${invitation.interviewer_name || "the team"} is complete. They will be in touch.`));
    } catch (error) {
      showError(form, error);
    }
  }

  begin.addEventListener("click", async () => {
    begin.disabled = true;
    try {
      const opened = await call({action: "initialize", session_id: sessionId});
      const history = await api.get(`/api/conversations/?session_id=${sessionId}`, {headers, anonymous: true});
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
    const text = (student_response || "").trim();
    const answered = await call({action: "respond", session_id: sessionId, student_response: text,
      client_message_id: crypto.randomUUID()});
    form.elements.student_response.value = "";
    conversation.append(...answered.conversation.map((m) => entry(m.speaker, m.message)));
    show(answered);
    form.elements.student_response.focus();
  }, {busyText: "The interviewer is replying…"});

  page(invitation.title || "Your interview",
    h("dl", {class: "facts card"},
      h("dt", {}, "Role"), h("dd", {}, invitation.job_role || "—"),
      h("dt", {}, "Interviewer"), h("dd", {}, invitation.interviewer_name || "—"),
      h("dt", {}, "Duration"), h("dd", {}, `${invitation.duration_minutes} minutes`),
      h("dt", {}, "Scheduled"), h("dd", {}, when(invitation.scheduled_at))),
    invitation.description ? h("p", {}, invitation.description) : null,
    h("p", {}, "Answer in your own words; the interviewer may ask a follow-up before the next question."),
    begin, room);
}
