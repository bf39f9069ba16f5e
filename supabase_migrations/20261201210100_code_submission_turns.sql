-- Coding interviews as turns (issue 23, what remained):
--
-- * A code submission is a turn of the conversation. interview_accept takes p_kind 'code' with the
--   submission (p_submission: its results and the position it was run for) and, in the same
--   transaction, numbers and stores it in code_submissions, adds the candidate's message recording it
--   (metadata: kind code, submission_id, seq) and marks the interviewer's reply pending, exactly as for
--   an answer: interview_reply then stores the reply (the interviewer asks about the approach and
--   complexity), a retried client_message_id answers the original submission and reply, and a reply
--   left unfinished is completed later like any other. The submission is refused (conflict, moved_on)
--   when the interview moved on to another question while the code ran. code_submission_record,
--   which stored a submission without a turn, is gone.
-- * Every outcome carrying a message also carries `submission` (the code submission that message
--   recorded, with solved_before) or null.
-- * Skipping a question whose code was submitted does not mark it skipped: the submission is an
--   answer and is scored (code quality) at the end.

drop function public.code_submission_record(uuid, uuid, integer, jsonb);

-- a submission as the API answers it: its row, and whether an earlier one of its question was solved
create or replace function public.code_submission_json(p_id uuid)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select to_jsonb(s) || jsonb_build_object('solved_before', exists (
           select 1 from public.code_submissions e
           where e.interview_id = s.interview_id and e.position = s.position and e.seq < s.seq and e.solved))
  from public.code_submissions s where s.id = p_id;
$$;

-- interview_accept ----------------------------------------------------------------------------
-- p_kind 'answer' (p_content required), 'skip', or 'code' (p_content: the line recording it,
-- p_submission: {position, language, source, results, passed_visible, total_visible, passed_hidden,
-- total_hidden, solved, status, runner}). Outcomes as before (20261201150000_interview_engine.sql):
-- accepted | duplicate | resume | in_progress | stale | conflict | not_found; a 'code' conflict
-- because the question changed while the code ran carries moved_on: true.
drop function public.interview_accept(uuid, uuid, text, text, text, integer, integer);

create or replace function public.interview_accept(p_user_id uuid, p_interview_id uuid, p_kind text,
                                                   p_content text, p_client_message_id text,
                                                   p_lease_seconds integer, p_recent integer,
                                                   p_submission jsonb default null)
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
  made public.code_submissions;
  lease_over boolean;
begin
  if p_kind not in ('answer', 'skip', 'code') or (p_kind in ('answer', 'code') and coalesce(btrim(p_content), '') = '')
     or (p_kind = 'code' and (jsonb_typeof(p_submission) is distinct from 'object'
                              or jsonb_typeof(p_submission -> 'position') is distinct from 'number')) then
    raise exception 'interview_accept needs kind answer with content, skip, or code with content and a submission'
      using errcode = '22023';
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
                                  'reply', public.interview_message_json(reply),
                                  'submission', public.code_submission_json((earlier.metadata ->> 'submission_id')::uuid));
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
                                  'answer', public.interview_message_json(earlier), 'reply', null,
                                  'submission', public.code_submission_json((earlier.metadata ->> 'submission_id')::uuid));
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
    elsif p_kind = 'code' and ((state ->> 'current')::integer is distinct from (p_submission ->> 'position')::integer
                               or state ->> 'phase' is distinct from 'asking') then
      return jsonb_build_object('outcome', 'conflict', 'status', iv.status, 'phase', state ->> 'phase',
                                'turn', state -> 'turn', 'moved_on', true);
    end if;
  end if;

  select * into answer from public.interview_answers
  where interview_id = iv.id and position = (state ->> 'current')::integer;

  if p_kind in ('answer', 'skip', 'code') then
    if answer.id is null then
      raise exception 'interview % has no current question', iv.id using errcode = 'P0001';
    end if;
    if p_kind = 'code' then
      insert into public.code_submissions (user_id, interview_id, position, seq, language, source, results,
                                           passed_visible, total_visible, passed_hidden, total_hidden, solved,
                                           status, runner)
      select p_user_id, iv.id, answer.position, coalesce(max(s.seq), 0) + 1, p_submission ->> 'language',
             p_submission ->> 'source', p_submission -> 'results', (p_submission ->> 'passed_visible')::integer,
             (p_submission ->> 'total_visible')::integer, (p_submission ->> 'passed_hidden')::integer,
             (p_submission ->> 'total_hidden')::integer, (p_submission ->> 'solved')::boolean,
             p_submission ->> 'status', p_submission ->> 'runner'
      from public.code_submissions s where s.interview_id = iv.id and s.position = answer.position
      returning * into made;
    end if;
    insert into public.interview_messages (interview_id, role, content, answer_id, question_id, metadata)
    values (iv.id,
            case when p_kind = 'skip' then 'system' else 'candidate' end,
            case when p_kind = 'skip' then 'The candidate skipped this question.' else p_content end,
            answer.id, answer.question_id,
            jsonb_strip_nulls(jsonb_build_object('kind', p_kind, 'client_message_id', p_client_message_id,
                                                 'turn', coalesce((state ->> 'turn')::integer, 0) + 1,
                                                 'submission_id', made.id, 'seq', made.seq)))
    returning * into msg;
    if p_kind = 'answer' then
      update public.interview_answers set
        answer_text = left(concat_ws(E'\n\n', answer_text, p_content), 50000),
        answered_at = now()
      where id = answer.id
      returning * into answer;
    elsif p_kind = 'skip' then  -- submitted code is an answer: the question is not skipped
      update public.interview_answers a set skipped = (a.answer_text is null and not exists (
        select 1 from public.code_submissions s where s.interview_id = a.interview_id and s.position = a.position))
      where a.id = answer.id
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
    'submission', public.code_submission_json((msg.metadata ->> 'submission_id')::uuid),
    'recent', coalesce((
      select jsonb_agg(public.interview_message_json(r) order by r.seq)
      from (select * from public.interview_messages m where m.interview_id = iv.id
            order by m.seq desc limit greatest(p_recent, 1)) r), '[]'));
end;
$$;

revoke execute on function public.code_submission_json(uuid) from public, anon, authenticated;
revoke execute on function public.interview_accept(uuid, uuid, text, text, text, integer, integer, jsonb)
  from public, anon, authenticated;
grant execute on function public.code_submission_json(uuid) to service_role;
grant execute on function public.interview_accept(uuid, uuid, text, text, text, integer, integer, jsonb)
  to service_role;
