-- The interview engine (issue 18): the curated bank's stable keys, and the three writes of
-- an interview's flow, each one transaction under the interview row's lock.
--
-- The API decides what happens next (backend/llm_api/services/interviews.py); these
-- functions make each step atomic and refuse steps that no longer fit the interview:
--   interview_create   the interview and its plan (one interview_answers row per question)
--   interview_start    preparing -> active, the opening message, the first question asked
--   interview_accept   stores the candidate's answer (or a skip) BEFORE any model call and
--                      marks a reply pending; a second answer while one is pending is refused,
--                      a retried client_message_id is recognised
--   interview_reply    stores the interviewer's reply for the pending answer and the new
--                      engine state, only if that answer is still the pending one
-- They return a JSON object whose `outcome` says what happened, so that "not yours",
-- "wrong status" and "someone else got there first" reach the API as data, not as errors.
-- Called with the service key only.

-- The curated bank ------------------------------------------------------------------------
alter table public.questions add column bank_key text;
alter table public.questions add constraint questions_bank_key_key unique (bank_key);
alter table public.questions add constraint questions_bank_key_is_curated
  check (bank_key is null or (source = 'curated' and owner_id is null));
alter table public.questions add constraint questions_bank_key_format
  check (bank_key ~ '^[a-z0-9][a-z0-9/-]{2,120}$');
comment on column public.questions.bank_key is
  'Stable key of a curated question (backend/llm_api/data/question_bank), so reloading the bank updates rows in place.';

-- Users write their own questions, but not the bank's columns: bank_key and source are the
-- loader's (a user's question is always source 'user').
revoke insert, update on public.questions from anon, authenticated;
grant insert (owner_id, is_public, question_text, category, interview_type, difficulty, experience_levels,
              role_tags, skills, expected_answer, rubric, rubric_version, follow_ups)
  on public.questions to authenticated;
-- owner_id stays updatable so that the owner policies' WITH CHECK (not a missing privilege)
-- is what refuses moving a question to someone else.
grant update (owner_id, is_public, question_text, category, interview_type, difficulty, experience_levels,
              role_tags, skills, expected_answer, rubric, rubric_version, follow_ups)
  on public.questions to authenticated;

-- Retried answers are recognised by the client's id ---------------------------------------
create unique index interview_messages_client_message_idx
  on public.interview_messages (interview_id, (metadata ->> 'client_message_id'))
  where role = 'candidate' and metadata ? 'client_message_id';
create index interview_messages_reply_to_idx
  on public.interview_messages (interview_id, (metadata ->> 'reply_to'))
  where metadata ? 'reply_to';

-- interview_create ----------------------------------------------------------------------------
create or replace function public.interview_create(p_user_id uuid, p_interview jsonb, p_plan jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  created public.interviews;
begin
  if p_user_id is null or jsonb_typeof(p_interview) is distinct from 'object'
     or jsonb_typeof(p_plan) is distinct from 'array' or jsonb_array_length(p_plan) = 0 then
    raise exception 'interview_create needs a user, an interview object and a non-empty plan'
      using errcode = '22023';
  end if;
  insert into public.interviews (user_id, resume_id, title, job_role, job_description, experience_level,
                                 interview_type, difficulty, planned_questions, status, engine_state)
  values (p_user_id, (p_interview ->> 'resume_id')::uuid, p_interview ->> 'title', p_interview ->> 'job_role',
          p_interview ->> 'job_description', p_interview ->> 'experience_level', p_interview ->> 'interview_type',
          p_interview ->> 'difficulty', jsonb_array_length(p_plan), 'preparing',
          coalesce(p_interview -> 'engine_state', '{}'))
  returning * into created;
  insert into public.interview_answers (interview_id, position, question_id, question_text, question_type, category)
  select created.id, (q ->> 'position')::integer, (q ->> 'question_id')::uuid, q ->> 'question_text',
         q ->> 'question_type', q ->> 'category'
  from jsonb_array_elements(p_plan) q;
  return jsonb_build_object('outcome', 'created', 'interview', to_jsonb(created));
end;
$$;

-- the interview, locked; null when it is not the user's
create or replace function public.interview_lock(p_user_id uuid, p_interview_id uuid)
returns public.interviews
language sql
security invoker
set search_path = ''
as $$
  select * from public.interviews where id = p_interview_id and user_id = p_user_id for update;
$$;

create or replace function public.interview_message_json(m public.interview_messages)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object('id', m.id, 'seq', m.seq, 'role', m.role, 'content', m.content,
                            'answer_id', m.answer_id, 'question_id', m.question_id, 'input_mode', m.input_mode,
                            'metadata', m.metadata, 'created_at', m.created_at);
$$;

-- interview_start -----------------------------------------------------------------------------
create or replace function public.interview_start(p_user_id uuid, p_interview_id uuid, p_message jsonb,
                                                  p_state jsonb)
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
  iv := public.interview_lock(p_user_id, p_interview_id);
  if iv.id is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if iv.status <> 'preparing' then
    return jsonb_build_object('outcome', 'conflict', 'status', iv.status);
  end if;
  update public.interview_answers set asked_at = now()
  where interview_id = iv.id and position = 1
  returning * into first_answer;
  insert into public.interview_messages (interview_id, role, content, answer_id, question_id, metadata)
  values (iv.id, 'interviewer', p_message ->> 'content', first_answer.id, first_answer.question_id,
          coalesce(p_message -> 'metadata', '{}'))
  returning * into msg;
  update public.interviews set status = 'active', started_at = now(), engine_state = engine_state || p_state
  where id = iv.id
  returning * into iv;
  return jsonb_build_object('outcome', 'started', 'interview', to_jsonb(iv),
                            'message', public.interview_message_json(msg));
end;
$$;

-- interview_accept ----------------------------------------------------------------------------
-- p_kind 'answer' (p_content required) or 'skip'. Outcomes:
--   accepted      stored; `context` carries what the API needs to reply (state, the current
--                 answer row, the last p_recent messages)
--   duplicate     p_client_message_id was seen before; `answer` and `reply` are the originals
--   resume        the same, but its reply was never stored and its lease ran out: the
--                 caller takes the lease over and completes it (`context` as for accepted)
--   in_progress   the same, and another request is still producing its reply
--   stale         another answer's reply is pending past its lease: `context` is that
--                 answer's, for the caller to complete before trying again
--   conflict      the interview is not active, is closed, or a reply is pending
--   not_found     not the user's interview
create or replace function public.interview_accept(p_user_id uuid, p_interview_id uuid, p_kind text,
                                                   p_content text, p_client_message_id text,
                                                   p_lease_seconds integer, p_recent integer)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  iv public.interviews;
  state jsonb;
  pending jsonb;
  earlier public.interview_messages;
  reply public.interview_messages;
  answer public.interview_answers;
  msg public.interview_messages;
  lease_over boolean;
begin
  if p_kind not in ('answer', 'skip') or (p_kind = 'answer' and coalesce(btrim(p_content), '') = '') then
    raise exception 'interview_accept needs kind answer with content, or skip' using errcode = '22023';
  end if;
  iv := public.interview_lock(p_user_id, p_interview_id);
  if iv.id is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  state := iv.engine_state;
  pending := state -> 'pending';
  lease_over := pending is not null and jsonb_typeof(pending) = 'object'
    and (pending ->> 'since')::timestamptz < now() - make_interval(secs => p_lease_seconds);

  if p_client_message_id is not null then
    select * into earlier from public.interview_messages
    where interview_id = iv.id and role = 'candidate' and metadata ->> 'client_message_id' = p_client_message_id;
    if earlier.id is not null then
      select * into reply from public.interview_messages
      where interview_id = iv.id and metadata ->> 'reply_to' = earlier.id::text
      order by seq limit 1;
      if reply.id is not null then
        return jsonb_build_object('outcome', 'duplicate', 'interview', to_jsonb(iv),
                                  'answer', public.interview_message_json(earlier),
                                  'reply', public.interview_message_json(reply));
      end if;
      if pending ->> 'message_id' = earlier.id::text and iv.status = 'active' then
        if not lease_over then
          return jsonb_build_object('outcome', 'in_progress', 'status', iv.status, 'turn', state -> 'turn');
        end if;
        state := jsonb_set(state, '{pending,since}', to_jsonb(now()));
        update public.interviews set engine_state = state where id = iv.id returning * into iv;
        msg := earlier;
        p_kind := 'resume';
      else
        -- stored, but the interview moved on without a reply to it (ended meanwhile)
        return jsonb_build_object('outcome', 'duplicate', 'interview', to_jsonb(iv),
                                  'answer', public.interview_message_json(earlier), 'reply', null);
      end if;
    end if;
  end if;

  if p_kind <> 'resume' then
    if iv.status <> 'active' or state ->> 'phase' = 'closed' then
      return jsonb_build_object('outcome', 'conflict', 'status', iv.status, 'phase', state ->> 'phase',
                                'turn', state -> 'turn');
    end if;
    if pending is not null and jsonb_typeof(pending) = 'object' then
      if not lease_over then
        return jsonb_build_object('outcome', 'conflict', 'status', iv.status, 'phase', 'awaiting_reply',
                                  'turn', state -> 'turn');
      end if;
      state := jsonb_set(state, '{pending,since}', to_jsonb(now()));
      update public.interviews set engine_state = state where id = iv.id returning * into iv;
      select * into msg from public.interview_messages where id = (pending ->> 'message_id')::uuid;
      p_kind := 'stale';
    end if;
  end if;

  select * into answer from public.interview_answers
  where interview_id = iv.id and position = (state ->> 'current')::integer;

  if p_kind in ('answer', 'skip') then
    if answer.id is null then
      raise exception 'interview % has no current question', iv.id using errcode = 'P0001';
    end if;
    insert into public.interview_messages (interview_id, role, content, answer_id, question_id, metadata)
    values (iv.id,
            case when p_kind = 'answer' then 'candidate' else 'system' end,
            case when p_kind = 'answer' then p_content else 'The candidate skipped this question.' end,
            answer.id, answer.question_id,
            jsonb_strip_nulls(jsonb_build_object('kind', p_kind, 'client_message_id', p_client_message_id,
                                                 'turn', coalesce((state ->> 'turn')::integer, 0) + 1)))
    returning * into msg;
    if p_kind = 'answer' then
      update public.interview_answers set
        answer_text = left(concat_ws(E'\n\n', answer_text, p_content), 50000),
        answered_at = now()
      where id = answer.id
      returning * into answer;
    else
      update public.interview_answers set skipped = (answer_text is null)
      where id = answer.id
      returning * into answer;
    end if;
    state := state || jsonb_build_object(
      'turn', coalesce((state ->> 'turn')::integer, 0) + 1,
      'pending', jsonb_build_object('turn', coalesce((state ->> 'turn')::integer, 0) + 1,
                                    'message_id', msg.id, 'kind', p_kind, 'since', now()));
    update public.interviews set engine_state = state where id = iv.id returning * into iv;
    p_kind := 'accepted';
  end if;

  return jsonb_build_object(
    'outcome', p_kind,
    'interview', to_jsonb(iv) - 'job_description',
    'answer', public.interview_message_json(msg),
    'current_answer', to_jsonb(answer),
    'recent', coalesce((
      select jsonb_agg(public.interview_message_json(r) order by r.seq)
      from (select * from public.interview_messages m where m.interview_id = iv.id
            order by m.seq desc limit greatest(p_recent, 1)) r), '[]'));
end;
$$;

-- interview_reply -----------------------------------------------------------------------------
-- Stores the reply to the pending answer p_answer_message_id and the engine state the API
-- computed (p_state replaces engine_state, pending cleared), and updates the answer rows
-- (p_answers: [{position, follow_up_count, ask: true when that question is now asked}]).
-- Outcomes: recorded; superseded (that answer is no longer pending: another request stored
-- its reply, which is returned, or the interview ended); not_found.
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
    answered_count = (select count(*) from public.interview_answers a
                      where a.interview_id = iv.id and not a.skipped and coalesce(btrim(a.answer_text), '') <> '')
  where id = iv.id;
  return jsonb_build_object('outcome', 'recorded', 'message', public.interview_message_json(msg));
end;
$$;

revoke execute on function public.interview_create(uuid, jsonb, jsonb) from public, anon, authenticated;
revoke execute on function public.interview_lock(uuid, uuid) from public, anon, authenticated;
revoke execute on function public.interview_message_json(public.interview_messages) from public, anon, authenticated;
revoke execute on function public.interview_start(uuid, uuid, jsonb, jsonb) from public, anon, authenticated;
revoke execute on function public.interview_accept(uuid, uuid, text, text, text, integer, integer)
  from public, anon, authenticated;
revoke execute on function public.interview_reply(uuid, uuid, uuid, jsonb, jsonb, jsonb)
  from public, anon, authenticated;
grant execute on function public.interview_create(uuid, jsonb, jsonb) to service_role;
grant execute on function public.interview_lock(uuid, uuid) to service_role;
grant execute on function public.interview_message_json(public.interview_messages) to service_role;
grant execute on function public.interview_start(uuid, uuid, jsonb, jsonb) to service_role;
grant execute on function public.interview_accept(uuid, uuid, text, text, text, integer, integer) to service_role;
grant execute on function public.interview_reply(uuid, uuid, uuid, jsonb, jsonb, jsonb) to service_role;
