-- Recruiter mode (issue 22, seed 003): interviewers schedule interviews for their candidates.
--
-- * interviewers: a signed-in user's interviewer profile(s) (seed 003's Interviewer).
-- * students: the user's candidates, one per e-mail address (seed 003's Student).
-- * A scheduled interview is an `interviews` row with scheduled_by (the scheduling user, who
--   owns it: it is deleted with their account), the interviewer profile, the student, their
--   e-mail, a description and a duration. Its user_id stays null: it is not part of anyone's
--   practice history or statistics, and its candidate never reads the row itself (it carries the
--   interviewer's plan, rubrics and job description). candidate_id records the signed-in
--   candidate who accepted it (matched by verified e-mail); the API shows them their interview
--   without those parts, and RLS lets them read only its conversation.
-- * interview_invitations: the candidate's link. Only a SHA-256 hash of the token is stored;
--   one live invitation per interview (reissuing revokes the previous one).
-- * questions.session_id: questions an interviewer wrote for one session, in session_order;
--   they stay private to the interviewer (expected answers are never shown to candidates).
-- * The interview engine's functions find an interview by its owner: the user for a practice
--   interview, the scheduling user for a scheduled one (interview_lock, interview_delete).

-- interviewers ----------------------------------------------------------------------------------
create table public.interviewers (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  name text not null,
  email text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint interviewers_name_length check (char_length(btrim(name)) between 1 and 200),
  constraint interviewers_email_format check (email ~ '^[^@\s]+@[^@\s]+$' and char_length(email) <= 320),
  constraint interviewers_id_user_key unique (id, user_id)
);

comment on table public.interviewers is 'Interviewer profiles of a signed-in user (seed 003).';
create index interviewers_user_created_idx on public.interviewers (user_id, created_at);

-- students --------------------------------------------------------------------------------------
create table public.students (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id) on delete cascade,
  name text not null,
  email text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint students_name_length check (char_length(btrim(name)) between 1 and 200),
  constraint students_email_format check (email ~ '^[^@\s]+@[^@\s]+$' and char_length(email) <= 320),
  constraint students_id_owner_key unique (id, owner_id)
);

comment on table public.students is 'A user''s candidates (seed 003''s students); one per e-mail address.';
create unique index students_owner_email_key on public.students (owner_id, lower(email));
create index students_owner_created_idx on public.students (owner_id, created_at);

create trigger interviewers_set_updated_at before update on public.interviewers
  for each row execute function public.set_updated_at();
create trigger students_set_updated_at before update on public.students
  for each row execute function public.set_updated_at();

-- scheduled interviews --------------------------------------------------------------------------
alter table public.interviews drop constraint interviews_scheduled_by_fkey;
alter table public.interviews
  add constraint interviews_scheduled_by_fkey
    foreign key (scheduled_by) references auth.users (id) on delete cascade,
  add column interviewer_id uuid,
  add column student_id uuid,
  add column candidate_id uuid references auth.users (id) on delete set null,
  add column description text,
  add column duration_minutes integer,
  -- the interviewer profile and the student are the scheduling user's own
  add constraint interviews_interviewer_fkey foreign key (interviewer_id, scheduled_by)
    references public.interviewers (id, user_id) on delete set null (interviewer_id),
  add constraint interviews_student_fkey foreign key (student_id, scheduled_by)
    references public.students (id, owner_id) on delete set null (student_id),
  add constraint interviews_scheduled_have_no_owner check (scheduled_by is null or user_id is null),
  add constraint interviews_recruiter_fields_need_scheduler check (
    scheduled_by is not null
    or num_nonnulls(interviewer_id, student_id, candidate_id, description, duration_minutes) = 0),
  add constraint interviews_description_length check (char_length(description) <= 5000),
  add constraint interviews_duration_minutes_range check (duration_minutes between 5 and 180);

comment on column public.interviews.candidate_id is
  'The signed-in candidate who accepted a scheduled interview (matched by verified e-mail).';
create index interviews_candidate_idx on public.interviews (candidate_id, created_at desc)
  where candidate_id is not null;
create index interviews_student_idx on public.interviews (student_id, scheduled_by) where student_id is not null;
create index interviews_interviewer_idx on public.interviews (interviewer_id, scheduled_by)
  where interviewer_id is not null;

-- session questions -----------------------------------------------------------------------------
alter table public.questions
  add column session_id uuid references public.interviews (id) on delete cascade,
  add column session_order integer,
  add constraint questions_session_private check (session_id is null or (not is_public and owner_id is not null)),
  add constraint questions_session_order_range check (session_order between 0 and 1000);

create index questions_session_idx on public.questions (session_id, session_order) where session_id is not null;

-- invitations -----------------------------------------------------------------------------------
create table public.interview_invitations (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null references public.interviews (id) on delete cascade,
  created_by uuid not null references auth.users (id) on delete cascade,
  token_hash text not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  emailed_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  constraint interview_invitations_token_hash_key unique (token_hash),
  constraint interview_invitations_token_hash_format check (token_hash ~ '^[0-9a-f]{64}$'),
  constraint interview_invitations_expiry check (expires_at > created_at)
);

comment on table public.interview_invitations is
  'A candidate''s link to one scheduled interview: the SHA-256 of its token, expiry and revocation.';
create unique index interview_invitations_live_key on public.interview_invitations (interview_id)
  where revoked_at is null;

-- privileges and row level security ----------------------------------------------------------------
alter table public.interviewers enable row level security;
alter table public.students enable row level security;
alter table public.interview_invitations enable row level security;

revoke all on public.interviewers, public.students, public.interview_invitations from anon, authenticated;
grant select, delete on public.interviewers, public.students to authenticated;
grant insert (user_id, name, email), update (name, email) on public.interviewers to authenticated;
grant insert (owner_id, name, email), update (name, email) on public.students to authenticated;
grant select on public.interview_invitations to authenticated;
grant all on public.interviewers, public.students, public.interview_invitations to service_role;

create policy "interviewers: owner reads" on public.interviewers
  for select to authenticated using (user_id = (select auth.uid()));
create policy "interviewers: owner inserts" on public.interviewers
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "interviewers: owner updates" on public.interviewers
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "interviewers: owner deletes" on public.interviewers
  for delete to authenticated using (user_id = (select auth.uid()));

create policy "students: owner reads" on public.students
  for select to authenticated using (owner_id = (select auth.uid()));
create policy "students: owner inserts" on public.students
  for insert to authenticated with check (owner_id = (select auth.uid()));
create policy "students: owner updates" on public.students
  for update to authenticated using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
create policy "students: owner deletes" on public.students
  for delete to authenticated using (owner_id = (select auth.uid()));

create policy "interview_invitations: scheduler reads" on public.interview_invitations
  for select to authenticated using (created_by = (select auth.uid()));

-- The scheduling user reads the interview and everything it produced; writes go through the API.
create policy "interviews: scheduler reads" on public.interviews
  for select to authenticated using (scheduled_by = (select auth.uid()));
create policy "interview_answers: scheduler reads" on public.interview_answers
  for select to authenticated
  using (interview_id in (select i.id from public.interviews i where i.scheduled_by = (select auth.uid())));
create policy "interview_messages: scheduler reads" on public.interview_messages
  for select to authenticated
  using (interview_id in (select i.id from public.interviews i where i.scheduled_by = (select auth.uid())));
create policy "recordings: scheduler reads" on public.recordings
  for select to authenticated
  using (interview_id in (select i.id from public.interviews i where i.scheduled_by = (select auth.uid())));
create policy "interview_coverage: scheduler reads" on public.interview_coverage
  for select to authenticated
  using (interview_id in (select i.id from public.interviews i where i.scheduled_by = (select auth.uid())));
create policy "skill_gaps: scheduler reads" on public.skill_gaps
  for select to authenticated
  using (interview_id in (select i.id from public.interviews i where i.scheduled_by = (select auth.uid())));
create policy "answer_attempts: scheduler reads" on public.answer_attempts
  for select to authenticated
  using (interview_id in (select i.id from public.interviews i where i.scheduled_by = (select auth.uid())));

-- The candidate who accepted a scheduled interview reads its conversation, and nothing else of it.
-- The interview row itself is hidden from them, so the policy takes the ids from a definer
-- function, kept out of the API's schemas (as Supabase advises for such helpers).
create schema if not exists private;
revoke all on schema private from public, anon;
grant usage on schema private to authenticated, service_role;

create or replace function private.interviews_taken_by_caller()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select i.id from public.interviews i where i.candidate_id = (select auth.uid());
$$;

revoke execute on function private.interviews_taken_by_caller() from public, anon;
grant execute on function private.interviews_taken_by_caller() to authenticated, service_role;

create policy "interview_messages: candidate reads" on public.interview_messages
  for select to authenticated using (interview_id in (select private.interviews_taken_by_caller()));

-- The engine's lookups: a practice interview by its user, a scheduled one by its scheduler ----------
create or replace function public.interview_lock(p_user_id uuid, p_interview_id uuid)
returns public.interviews
language sql
security invoker
set search_path = ''
as $$
  select * from public.interviews
  where id = p_interview_id and (user_id = p_user_id or scheduled_by = p_user_id)
  for update;
$$;

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
  iv := public.interview_lock(p_user_id, p_interview_id);
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

-- scheduled_interview_start: the plan, the opening question and status active, all at once ----------
-- p_plan as interview_create's; p_state the whole engine state. Outcomes: started, conflict
-- (with the status; only a scheduled interview starts), not_found.
create or replace function public.scheduled_interview_start(p_user_id uuid, p_interview_id uuid, p_plan jsonb,
                                                            p_state jsonb, p_message jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  iv public.interviews;
  first_answer public.interview_answers;
  msg public.interview_messages;
begin
  if jsonb_typeof(p_plan) is distinct from 'array' or jsonb_array_length(p_plan) = 0
     or jsonb_typeof(p_state) is distinct from 'object' then
    raise exception 'scheduled_interview_start needs a non-empty plan and a state' using errcode = '22023';
  end if;
  iv := public.interview_lock(p_user_id, p_interview_id);
  if iv.id is null or iv.scheduled_by is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if iv.status <> 'scheduled' then
    return jsonb_build_object('outcome', 'conflict', 'status', iv.status);
  end if;
  insert into public.interview_answers (interview_id, position, question_id, question_text, question_type, category,
                                        asked_at)
  select iv.id, (q ->> 'position')::integer, (q ->> 'question_id')::uuid, q ->> 'question_text',
         q ->> 'question_type', q ->> 'category', case when (q ->> 'position')::integer = 1 then now() end
  from jsonb_array_elements(p_plan) q;
  select * into first_answer from public.interview_answers where interview_id = iv.id and position = 1;
  insert into public.interview_messages (interview_id, role, content, answer_id, question_id, metadata)
  values (iv.id, 'interviewer', p_message ->> 'content', first_answer.id, first_answer.question_id,
          coalesce(p_message -> 'metadata', '{}'))
  returning * into msg;
  update public.interviews
  set status = 'active', started_at = now(), engine_state = p_state, planned_questions = jsonb_array_length(p_plan)
  where id = iv.id
  returning * into iv;
  return jsonb_build_object('outcome', 'started', 'interview', to_jsonb(iv),
                            'message', public.interview_message_json(msg));
end;
$$;

-- interview_invitation_issue: revoke the live invitation (if any) and store the new one ------------
-- Outcomes: issued (with the invitation), conflict (the interview is over), not_found.
create or replace function public.interview_invitation_issue(p_user_id uuid, p_interview_id uuid,
                                                             p_token_hash text, p_expires_at timestamptz)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  iv public.interviews;
  invitation public.interview_invitations;
begin
  iv := public.interview_lock(p_user_id, p_interview_id);
  if iv.id is null or iv.scheduled_by is distinct from p_user_id then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if iv.status not in ('scheduled', 'active') then
    return jsonb_build_object('outcome', 'conflict', 'status', iv.status);
  end if;
  update public.interview_invitations set revoked_at = now()
  where interview_id = iv.id and revoked_at is null;
  insert into public.interview_invitations (interview_id, created_by, token_hash, expires_at)
  values (iv.id, p_user_id, p_token_hash, p_expires_at)
  returning * into invitation;
  return jsonb_build_object('outcome', 'issued', 'invitation', to_jsonb(invitation) - 'token_hash');
end;
$$;

revoke execute on function public.scheduled_interview_start(uuid, uuid, jsonb, jsonb, jsonb)
  from public, anon, authenticated;
revoke execute on function public.interview_invitation_issue(uuid, uuid, text, timestamptz)
  from public, anon, authenticated;
grant execute on function public.scheduled_interview_start(uuid, uuid, jsonb, jsonb, jsonb) to service_role;
grant execute on function public.interview_invitation_issue(uuid, uuid, text, timestamptz) to service_role;

-- History lists the scheduled interviews a candidate accepted beside their own; the search never
-- looks into a scheduled interview's job description (the interviewer's, not shown to candidates).
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
  -- the user's own interviews, and the scheduled ones they accepted as the candidate
  cond := format('(i.user_id = %1$L::uuid or i.candidate_id = %1$L::uuid)', p_user_id);
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
      ' and (coalesce(i.title, '''') || E''\n'' || i.job_role || E''\n'' || coalesce(case when i.scheduled_by is null then i.job_description end, ''''))'
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

