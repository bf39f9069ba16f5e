-- Recordings are written by the server only, like the rest of what an interview produces
-- (20261201100000_server_owned_columns.sql).
--
-- A recording row carries what the API measured: the object's size, the duration read from the
-- file, the transcript and the delivery metrics computed from its word timings. With table-wide
-- INSERT and UPDATE, a user could PATCH their transcript or words-per-minute through /rest/v1, or
-- insert a row naming any object, and the interview's delivery metrics and report would show it.
-- The API uploads and records with the service key; users keep SELECT (their own, and a
-- scheduler's reads) and DELETE, as for answers, messages and reports.
revoke insert, update on public.recordings from anon, authenticated;

-- Policies no role can reach any more (authenticated lacks the privilege, service_role bypasses
-- RLS) are dropped rather than left to suggest that users write these rows; the restrictive
-- folder check only ever checked written rows.
drop policy "recordings: interview owner inserts" on public.recordings;
drop policy "recordings: interview owner updates" on public.recordings;
drop policy "recordings: stored in own folder" on public.recordings;
