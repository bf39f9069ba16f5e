-- Submitted code is an answer (issue 23, what remained): an interview's answered_count counts the
-- questions answered in words or with submitted code (not skipped), so a coding question whose code
-- was submitted but never discussed is answered, as its score says. One function counts them;
-- interview_reply and finish_interview, which keep answered_count, are redefined whole to use it
-- (unchanged otherwise: see 20261201150000_interview_engine.sql and 20261123190600_finish_interview.sql).

create or replace function public.interview_answered_count(p_interview_id uuid)
returns integer
language sql
stable
security invoker
set search_path = ''
as $$
  select count(*)::integer from public.interview_answers a
  where a.interview_id = p_interview_id and not a.skipped
    and (coalesce(btrim(a.answer_text), '') <> '' or exists (
      select 1 from public.code_submissions s where s.interview_id = a.interview_id and s.position = a.position));
$$;

revoke execute on function public.interview_answered_count(uuid) from public, anon, authenticated;
grant execute on function public.interview_answered_count(uuid) to service_role;

-- interview_reply -----------------------------------------------------------------------------
create or replace function public.interview_reply(p_user_id uuid, p_interview_id uuid,
                                                  p_answer_message_id uuid, p_message jsonb,
                                                  p_state jsonb, p_answers jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  iv public.interviews;
  target public.interview_answers;
  msg public.interview_messages;
  existing public.interview_messages;
begin
  iv := public.interview_lock(p_user_id, p_interview_id);
  if iv.id is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if iv.status <> 'active' or iv.engine_state -> 'pending' ->> 'message_id' is distinct from p_answer_message_id::text then
    select * into existing from public.interview_messages
    where interview_id = iv.id and metadata ->> 'reply_to' = p_answer_message_id::text
    order by seq limit 1;
    return jsonb_build_object('outcome', 'superseded', 'status', iv.status,
                              'reply', case when existing.id is null then null
                                            else public.interview_message_json(existing) end);
  end if;
  update public.interview_answers a set
    follow_up_count = coalesce((e ->> 'follow_up_count')::integer, a.follow_up_count),
    asked_at = case when (e ->> 'ask')::boolean then coalesce(a.asked_at, now()) else a.asked_at end
  from jsonb_array_elements(coalesce(p_answers, '[]')) e
  where a.interview_id = iv.id and a.position = (e ->> 'position')::integer;
  select * into target from public.interview_answers
  where interview_id = iv.id and position = (p_state ->> 'current')::integer;
  insert into public.interview_messages (interview_id, role, content, answer_id, question_id, metadata)
  values (iv.id, 'interviewer', p_message ->> 'content', target.id, target.question_id,
          coalesce(p_message -> 'metadata', '{}') || jsonb_build_object('reply_to', p_answer_message_id))
  returning * into msg;
  update public.interviews set engine_state = (p_state - 'pending'),
    answered_count = public.interview_answered_count(iv.id)
  where id = iv.id;
  return jsonb_build_object('outcome', 'recorded', 'message', public.interview_message_json(msg));
end;
$$;

-- finish_interview ----------------------------------------------------------------------------
create or replace function public.finish_interview(p_interview_id uuid, p_result jsonb)
returns public.interviews
language plpgsql
security invoker
set search_path = ''
as $$
declare
  score_keys constant text[] := array['overall_score', 'communication_score', 'technical_score',
                                      'problem_solving_score', 'code_quality_score'];
  allowed_keys constant text[] := score_keys || array['status', 'scoring_engine', 'rubric_version',
    'feedback', 'delivery_metrics', 'duration_seconds', 'started_at', 'completed_at',
    'answers', 'skill_gaps', 'coverage'];
  answer_keys constant text[] := array['position', 'question_text', 'question_type', 'category',
    'question_id', 'answer_text', 'skipped', 'score', 'feedback', 'evidence', 'delivery_metrics',
    'follow_up_count', 'asked_at', 'answered_at', 'scoring_engine', 'rubric_version'];
  gap_keys constant text[] := array['skill', 'severity', 'evidence', 'recommendation', 'resources',
    'answer_position'];
  coverage_keys constant text[] := array['source', 'item', 'status', 'evidence', 'answer_position'];
  current_row public.interviews;
  new_status text;
  engine text := nullif(btrim(p_result ->> 'scoring_engine'), '');
  rubric text := nullif(btrim(p_result ->> 'rubric_version'), '');
  has_scores boolean := false;
  score_key text;
  element jsonb;
  idx integer;
  unknown text;
  finished_at timestamptz;
  began_at timestamptz;
begin
  -- shape of the request ------------------------------------------------------------
  if p_interview_id is null then
    raise exception 'p_interview_id is required' using errcode = '22023';
  end if;
  if p_result is null or jsonb_typeof(p_result) <> 'object' then
    raise exception 'p_result must be a JSON object' using errcode = '22023';
  end if;
  select string_agg(k, ', ' order by k) into unknown
  from jsonb_object_keys(p_result) k where k <> all (allowed_keys);
  if unknown is not null then
    raise exception 'unknown field(s) in p_result: %', unknown using errcode = '22023';
  end if;

  new_status := coalesce(p_result ->> 'status', 'completed');
  if new_status not in ('completed', 'abandoned') then
    raise exception 'status must be completed or abandoned, not %', new_status using errcode = '22023';
  end if;

  foreach score_key in array score_keys loop
    element := p_result -> score_key;
    continue when element is null or jsonb_typeof(element) = 'null';
    if jsonb_typeof(element) <> 'number' or element::text::numeric not between 0 and 100 then
      raise exception '% must be a number between 0 and 100', score_key using errcode = '22023';
    end if;
    has_scores := true;
  end loop;
  if has_scores and (engine is null or rubric is null) then
    raise exception 'scoring_engine and rubric_version are required with scores' using errcode = '22023';
  end if;

  if jsonb_typeof(coalesce(p_result -> 'feedback', '{}')) <> 'object' then
    raise exception 'feedback must be a JSON object' using errcode = '22023';
  end if;
  if jsonb_typeof(coalesce(p_result -> 'delivery_metrics', '{}')) <> 'object' then
    raise exception 'delivery_metrics must be a JSON object' using errcode = '22023';
  end if;
  if p_result ? 'duration_seconds' and (
       jsonb_typeof(p_result -> 'duration_seconds') <> 'number'
       or (p_result ->> 'duration_seconds')::numeric < 0
       or (p_result ->> 'duration_seconds')::numeric <> trunc((p_result ->> 'duration_seconds')::numeric)) then
    raise exception 'duration_seconds must be a non-negative integer' using errcode = '22023';
  end if;
  if jsonb_typeof(coalesce(p_result -> 'answers', '[]')) <> 'array'
     or jsonb_typeof(coalesce(p_result -> 'skill_gaps', '[]')) <> 'array'
     or jsonb_typeof(coalesce(p_result -> 'coverage', '[]')) <> 'array' then
    raise exception 'answers, skill_gaps and coverage must be JSON arrays' using errcode = '22023';
  end if;

  begin
    finished_at := coalesce((p_result ->> 'completed_at')::timestamptz, now());
    began_at := (p_result ->> 'started_at')::timestamptz;
  exception when others then
    raise exception 'started_at and completed_at must be ISO 8601 timestamps' using errcode = '22023';
  end;

  idx := 0;
  for element in select value from jsonb_array_elements(coalesce(p_result -> 'answers', '[]')) loop
    idx := idx + 1;
    if jsonb_typeof(element) <> 'object' then
      raise exception 'answers[%] must be a JSON object', idx using errcode = '22023';
    end if;
    select string_agg(k, ', ' order by k) into unknown
    from jsonb_object_keys(element) k where k <> all (answer_keys);
    if unknown is not null then
      raise exception 'unknown field(s) in answers[%]: %', idx, unknown using errcode = '22023';
    end if;
    if jsonb_typeof(element -> 'position') is distinct from 'number'
       or (element ->> 'position')::numeric <> trunc((element ->> 'position')::numeric)
       or (element ->> 'position')::numeric < 1 then
      raise exception 'answers[%].position must be a positive integer', idx using errcode = '22023';
    end if;
    if element ? 'score' and jsonb_typeof(element -> 'score') <> 'null' then
      if jsonb_typeof(element -> 'score') <> 'number'
         or (element ->> 'score')::numeric not between 0 and 100 then
        raise exception 'answers[%].score must be a number between 0 and 100', idx using errcode = '22023';
      end if;
      if coalesce(nullif(btrim(element ->> 'scoring_engine'), ''), engine) is null
         or coalesce(nullif(btrim(element ->> 'rubric_version'), ''), rubric) is null then
        raise exception 'answers[%] has a score but no scoring_engine/rubric_version', idx
          using errcode = '22023';
      end if;
    end if;
  end loop;
  if (select count(distinct a ->> 'position') <> count(*)
      from jsonb_array_elements(coalesce(p_result -> 'answers', '[]')) a) then
    raise exception 'answers must not repeat a position' using errcode = '22023';
  end if;

  idx := 0;
  for element in select value from jsonb_array_elements(coalesce(p_result -> 'skill_gaps', '[]')) loop
    idx := idx + 1;
    if jsonb_typeof(element) <> 'object' then
      raise exception 'skill_gaps[%] must be a JSON object', idx using errcode = '22023';
    end if;
    select string_agg(k, ', ' order by k) into unknown
    from jsonb_object_keys(element) k where k <> all (gap_keys);
    if unknown is not null then
      raise exception 'unknown field(s) in skill_gaps[%]: %', idx, unknown using errcode = '22023';
    end if;
    if coalesce(btrim(element ->> 'skill'), '') = '' then
      raise exception 'skill_gaps[%].skill is required', idx using errcode = '22023';
    end if;
    if (element ->> 'severity') is null
       or (element ->> 'severity') not in ('low', 'medium', 'high', 'critical') then
      raise exception 'skill_gaps[%].severity must be one of low, medium, high, critical', idx
        using errcode = '22023';
    end if;
  end loop;

  idx := 0;
  for element in select value from jsonb_array_elements(coalesce(p_result -> 'coverage', '[]')) loop
    idx := idx + 1;
    if jsonb_typeof(element) <> 'object' then
      raise exception 'coverage[%] must be a JSON object', idx using errcode = '22023';
    end if;
    select string_agg(k, ', ' order by k) into unknown
    from jsonb_object_keys(element) k where k <> all (coverage_keys);
    if unknown is not null then
      raise exception 'unknown field(s) in coverage[%]: %', idx, unknown using errcode = '22023';
    end if;
    if (element ->> 'source') is null or (element ->> 'source') not in ('job_description', 'resume') then
      raise exception 'coverage[%].source must be job_description or resume', idx using errcode = '22023';
    end if;
    if coalesce(btrim(element ->> 'item'), '') = '' then
      raise exception 'coverage[%].item is required', idx using errcode = '22023';
    end if;
  end loop;

  -- state of the interview -------------------------------------------------------------
  select * into current_row from public.interviews where id = p_interview_id for update;
  if not found then
    raise exception 'interview % not found', p_interview_id using errcode = 'P0001';
  end if;
  if current_row.status = 'cancelled' then
    raise exception 'interview % was cancelled and cannot be finished', p_interview_id
      using errcode = 'P0001';
  end if;
  if current_row.status in ('completed', 'abandoned') and current_row.status <> new_status then
    raise exception 'interview % is already %', p_interview_id, current_row.status
      using errcode = 'P0001';
  end if;
  -- a retry keeps the first finish time
  if current_row.status = new_status then
    finished_at := coalesce(current_row.completed_at, finished_at);
  end if;
  began_at := coalesce(current_row.started_at, began_at);
  select min((e ->> 'position')::integer) into idx
  from jsonb_array_elements(coalesce(p_result -> 'answers', '[]')) e
  where coalesce(btrim(e ->> 'question_text'), '') = ''
    and not exists (select 1 from public.interview_answers a
                    where a.interview_id = p_interview_id and a.position = (e ->> 'position')::integer);
  if idx is not null then
    raise exception 'answers at position % need question_text: no such question was recorded', idx
      using errcode = '22023';
  end if;

  -- the writes ----------------------------------------------------------------------------
  begin
    insert into public.interview_answers as a (
      interview_id, position, question_id, question_text, question_type, category, answer_text,
      skipped, score, feedback, evidence, scoring_engine, rubric_version, scored_at,
      delivery_metrics, follow_up_count, asked_at, answered_at
    )
    select
      p_interview_id,
      (e ->> 'position')::integer,
      (e ->> 'question_id')::uuid,
      -- a NOT NULL column is checked before ON CONFLICT: bring the recorded text along
      coalesce(nullif(btrim(e ->> 'question_text'), ''),
               (select r.question_text from public.interview_answers r
                where r.interview_id = p_interview_id and r.position = (e ->> 'position')::integer)),
      e ->> 'question_type',
      e ->> 'category',
      e ->> 'answer_text',
      coalesce((e ->> 'skipped')::boolean, false),
      (e ->> 'score')::numeric,
      coalesce(e -> 'feedback', '{}'),
      coalesce(e -> 'evidence', '[]'),
      case when e ->> 'score' is not null
        then coalesce(nullif(btrim(e ->> 'scoring_engine'), ''), engine) end,
      case when e ->> 'score' is not null
        then coalesce(nullif(btrim(e ->> 'rubric_version'), ''), rubric) end,
      case when e ->> 'score' is not null then now() end,
      coalesce(e -> 'delivery_metrics', '{}'),
      coalesce((e ->> 'follow_up_count')::integer, 0),
      (e ->> 'asked_at')::timestamptz,
      (e ->> 'answered_at')::timestamptz
    from jsonb_array_elements(coalesce(p_result -> 'answers', '[]')) e
    on conflict (interview_id, position) do update set
      question_id = coalesce(excluded.question_id, a.question_id),
      question_text = coalesce(excluded.question_text, a.question_text),
      question_type = coalesce(excluded.question_type, a.question_type),
      category = coalesce(excluded.category, a.category),
      answer_text = coalesce(excluded.answer_text, a.answer_text),
      skipped = excluded.skipped,
      score = excluded.score,
      feedback = excluded.feedback,
      evidence = excluded.evidence,
      scoring_engine = excluded.scoring_engine,
      rubric_version = excluded.rubric_version,
      scored_at = case when excluded.score is not distinct from a.score
                        and excluded.scoring_engine is not distinct from a.scoring_engine
                        and excluded.rubric_version is not distinct from a.rubric_version
                   then a.scored_at else excluded.scored_at end,
      delivery_metrics = excluded.delivery_metrics,
      follow_up_count = excluded.follow_up_count,
      asked_at = coalesce(excluded.asked_at, a.asked_at),
      answered_at = coalesce(excluded.answered_at, a.answered_at);

    if p_result ? 'skill_gaps' then
      delete from public.skill_gaps g
      where g.interview_id = p_interview_id
        and g.skill_key not in (
          select lower(btrim(e ->> 'skill')) from jsonb_array_elements(p_result -> 'skill_gaps') e);
      insert into public.skill_gaps as g (
        interview_id, skill, severity, evidence, recommendation, resources, answer_id
      )
      select
        p_interview_id,
        btrim(e ->> 'skill'),
        e ->> 'severity',
        e ->> 'evidence',
        e ->> 'recommendation',
        coalesce(e -> 'resources', '[]'),
        (select a.id from public.interview_answers a
         where a.interview_id = p_interview_id and a.position = (e ->> 'answer_position')::integer)
      from jsonb_array_elements(p_result -> 'skill_gaps') e
      on conflict (interview_id, skill_key) do update set
        skill = excluded.skill,
        severity = excluded.severity,
        evidence = excluded.evidence,
        recommendation = excluded.recommendation,
        resources = excluded.resources,
        answer_id = excluded.answer_id;
    end if;

    if p_result ? 'coverage' then
      delete from public.interview_coverage c
      where c.interview_id = p_interview_id
        and (c.source, c.item_key) not in (
          select e ->> 'source', lower(btrim(e ->> 'item'))
          from jsonb_array_elements(p_result -> 'coverage') e);
      insert into public.interview_coverage as c (
        interview_id, source, item, status, evidence, answer_id
      )
      select
        p_interview_id,
        e ->> 'source',
        btrim(e ->> 'item'),
        coalesce(e ->> 'status', 'not_probed'),
        e ->> 'evidence',
        (select a.id from public.interview_answers a
         where a.interview_id = p_interview_id and a.position = (e ->> 'answer_position')::integer)
      from jsonb_array_elements(p_result -> 'coverage') e
      on conflict (interview_id, source, item_key) do update set
        item = excluded.item,
        status = excluded.status,
        evidence = excluded.evidence,
        answer_id = excluded.answer_id;
    end if;

    update public.interviews i set
      status = new_status,
      started_at = began_at,
      completed_at = finished_at,
      duration_seconds = coalesce(
        (p_result ->> 'duration_seconds')::integer,
        i.duration_seconds,
        case when began_at is not null
          then greatest(0, extract(epoch from finished_at - began_at))::integer end),
      overall_score = case when p_result ? 'overall_score'
        then (p_result ->> 'overall_score')::numeric else i.overall_score end,
      communication_score = case when p_result ? 'communication_score'
        then (p_result ->> 'communication_score')::numeric else i.communication_score end,
      technical_score = case when p_result ? 'technical_score'
        then (p_result ->> 'technical_score')::numeric else i.technical_score end,
      problem_solving_score = case when p_result ? 'problem_solving_score'
        then (p_result ->> 'problem_solving_score')::numeric else i.problem_solving_score end,
      code_quality_score = case when p_result ? 'code_quality_score'
        then (p_result ->> 'code_quality_score')::numeric else i.code_quality_score end,
      scoring_engine = coalesce(engine, i.scoring_engine),
      rubric_version = coalesce(rubric, i.rubric_version),
      scored_at = case when has_scores then coalesce(
        case when i.status = new_status then i.scored_at end, now()) else i.scored_at end,
      feedback = coalesce(p_result -> 'feedback', i.feedback),
      delivery_metrics = coalesce(p_result -> 'delivery_metrics', i.delivery_metrics),
      answered_count = public.interview_answered_count(p_interview_id)
    where i.id = p_interview_id
    returning * into current_row;
  exception
    when check_violation or not_null_violation or foreign_key_violation or unique_violation
      or invalid_text_representation or datatype_mismatch or invalid_datetime_format
      or datetime_field_overflow or numeric_value_out_of_range or cardinality_violation then
      raise exception 'invalid interview result: %', sqlerrm using errcode = '22023';
  end;

  return current_row;
end;
$$;
