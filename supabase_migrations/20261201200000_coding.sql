-- Coding interviews (issue 23): runnable problems with hidden tests, and every submission kept.
--
-- * coding_problems: the runnable part of a curated coding question (by its bank_key): statement,
--   examples, constraints, starter code and function names per language, visible tests, limits,
--   and the hidden tests. Server only (RLS on, no policy): hidden tests never reach a client.
-- * code_submissions: every submission of an interview's question, ordered (seq per question),
--   with its per-test results; `solved` when every hidden test passed. The owner reads theirs;
--   only the server writes, through code_submission_record (checks and numbering in one step).
-- * interview_statistics.problems_solved: the caller's solved coding questions (a question of one of
--   their own interviews with a solved submission; not of interviews they scheduled as an
--   interviewer), no longer coding interviews with a passing score.

create table public.coding_problems (
  bank_key text primary key references public.questions (bank_key) on delete cascade,
  problem jsonb not null,
  hidden_tests jsonb not null,
  version text not null,
  constraint coding_problems_problem_is_object check (jsonb_typeof(problem) = 'object'),
  constraint coding_problems_hidden_tests_is_array check (jsonb_typeof(hidden_tests) = 'array'),
  constraint coding_problems_version_length check (char_length(version) between 1 and 100)
);

comment on table public.coding_problems is
  'The runnable part of curated coding questions, hidden tests included: read by the server only.';

alter table public.coding_problems enable row level security;
revoke all on public.coding_problems from anon, authenticated;
grant all on public.coding_problems to service_role;

create table public.code_submissions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  interview_id uuid not null references public.interviews (id) on delete cascade,
  position integer not null,
  seq integer not null,
  language text not null,
  source text not null,
  results jsonb not null,
  passed_visible integer not null,
  total_visible integer not null,
  passed_hidden integer not null,
  total_hidden integer not null,
  solved boolean not null,
  status text not null,
  runner text not null,
  created_at timestamptz not null default now(),
  constraint code_submissions_answer_fkey foreign key (interview_id, position)
    references public.interview_answers (interview_id, position) on delete cascade,
  constraint code_submissions_seq_key unique (interview_id, position, seq),
  constraint code_submissions_seq_range check (seq >= 1),
  constraint code_submissions_language_valid check (language in ('python', 'javascript')),
  constraint code_submissions_source_length check (char_length(source) between 1 and 50000),
  constraint code_submissions_results_is_array check (jsonb_typeof(results) = 'array'),
  constraint code_submissions_counts_valid check (
    passed_visible between 0 and total_visible and passed_hidden between 0 and total_hidden),
  constraint code_submissions_solved_means_all_hidden check (
    not solved or (total_hidden > 0 and passed_hidden = total_hidden)),
  constraint code_submissions_status_length check (char_length(status) between 1 and 40),
  constraint code_submissions_runner_length check (char_length(runner) between 1 and 40)
);

comment on table public.code_submissions is
  'Every code submission of an interview question, in order, with its test results (written by the server).';

create index code_submissions_user_idx on public.code_submissions (user_id, created_at desc);

alter table public.code_submissions enable row level security;
revoke all on public.code_submissions from anon, authenticated;
grant select on public.code_submissions to authenticated;
grant all on public.code_submissions to service_role;

create policy "code_submissions: owner reads" on public.code_submissions
  for select to authenticated using (user_id = (select auth.uid()));

-- One submission, numbered after the question's earlier ones, only while that question is the
-- interview's current one: {outcome: recorded, submission, solved_before} | not_found | conflict.
create or replace function public.code_submission_record(p_user_id uuid, p_interview_id uuid, p_position integer,
                                                         p_submission jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  iv public.interviews;
  next_seq integer;
  was_solved boolean;
  made public.code_submissions;
begin
  iv := public.interview_lock(p_user_id, p_interview_id);
  if iv.id is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if iv.status <> 'active' or coalesce((iv.engine_state ->> 'current')::integer, 0) <> p_position
     or coalesce(iv.engine_state ->> 'phase', '') <> 'asking' then
    return jsonb_build_object('outcome', 'conflict', 'status', iv.status);
  end if;
  select coalesce(max(s.seq), 0) + 1, coalesce(bool_or(s.solved), false) into next_seq, was_solved
  from public.code_submissions s where s.interview_id = p_interview_id and s.position = p_position;
  insert into public.code_submissions (user_id, interview_id, position, seq, language, source, results,
                                       passed_visible, total_visible, passed_hidden, total_hidden, solved,
                                       status, runner)
  values (p_user_id, p_interview_id, p_position, next_seq, p_submission ->> 'language', p_submission ->> 'source',
          p_submission -> 'results', (p_submission ->> 'passed_visible')::integer,
          (p_submission ->> 'total_visible')::integer, (p_submission ->> 'passed_hidden')::integer,
          (p_submission ->> 'total_hidden')::integer, (p_submission ->> 'solved')::boolean,
          p_submission ->> 'status', p_submission ->> 'runner')
  returning * into made;
  return jsonb_build_object('outcome', 'recorded', 'submission', to_jsonb(made), 'solved_before', was_solved);
end;
$$;

revoke execute on function public.code_submission_record(uuid, uuid, integer, jsonb) from public, anon, authenticated;
grant execute on function public.code_submission_record(uuid, uuid, integer, jsonb) to service_role;

-- problems_solved: solved coding questions (columns unchanged, so `create or replace` keeps the view's grants)
create or replace view public.interview_statistics
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
  coalesce(solved.problems_solved, 0) as problems_solved,
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
    max(greatest(i.updated_at, i.completed_at, i.created_at)) as last_activity_at
  from public.interviews i
  where i.user_id = p.id
) agg on true
left join lateral (
  select count(distinct (s.interview_id, s.position))::integer as problems_solved
  from public.code_submissions s
  join public.interviews i on i.id = s.interview_id and i.user_id = p.id  -- their own, not ones they scheduled
  where s.user_id = p.id and s.solved
) solved on true
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
