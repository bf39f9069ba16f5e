-- One profile per auth user, created by a trigger when Supabase Auth inserts the user.

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  username text not null,
  full_name text,
  bio text,
  location text,
  github_url text,
  linkedin_url text,
  website_url text,
  preferred_language text,
  avatar_path text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint profiles_username_format
    check (username ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{2,39}$'),
  constraint profiles_full_name_length check (char_length(full_name) <= 200),
  constraint profiles_bio_length check (char_length(bio) <= 2000),
  constraint profiles_location_length check (char_length(location) <= 200),
  constraint profiles_github_url_format
    check (github_url ~ '^https?://' and char_length(github_url) <= 500),
  constraint profiles_linkedin_url_format
    check (linkedin_url ~ '^https?://' and char_length(linkedin_url) <= 500),
  constraint profiles_website_url_format
    check (website_url ~ '^https?://' and char_length(website_url) <= 500),
  constraint profiles_preferred_language_length check (char_length(preferred_language) <= 50),
  -- avatars live in the owner's folder of the `avatars` bucket
  constraint profiles_avatar_path_in_own_folder
    check (avatar_path like id::text || '/_%' and char_length(avatar_path) <= 1024)
);

comment on table public.profiles is 'Public-facing details of an auth user; one row per auth.users row.';
comment on column public.profiles.avatar_path is 'Object name in the avatars bucket, under {user_id}/.';

-- Usernames are unique regardless of case ("Ada" and "ada" are the same user name).
create unique index profiles_username_lower_key on public.profiles (lower(username));

create trigger profiles_set_updated_at
  before update on public.profiles
  for each row execute function public.set_updated_at();

-- A valid, unused username for a new user: the one asked for in the sign-up metadata,
-- else the e-mail's local part, else "user"; suffixed with a number when taken.
create or replace function public.ensure_profile(
  p_user_id uuid,
  p_email text,
  p_metadata jsonb
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  wanted text := coalesce(
    nullif(btrim(p_metadata ->> 'username'), ''),
    -- "ada.lovelace+jobs@example.com" -> "ada.lovelace"
    lower(split_part(split_part(coalesce(p_email, ''), '@', 1), '+', 1))
  );
  base text;
  candidate text;
  attempt integer := 0;
  inserted integer;
begin
  base := regexp_replace(wanted, '[^A-Za-z0-9_.-]', '', 'g');
  base := regexp_replace(base, '^[^A-Za-z0-9]+', '');
  base := left(base, 30);
  if char_length(base) = 0 then
    base := 'user';
  elsif char_length(base) < 3 then
    base := 'user_' || base;
  end if;

  loop
    candidate := case
      when attempt = 0 then base
      when attempt <= 50 then base || attempt::text
      else base || '_' || left(replace(p_user_id::text, '-', ''), 8)
    end;
    insert into public.profiles (id, username, full_name, avatar_path)
    values (
      p_user_id,
      candidate,
      left(nullif(btrim(coalesce(p_metadata ->> 'full_name', p_metadata ->> 'name')), ''), 200),
      null
    )
    on conflict do nothing;
    get diagnostics inserted = row_count;
    exit when inserted = 1;
    -- the conflict may be on the id: the profile exists already, nothing to do
    exit when exists (select 1 from public.profiles where id = p_user_id);
    if attempt > 51 then
      raise exception 'could not find a free username for user %', p_user_id;
    end if;
    attempt := attempt + 1;
  end loop;
end;
$$;

comment on function public.ensure_profile(uuid, text, jsonb) is
  'Creates the profile of an auth user (idempotent); username from metadata or e-mail, made unique.';

revoke execute on function public.ensure_profile(uuid, text, jsonb) from public, anon, authenticated;

create or replace function public.handle_new_auth_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform public.ensure_profile(new.id, new.email, coalesce(new.raw_user_meta_data, '{}'::jsonb));
  return new;
end;
$$;

revoke execute on function public.handle_new_auth_user() from public, anon, authenticated;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function public.handle_new_auth_user();

-- Users who signed up before this migration get their profile now.
select public.ensure_profile(u.id, u.email, coalesce(u.raw_user_meta_data, '{}'::jsonb))
from auth.users u
where not exists (select 1 from public.profiles p where p.id = u.id);
