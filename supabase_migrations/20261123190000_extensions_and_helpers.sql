-- Extensions and small helpers shared by every later migration.
-- Extensions live in schema `extensions`, as on a Supabase project.

create extension if not exists pg_trgm with schema extensions;

-- Keeps `updated_at` honest on every table that has one, whoever writes the row.
create or replace function public.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

comment on function public.set_updated_at() is
  'BEFORE UPDATE trigger: stamps updated_at with the transaction time.';

revoke execute on function public.set_updated_at() from public, anon, authenticated;
