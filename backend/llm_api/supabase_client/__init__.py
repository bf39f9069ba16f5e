"""The only package that talks to Supabase (one module per group of tables, one import name).

One `supabase` client per process, built lazily with the service key on first use (never
at import time) from `django.conf.settings`, and shared by every request: its one httpx
connection pool has bounded timeouts (`SUPABASE_TIMEOUT`). Call `reset_client()` after
changing the SUPABASE_* settings; changes made through Django's `override_settings` (and
pytest-django's `settings` fixture) do that by themselves.

Every failure leaves this module as a `SupabaseError` subclass carrying the HTTP status
the API should answer with, so views and services never see postgrest, storage3,
supabase_auth or httpx exceptions. Every function that touches a user's data takes
`user_id` as a required keyword and scopes by it: the service key bypasses RLS, so a
missing filter must be impossible to write by accident.

The shared client holds the service key: never sign a user in on it (that would swap its
Authorization header for the user's token); use `auth.admin` or a separate client.
"""

from .auth import (
    AuthSession,
    AuthUser,
    SignUp,
    auth_delete_user,
    auth_get_user,
    auth_invite,
    auth_refresh,
    auth_sign_in,
    auth_sign_out,
    auth_sign_up,
)
from .coding import (
    code_submissions,
    coding_problem_get,
    coding_problem_keys,
    coding_problems_upsert,
)
from .connection import get_client, reset_client
from .errors import (
    Conflict,
    Invalid,
    NotConfigured,
    NotFound,
    PermissionDenied,
    RateLimited,
    SupabaseError,
    Unauthorized,
    Unavailable,
    error_class_for_status,
    error_from_auth,
    error_from_postgrest,
    error_from_storage,
    translate_errors,
)
from .export import export_user_rows
from .health import HealthCheck, check_health
from .history import (
    history_dashboard,
    history_progress,
    history_statistics,
    interview_delete,
    interview_full,
    interview_history,
    storage_deletions_done,
)
from .interview_saves import interview_save
from .interviews import (
    ANSWER_COLUMNS,
    INTERVIEW_COLUMNS,
    MESSAGE_COLUMNS,
    answer_attempt_add,
    answer_attempts,
    interview_accept,
    interview_answer_score,
    interview_create,
    interview_finish,
    interview_get,
    interview_last_interviewer_message,
    interview_recent_question_ids,
    interview_reply,
    interview_start,
    open_skill_gaps,
    owned_filter,
    plan_candidate_questions,
)
from .profiles import PROFILE_COLUMNS, get_interview_statistics, get_profile, update_profile, username_owner
from .question_bank import question_bank_keys, question_bank_remove, question_bank_upsert
from .questions import (
    QUESTION_COLUMNS,
    question_delete,
    question_get,
    question_insert_many,
    question_list,
    question_update,
)
from .rate_limits import rate_limit_hit
from .recordings import (
    RECORDING_COLUMNS,
    answer_delivery_metrics_set,
    interview_delivery_metrics,
    interview_delivery_metrics_set,
    recording_delete,
    recording_for_message,
    recording_get,
    recording_insert,
    recording_list,
    recording_update,
    recordings_expired,
    storage_upload_file,
)
from .recruiting import (
    candidate_session_accept,
    candidate_session_get,
    candidate_session_offered,
    candidate_sessions,
    interviewer_delete,
    interviewer_get,
    interviewer_insert,
    interviewer_list,
    interviewer_update,
    invitation_by_token_hash,
    invitation_issue,
    invitation_live,
    invitation_mark_emailed,
    invitation_revoke,
    scheduled_interview_start,
    session_get,
    session_insert,
    session_list,
    session_messages,
    session_question_delete,
    session_question_get,
    session_question_list,
    session_question_update,
    session_questions,
    session_questions_insert,
    session_update,
    sessions_of_role,
    sessions_retarget,
    student_delete,
    student_get,
    student_insert,
    student_list,
    student_update,
)
from .reports import REPORT_COLUMNS, report_for_interview, report_get, report_list, report_save
from .resumes import RESUME_COLUMNS, resume_delete, resume_get, resume_insert, resume_list, resume_update
from .skill_gaps import answered_questions_since, interview_coverage, interview_skill_gaps, skill_gap_rows
from .storage import (
    storage_bucket_ids,
    storage_download,
    storage_list_user_objects,
    storage_public_url,
    storage_remove,
    storage_signed_urls,
    storage_upload,
)
