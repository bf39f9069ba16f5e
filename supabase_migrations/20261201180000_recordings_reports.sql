-- Recordings, spoken answers and PDF reports (issue 21).
--
-- * profiles.keep_recordings: false means "transcript only": a spoken answer's transcript is
--   stored and its audio discarded.
-- * recordings: the transcript and delivery metrics of a spoken answer, the client message id
--   the answer was sent with (so a retried request finds the audio it kept), where the
--   duration came from, and expires_at (set by the API from RECORDINGS_RETENTION_DAYS; the
--   purge_expired_recordings command deletes rows and objects past it).
-- * reports: one row per generated PDF in the private `reports` bucket, with the interview
--   version it was made from (regenerated when the interview changes). Written by the API
--   with the service key; the owner may read and delete theirs.
-- * the interview-recordings bucket takes video and screen recordings up to 500 MB.

alter table public.profiles add column keep_recordings boolean not null default true;
comment on column public.profiles.keep_recordings is
  'false: transcript only (a spoken answer''s audio is discarded once transcribed).';

alter table public.recordings
  add column transcript text,
  add column delivery_metrics jsonb,
  add column client_message_id text,
  add column duration_source text,
  add constraint recordings_transcript_length check (char_length(transcript) <= 100000),
  add constraint recordings_delivery_metrics_is_object
    check (delivery_metrics is null or jsonb_typeof(delivery_metrics) = 'object'),
  add constraint recordings_client_message_id_length check (char_length(client_message_id) between 1 and 100),
  add constraint recordings_duration_source_valid check (duration_source in ('file', 'request')),
  add constraint recordings_expires_after_creation check (expires_at is null or expires_at > created_at);

create unique index recordings_client_message_key on public.recordings (interview_id, client_message_id)
  where client_message_id is not null;

comment on column public.recordings.client_message_id is
  'The client message id of the spoken answer this audio was sent with.';

create table public.reports (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  interview_id uuid not null references public.interviews (id) on delete cascade,
  storage_path text not null,
  size_bytes bigint not null default 0,
  page_count integer not null default 0,
  interview_version text not null,
  generated_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  constraint reports_interview_key unique (interview_id),
  constraint reports_storage_path_key unique (storage_path),
  constraint reports_storage_path_format
    check (storage_path ~ '^[0-9a-f-]{36}/.+' and char_length(storage_path) <= 1024),
  constraint reports_storage_path_own_folder check (storage_path like user_id::text || '/%'),
  constraint reports_size_bytes_range check (size_bytes >= 0),
  constraint reports_page_count_range check (page_count >= 0),
  constraint reports_interview_version_length check (char_length(interview_version) between 1 and 200)
);

comment on table public.reports is
  'Generated PDF reports (objects in the private reports bucket), one per interview, regenerated when it changes.';

create index reports_user_idx on public.reports (user_id, generated_at desc);

alter table public.reports enable row level security;
revoke all on public.reports from anon, authenticated;
grant select, delete on public.reports to authenticated;
grant all on public.reports to service_role;

create policy "reports: owner reads" on public.reports
  for select to authenticated using (user_id = (select auth.uid()));
create policy "reports: owner deletes" on public.reports
  for delete to authenticated using (user_id = (select auth.uid()));

update storage.buckets set file_size_limit = 524288000 where id = 'interview-recordings';
