// A new interview (its plan made by the server) and the interview room: the conversation with the
// interviewer's reply streamed in as it is generated, progress, skip, end, and resuming after a reload
// (the server owns the interview: the room is rebuilt from GET /api/interviews/{id} and /state).

import * as api from "../api.js";
import {announce, button, choices, DIFFICULTIES, field, h, INTERVIEW_TYPES, label, LEVELS, navigate, onSubmit, page, showError}
  from "../ui.js";
import {openAsCandidate} from "./invitation.js";

export async function newInterviewPage() {
  const {results: resumes} = await api.get("/api/resumes?page_size=50");
  const chosen = new URLSearchParams(location.search).get("resume");
  const form = h("form", {class: "card", novalidate: true},
    h("div", {class: "grid-2"},
      field("Job role", "job_role", {required: true, placeholder: "Backend Engineer", maxlength: 200}),
      field("Title (optional)", "title", {maxlength: 200}),
      field("Experience level", "experience_level", {kind: "select", options: choices(LEVELS)}),
      field("Interview type", "interview_type", {kind: "select", options: choices(INTERVIEW_TYPES)}),
      field("Difficulty", "difficulty", {kind: "select", options: choices(DIFFICULTIES)}),
      field("Number of questions", "num_questions", {type: "number", min: 1, max: 20, value: 3}),
      field("Resume (optional)", "resume_id", {kind: "select",
        options: [["", "No resume"], ...resumes.map((r) => [r.id, r.file_name || "Resume"])]})),
    field("Job description (optional)", "job_description", {kind: "textarea", rows: 5, maxlength: 20000,
      hint: "Paste the posting: the plan targets its requirements and the coverage map shows what was tested."}),
    h("button", {type: "submit", class: "primary"}, "Create and start"));
  form.elements.experience_level.value = "mid";
  form.elements.interview_type.value = "technical";
  form.elements.difficulty.value = "medium";
  if (chosen) form.elements.resume_id.value = chosen;
  onSubmit(form, async (values) => {
    const made = await api.post("/api/interviews", {...values, num_questions: Number(values.num_questions || 5)});
    await api.post(`/api/interviews/${made.id}/start`);
    navigate(`/app/interviews/${made.id}`);
  }, {busyText: "Planning your interview…"});
  page("New interview", form);
}

function bubble(role, text) {
  const who = role === "interviewer" ? "Interviewer" : "You";
  return h("li", {class: `bubble ${role === "interviewer" ? "from-interviewer" : "from-candidate"}`},
    h("span", {class: "speaker"}, who), h("p", {}, text));
}

function progressLine(progress, status) {
  if (!progress) return "";
  if (status !== "active") return `${label(status)}: ${progress.of} questions.`;
  return `Question ${progress.question} of ${progress.of} · follow-ups left on it: ${progress.follow_ups_left}`;
}

export async function roomPage(interviewId) {
  let interview, state, info;
  try {
    [interview, state, info] = await Promise.all([
      api.get(`/api/interviews/${interviewId}`), api.get(`/api/interviews/${interviewId}/state`), api.get("/api/info")]);
  } catch (error) {
    return openAsCandidate(interviewId, error);
  }
  if (interview.status === "completed" || interview.status === "abandoned") {
    return navigate(`/app/interviews/${interviewId}/feedback`, {replace: true});
  }
  const conversation = h("ol", {class: "conversation", "aria-label": "Conversation"},
    interview.messages.filter((m) => m.role !== "system").map((m) => bubble(m.role, m.content)));
  const meter = h("progress", {max: state.progress.of || 1, value: Math.max(0, state.progress.question - 1),
    "aria-label": "Questions done"});
  const progressText = h("p", {class: "muted", id: "room-progress"}, progressLine(state.progress, state.status));
  const answer = field("Your answer", "content", {kind: "textarea", rows: 5, required: true, maxlength: 20000,
    hint: "Ctrl+Enter sends."});
  const send = h("button", {type: "submit", class: "primary"}, "Send answer");
  const skip = button("Skip question");
  const end = button("End interview", {class: "danger"});
  const voice = info.features?.spoken_answers
    ? recorder(interviewId, (spoken) => play(spoken))
    : h("p", {class: "note"}, "Spoken answers need a speech model configured on the server, so this room takes typed answers.");
  const form = h("form", {class: "card answer-form", novalidate: true},
    answer, h("div", {class: "actions"}, send, skip, end), voice);
  const textarea = form.elements.content;
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });

  function setBusy(busy) {
    form.querySelectorAll("button, textarea").forEach((control) => { control.disabled = busy; });
    conversation.setAttribute("aria-busy", busy ? "true" : "false");
  }

  function updateProgress(progress, status) {
    meter.max = progress.of || 1;
    meter.value = status === "active" ? Math.max(0, progress.question - 1) : progress.of;
    progressText.textContent = progressLine(progress, status);
    const finished = status !== "active" || state.awaiting === "end";
    send.disabled = skip.disabled = textarea.disabled = finished;
  }

  /** One turn: the reply streams into a new bubble; `reset` empties it (the server rewords it). */
  async function play(turn) {
    const reply = bubble("interviewer", "");
    reply.classList.add("streaming");
    const text = reply.querySelector("p");
    conversation.append(reply);
    setBusy(true);
    try {
      const result = await turn({
        token: ({text: piece}) => { text.textContent += piece; reply.scrollIntoView({block: "nearest"}); },
        reset: () => { text.textContent = ""; },
      });
      text.textContent = result.message.content;
      reply.classList.remove("streaming");
      if (result.spoken) reply.before(bubble("candidate", result.spoken.transcript.text)); // what the server heard
      announce(`The interviewer replied: ${result.message.content}`);
      state.awaiting = result.kind === "closing" ? "end" : "answer";
      setBusy(false);
      updateProgress(result.progress, result.status);
      if (result.kind === "closing") {
        progressText.textContent = "That was the last question: end the interview to see your feedback.";
        end.focus();
      } else textarea.focus();
    } catch (error) {
      reply.remove();
      setBusy(false);
      showError(form, error);
    }
  }

  onSubmit(form, async ({content}) => {
    if (!content?.trim()) throw new api.ApiError(400, {error: {message: "Write an answer first.", details: {content: ["Write an answer first."]}}});
    conversation.append(bubble("candidate", content.trim()));
    textarea.value = "";
    const client_message_id = crypto.randomUUID();
    await play((on) => api.stream(`/api/interviews/${interviewId}/messages`, {body: {content, client_message_id}}, on));
  }, {busyText: "The interviewer is replying…"});
  skip.addEventListener("click", () => {
    conversation.append(bubble("candidate", "(skipped)"));
    play((on) => api.stream(`/api/interviews/${interviewId}/skip`, {}, on));
  });
  end.addEventListener("click", async () => {
    setBusy(true);
    end.textContent = "Scoring your answers…";
    try {
      await api.post(`/api/interviews/${interviewId}/end`);
      navigate(`/app/interviews/${interviewId}/feedback`);
    } catch (error) {
      setBusy(false);
      end.textContent = "End interview";
      showError(form, error);
    }
  });

  page(interview.title || `${interview.job_role} interview`,
    h("p", {class: "muted"}, `${label(interview.interview_type)} · ${label(interview.experience_level)} · ${label(interview.difficulty)}`),
    h("div", {class: "room-progress"}, meter, progressText),
    h("section", {class: "card", "aria-labelledby": "conversation-heading"},
      h("h2", {id: "conversation-heading", class: "visually-hidden"}, "Conversation"), conversation),
    form);
  updateProgress(state.progress, state.status);
  if (state.awaiting === "start") {
    await api.post(`/api/interviews/${interviewId}/start`);
    return roomPage(interviewId);
  }
  if (state.awaiting === "end") progressText.textContent = "That was the last question: end the interview to see your feedback.";
}

/** A spoken answer recorded with MediaRecorder and sent as multipart `audio` (the reply streams as text). */
function recorder(interviewId, play) {
  const status = h("p", {class: "muted", role: "status"});
  let media = null;
  let chunks = [];
  const toggle = button("Record a spoken answer", {"aria-pressed": "false"});
  toggle.addEventListener("click", async () => {
    if (media && media.state === "recording") {
      media.stop();
      return;
    }
    try {
      const microphone = await navigator.mediaDevices.getUserMedia({audio: true});
      media = new MediaRecorder(microphone);
      chunks = [];
      media.ondataavailable = (event) => chunks.push(event.data);
      media.onstop = () => {
        microphone.getTracks().forEach((track) => track.stop());
        toggle.textContent = "Record a spoken answer";
        toggle.setAttribute("aria-pressed", "false");
        status.textContent = "Sending your recording…";
        const form = new FormData();
        form.append("audio", new Blob(chunks, {type: media.mimeType}), "answer.webm");
        form.append("client_message_id", crypto.randomUUID());
        play((on) => api.stream(`/api/interviews/${interviewId}/messages`, {form}, on))
          .finally(() => { status.textContent = ""; });
      };
      media.start();
      toggle.textContent = "Stop and send";
      toggle.setAttribute("aria-pressed", "true");
      status.textContent = "Recording…";
    } catch (error) {
      status.textContent = `The microphone is not available: ${error.message}`;
    }
  });
  return h("div", {class: "voice"}, toggle, status);
}
