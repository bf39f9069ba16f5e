-- Accounts: usernames up to 50 characters (seed 004's rule), and the API's request counters.

-- The API accepts 3-50 letters, digits, "-" and "_"; the table keeps "." for usernames the
-- sign-up trigger derived from e-mail addresses.
alter table public.profiles drop constraint profiles_username_format;
alter table public.profiles add constraint profiles_username_format
  check (username ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{2,49}$');

-- The sign-up trigger keeps the whole wanted name (up to 50), shortening only to add a suffix.
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
  base := left(base, 50);
  if char_length(base) = 0 then
    base := 'user';
  elsif char_length(base) < 3 then
    base := 'user_' || base;
  end if;

  loop
    candidate := case
      when attempt = 0 then base
      when attempt <= 50 then left(base, 40) || attempt::text
      else left(base, 40) || '_' || left(replace(p_user_id::text, '-', ''), 8)
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

revoke execute on function public.ensure_profile(uuid, text, jsonb) from public, anon, authenticated;

-- Fixed-window request counters shared by every API process (app servers keep no state),
-- e.g. sign-in attempts per client IP and per e-mail address. Keys never hold an address in
-- clear: the API hashes them. Only the service role reads or writes them.
create table public.api_rate_limits (
  bucket text primary key,
  window_started_at timestamptz not null,
  hits integer not null,
  constraint api_rate_limits_bucket_length check (char_length(bucket) between 1 and 200),
  constraint api_rate_limits_hits_positive check (hits > 0)
);

comment on table public.api_rate_limits is
  'Request counters of the API''s throttles (fixed windows); service role only.';

alter table public.api_rate_limits enable row level security;
revoke all on public.api_rate_limits from anon, authenticated;
grant select, insert, update, delete on public.api_rate_limits to service_role;

-- Counts one request against `p_bucket` and returns how many seconds the caller must wait:
-- 0 while the window holds at most `p_limit` requests. One statement, so concurrent
-- requests from several processes are counted exactly once each.
create or replace function public.api_rate_limit_hit(p_bucket text, p_limit integer, p_window_seconds integer)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  row public.api_rate_limits;
  window_length interval := make_interval(secs => p_window_seconds);
begin
  if p_limit < 1 or p_window_seconds < 1 then
    raise exception 'limit and window must be positive' using errcode = '22023';
  end if;
  insert into public.api_rate_limits as r (bucket, window_started_at, hits)
  values (p_bucket, now(), 1)
  on conflict (bucket) do update
    set window_started_at = case when r.window_started_at + window_length <= now()
                                 then now() else r.window_started_at end,
        hits = case when r.window_started_at + window_length <= now() then 1 else r.hits + 1 end
  returning * into row;
  -- now and then, forget windows that ended long ago
  if random() < 0.01 then
    delete from public.api_rate_limits where window_started_at < now() - interval '1 day';
  end if;
  if row.hits <= p_limit then
    return 0;
  end if;
  return greatest(1, ceil(extract(epoch from (row.window_started_at + window_length - now())))::integer);
end;
$$;

revoke execute on function public.api_rate_limit_hit(text, integer, integer) from public, anon, authenticated;
grant execute on function public.api_rate_limit_hit(text, integer, integer) to service_role;
