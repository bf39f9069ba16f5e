// Sign up and log in: seed 004's validation messages shown beside each field.

import * as api from "../api.js";
import {field, h, link, navigate, onSubmit, page} from "../ui.js";

function afterLogin() {
  const next = sessionStorage.getItem("interview-coach.after-login");
  sessionStorage.removeItem("interview-coach.after-login");
  navigate(next && next.startsWith("/app/") && next !== "/app/login" ? next : "/app/dashboard");
}

export function loginPage() {
  const form = h("form", {class: "card narrow", novalidate: true},
    field("E-mail", "email", {type: "email", autocomplete: "email", required: true}),
    field("Password", "password", {type: "password", autocomplete: "current-password", required: true}),
    h("button", {type: "submit", class: "primary"}, "Log in"));
  onSubmit(form, async ({email, password}) => {
    await api.login(email || "", password || "");
    afterLogin();
  }, {busyText: "Signing in…"});
  const deleted = new URLSearchParams(location.search).has("deleted");
  page("Log in", deleted ? h("p", {class: "success narrow", role: "status"}, "Your account and everything in it were deleted.") : null,
    form, h("p", {class: "narrow"}, "New here? ", link("/app/signup", "Create an account")));
}

export function signupPage() {
  const form = h("form", {class: "card narrow", novalidate: true},
    field("Full name", "full_name", {autocomplete: "name", required: true}),
    field("Username", "username", {autocomplete: "username", required: true,
      hint: "3-50 characters: letters, digits, - and _."}),
    field("E-mail", "email", {type: "email", autocomplete: "email", required: true}),
    field("Password", "password", {type: "password", autocomplete: "new-password", required: true,
      hint: "At least 8 characters, with an uppercase letter and a digit."}),
    h("button", {type: "submit", class: "primary"}, "Create account"));
  onSubmit(form, async (data) => {
    await api.post("/api/auth/register", data, {anonymous: true});
    await api.login(data.email, data.password);
    afterLogin();
  }, {busyText: "Creating your account…"});
  page("Create your account", form, h("p", {class: "narrow"}, "Already registered? ", link("/app/login", "Log in")));
}
