-- Links stay where they belong, whoever writes them (the service key included):
--  * a message, skill gap, recording or coverage item can only point at an answer of
--    its own interview;
--  * an interview can only use a resume of its own owner;
--  * a user can only link questions they are allowed to read.
-- Deleting the answer (or resume) clears just the link column, not the row's interview.

alter table public.interview_answers
  add constraint interview_answers_interview_id_id_key unique (interview_id, id);

alter table public.interview_messages
  drop constraint interview_messages_answer_id_fkey,
  add constraint interview_messages_answer_fkey foreign key (interview_id, answer_id)
    references public.interview_answers (interview_id, id) on delete set null (answer_id);
drop index public.interview_messages_answer_idx;
create index interview_messages_answer_idx
  on public.interview_messages (interview_id, answer_id) where answer_id is not null;

alter table public.skill_gaps
  drop constraint skill_gaps_answer_id_fkey,
  add constraint skill_gaps_answer_fkey foreign key (interview_id, answer_id)
    references public.interview_answers (interview_id, id) on delete set null (answer_id);
drop index public.skill_gaps_answer_idx;
create index skill_gaps_answer_idx on public.skill_gaps (interview_id, answer_id) where answer_id is not null;

alter table public.recordings
  drop constraint recordings_answer_id_fkey,
  add constraint recordings_answer_fkey foreign key (interview_id, answer_id)
    references public.interview_answers (interview_id, id) on delete set null (answer_id);
drop index public.recordings_answer_idx;
create index recordings_answer_idx on public.recordings (interview_id, answer_id) where answer_id is not null;

alter table public.interview_coverage
  drop constraint interview_coverage_answer_id_fkey,
  add constraint interview_coverage_answer_fkey foreign key (interview_id, answer_id)
    references public.interview_answers (interview_id, id) on delete set null (answer_id);
drop index public.interview_coverage_answer_idx;
create index interview_coverage_answer_idx
  on public.interview_coverage (interview_id, answer_id) where answer_id is not null;

alter table public.resumes
  add constraint resumes_id_user_id_key unique (id, user_id);
alter table public.interviews
  drop constraint interviews_resume_id_fkey,
  add constraint interviews_resume_fkey foreign key (resume_id, user_id)
    references public.resumes (id, user_id) on delete set null (resume_id);
-- the key above is not checked without an owner, so anonymous interviews carry no resume
alter table public.interviews
  add constraint interviews_resume_needs_owner check (resume_id is null or user_id is not null);
drop index public.interviews_resume_idx;
create index interviews_resume_idx on public.interviews (resume_id, user_id) where resume_id is not null;

-- Foreign keys do not look through RLS, so a user could otherwise link (and so learn of)
-- another user's private question.
create policy "interview_answers: linked question is readable" on public.interview_answers
  as restrictive for all to authenticated
  using (true)
  with check (question_id is null or exists (select 1 from public.questions q where q.id = question_id));
create policy "interview_messages: linked question is readable" on public.interview_messages
  as restrictive for all to authenticated
  using (true)
  with check (question_id is null or exists (select 1 from public.questions q where q.id = question_id));
