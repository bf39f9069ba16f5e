-- The question bank's listing order, and saving a finished interview in one transaction
-- (seed 001's POST /api/interviews/save).

-- questions: GET /api/questions lists newest first (id breaks ties); the public bank is what
-- anonymous callers page through, the owner index already serves a user's own rows.
create index questions_public_created_idx on public.questions (created_at desc, id desc) where is_public;

-- save_interview: a finished interview as the client scored it, with its conversation.
-- The interview row (status completed, completed_at now) and every interview_messages row
-- are written together or not at all. Called by the API over RPC with the service key only.
--
-- p_user_id       the owner (from the caller's verified token), or null for an anonymous save
-- p_interview     a JSON object:
--   job_role, experience_level, interview_type   required
--   title, planned_questions, feedback            optional (feedback a JSON object)
--   overall_score, communication_score, technical_score   numbers 0-100 or null
--   scoring_engine, rubric_version                 required when any score is given
-- p_conversation  a JSON array (at most 200) of {role: 'interviewer' | 'candidate', content: text},
--                 stored in this order; answered_count = the number of candidate messages
-- Bad input raises 22023 (invalid_parameter_value).

create or replace function public.save_interview(p_user_id uuid, p_interview jsonb, p_conversation jsonb)
returns public.interviews
language plpgsql
security invoker
set search_path = ''
as $$
declare
  score_keys constant text[] := array['overall_score', 'communication_score', 'technical_score'];
  allowed_keys constant text[] := score_keys || array['job_role', 'experience_level', 'interview_type',
    'title', 'planned_questions', 'feedback', 'scoring_engine', 'rubric_version'];
  max_messages constant integer := 200;
  engine text := nullif(btrim(p_interview ->> 'scoring_engine'), '');
  rubric text := nullif(btrim(p_interview ->> 'rubric_version'), '');
  has_scores boolean := false;
  score_key text;
  element jsonb;
  idx integer;
  unknown text;
  candidate_messages integer := 0;
  saved public.interviews;
begin
  -- shape of the request ------------------------------------------------------------------
  if p_interview is null or jsonb_typeof(p_interview) <> 'object' then
    raise exception 'p_interview must be a JSON object' using errcode = '22023';
  end if;
  select string_agg(k, ', ' order by k) into unknown
  from jsonb_object_keys(p_interview) k where k <> all (allowed_keys);
  if unknown is not null then
    raise exception 'unknown field(s) in p_interview: %', unknown using errcode = '22023';
  end if;
  if jsonb_typeof(p_interview -> 'job_role') is distinct from 'string'
     or jsonb_typeof(p_interview -> 'experience_level') is distinct from 'string'
     or jsonb_typeof(p_interview -> 'interview_type') is distinct from 'string' then
    raise exception 'job_role, experience_level and interview_type are required strings' using errcode = '22023';
  end if;
  if jsonb_typeof(coalesce(p_interview -> 'feedback', '{}')) <> 'object' then
    raise exception 'feedback must be a JSON object' using errcode = '22023';
  end if;
  if p_interview ? 'planned_questions' and (
       jsonb_typeof(p_interview -> 'planned_questions') <> 'number'
       or (p_interview ->> 'planned_questions')::numeric
          <> trunc((p_interview ->> 'planned_questions')::numeric)) then
    raise exception 'planned_questions must be an integer' using errcode = '22023';
  end if;

  foreach score_key in array score_keys loop
    element := p_interview -> score_key;
    continue when element is null or jsonb_typeof(element) = 'null';
    if jsonb_typeof(element) <> 'number' or element::text::numeric not between 0 and 100 then
      raise exception '% must be a number between 0 and 100', score_key using errcode = '22023';
    end if;
    has_scores := true;
  end loop;
  if has_scores and (engine is null or rubric is null) then
    raise exception 'scoring_engine and rubric_version are required with scores' using errcode = '22023';
  end if;

  if p_conversation is null or jsonb_typeof(p_conversation) <> 'array' then
    raise exception 'p_conversation must be a JSON array' using errcode = '22023';
  end if;
  if jsonb_array_length(p_conversation) > max_messages then
    raise exception 'p_conversation holds more than % messages', max_messages using errcode = '22023';
  end if;
  idx := 0;
  for element in select value from jsonb_array_elements(p_conversation) loop
    idx := idx + 1;
    if jsonb_typeof(element) <> 'object' then
      raise exception 'p_conversation[%] must be a JSON object', idx using errcode = '22023';
    end if;
    select string_agg(k, ', ' order by k) into unknown
    from jsonb_object_keys(element) k where k <> all (array['role', 'content']);
    if unknown is not null then
      raise exception 'unknown field(s) in p_conversation[%]: %', idx, unknown using errcode = '22023';
    end if;
    if (element ->> 'role') is null or (element ->> 'role') not in ('interviewer', 'candidate') then
      raise exception 'p_conversation[%].role must be interviewer or candidate', idx using errcode = '22023';
    end if;
    if jsonb_typeof(element -> 'content') is distinct from 'string' then
      raise exception 'p_conversation[%].content must be a string', idx using errcode = '22023';
    end if;
    if element ->> 'role' = 'candidate' then
      candidate_messages := candidate_messages + 1;
    end if;
  end loop;

  -- the writes ------------------------------------------------------------------------------
  begin
    insert into public.interviews (
      user_id, title, job_role, experience_level, interview_type, status, planned_questions,
      answered_count, feedback, overall_score, communication_score, technical_score,
      scoring_engine, rubric_version, scored_at, completed_at
    )
    values (
      p_user_id,
      p_interview ->> 'title',
      p_interview ->> 'job_role',
      p_interview ->> 'experience_level',
      p_interview ->> 'interview_type',
      'completed',
      coalesce((p_interview ->> 'planned_questions')::integer, greatest(1, least(50, candidate_messages))),
      candidate_messages,
      coalesce(p_interview -> 'feedback', '{}'),
      (p_interview ->> 'overall_score')::numeric,
      (p_interview ->> 'communication_score')::numeric,
      (p_interview ->> 'technical_score')::numeric,
      case when has_scores then engine end,
      case when has_scores then rubric end,
      case when has_scores then now() end,
      now()
    )
    returning * into saved;

    -- one insert per message, in the conversation's order, so seq follows it
    for element in select value from jsonb_array_elements(p_conversation) with ordinality as m(value, n)
                   order by n loop
      insert into public.interview_messages (interview_id, role, content)
      values (saved.id, element ->> 'role', element ->> 'content');
    end loop;
  exception
    when check_violation or not_null_violation or foreign_key_violation or unique_violation
      or invalid_text_representation or datatype_mismatch or numeric_value_out_of_range
      or string_data_right_truncation then
      raise exception 'invalid interview: %', sqlerrm using errcode = '22023';
  end;

  return saved;
end;
$$;

comment on function public.save_interview(uuid, jsonb, jsonb) is
  'Saves a finished interview and its conversation atomically (seed 001). Service role only.';

revoke execute on function public.save_interview(uuid, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.save_interview(uuid, jsonb, jsonb) to service_role;
