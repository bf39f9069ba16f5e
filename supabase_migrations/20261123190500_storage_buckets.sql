-- Storage buckets with their size and MIME limits, and storage.objects policies.
-- Every object lives under its owner's folder: `{user_id}/...`. Only that user (or the
-- service role, which bypasses RLS) may read or write it; avatars are readable by all.
-- Upserting the buckets keeps this runnable on a project where they were made by hand.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
  ('avatars', 'avatars', true, 2097152,
   array['image/png', 'image/jpeg', 'image/webp', 'image/gif']),
  ('resumes', 'resumes', false, 10485760,
   array['application/pdf',
         'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
         'application/msword',
         'text/plain']),
  ('interview-recordings', 'interview-recordings', false, 104857600,
   array['audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/mp4', 'audio/wav', 'audio/x-wav',
         'video/webm', 'video/mp4']),
  ('reports', 'reports', false, 20971520,
   array['application/pdf'])
on conflict (id) do update
  set name = excluded.name,
      public = excluded.public,
      file_size_limit = excluded.file_size_limit,
      allowed_mime_types = excluded.allowed_mime_types;

-- Policies are named after the product so they never clash with a project's own.
drop policy if exists "interview_coach: read own objects and avatars" on storage.objects;
drop policy if exists "interview_coach: upload to own folder" on storage.objects;
drop policy if exists "interview_coach: update in own folder" on storage.objects;
drop policy if exists "interview_coach: delete in own folder" on storage.objects;

create policy "interview_coach: read own objects and avatars" on storage.objects
  for select to anon, authenticated
  using (
    bucket_id = 'avatars'
    or (bucket_id in ('resumes', 'interview-recordings', 'reports')
        and (storage.foldername(name))[1] = (select auth.uid())::text)
  );

create policy "interview_coach: upload to own folder" on storage.objects
  for insert to authenticated
  with check (
    bucket_id in ('avatars', 'resumes', 'interview-recordings', 'reports')
    and (storage.foldername(name))[1] = (select auth.uid())::text
  );

create policy "interview_coach: update in own folder" on storage.objects
  for update to authenticated
  using (
    bucket_id in ('avatars', 'resumes', 'interview-recordings', 'reports')
    and (storage.foldername(name))[1] = (select auth.uid())::text
  )
  with check (
    bucket_id in ('avatars', 'resumes', 'interview-recordings', 'reports')
    and (storage.foldername(name))[1] = (select auth.uid())::text
  );

create policy "interview_coach: delete in own folder" on storage.objects
  for delete to authenticated
  using (
    bucket_id in ('avatars', 'resumes', 'interview-recordings', 'reports')
    and (storage.foldername(name))[1] = (select auth.uid())::text
  );
