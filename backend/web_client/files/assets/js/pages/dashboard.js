// The dashboard: statistics, the progress chart, recent interviews and open skill gaps (one round trip
// for the numbers, GET /api/dashboard; the chart is the API's own SVG).

import * as api from "../api.js";
import {empty, h, label, link, loading, page, score, stat, table, when} from "../ui.js";
import {interviewLink} from "./history.js";

export function dashboardPage() {
  const body = h("div");
  page("Dashboard", body);
  loading(body, async () => {
    const [dashboard, chart] = await Promise.all([api.get("/api/dashboard"), api.blobUrl("/api/statistics/progress.svg")]);
    const s = dashboard.statistics;
    return [
      h("div", {class: "actions"}, link("/app/interviews/new", "Start a new interview", {class: "button primary"}),
        link("/app/practice", "Practise one question", {class: "button"})),
      h("section", {class: "card", "aria-labelledby": "stats-heading"}, h("h2", {id: "stats-heading"}, "Statistics"),
        h("dl", {class: "stats"},
          stat("Interviews", s.total_interviews), stat("Completed", s.completed_interviews),
          stat("Average score", score(s.average_score)), stat("Best score", score(s.best_score)),
          stat("Questions answered", s.questions_answered), stat("Current streak", `${s.current_streak} day${s.current_streak === 1 ? "" : "s"}`))),
      h("section", {class: "card", "aria-labelledby": "chart-heading"}, h("h2", {id: "chart-heading"}, "Progress"),
        h("img", {src: chart, class: "chart", alt: s.completed_interviews
          ? `Overall and sub-scores of your ${s.completed_interviews} completed interviews over time; average ${score(s.average_score)}, best ${score(s.best_score)}.`
          : "No completed interview yet: the chart fills in as you finish interviews."})),
      h("section", {class: "card", "aria-labelledby": "recent-heading"}, h("h2", {id: "recent-heading"}, "Recent interviews"),
        dashboard.recent_interviews.length ? table("Your five newest interviews", ["Interview", "Status", "Score", "Created"],
          dashboard.recent_interviews.map((i) => [interviewLink(i), label(i.status), score(i.overall_score), when(i.created_at)]))
          : empty("No interview yet.", link("/app/interviews/new", "Start your first one"))),
      h("section", {class: "card", "aria-labelledby": "gaps-heading"}, h("h2", {id: "gaps-heading"}, "Open skill gaps"),
        dashboard.open_skill_gaps.length ? h("ul", {}, dashboard.open_skill_gaps.map((gap) => h("li", {},
          h("strong", {}, gap.skill), ` — ${gap.latest_severity}, seen ${gap.times_seen} time${gap.times_seen === 1 ? "" : "s"}`)))
          : h("p", {}, "None open.")),
    ];
  });
}
