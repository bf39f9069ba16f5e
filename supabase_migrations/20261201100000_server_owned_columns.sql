-- Interview results are written by the server only (issue 13.1).
--
-- Until now `authenticated` held table-wide INSERT and UPDATE on every product table, so an
-- interview's owner could PATCH its status, scores, feedback and engine state with their own
-- token, or insert a finished, top-scored interview that interview_statistics then counted.
-- Column privileges state who writes what: users keep table-wide SELECT and DELETE (RLS
-- still picks the rows), and get INSERT/UPDATE back only on the columns that are theirs to
-- write. Everything else is written by the API with the service key (service_role keeps
-- its table-wide grants) or by public.finish_interview (security definer, service role only).
-- Columns added by later migrations are not user-writable unless a migration grants them.
-- Runs on a real Supabase project as on the local stack (plain GRANT/REVOKE).

-- interviews: a user creates an interview (it starts as 'preparing', the default) and may
-- rename it; status, scores, feedback, engine_state, scoring provenance, the flow's
-- timestamps, counts, delivery metrics, summary and the recruiter fields are the server's.
revoke insert, update on public.interviews from anon, authenticated;
grant insert (user_id, resume_id, title, job_role, job_description, experience_level,
              interview_type, difficulty, planned_questions)
  on public.interviews to authenticated;
grant update (title) on public.interviews to authenticated;

-- What an interview produces is the interviewer's (the API's) to write: no user INSERT or
-- UPDATE at all. Reading and deleting stay as they were.
revoke insert, update on public.interview_answers, public.interview_messages,
  public.skill_gaps, public.interview_coverage
  from anon, authenticated;

-- The insert and update policies of those four tables can no longer be reached by any
-- role they name (authenticated lacks the privilege, service_role bypasses RLS), so they
-- are dropped rather than left to suggest that users write these rows. The same goes for
-- the restrictive "linked question is readable" policies: they only checked written rows.
drop policy "interview_answers: interview owner inserts" on public.interview_answers;
drop policy "interview_answers: interview owner updates" on public.interview_answers;
drop policy "interview_answers: linked question is readable" on public.interview_answers;
drop policy "interview_messages: interview owner inserts" on public.interview_messages;
drop policy "interview_messages: interview owner updates" on public.interview_messages;
drop policy "interview_messages: linked question is readable" on public.interview_messages;
drop policy "skill_gaps: interview owner inserts" on public.skill_gaps;
drop policy "skill_gaps: interview owner updates" on public.skill_gaps;
drop policy "interview_coverage: interview owner inserts" on public.interview_coverage;
drop policy "interview_coverage: interview owner updates" on public.interview_coverage;

-- Supabase's default privileges also give API roles TRUNCATE (which ignores RLS),
-- REFERENCES and TRIGGER on new tables; nothing of the product needs them.
revoke truncate, references, trigger on public.profiles, public.resumes, public.questions,
  public.interviews, public.interview_answers, public.interview_messages, public.skill_gaps,
  public.recordings, public.interview_coverage
  from anon, authenticated;
