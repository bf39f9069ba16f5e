// The client's router: /app/<page> paths (the server answers index.html for each), links handled
// without a reload, the navigation for signed-in and signed-out visitors.

import * as api from "./api.js";
import {h, navigate, page} from "./ui.js";
import * as auth from "./pages/auth.js";
import * as dashboard from "./pages/dashboard.js";
import * as feedback from "./pages/feedback.js";
import * as historyPages from "./pages/history.js";
import * as interviews from "./pages/interviews.js";
import * as invitation from "./pages/invitation.js";
import * as practice from "./pages/practice.js";
import * as profile from "./pages/profile.js";
import * as recruiter from "./pages/recruiter.js";
import * as resumes from "./pages/resumes.js";

// [pattern, render(params), signed in?]
const ROUTES = [
  [/^\/app\/?$/, () => navigate(api.session() ? "/app/dashboard" : "/app/login", {replace: true}), false],
  [/^\/app\/login$/, auth.loginPage, false],
  [/^\/app\/signup$/, auth.signupPage, false],
  [/^\/app\/invitation$/, invitation.invitationPage, false],
  [/^\/app\/invited$/, invitation.invitedPage, true],
  [/^\/app\/invited\/([\w-]+)$/, invitation.invitedSessionPage, true],
  [/^\/app\/dashboard$/, dashboard.dashboardPage, true],
  [/^\/app\/resumes$/, resumes.resumesPage, true],
  [/^\/app\/resumes\/([\w-]+)$/, resumes.resumePage, true],
  [/^\/app\/interviews\/new$/, interviews.newInterviewPage, true],
  [/^\/app\/interviews\/([\w-]+)$/, interviews.roomPage, true],
  [/^\/app\/interviews\/([\w-]+)\/feedback$/, feedback.feedbackPage, true],
  [/^\/app\/history$/, historyPages.historyPage, true],
  [/^\/app\/practice$/, practice.practicePage, true],
  [/^\/app\/profile$/, profile.profilePage, true],
  [/^\/app\/recruiter$/, recruiter.recruiterPage, true],
  [/^\/app\/recruiter\/sessions\/([\w-]+)$/, recruiter.sessionPage, true],
];

const SIGNED_IN_NAV = [
  ["/app/dashboard", "Dashboard"], ["/app/interviews/new", "New interview"], ["/app/history", "History"],
  ["/app/resumes", "Resumes"], ["/app/practice", "Practice"], ["/app/invited", "Invitations"], ["/app/recruiter", "Recruiter"],
  ["/app/profile", "Profile"],
];
const SIGNED_OUT_NAV = [["/app/login", "Log in"], ["/app/signup", "Sign up"]];

function renderNav() {
  const nav = document.getElementById("site-nav");
  const signedIn = Boolean(api.session());
  const here = location.pathname;
  const items = (signedIn ? SIGNED_IN_NAV : SIGNED_OUT_NAV).map(([href, text]) =>
    h("li", {}, h("a", {href, "aria-current": here === href || here.startsWith(href + "/") ? "page" : false}, text)));
  if (signedIn) {
    items.push(h("li", {}, h("button", {type: "button", class: "link-button", onclick: async () => {
      await api.logout().catch(() => {});
      navigate("/app/login");
    }}, "Log out")));
  }
  nav.replaceChildren(h("ul", {}, items));
}

async function render() {
  const path = location.pathname.replace(/\/+$/, "") || "/app";
  const route = ROUTES.find(([pattern]) => pattern.test(path === "/app" ? "/app/" : path));
  if (route && route[2] && !api.session()) {
    sessionStorage.setItem("interview-coach.after-login", location.pathname + location.search);
    return navigate("/app/login", {replace: true});
  }
  renderNav();
  if (!route) {
    page("Page not found", h("p", {}, "There is no such page. ", h("a", {href: "/app/"}, "Go to the start.")));
    return;
  }
  const params = path.match(route[0]).slice(1);
  try {
    await route[1](...params);
  } catch (error) {
    if (error.status === 401) return navigate("/app/login", {replace: true});
    console.error(error);
    page("Something went wrong", h("p", {class: "form-error", role: "alert"}, error.message));
  }
}

document.addEventListener("click", (event) => {
  const anchor = event.target.closest("a[href]");
  if (!anchor || anchor.target || anchor.hasAttribute("download") || event.ctrlKey || event.metaKey
      || event.shiftKey || event.button !== 0) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith("/app")) return;
  if (url.pathname === location.pathname && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener("popstate", render);
render();
