-- History, interview detail, statistics and dashboard (issue 20).
--
-- Everything a candidate opens every day, in a fixed number of round trips whatever the number
-- of interviews, every query scoped by owner and served by an index that starts with user_id:
--   interview_history_sql   the two statements of one history page (count, page), built from a
--                           whitelist of filters and orderings; the test suite EXPLAINs them
--   interview_history       runs them: {count, results} in one round trip
--   history_statistics      totals, rates, averages and bests, breakdowns, streaks, 12-week trend,
--                           most frequent skill gaps: computed here, never in Python
--   history_open_skill_gaps the caller's gaps not resolved since (the rule of GET /api/skill-gaps)
--   history_dashboard       statistics, the 5 latest interviews, resumes, the top open gaps
--   history_progress        the latest completed interviews' five scores, for the progress chart
--   interview_delete        the interview and (by cascade) everything it holds, queuing its stored
--                           objects in storage_deletions in the same transaction
--   storage_deletions_done  forgets queued objects once Storage removed them
-- Called with the service key only.

create extension if not exists btree_gin with schema extensions;

-- Indexes: owner first, then the filter or the ordering -----------------------------------------
-- (user_id, created_at desc), (user_id, status|difficulty|interview_type, created_at desc) exist.
create index interviews_user_level_idx on public.interviews (user_id, experience_level, created_at desc);
create index interviews_user_score_desc_idx
  on public.interviews (user_id, overall_score desc nulls last, created_at desc, id desc);
create index interviews_user_score_asc_idx
  on public.interviews (user_id, overall_score asc nulls last, created_at desc, id desc);
create index interviews_user_completed_order_idx
  on public.interviews (user_id, completed_at desc nulls last, created_at desc, id desc);
-- search: job role, title and job description, any case, as one trigram-indexed text per owner
create index interviews_user_search_idx on public.interviews using gin (
  user_id, (coalesce(title, '') || E'\n' || job_role || E'\n' || coalesce(job_description, ''))
  extensions.gin_trgm_ops);
-- skipped answers, per interview (statistics)
create index interview_answers_skipped_idx on public.interview_answers (interview_id) where skipped;

-- Objects to remove from Storage once their rows are gone -------------------------------------------
-- interview_delete deletes the rows and queues the interview's objects here in one transaction;
-- the API removes them from Storage, then forgets them (storage_deletions_done). An object is thus
-- always referenced by a row (its recording, or its queue entry) until it is gone itself.
create table public.storage_deletions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  interview_id uuid not null,
  bucket text not null,
  path text not null,
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  constraint storage_deletions_bucket_valid check (bucket in ('interview-recordings', 'reports')),
  constraint storage_deletions_path_in_own_folder check (path like user_id::text || '/_%'),
  constraint storage_deletions_object_key unique (bucket, path)
);

comment on table public.storage_deletions is
  'Stored objects of deleted interviews still to be removed from Storage (service role only).';

create index storage_deletions_user_interview_idx on public.storage_deletions (user_id, interview_id);
alter table public.storage_deletions enable row level security;
revoke all on public.storage_deletions from anon, authenticated;
grant select, insert, update, delete on public.storage_deletions to service_role;

-- History: one page -----------------------------------------------------------------------------
create or replace function public.interview_history_sql(p_user_id uuid, p_filters jsonb, p_ordering text,
                                                        p_limit integer, p_offset integer)
returns text[]
language plpgsql
immutable
set search_path = ''
as $$
declare
  filters jsonb := coalesce(p_filters, '{}'::jsonb);
  cond text;
  ordering text;
  key text;
  term text;
begin
  if p_user_id is null then
    raise exception 'p_user_id is required' using errcode = '22004';
  end if;
  for key in select jsonb_object_keys(filters) loop
    if key not in ('status', 'difficulty', 'interview_type', 'experience_level', 'from', 'to', 'min_score',
                   'max_score', 'search') then
      raise exception 'unknown history filter: %', key using errcode = '22023';
    end if;
  end loop;
  cond := format('i.user_id = %L::uuid', p_user_id);
  if filters ? 'status' then
    cond := cond || format(' and i.status = any(%L::text[])',
                           array(select jsonb_array_elements_text(filters -> 'status')));
  end if;
  foreach key in array array['difficulty', 'interview_type', 'experience_level'] loop
    if filters ? key then
      cond := cond || format(' and i.%I = %L', key, filters ->> key);
    end if;
  end loop;
  if filters ? 'from' then
    cond := cond || format(' and i.created_at >= %L::timestamptz', filters ->> 'from');
  end if;
  if filters ? 'to' then  -- exclusive: the API passes the day after the last one asked for
    cond := cond || format(' and i.created_at < %L::timestamptz', filters ->> 'to');
  end if;
  if filters ? 'min_score' then
    cond := cond || format(' and i.overall_score >= %L::numeric', filters ->> 'min_score');
  end if;
  if filters ? 'max_score' then
    cond := cond || format(' and i.overall_score <= %L::numeric', filters ->> 'max_score');
  end if;
  if filters ? 'search' then  -- a literal substring: \, % and _ are escaped
    term := replace(replace(replace(filters ->> 'search', '\', '\\'), '%', '\%'), '_', '\_');
    cond := cond || format(
      ' and (coalesce(i.title, '''') || E''\n'' || i.job_role || E''\n'' || coalesce(i.job_description, ''''))'
      ' ilike %L', '%' || term || '%');
  end if;
  ordering := case coalesce(p_ordering, '-created_at')
    when '-created_at' then 'i.created_at desc, i.id desc'
    when 'created_at' then 'i.created_at asc, i.id asc'
    when '-overall_score' then 'i.overall_score desc nulls last, i.created_at desc, i.id desc'
    when 'overall_score' then 'i.overall_score asc nulls last, i.created_at desc, i.id desc'
    when '-completed_at' then 'i.completed_at desc nulls last, i.created_at desc, i.id desc'
  end;
  if ordering is null then
    raise exception 'unknown history ordering: %', p_ordering using errcode = '22023';
  end if;
  return array[
    format('select count(*) from public.interviews i where %s', cond),
    format('select coalesce(jsonb_agg(to_jsonb(p) - ''rn'' order by p.rn), ''[]''::jsonb) from ('
           'select row_number() over (order by %2$s) as rn, i.id, i.title, i.job_role, i.interview_type,'
           ' i.experience_level, i.difficulty, i.status, i.planned_questions, i.answered_count, i.overall_score,'
           ' i.communication_score, i.technical_score, i.problem_solving_score, i.code_quality_score,'
           ' i.duration_seconds, i.started_at, i.completed_at, i.created_at,'
           ' exists (select 1 from public.recordings r where r.interview_id = i.id) as has_recordings'
           ' from public.interviews i where %1$s order by %2$s limit %3$s offset %4$s) p',
           cond, ordering, greatest(coalesce(p_limit, 20), 0), greatest(coalesce(p_offset, 0), 0))
  ];
end;
$$;

comment on function public.interview_history_sql(uuid, jsonb, text, integer, integer) is
  'The count and page statements of one history page (whitelisted filters and orderings, values quoted).';

create or replace function public.interview_history(p_user_id uuid, p_filters jsonb, p_ordering text,
                                                    p_limit integer, p_offset integer)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  statements text[] := public.interview_history_sql(p_user_id, p_filters, p_ordering, p_limit, p_offset);
  total bigint;
  page jsonb;
begin
  execute statements[1] into total;
  page := '[]'::jsonb;
  if total > greatest(coalesce(p_offset, 0), 0) then
    execute statements[2] into page;
  end if;
  return jsonb_build_object('count', total, 'results', page);
end;
$$;

-- Statistics rollups -----------------------------------------------------------------------------
-- The statistics must not grow with the number of interviews, so what they sum is kept per user in
-- cells (status x type x difficulty: at most 90 rows a user) and completion days, maintained by
-- statement-level triggers: a write recomputes only the cells and days it touched, from the rows
-- themselves (so bests stay right when an interview is deleted), under a per-user advisory lock
-- (two transactions never both miss the other's rows). Only the last 12 weeks' trend reads
-- interviews, by completion date.
create table public.interview_stat_cells (
  user_id uuid not null,
  status text not null,
  interview_type text not null,
  difficulty text not null,
  interviews integer not null,
  answered bigint not null,
  skipped bigint not null,
  seconds bigint not null,
  last_activity_at timestamptz,
  overall_sum numeric, overall_n integer not null, overall_best numeric,
  communication_sum numeric, communication_n integer not null, communication_best numeric,
  technical_sum numeric, technical_n integer not null, technical_best numeric,
  problem_solving_sum numeric, problem_solving_n integer not null, problem_solving_best numeric,
  code_quality_sum numeric, code_quality_n integer not null, code_quality_best numeric,
  primary key (user_id, status, interview_type, difficulty)
);

create table public.interview_stat_days (
  user_id uuid not null,
  day date not null,
  completed integer not null,
  primary key (user_id, day)
);

comment on table public.interview_stat_cells is
  'Per-user sums of interviews by status, type and difficulty (kept by triggers; statistics read these).';
comment on table public.interview_stat_days is
  'Per-user UTC days with completed interviews (kept by triggers; streaks read these).';

alter table public.interview_stat_cells enable row level security;
alter table public.interview_stat_days enable row level security;
revoke all on public.interview_stat_cells, public.interview_stat_days from anon, authenticated;
grant select on public.interview_stat_cells, public.interview_stat_days to service_role;

create or replace function public.interview_stats_refresh(p_keys jsonb)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  owner uuid;
  k record;
begin
  -- one lock per user, in a fixed order, held to the end of the transaction
  for owner in select distinct (e ->> 'user_id')::uuid from jsonb_array_elements(p_keys) e
               where e ->> 'user_id' is not null order by 1 loop
    perform pg_advisory_xact_lock(hashtextextended('interview_stats:' || owner::text, 0));
  end loop;
  for k in select distinct (e ->> 'user_id')::uuid as user_id, e ->> 'status' as status,
                  e ->> 'interview_type' as interview_type, e ->> 'difficulty' as difficulty
           from jsonb_array_elements(p_keys) e where e ->> 'user_id' is not null loop
    delete from public.interview_stat_cells c
    where c.user_id = k.user_id and c.status = k.status and c.interview_type = k.interview_type
      and c.difficulty = k.difficulty;
    insert into public.interview_stat_cells
    select k.user_id, k.status, k.interview_type, k.difficulty, count(*), coalesce(sum(i.answered_count), 0),
           coalesce(sum((select count(*) from public.interview_answers a where a.interview_id = i.id and a.skipped)), 0),
           coalesce(sum(i.duration_seconds), 0), max(greatest(i.updated_at, i.completed_at, i.created_at)),
           sum(i.overall_score), count(i.overall_score), max(i.overall_score),
           sum(i.communication_score), count(i.communication_score), max(i.communication_score),
           sum(i.technical_score), count(i.technical_score), max(i.technical_score),
           sum(i.problem_solving_score), count(i.problem_solving_score), max(i.problem_solving_score),
           sum(i.code_quality_score), count(i.code_quality_score), max(i.code_quality_score)
    from public.interviews i
    where i.user_id = k.user_id and i.status = k.status and i.interview_type = k.interview_type
      and i.difficulty = k.difficulty
    having count(*) > 0;
  end loop;
  for k in select distinct (e ->> 'user_id')::uuid as user_id, (e ->> 'day')::date as day
           from jsonb_array_elements(p_keys) e where e ->> 'user_id' is not null and e ->> 'day' is not null loop
    delete from public.interview_stat_days d where d.user_id = k.user_id and d.day = k.day;
    insert into public.interview_stat_days
    select k.user_id, k.day, count(*)
    from public.interviews i
    where i.user_id = k.user_id and i.status = 'completed'
      and i.completed_at >= (k.day::timestamp at time zone 'utc')
      and i.completed_at < ((k.day + 1)::timestamp at time zone 'utc')
    having count(*) > 0;
  end loop;
end;
$$;

create or replace function public.interview_stats_key(i public.interviews)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object('user_id', i.user_id, 'status', i.status, 'interview_type', i.interview_type,
                            'difficulty', i.difficulty,
                            'day', case when i.status = 'completed' then (i.completed_at at time zone 'utc')::date end)
$$;

create or replace function public.interviews_stats_inserted()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  perform public.interview_stats_refresh(
    (select coalesce(jsonb_agg(distinct public.interview_stats_key(n)), '[]') from new_rows n));
  return null;
end;
$$;

create or replace function public.interviews_stats_updated()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  perform public.interview_stats_refresh((select coalesce(jsonb_agg(distinct k), '[]') from (
    select public.interview_stats_key(n) as k from new_rows n
    union all select public.interview_stats_key(o) from old_rows o) keys));
  return null;
end;
$$;

create or replace function public.interviews_stats_deleted()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  perform public.interview_stats_refresh(
    (select coalesce(jsonb_agg(distinct public.interview_stats_key(o)), '[]') from old_rows o));
  return null;
end;
$$;

-- skipped answers are counted per cell too
create or replace function public.interview_answers_stats_changed()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    perform public.interview_stats_refresh((select coalesce(jsonb_agg(distinct public.interview_stats_key(i)), '[]')
      from public.interviews i where i.id in (select n.interview_id from new_rows n where n.skipped)));
  elsif tg_op = 'UPDATE' then
    perform public.interview_stats_refresh((select coalesce(jsonb_agg(distinct public.interview_stats_key(i)), '[]')
      from public.interviews i where i.id in (
        select n.interview_id from new_rows n join old_rows o on o.id = n.id where n.skipped is distinct from o.skipped)));
  else
    perform public.interview_stats_refresh((select coalesce(jsonb_agg(distinct public.interview_stats_key(i)), '[]')
      from public.interviews i where i.id in (select o.interview_id from old_rows o where o.skipped)));
  end if;
  return null;
end;
$$;

create trigger interviews_stats_inserted after insert on public.interviews
  referencing new table as new_rows for each statement execute function public.interviews_stats_inserted();
create trigger interviews_stats_updated after update on public.interviews
  referencing new table as new_rows old table as old_rows
  for each statement execute function public.interviews_stats_updated();
create trigger interviews_stats_deleted after delete on public.interviews
  referencing old table as old_rows for each statement execute function public.interviews_stats_deleted();
create trigger interview_answers_stats_inserted after insert on public.interview_answers
  referencing new table as new_rows for each statement execute function public.interview_answers_stats_changed();
create trigger interview_answers_stats_updated after update on public.interview_answers
  referencing new table as new_rows old table as old_rows
  for each statement execute function public.interview_answers_stats_changed();
create trigger interview_answers_stats_deleted after delete on public.interview_answers
  referencing old table as old_rows for each statement execute function public.interview_answers_stats_changed();

-- what is already there
select public.interview_stats_refresh(coalesce(jsonb_agg(distinct public.interview_stats_key(i)), '[]'))
from public.interviews i where i.user_id is not null;

revoke execute on function public.interview_stats_refresh(jsonb) from public, anon, authenticated;
revoke execute on function public.interview_stats_key(public.interviews) from public, anon, authenticated;
revoke execute on function public.interviews_stats_inserted() from public, anon, authenticated;
revoke execute on function public.interviews_stats_updated() from public, anon, authenticated;
revoke execute on function public.interviews_stats_deleted() from public, anon, authenticated;
revoke execute on function public.interview_answers_stats_changed() from public, anon, authenticated;

-- Statistics ---------------------------------------------------------------------------------------
-- Averages and bests are over completed interviews (as interview_statistics); streaks count UTC
-- days with a completed interview (current: the last such day is today or yesterday); weeks start
-- on Monday (UTC), the last 12 including this one, empty weeks included.
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
  'time_spent_seconds', t.seconds,
  'current_streak', s.current,
  'longest_streak', s.longest,
  'weekly_trend', tr.rows,
  'top_skill_gaps', g.rows,
  'last_activity_at', t.last_activity_at
)
from totals t, statuses st, by_type bt, by_difficulty bd, streaks s, trend tr, gaps g;
$$;

-- Open skill gaps: one entry per skill (any case) not resolved since it was last seen. Resolved, as
-- GET /api/skill-gaps decides it (services/coaching.py): after the gap was last seen (its interview's
-- completed_at), the user completed an interview in which they answered, not skipped, a question
-- probing the skill (one of the asked question's skills, or the answer's category) without recording it.
create or replace function public.history_open_skill_gaps(p_user_id uuid, p_limit integer)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
with seen as (
  select g.skill_key, g.skill, g.severity, g.evidence, g.recommendation, g.resources, g.interview_id,
         coalesce(i.completed_at, g.created_at) as seen_at, g.created_at, g.id
  from public.skill_gaps g
  join public.interviews i on i.id = g.interview_id
  where g.user_id = p_user_id
),
per_skill as (
  select s.skill_key, count(*)::integer as times_seen,
         (array_agg(s.skill order by s.seen_at desc, s.created_at desc, s.id desc))[1] as skill,
         (array_agg(s.severity order by s.seen_at desc, s.created_at desc, s.id desc))[1] as latest_severity,
         (array_agg(s.interview_id order by s.seen_at desc, s.created_at desc, s.id desc))[1] as interview_id,
         (array_agg(s.evidence order by s.seen_at desc, s.created_at desc, s.id desc))[1] as evidence,
         (array_agg(s.recommendation order by s.seen_at desc, s.created_at desc, s.id desc))[1] as recommendation,
         (array_agg(s.resources order by s.seen_at desc, s.created_at desc, s.id desc))[1] as resources,
         max(s.seen_at) as last_seen_at
  from seen s
  group by s.skill_key
)
select coalesce(jsonb_agg(to_jsonb(o) - 'rank' order by o.rank desc, o.times_seen desc, o.last_seen_at desc, o.skill_key),
                '[]'::jsonb)
from (
  select p.skill, p.skill_key, p.latest_severity, p.times_seen, p.last_seen_at, p.interview_id, p.evidence,
         p.recommendation, p.resources,
         array_position(array['low', 'medium', 'high', 'critical'], p.latest_severity) as rank
  from per_skill p
  where not exists (
    select 1
    from public.interviews later
    join public.interview_answers a on a.interview_id = later.id
    left join public.questions q on q.id = a.question_id
    where later.user_id = p_user_id and later.status = 'completed' and later.completed_at > p.last_seen_at
      and not a.skipped and btrim(coalesce(a.answer_text, '')) <> ''
      and (lower(btrim(a.category, ' ')) = p.skill_key
           or exists (select 1 from unnest(q.skills) as k(skill) where lower(btrim(k.skill, ' ')) = p.skill_key))
      and not exists (select 1 from public.skill_gaps again
                      where again.interview_id = later.id and again.skill_key = p.skill_key)
  )
  order by rank desc, p.times_seen desc, p.last_seen_at desc, p.skill_key
  limit greatest(coalesce(p_limit, 3), 0)
) o;
$$;

create or replace function public.history_dashboard(p_user_id uuid, p_recent integer, p_gaps integer)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
select jsonb_build_object(
  'statistics', public.history_statistics(p_user_id),
  'recent_interviews', public.interview_history(p_user_id, '{}'::jsonb, '-created_at', p_recent, 0) -> 'results',
  'resumes', (select coalesce(jsonb_agg(jsonb_build_object(
                'id', r.id, 'file_name', r.file_name, 'content_type', r.content_type, 'size_bytes', r.size_bytes,
                'page_count', r.page_count, 'parser', r.parser, 'created_at', r.created_at,
                'updated_at', r.updated_at) order by r.created_at desc, r.id desc), '[]'::jsonb)
              from public.resumes r where r.user_id = p_user_id),
  'open_skill_gaps', public.history_open_skill_gaps(p_user_id, p_gaps)
);
$$;

-- The progress chart: the latest p_limit completed interviews with an overall score, oldest first.
create or replace function public.history_progress(p_user_id uuid, p_limit integer)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
select coalesce(jsonb_agg(to_jsonb(p) order by p.completed_at, p.id), '[]'::jsonb)
from (
  select i.id, i.completed_at, i.overall_score, i.communication_score, i.technical_score, i.problem_solving_score,
         i.code_quality_score
  from public.interviews i
  where i.user_id = p_user_id and i.status = 'completed' and i.overall_score is not null
  order by i.completed_at desc nulls last, i.created_at desc, i.id desc
  limit greatest(coalesce(p_limit, 100), 0)
) p;
$$;

-- Deleting an interview -----------------------------------------------------------------------------
-- Locks the user's interview, queues its objects (its recordings' paths, and whatever lies under
-- {user_id}/{interview_id}/ in the recordings and reports buckets), deletes it (messages, answers,
-- attempts, skill gaps, coverage and recording rows go by cascade) and answers the queued objects:
-- {outcome: deleted, objects: [{id, bucket, path}]}. An interview already deleted whose objects are
-- still queued answers {outcome: pending, objects}; otherwise {outcome: not_found}.
create or replace function public.interview_delete(p_user_id uuid, p_interview_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  iv public.interviews;
  prefix text := p_user_id::text || '/' || p_interview_id::text || '/';
begin
  if p_user_id is null then
    raise exception 'p_user_id is required' using errcode = '22004';
  end if;
  select * into iv from public.interviews i where i.id = p_interview_id and i.user_id = p_user_id for update;
  if iv.id is not null then
    insert into public.storage_deletions (user_id, interview_id, bucket, path)
    select p_user_id, p_interview_id, 'interview-recordings', r.storage_path
    from public.recordings r where r.interview_id = p_interview_id
    union
    select p_user_id, p_interview_id, o.bucket_id, o.name
    from storage.objects o
    where o.bucket_id in ('interview-recordings', 'reports') and left(o.name, char_length(prefix)) = prefix
    on conflict (bucket, path) do nothing;
    delete from public.interviews i where i.id = p_interview_id;
  end if;
  return jsonb_build_object(
    'outcome', case when iv.id is not null then 'deleted'
                    when exists (select 1 from public.storage_deletions d
                                 where d.user_id = p_user_id and d.interview_id = p_interview_id) then 'pending'
                    else 'not_found' end,
    'objects', coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'bucket', d.bucket, 'path', d.path)
                                          order by d.bucket, d.path)
                         from public.storage_deletions d
                         where d.user_id = p_user_id and d.interview_id = p_interview_id), '[]'::jsonb));
end;
$$;

-- After Storage removed them (p_done), or failed to (p_failed, with the error): forget or count.
create or replace function public.storage_deletions_done(p_user_id uuid, p_done uuid[], p_failed uuid[],
                                                         p_error text)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  removed integer;
  kept integer;
begin
  delete from public.storage_deletions d where d.user_id = p_user_id and d.id = any(coalesce(p_done, '{}'));
  get diagnostics removed = row_count;
  update public.storage_deletions d set attempts = d.attempts + 1, last_error = left(p_error, 2000)
  where d.user_id = p_user_id and d.id = any(coalesce(p_failed, '{}'));
  get diagnostics kept = row_count;
  return jsonb_build_object('outcome', 'ok', 'removed', removed, 'pending', kept);
end;
$$;

revoke execute on function public.interview_history_sql(uuid, jsonb, text, integer, integer)
  from public, anon, authenticated;
revoke execute on function public.interview_history(uuid, jsonb, text, integer, integer)
  from public, anon, authenticated;
revoke execute on function public.history_statistics(uuid) from public, anon, authenticated;
revoke execute on function public.history_open_skill_gaps(uuid, integer) from public, anon, authenticated;
revoke execute on function public.history_dashboard(uuid, integer, integer) from public, anon, authenticated;
revoke execute on function public.history_progress(uuid, integer) from public, anon, authenticated;
revoke execute on function public.interview_delete(uuid, uuid) from public, anon, authenticated;
revoke execute on function public.storage_deletions_done(uuid, uuid[], uuid[], text)
  from public, anon, authenticated;
grant execute on function public.interview_history_sql(uuid, jsonb, text, integer, integer) to service_role;
grant execute on function public.interview_history(uuid, jsonb, text, integer, integer) to service_role;
grant execute on function public.history_statistics(uuid) to service_role;
grant execute on function public.history_open_skill_gaps(uuid, integer) to service_role;
grant execute on function public.history_dashboard(uuid, integer, integer) to service_role;
grant execute on function public.history_progress(uuid, integer) to service_role;
grant execute on function public.interview_delete(uuid, uuid) to service_role;
grant execute on function public.storage_deletions_done(uuid, uuid[], uuid[], text) to service_role;
