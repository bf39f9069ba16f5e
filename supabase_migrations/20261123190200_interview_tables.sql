-- Resumes, the question bank, interviews and everything an interview produces.
-- Closed sets are check constraints (easy to widen in a later migration); every score
-- is on the canonical 0-100 scale and carries the scoring engine and rubric version
-- that produced it.

-- resumes ---------------------------------------------------------------------------
create table public.resumes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  file_name text not null,
  storage_path text,
  content_type text,
  size_bytes bigint,
  page_count integer,
  extracted_text text,
  parsed jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint resumes_file_name_length check (char_length(file_name) between 1 and 255),
  -- objects live in the owner's folder of the `resumes` bucket
  constraint resumes_storage_path_in_own_folder
    check (storage_path like user_id::text || '/_%' and char_length(storage_path) <= 1024),
  constraint resumes_storage_path_key unique (storage_path),
  constraint resumes_content_type_length check (char_length(content_type) <= 255),
  constraint resumes_size_bytes_range check (size_bytes >= 0),
  constraint resumes_page_count_range check (page_count >= 0),
  constraint resumes_parsed_is_object check (jsonb_typeof(parsed) = 'object')
);

comment on table public.resumes is 'Uploaded resumes: file in the resumes bucket plus extracted text and parsed fields.';
comment on column public.resumes.parsed is 'name, contact, summary, skills, experience, education as parsed from the file.';

create index resumes_user_created_idx on public.resumes (user_id, created_at desc);

-- question bank -----------------------------------------------------------------------
create table public.questions (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid references auth.users (id) on delete cascade,
  is_public boolean not null default false,
  question_text text not null,
  category text,
  interview_type text not null,
  difficulty text not null default 'medium',
  experience_levels text[] not null default '{junior,mid,senior}',
  role_tags text[] not null default '{}',
  skills text[] not null default '{}',
  expected_answer text,
  rubric jsonb not null default '{}'::jsonb,
  rubric_version text,
  follow_ups text[] not null default '{}',
  source text not null default 'user',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint questions_question_text_length check (char_length(question_text) between 1 and 4000),
  constraint questions_category_length check (char_length(category) <= 100),
  constraint questions_interview_type_valid
    check (interview_type in ('behavioral', 'technical', 'system_design', 'coding', 'mixed')),
  constraint questions_difficulty_valid check (difficulty in ('easy', 'medium', 'hard')),
  constraint questions_experience_levels_valid
    check (experience_levels <@ array['junior', 'mid', 'senior']::text[]),
  constraint questions_rubric_is_object check (jsonb_typeof(rubric) = 'object'),
  constraint questions_source_valid check (source in ('curated', 'user', 'generated')),
  -- rows without an owner are the curated bank: always public
  constraint questions_ownerless_are_public check (owner_id is not null or is_public)
);

comment on table public.questions is
  'Question bank. Ownerless rows are the curated bank; owned rows are private unless is_public.';

create index questions_owner_idx on public.questions (owner_id, created_at desc);
create index questions_public_type_difficulty_idx
  on public.questions (interview_type, difficulty) where is_public;
create index questions_role_tags_idx on public.questions using gin (role_tags);

-- interviews --------------------------------------------------------------------------
create table public.interviews (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users (id) on delete cascade,
  resume_id uuid references public.resumes (id) on delete set null,
  scheduled_by uuid references auth.users (id) on delete set null,
  candidate_email text,
  title text,
  job_role text not null,
  job_description text,
  experience_level text not null default 'mid',
  interview_type text not null default 'mixed',
  difficulty text not null default 'medium',
  status text not null default 'preparing',
  planned_questions integer not null default 5,
  answered_count integer not null default 0,
  feedback jsonb not null default '{}'::jsonb,
  overall_score numeric(5, 2),
  communication_score numeric(5, 2),
  technical_score numeric(5, 2),
  problem_solving_score numeric(5, 2),
  code_quality_score numeric(5, 2),
  scoring_engine text,
  rubric_version text,
  scored_at timestamptz,
  delivery_metrics jsonb not null default '{}'::jsonb,
  engine_state jsonb not null default '{}'::jsonb,
  summary text,
  duration_seconds integer,
  scheduled_for timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint interviews_title_length check (char_length(title) <= 200),
  constraint interviews_job_role_length check (char_length(job_role) between 1 and 200),
  constraint interviews_job_description_length check (char_length(job_description) <= 20000),
  constraint interviews_candidate_email_format
    check (candidate_email ~ '^[^@\s]+@[^@\s]+$' and char_length(candidate_email) <= 320),
  constraint interviews_experience_level_valid
    check (experience_level in ('junior', 'mid', 'senior')),
  constraint interviews_interview_type_valid
    check (interview_type in ('behavioral', 'technical', 'system_design', 'coding', 'mixed')),
  constraint interviews_difficulty_valid check (difficulty in ('easy', 'medium', 'hard')),
  constraint interviews_status_valid
    check (status in ('scheduled', 'preparing', 'active', 'completed', 'abandoned', 'cancelled')),
  constraint interviews_planned_questions_range check (planned_questions between 1 and 50),
  constraint interviews_answered_count_range check (answered_count >= 0),
  constraint interviews_feedback_is_object check (jsonb_typeof(feedback) = 'object'),
  constraint interviews_delivery_metrics_is_object check (jsonb_typeof(delivery_metrics) = 'object'),
  constraint interviews_engine_state_is_object check (jsonb_typeof(engine_state) = 'object'),
  constraint interviews_overall_score_range check (overall_score between 0 and 100),
  constraint interviews_communication_score_range check (communication_score between 0 and 100),
  constraint interviews_technical_score_range check (technical_score between 0 and 100),
  constraint interviews_problem_solving_score_range check (problem_solving_score between 0 and 100),
  constraint interviews_code_quality_score_range check (code_quality_score between 0 and 100),
  -- a score is only meaningful with the engine and rubric that produced it
  constraint interviews_scores_have_provenance check (
    num_nonnulls(overall_score, communication_score, technical_score,
                 problem_solving_score, code_quality_score) = 0
    or (scoring_engine is not null and rubric_version is not null)
  ),
  constraint interviews_duration_range check (duration_seconds >= 0),
  constraint interviews_completed_has_timestamp check (status <> 'completed' or completed_at is not null),
  constraint interviews_completed_after_start check (completed_at >= started_at)
);

comment on table public.interviews is
  'One interview session. user_id is null for anonymous saves (visible to the service role only).';
comment on column public.interviews.scheduled_by is 'Recruiter who scheduled the interview for candidate_email.';
comment on column public.interviews.delivery_metrics is
  'Pace, pauses, filler words of spoken answers; kept apart from the content scores.';
comment on column public.interviews.engine_state is 'Server-owned interview state (plan, follow-ups left, summary pointer).';

-- Every filter and ordering the history API offers, always scoped by owner.
create index interviews_user_created_idx on public.interviews (user_id, created_at desc);
create index interviews_user_status_idx on public.interviews (user_id, status, created_at desc);
create index interviews_user_difficulty_idx on public.interviews (user_id, difficulty, created_at desc);
create index interviews_user_type_idx on public.interviews (user_id, interview_type, created_at desc);
create index interviews_user_completed_idx
  on public.interviews (user_id, completed_at desc) where completed_at is not null;
create index interviews_job_role_trgm_idx
  on public.interviews using gin (job_role extensions.gin_trgm_ops);
create index interviews_resume_idx on public.interviews (resume_id) where resume_id is not null;
create index interviews_scheduled_by_idx
  on public.interviews (scheduled_by, created_at desc) where scheduled_by is not null;
create index interviews_candidate_email_idx
  on public.interviews (lower(candidate_email)) where candidate_email is not null;

-- interview_answers: one row per question asked ---------------------------------------
create table public.interview_answers (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null references public.interviews (id) on delete cascade,
  question_id uuid references public.questions (id) on delete set null,
  position integer not null,
  question_text text not null,
  question_type text,
  category text,
  answer_text text,
  skipped boolean not null default false,
  score numeric(5, 2),
  feedback jsonb not null default '{}'::jsonb,
  evidence jsonb not null default '[]'::jsonb,
  scoring_engine text,
  rubric_version text,
  scored_at timestamptz,
  delivery_metrics jsonb not null default '{}'::jsonb,
  follow_up_count integer not null default 0,
  asked_at timestamptz,
  answered_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint interview_answers_position_key unique (interview_id, position),
  constraint interview_answers_position_range check (position between 1 and 1000),
  constraint interview_answers_question_text_length check (char_length(question_text) between 1 and 4000),
  constraint interview_answers_question_type_length check (char_length(question_type) <= 50),
  constraint interview_answers_category_length check (char_length(category) <= 100),
  constraint interview_answers_answer_text_length check (char_length(answer_text) <= 50000),
  constraint interview_answers_score_range check (score between 0 and 100),
  constraint interview_answers_score_has_provenance
    check (score is null or (scoring_engine is not null and rubric_version is not null)),
  constraint interview_answers_skipped_unscored check (not skipped or score is null),
  constraint interview_answers_feedback_is_object check (jsonb_typeof(feedback) = 'object'),
  constraint interview_answers_evidence_is_array check (jsonb_typeof(evidence) = 'array'),
  constraint interview_answers_delivery_metrics_is_object check (jsonb_typeof(delivery_metrics) = 'object'),
  constraint interview_answers_follow_up_count_range check (follow_up_count >= 0)
);

comment on column public.interview_answers.evidence is 'Quotes of the candidate''s own words each score cites.';

create index interview_answers_question_idx on public.interview_answers (question_id)
  where question_id is not null;

-- interview_messages: the conversation, in order --------------------------------------
create table public.interview_messages (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null references public.interviews (id) on delete cascade,
  seq bigint generated always as identity,
  role text not null,
  content text not null,
  answer_id uuid references public.interview_answers (id) on delete set null,
  question_id uuid references public.questions (id) on delete set null,
  input_mode text not null default 'text',
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default clock_timestamp(),
  constraint interview_messages_role_valid check (role in ('interviewer', 'candidate', 'system')),
  constraint interview_messages_content_length check (char_length(content) <= 50000),
  constraint interview_messages_input_mode_valid check (input_mode in ('text', 'voice')),
  constraint interview_messages_metadata_is_object check (jsonb_typeof(metadata) = 'object')
);

comment on column public.interview_messages.seq is 'Conversation order (monotonic; created_at can tie within a transaction).';

create index interview_messages_interview_seq_idx on public.interview_messages (interview_id, seq);
create index interview_messages_answer_idx on public.interview_messages (answer_id) where answer_id is not null;
create index interview_messages_question_idx on public.interview_messages (question_id) where question_id is not null;

-- skill_gaps: per user and interview; the user's skill history across interviews -------
create table public.skill_gaps (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null references public.interviews (id) on delete cascade,
  user_id uuid references auth.users (id) on delete cascade,
  answer_id uuid references public.interview_answers (id) on delete set null,
  skill text not null,
  skill_key text generated always as (lower(btrim(skill))) stored,
  severity text not null,
  evidence text,
  recommendation text,
  resources jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint skill_gaps_skill_length check (char_length(btrim(skill)) between 1 and 200),
  constraint skill_gaps_severity_valid check (severity in ('low', 'medium', 'high', 'critical')),
  constraint skill_gaps_evidence_length check (char_length(evidence) <= 5000),
  constraint skill_gaps_recommendation_length check (char_length(recommendation) <= 5000),
  constraint skill_gaps_resources_is_array check (jsonb_typeof(resources) = 'array'),
  constraint skill_gaps_interview_skill_key unique (interview_id, skill_key)
);

comment on column public.skill_gaps.user_id is 'Copied from the interview''s owner by trigger; never set by clients.';

create index skill_gaps_user_skill_idx on public.skill_gaps (user_id, skill_key, created_at desc);
create index skill_gaps_answer_idx on public.skill_gaps (answer_id) where answer_id is not null;

-- recordings -----------------------------------------------------------------------------
create table public.recordings (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null references public.interviews (id) on delete cascade,
  answer_id uuid references public.interview_answers (id) on delete set null,
  kind text not null,
  storage_path text not null,
  content_type text not null,
  size_bytes bigint not null default 0,
  duration_seconds numeric(10, 2),
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint recordings_kind_valid check (kind in ('audio', 'video', 'screen')),
  constraint recordings_storage_path_key unique (storage_path),
  constraint recordings_storage_path_format
    check (storage_path ~ '^[0-9a-f-]{36}/.+' and char_length(storage_path) <= 1024),
  constraint recordings_content_type_valid check (content_type ~ '^(audio|video)/[A-Za-z0-9.+-]+'),
  constraint recordings_size_bytes_range check (size_bytes >= 0),
  constraint recordings_duration_range check (duration_seconds >= 0)
);

comment on column public.recordings.storage_path is 'Object name in the interview-recordings bucket, under {user_id}/.';
comment on column public.recordings.expires_at is 'When the recording (row and object) is due for deletion.';

create index recordings_interview_idx on public.recordings (interview_id, created_at);
create index recordings_answer_idx on public.recordings (answer_id) where answer_id is not null;
create index recordings_expires_idx on public.recordings (expires_at) where expires_at is not null;

-- interview_coverage: JD requirements and resume claims, linked to what probed them -------
create table public.interview_coverage (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null references public.interviews (id) on delete cascade,
  source text not null,
  item text not null,
  item_key text generated always as (lower(btrim(item))) stored,
  answer_id uuid references public.interview_answers (id) on delete set null,
  status text not null default 'not_probed',
  evidence text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint interview_coverage_source_valid check (source in ('job_description', 'resume')),
  constraint interview_coverage_item_length check (char_length(btrim(item)) between 1 and 1000),
  constraint interview_coverage_status_valid
    check (status in ('not_probed', 'demonstrated', 'partial', 'not_demonstrated')),
  constraint interview_coverage_evidence_length check (char_length(evidence) <= 5000),
  constraint interview_coverage_item_key unique (interview_id, source, item_key)
);

comment on table public.interview_coverage is
  'Coverage map: each job-description requirement and resume claim, the question that probed it and the evidence found.';

create index interview_coverage_answer_idx on public.interview_coverage (answer_id) where answer_id is not null;

-- updated_at triggers -------------------------------------------------------------------
create trigger resumes_set_updated_at before update on public.resumes
  for each row execute function public.set_updated_at();
create trigger questions_set_updated_at before update on public.questions
  for each row execute function public.set_updated_at();
create trigger interviews_set_updated_at before update on public.interviews
  for each row execute function public.set_updated_at();
create trigger interview_answers_set_updated_at before update on public.interview_answers
  for each row execute function public.set_updated_at();
create trigger skill_gaps_set_updated_at before update on public.skill_gaps
  for each row execute function public.set_updated_at();
create trigger recordings_set_updated_at before update on public.recordings
  for each row execute function public.set_updated_at();
create trigger interview_coverage_set_updated_at before update on public.interview_coverage
  for each row execute function public.set_updated_at();

-- skill_gaps.user_id follows the interview's owner ----------------------------------------
-- Runs as the caller, so a user can only resolve interviews RLS lets them see.
create or replace function public.skill_gaps_take_owner()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.user_id := (select i.user_id from public.interviews i where i.id = new.interview_id);
  return new;
end;
$$;

create trigger skill_gaps_take_owner
  before insert or update of interview_id, user_id on public.skill_gaps
  for each row execute function public.skill_gaps_take_owner();

-- An anonymous interview claimed by a user (service role sets user_id) carries its skill gaps along.
create or replace function public.interviews_pass_owner_to_skill_gaps()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  update public.skill_gaps set user_id = new.user_id where interview_id = new.id;
  return null;
end;
$$;

create trigger interviews_pass_owner_to_skill_gaps
  after update of user_id on public.interviews
  for each row when (old.user_id is distinct from new.user_id)
  execute function public.interviews_pass_owner_to_skill_gaps();

-- Who scheduled an interview, and for whom, is set by the API (service role) only.
create or replace function public.interviews_guard_assignment()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated') and (
    (tg_op = 'INSERT' and (new.scheduled_by is not null or new.candidate_email is not null))
    or (tg_op = 'UPDATE' and (new.scheduled_by is distinct from old.scheduled_by
                              or new.candidate_email is distinct from old.candidate_email))
  ) then
    raise exception 'scheduled_by and candidate_email can only be set by the service'
      using errcode = '42501';
  end if;
  return new;
end;
$$;

create trigger interviews_guard_assignment
  before insert or update on public.interviews
  for each row execute function public.interviews_guard_assignment();

revoke execute on function public.skill_gaps_take_owner() from public, anon, authenticated;
revoke execute on function public.interviews_pass_owner_to_skill_gaps() from public, anon, authenticated;
revoke execute on function public.interviews_guard_assignment() from public, anon, authenticated;
