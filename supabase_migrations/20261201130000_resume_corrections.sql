-- Resumes: the candidate's corrections kept apart from the parser's output, and which parser ran.
--
-- `parsed` is rewritten by every (re)parse; `corrections` only by the candidate (PATCH), and the
-- API answers with `parsed` overlaid by `corrections`, so a reparse never loses a correction.

alter table public.resumes
  add column corrections jsonb not null default '{}'::jsonb,
  add column parser text,
  add column parsed_at timestamptz,
  add constraint resumes_corrections_is_object check (jsonb_typeof(corrections) = 'object'),
  add constraint resumes_parser_valid check (parser in ('offline', 'model'));

comment on column public.resumes.corrections is
  'Fields the candidate corrected (same keys as parsed); they win over parsed and survive a reparse.';
comment on column public.resumes.parser is 'offline or model: what produced parsed.';
