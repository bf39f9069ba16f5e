-- Scoring (issue 19): answers scored as their questions close, and retried attempts.
--
-- interview_answer_score stores one answer's score while its interview is still active
-- (finish_interview writes the rest at the end), so `end` is mostly an aggregation. A score
-- is only stored for an answer whose text is still the one scored (p_answer_text), so a
-- score can never describe words the candidate did not say.
--
-- answer_attempts keeps every retry of a question beside the original answer: same rubric
-- version, its own score; readable and deletable by the interview's owner, written by the API.

create or replace function public.interview_answer_score(p_user_id uuid, p_interview_id uuid, p_position integer,
                                                         p_answer_text text, p_score jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  iv public.interviews;
  updated public.interview_answers;
begin
  iv := public.interview_lock(p_user_id, p_interview_id);
  if iv.id is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if iv.status <> 'active' then
    return jsonb_build_object('outcome', 'finished', 'status', iv.status);
  end if;
  begin
    update public.interview_answers a set
      score = (p_score ->> 'score')::numeric,
      feedback = coalesce(p_score -> 'feedback', '{}'),
      evidence = coalesce(p_score -> 'evidence', '[]'),
      scoring_engine = p_score ->> 'scoring_engine',
      rubric_version = p_score ->> 'rubric_version',
      scored_at = now()
    where a.interview_id = iv.id and a.position = p_position and a.answer_text = p_answer_text and not a.skipped
    returning * into updated;
  exception when check_violation or not_null_violation or invalid_text_representation then
    raise exception 'invalid answer score: %', sqlerrm using errcode = '22023';
  end;
  if updated.id is null then
    return jsonb_build_object('outcome', 'stale');
  end if;
  return jsonb_build_object('outcome', 'scored', 'position', updated.position, 'score', updated.score);
end;
$$;

revoke execute on function public.interview_answer_score(uuid, uuid, integer, text, jsonb)
  from public, anon, authenticated;
grant execute on function public.interview_answer_score(uuid, uuid, integer, text, jsonb) to service_role;

create table public.answer_attempts (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null references public.interviews (id) on delete cascade,
  answer_id uuid not null,
  position integer not null,
  attempt integer not null,
  content text not null,
  score numeric(5, 2) not null,
  feedback jsonb not null default '{}'::jsonb,
  evidence jsonb not null default '[]'::jsonb,
  scoring_engine text not null,
  rubric_version text not null,
  created_at timestamptz not null default now(),
  constraint answer_attempts_answer_fkey foreign key (interview_id, answer_id)
    references public.interview_answers (interview_id, id) on delete cascade,
  constraint answer_attempts_attempt_key unique (answer_id, attempt),
  constraint answer_attempts_attempt_range check (attempt between 1 and 100),
  constraint answer_attempts_content_length check (char_length(content) between 1 and 20000),
  constraint answer_attempts_score_range check (score between 0 and 100),
  constraint answer_attempts_feedback_is_object check (jsonb_typeof(feedback) = 'object'),
  constraint answer_attempts_evidence_is_array check (jsonb_typeof(evidence) = 'array')
);

comment on table public.answer_attempts is
  'Retries of an interview question, each scored with the rubric version of the original answer.';

create index answer_attempts_interview_idx on public.answer_attempts (interview_id, position, attempt);

alter table public.answer_attempts enable row level security;
revoke all on public.answer_attempts from anon, authenticated;
grant select, delete on public.answer_attempts to authenticated;
grant all on public.answer_attempts to service_role;

create policy "answer_attempts: interview owner reads" on public.answer_attempts
  for select to authenticated
  using (exists (select 1 from public.interviews i where i.id = interview_id and i.user_id = (select auth.uid())));
create policy "answer_attempts: interview owner deletes" on public.answer_attempts
  for delete to authenticated
  using (exists (select 1 from public.interviews i where i.id = interview_id and i.user_id = (select auth.uid())));

-- the next attempt number is taken under the answer's row lock, so two retries never collide
create or replace function public.answer_attempt_add(p_user_id uuid, p_interview_id uuid, p_position integer,
                                                     p_attempt jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  answer public.interview_answers;
  added public.answer_attempts;
begin
  select a.* into answer from public.interview_answers a join public.interviews i on i.id = a.interview_id
  where a.interview_id = p_interview_id and a.position = p_position and i.user_id = p_user_id
  for update of a;
  if answer.id is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  insert into public.answer_attempts (interview_id, answer_id, position, attempt, content, score, feedback, evidence,
                                      scoring_engine, rubric_version)
  values (p_interview_id, answer.id, p_position,
          coalesce((select max(attempt) from public.answer_attempts where answer_id = answer.id), 0) + 1,
          p_attempt ->> 'content', (p_attempt ->> 'score')::numeric, coalesce(p_attempt -> 'feedback', '{}'),
          coalesce(p_attempt -> 'evidence', '[]'), p_attempt ->> 'scoring_engine', p_attempt ->> 'rubric_version')
  returning * into added;
  return jsonb_build_object('outcome', 'added', 'attempt', to_jsonb(added));
end;
$$;

revoke execute on function public.answer_attempt_add(uuid, uuid, integer, jsonb) from public, anon, authenticated;
grant execute on function public.answer_attempt_add(uuid, uuid, integer, jsonb) to service_role;
