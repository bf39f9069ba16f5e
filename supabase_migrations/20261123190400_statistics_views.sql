-- Views for analysts and the API. security_invoker = true: whoever queries them sees only
-- the rows RLS lets them see, so a user's token yields exactly that user's row.

-- One row per user (every profile, even with no interviews yet). Serves the dashboard and
-- the profile statistics in one query: totals, averages, best score, questions answered,
-- last activity, problems solved (coding interviews completed with a passing overall
-- score of at least 70), the current and longest daily streak of completed interviews
-- (UTC days; current counts when the last such day is today or yesterday), member_since.
create view public.interview_statistics
with (security_invoker = true)
as
select
  p.id as user_id,
  coalesce(agg.total_interviews, 0) as total_interviews,
  coalesce(agg.completed_interviews, 0) as completed_interviews,
  agg.average_score,
  agg.best_score,
  agg.average_communication_score,
  agg.average_technical_score,
  agg.average_problem_solving_score,
  agg.average_code_quality_score,
  coalesce(agg.questions_answered, 0) as questions_answered,
  coalesce(agg.problems_solved, 0) as problems_solved,
  coalesce(streaks.current_streak, 0) as current_streak,
  coalesce(streaks.longest_streak, 0) as longest_streak,
  agg.last_activity_at,
  p.created_at as member_since
from public.profiles p
left join lateral (
  select
    count(*)::integer as total_interviews,
    (count(*) filter (where i.status = 'completed'))::integer as completed_interviews,
    round(avg(i.overall_score) filter (where i.status = 'completed'), 1) as average_score,
    max(i.overall_score) filter (where i.status = 'completed') as best_score,
    round(avg(i.communication_score) filter (where i.status = 'completed'), 1) as average_communication_score,
    round(avg(i.technical_score) filter (where i.status = 'completed'), 1) as average_technical_score,
    round(avg(i.problem_solving_score) filter (where i.status = 'completed'), 1) as average_problem_solving_score,
    round(avg(i.code_quality_score) filter (where i.status = 'completed'), 1) as average_code_quality_score,
    sum(i.answered_count)::integer as questions_answered,
    (count(*) filter (where i.status = 'completed' and i.interview_type = 'coding'
                      and i.overall_score >= 70))::integer as problems_solved,
    max(greatest(i.updated_at, i.completed_at, i.created_at)) as last_activity_at
  from public.interviews i
  where i.user_id = p.id
) agg on true
left join lateral (
  -- gaps and islands over the distinct UTC days with a completed interview
  select
    max(run.days) filter (
      where run.last_day >= (now() at time zone 'utc')::date - 1
    )::integer as current_streak,
    max(run.days)::integer as longest_streak
  from (
    select count(*) as days, max(d.day) as last_day
    from (
      select day, day - (row_number() over (order by day))::integer as island
      from (
        select distinct (i.completed_at at time zone 'utc')::date as day
        from public.interviews i
        where i.user_id = p.id and i.status = 'completed'
      ) distinct_days
    ) d
    group by d.island
  ) run
) streaks on true;

comment on view public.interview_statistics is
  'Per-user interview statistics (security_invoker: RLS of the caller applies).';

-- Weekly score trend of completed interviews (weeks start on Monday, UTC).
create view public.interview_score_trend
with (security_invoker = true)
as
select
  i.user_id,
  (date_trunc('week', i.completed_at at time zone 'utc'))::date as week_start,
  count(*)::integer as completed_interviews,
  round(avg(i.overall_score), 1) as average_score,
  max(i.overall_score) as best_score,
  round(avg(i.communication_score), 1) as average_communication_score,
  round(avg(i.technical_score), 1) as average_technical_score,
  round(avg(i.problem_solving_score), 1) as average_problem_solving_score,
  round(avg(i.code_quality_score), 1) as average_code_quality_score,
  sum(i.answered_count)::integer as questions_answered
from public.interviews i
where i.status = 'completed' and i.user_id is not null
group by i.user_id, (date_trunc('week', i.completed_at at time zone 'utc'))::date;

comment on view public.interview_score_trend is
  'Per-user, per-week averages of completed interviews (security_invoker: RLS of the caller applies).';

revoke all on public.interview_statistics, public.interview_score_trend from anon;
revoke insert, update, delete, truncate, references, trigger
  on public.interview_statistics, public.interview_score_trend from authenticated;
grant select on public.interview_statistics, public.interview_score_trend to authenticated, service_role;
