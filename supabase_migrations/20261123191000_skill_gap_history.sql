-- A user's skill gaps across interviews, one row per skill: how often it came up, when
-- first and last, and how severe it was last time and at worst. The interview planner
-- reads it to steer the next interview. security_invoker: a user sees only their own.

create view public.skill_gap_history
with (security_invoker = true)
as
select
  g.user_id,
  g.skill_key,
  (array_agg(g.skill order by g.created_at desc))[1] as skill,
  count(*)::integer as interviews,
  min(g.created_at) as first_seen_at,
  max(g.created_at) as last_seen_at,
  (array_agg(g.severity order by g.created_at desc))[1] as latest_severity,
  (array_agg(g.severity order by array_position(array['low', 'medium', 'high', 'critical'], g.severity) desc))[1]
    as worst_severity,
  (array_agg(g.interview_id order by g.created_at desc))[1] as latest_interview_id
from public.skill_gaps g
where g.user_id is not null
group by g.user_id, g.skill_key;

comment on view public.skill_gap_history is
  'Per-user, per-skill history of skill gaps across interviews (security_invoker: RLS of the caller applies).';

revoke all on public.skill_gap_history from anon;
revoke insert, update, delete, truncate, references, trigger on public.skill_gap_history from authenticated;
grant select on public.skill_gap_history to authenticated, service_role;
