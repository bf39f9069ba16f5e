// Profile: the editable fields, the avatar (with a preview of the server's centred square crop),
// transcript-only mode, the account export and deleting the account.

import * as api from "../api.js";
import {announce, field, h, navigate, onSubmit, page} from "../ui.js";

const TEXT_FIELDS = [["full_name", "Full name"], ["username", "Username"], ["location", "Location"],
  ["github_url", "GitHub URL"], ["linkedin_url", "LinkedIn URL"], ["website_url", "Website URL"]];

function avatarForm(profile) {
  const current = h("img", {class: "avatar", alt: profile.avatar_url ? "Your avatar" : "", src: profile.avatar_url || false,
    hidden: !profile.avatar_url});
  const preview = h("img", {class: "avatar preview", alt: "Preview of the new avatar, cropped to a centred square", hidden: true});
  const form = h("form", {class: "card", novalidate: true},
    h("h2", {}, "Avatar"),
    h("div", {class: "avatar-row"}, current, preview),
    field("Image", "file", {type: "file", accept: "image/png,image/jpeg,image/webp,image/gif",
      hint: "PNG, JPEG, WebP or GIF. It is cropped to the centred square shown in the preview."}),
    h("div", {class: "actions"}, h("button", {type: "submit", class: "primary"}, "Upload avatar")));
  form.elements.file.addEventListener("change", () => {
    const file = form.elements.file.files[0];
    preview.hidden = !file;
    if (file) preview.src = URL.createObjectURL(file);
  });
  onSubmit(form, async (_, form) => {
    const updated = await api.upload("/api/user/profile/avatar", form, "Choose an image first.");
    current.src = updated.avatar_url;
    current.alt = "Your avatar";
    current.hidden = false;
    preview.hidden = true;
    announce("Avatar updated.");
  }, {busyText: "Uploading…"});
  return form;
}

function detailsForm(profile) {
  const saved = h("p", {role: "status", class: "success"});
  const form = h("form", {class: "card", novalidate: true},
    h("h2", {}, "Details"),
    h("div", {class: "grid-2"}, TEXT_FIELDS.map(([name, text]) => field(text, name, {value: profile[name] || ""}))),
    field("Bio", "bio", {kind: "textarea", rows: 3, maxlength: 500}),
    h("div", {class: "field checkbox"}, h("input", {type: "checkbox", id: "keep-recordings", name: "keep_recordings",
      checked: profile.keep_recordings}), h("label", {for: "keep-recordings"}, "Keep the audio of spoken answers (off: transcript only)")),
    h("div", {class: "actions"}, h("button", {type: "submit", class: "primary"}, "Save profile")), saved);
  form.elements.bio.value = profile.bio || "";
  onSubmit(form, async (values) => {
    const changes = {};
    for (const [name] of TEXT_FIELDS) changes[name] = values[name] || null;
    changes.username = values.username;
    changes.bio = values.bio || "";
    changes.keep_recordings = form.elements.keep_recordings.checked;
    await api.request("PATCH", "/api/user/profile", {body: changes});
    saved.textContent = "Profile saved.";
  }, {busyText: "Saving…"});
  return form;
}

function exportSection() {
  const holder = h("div", {class: "actions"});
  const make = h("button", {type: "button"}, "Export my data");
  make.addEventListener("click", async () => {
    make.disabled = true;
    const data = await api.get("/api/user/export");
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], {type: "application/json"}));
    const save = h("a", {href: url, download: "interview-coach-export.json", class: "button"}, "Save interview-coach-export.json");
    holder.replaceChildren(save);
    save.focus();
  });
  holder.append(make);
  return h("section", {class: "card", "aria-labelledby": "export-heading"}, h("h2", {id: "export-heading"}, "Your data"),
    h("p", {}, "Everything stored about you, with short-lived links to your files."), holder);
}

function deleteForm() {
  const form = h("form", {class: "card danger-zone", novalidate: true},
    h("h2", {}, "Delete account"),
    h("p", {}, "This deletes your account, every interview, resume, recording and report. It cannot be undone."),
    field("Your password", "password", {type: "password", autocomplete: "current-password", required: true}),
    h("button", {type: "submit", class: "danger"}, "Delete my account"));
  onSubmit(form, async ({password}) => {
    await api.request("DELETE", "/api/user/account", {body: {password: password || ""}});
    api.forget();
    navigate("/app/login?deleted=1");
  }, {busyText: "Deleting everything…"});
  return form;
}

export async function profilePage() {
  const profile = await api.get("/api/user/profile");
  page("Profile", h("p", {class: "muted"}, profile.email), detailsForm(profile), avatarForm(profile), exportSection(), deleteForm());
}
