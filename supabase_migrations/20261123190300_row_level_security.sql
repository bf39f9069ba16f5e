-- Row level security: a user reads and writes only their own rows. Child tables of an
-- interview are reached through the interview's owner. Anonymous interviews (no owner)
-- match no policy, so only the service role (BYPASSRLS) sees them.
-- auth.uid() is wrapped in a sub-select so Postgres evaluates it once per statement.

alter table public.profiles enable row level security;
alter table public.resumes enable row level security;
alter table public.questions enable row level security;
alter table public.interviews enable row level security;
alter table public.interview_answers enable row level security;
alter table public.interview_messages enable row level security;
alter table public.skill_gaps enable row level security;
alter table public.recordings enable row level security;
alter table public.interview_coverage enable row level security;

-- Nothing here is for signed-out visitors: anonymous use goes through the API's service key.
revoke all on public.profiles, public.resumes, public.questions, public.interviews,
  public.interview_answers, public.interview_messages, public.skill_gaps,
  public.recordings, public.interview_coverage
  from anon;
grant select, insert, update, delete on public.profiles, public.resumes, public.questions,
  public.interviews, public.interview_answers, public.interview_messages, public.skill_gaps,
  public.recordings, public.interview_coverage
  to authenticated, service_role;

-- profiles: created by the auth trigger, removed with the user -----------------------------
create policy "profiles: owner reads" on public.profiles
  for select to authenticated using (id = (select auth.uid()));
create policy "profiles: owner updates" on public.profiles
  for update to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));

-- resumes ---------------------------------------------------------------------------------
create policy "resumes: owner reads" on public.resumes
  for select to authenticated using (user_id = (select auth.uid()));
create policy "resumes: owner inserts" on public.resumes
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "resumes: owner updates" on public.resumes
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "resumes: owner deletes" on public.resumes
  for delete to authenticated using (user_id = (select auth.uid()));

-- questions: public rows for everyone signed in, own rows for their owner ---------------------
create policy "questions: public or own rows are readable" on public.questions
  for select to authenticated using (is_public or owner_id = (select auth.uid()));
create policy "questions: owner inserts" on public.questions
  for insert to authenticated with check (owner_id = (select auth.uid()));
create policy "questions: owner updates" on public.questions
  for update to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
create policy "questions: owner deletes" on public.questions
  for delete to authenticated using (owner_id = (select auth.uid()));

-- interviews --------------------------------------------------------------------------------
create policy "interviews: owner reads" on public.interviews
  for select to authenticated using (user_id = (select auth.uid()));
create policy "interviews: owner inserts" on public.interviews
  for insert to authenticated
  with check (user_id = (select auth.uid())
              and (resume_id is null or exists (
                select 1 from public.resumes r
                where r.id = resume_id and r.user_id = (select auth.uid()))));
create policy "interviews: owner updates" on public.interviews
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid())
              and (resume_id is null or exists (
                select 1 from public.resumes r
                where r.id = resume_id and r.user_id = (select auth.uid()))));
create policy "interviews: owner deletes" on public.interviews
  for delete to authenticated using (user_id = (select auth.uid()));

-- children of an interview: allowed when the caller owns the interview -----------------------
-- `interview_id in (sub-select)` runs the sub-select once per statement (a hashed subplan).
create policy "interview_answers: interview owner reads" on public.interview_answers
  for select to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "interview_answers: interview owner inserts" on public.interview_answers
  for insert to authenticated
  with check (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "interview_answers: interview owner updates" on public.interview_answers
  for update to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())))
  with check (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "interview_answers: interview owner deletes" on public.interview_answers
  for delete to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));

create policy "interview_messages: interview owner reads" on public.interview_messages
  for select to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "interview_messages: interview owner inserts" on public.interview_messages
  for insert to authenticated
  with check (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "interview_messages: interview owner updates" on public.interview_messages
  for update to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())))
  with check (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "interview_messages: interview owner deletes" on public.interview_messages
  for delete to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));

create policy "recordings: interview owner reads" on public.recordings
  for select to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "recordings: interview owner inserts" on public.recordings
  for insert to authenticated
  with check (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "recordings: interview owner updates" on public.recordings
  for update to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())))
  with check (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "recordings: interview owner deletes" on public.recordings
  for delete to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));

create policy "interview_coverage: interview owner reads" on public.interview_coverage
  for select to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "interview_coverage: interview owner inserts" on public.interview_coverage
  for insert to authenticated
  with check (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "interview_coverage: interview owner updates" on public.interview_coverage
  for update to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())))
  with check (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "interview_coverage: interview owner deletes" on public.interview_coverage
  for delete to authenticated
  using (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));

-- recordings must point into the owner's own folder of the recordings bucket
create policy "recordings: stored in own folder" on public.recordings
  as restrictive for all to authenticated
  using (true)
  with check (storage_path like (select auth.uid())::text || '/%');

-- skill_gaps: owner via the interview (user_id is copied from it by trigger) -------------------
create policy "skill_gaps: owner reads" on public.skill_gaps
  for select to authenticated using (user_id = (select auth.uid()));
create policy "skill_gaps: interview owner inserts" on public.skill_gaps
  for insert to authenticated
  with check (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "skill_gaps: interview owner updates" on public.skill_gaps
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (interview_id in (select i.id from public.interviews i where i.user_id = (select auth.uid())));
create policy "skill_gaps: owner deletes" on public.skill_gaps
  for delete to authenticated using (user_id = (select auth.uid()));
