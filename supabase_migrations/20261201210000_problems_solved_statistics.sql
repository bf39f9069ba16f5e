-- problems_solved in the history statistics (issue 23, what remained): history_statistics
-- (GET /api/statistics, its aliases, the dashboard) counts the caller's solved coding questions (one of
-- their submissions passed every hidden test) in their own interviews, as interview_statistics counts
-- them; interviews they scheduled (user_id null) are nobody's practice. Still one round trip; the count
-- reads a partial index of the solved submissions only.

create index code_submissions_solved_idx on public.code_submissions (user_id, interview_id, position)
  where solved;

-- Statistics ---------------------------------------------------------------------------------------
-- As 20261201170000_history.sql, plus problems_solved.
create or replace function public.history_statistics(p_user_id uuid)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
with cells as materialized (
  select c.* from public.interview_stat_cells c where c.user_id = p_user_id
),
totals as (  -- one row, also when there is nothing to count
  select coalesce(sum(c.interviews), 0)::integer as total,
         coalesce(sum(c.interviews) filter (where c.status = 'completed'), 0)::integer as completed,
         coalesce(sum(c.answered), 0)::integer as answered, coalesce(sum(c.skipped), 0)::integer as skipped,
         coalesce(sum(c.seconds), 0)::bigint as seconds, max(c.last_activity_at) as last_activity_at,
         round(sum(c.overall_sum) filter (where c.status = 'completed')
               / nullif(sum(c.overall_n) filter (where c.status = 'completed'), 0), 1) as avg_overall,
         max(c.overall_best) filter (where c.status = 'completed') as best_overall,
         round(sum(c.communication_sum) filter (where c.status = 'completed')
               / nullif(sum(c.communication_n) filter (where c.status = 'completed'), 0), 1) as avg_communication,
         max(c.communication_best) filter (where c.status = 'completed') as best_communication,
         round(sum(c.technical_sum) filter (where c.status = 'completed')
               / nullif(sum(c.technical_n) filter (where c.status = 'completed'), 0), 1) as avg_technical,
         max(c.technical_best) filter (where c.status = 'completed') as best_technical,
         round(sum(c.problem_solving_sum) filter (where c.status = 'completed')
               / nullif(sum(c.problem_solving_n) filter (where c.status = 'completed'), 0), 1) as avg_problem_solving,
         max(c.problem_solving_best) filter (where c.status = 'completed') as best_problem_solving,
         round(sum(c.code_quality_sum) filter (where c.status = 'completed')
               / nullif(sum(c.code_quality_n) filter (where c.status = 'completed'), 0), 1) as avg_code_quality,
         max(c.code_quality_best) filter (where c.status = 'completed') as best_code_quality
  from cells c
),
statuses as (
  select jsonb_object_agg(s.status, coalesce((select sum(c.interviews) from cells c where c.status = s.status), 0)
                          order by s.n) as by_status
  from unnest(array['scheduled', 'preparing', 'active', 'completed', 'abandoned', 'cancelled'])
       with ordinality as s(status, n)
),
breakdown as (
  select grouping(c.interview_type) as by_t, c.interview_type, c.difficulty,
         sum(c.interviews)::integer as total,
         coalesce(sum(c.interviews) filter (where c.status = 'completed'), 0)::integer as completed,
         round(sum(c.overall_sum) filter (where c.status = 'completed')
               / nullif(sum(c.overall_n) filter (where c.status = 'completed'), 0), 1) as average_score,
         max(c.overall_best) filter (where c.status = 'completed') as best_score
  from cells c
  group by grouping sets ((c.interview_type), (c.difficulty))
),
by_type as (
  select jsonb_agg(jsonb_build_object('interview_type', t.kind, 'total', coalesce(b.total, 0),
                                      'completed', coalesce(b.completed, 0), 'average_score', b.average_score,
                                      'best_score', b.best_score) order by t.n) as rows
  from unnest(array['behavioral', 'technical', 'system_design', 'coding', 'mixed']) with ordinality as t(kind, n)
  left join breakdown b on b.by_t = 0 and b.interview_type = t.kind
),
by_difficulty as (
  select jsonb_agg(jsonb_build_object('difficulty', d.level, 'total', coalesce(b.total, 0),
                                      'completed', coalesce(b.completed, 0), 'average_score', b.average_score,
                                      'best_score', b.best_score) order by d.n) as rows
  from unnest(array['easy', 'medium', 'hard']) with ordinality as d(level, n)
  left join breakdown b on b.by_t = 1 and b.difficulty = d.level
),
runs as (
  select count(*) as days, max(day) as last_day
  from (select d.day, d.day - (row_number() over (order by d.day))::integer as island
        from public.interview_stat_days d where d.user_id = p_user_id) d
  group by island
),
streaks as (
  select coalesce(max(days) filter (where last_day >= (now() at time zone 'utc')::date - 1), 0)::integer as current,
         coalesce(max(days), 0)::integer as longest
  from runs
),
weekly as (  -- only the last 12 weeks' interviews, by completion date
  select (date_trunc('week', i.completed_at at time zone 'utc'))::date as week_start,
         count(*)::integer as completed_interviews,
         round(avg(i.overall_score), 1) as average_score, max(i.overall_score) as best_score,
         round(avg(i.communication_score), 1) as average_communication_score,
         round(avg(i.technical_score), 1) as average_technical_score,
         round(avg(i.problem_solving_score), 1) as average_problem_solving_score,
         round(avg(i.code_quality_score), 1) as average_code_quality_score
  from public.interviews i
  where i.user_id = p_user_id and i.status = 'completed'
    and i.completed_at >= (date_trunc('week', now() at time zone 'utc') - interval '11 weeks') at time zone 'utc'
  group by 1
),
trend as (
  select jsonb_agg(jsonb_build_object(
           'week_start', w.week_start,
           'completed_interviews', coalesce(k.completed_interviews, 0),
           'average_score', k.average_score,
           'best_score', k.best_score,
           'average_communication_score', k.average_communication_score,
           'average_technical_score', k.average_technical_score,
           'average_problem_solving_score', k.average_problem_solving_score,
           'average_code_quality_score', k.average_code_quality_score)
         order by w.week_start) as rows
  from (select (date_trunc('week', now() at time zone 'utc'))::date - 7 * (11 - n) as week_start
        from generate_series(0, 11) as n) w
  left join weekly k on k.week_start = w.week_start
),
gaps as (
  select coalesce(jsonb_agg(jsonb_build_object('skill', g.skill, 'skill_key', g.skill_key,
                                               'times_seen', g.times_seen, 'latest_severity', g.latest_severity,
                                               'last_seen_at', g.last_seen_at)
                            order by g.times_seen desc, g.last_seen_at desc, g.skill_key), '[]'::jsonb) as rows
  from (
    select h.skill_key, (array_agg(h.skill order by h.created_at desc))[1] as skill,
           count(*)::integer as times_seen, max(h.created_at) as last_seen_at,
           (array_agg(h.severity order by h.created_at desc))[1] as latest_severity
    from public.skill_gaps h
    where h.user_id = p_user_id
    group by h.skill_key
    order by count(*) desc, max(h.created_at) desc, h.skill_key
    limit 5
  ) g
),
solved as (  -- questions of the caller's own interviews with a submission that passed every hidden test
  select count(*)::integer as problems
  from (select distinct s.interview_id, s.position
        from public.code_submissions s
        join public.interviews i on i.id = s.interview_id and i.user_id = p_user_id
        where s.user_id = p_user_id and s.solved) q
)
select jsonb_build_object(
  'total_interviews', t.total,
  'completed_interviews', t.completed,
  'by_status', st.by_status,
  'completion_rate', case when t.total = 0 then 0 else round(100.0 * t.completed / t.total, 1) end,
  'average_score', t.avg_overall,
  'best_score', t.best_overall,
  'scores', jsonb_build_object(
    'overall', jsonb_build_object('average', t.avg_overall, 'best', t.best_overall),
    'communication', jsonb_build_object('average', t.avg_communication, 'best', t.best_communication),
    'technical', jsonb_build_object('average', t.avg_technical, 'best', t.best_technical),
    'problem_solving', jsonb_build_object('average', t.avg_problem_solving, 'best', t.best_problem_solving),
    'code_quality', jsonb_build_object('average', t.avg_code_quality, 'best', t.best_code_quality)),
  'by_interview_type', bt.rows,
  'by_difficulty', bd.rows,
  'questions_answered', t.answered,
  'questions_skipped', t.skipped,
  'problems_solved', sv.problems,
  'time_spent_seconds', t.seconds,
  'current_streak', s.current,
  'longest_streak', s.longest,
  'weekly_trend', tr.rows,
  'top_skill_gaps', g.rows,
  'last_activity_at', t.last_activity_at
)
from totals t, statuses st, by_type bt, by_difficulty bd, streaks s, trend tr, gaps g, solved sv;
$$;


revoke execute on function public.history_statistics(uuid) from public, anon, authenticated;
grant execute on function public.history_statistics(uuid) to service_role;
