"""Django settings, read from the environment (and `.env` via python-dotenv).

Every setting a deployment may change is listed, with a comment, in `.env.example`.
Django keeps no database of its own: the system of record is Supabase, reached through
`backend.llm_api.supabase_client`. Nothing here needs `migrate`.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from corsheaders.defaults import default_headers as cors_default_headers
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
# Real environment variables win over `.env` (override=False is python-dotenv's default).
load_dotenv(BASE_DIR / ".env")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool = False) -> bool:
    return env_str(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(env_str(name, str(default)))


def env_float(name: str, default: float) -> float:
    return float(env_str(name, str(default)))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


with (BASE_DIR / "pyproject.toml").open("rb") as _pyproject:
    API_VERSION: str = tomllib.load(_pyproject)["project"]["version"]
API_NAME = "Interview Coach API"

# Django --------------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-local-development-key-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "backend.llm_api",
]

MIDDLEWARE = [
    "backend.llm_api.request_context.RequestIdMiddleware",  # first: every answer carries X-Request-ID
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The docs pages' assets (/static/) from any server, gunicorn included: no collectstatic step,
    # no web server in front needed. Indexed once at start-up from the apps' static folders.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "backend.urls"
WSGI_APPLICATION = "backend.wsgi.application"
ASGI_APPLICATION = "backend.asgi.application"
DATABASES: dict = {}
USE_TZ = True
TIME_ZONE = "UTC"
STATIC_URL = "static/"
STATIC_ROOT = env_str("STATIC_ROOT") or None  # set only to `collectstatic` the assets for a CDN
WHITENOISE_USE_FINDERS = True  # serve the installed apps' files as they are (no STATIC_ROOT needed)
WHITENOISE_AUTOREFRESH = False  # index once at start-up, never look at the disk per request
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

# CORS: the front end's origins, comma-separated; "*" allows any origin.
ALLOWED_ORIGINS = env_list(
    "ALLOWED_ORIGINS",
    "http://localhost:3000,http://127.0.0.1:3000,http://localhost:5173,http://127.0.0.1:5173",
)
CORS_ALLOW_ALL_ORIGINS = ALLOWED_ORIGINS == ["*"]
CORS_ALLOWED_ORIGINS = [] if CORS_ALLOW_ALL_ORIGINS else ALLOWED_ORIGINS
CORS_ALLOW_HEADERS = (*cors_default_headers, "x-request-id")
CORS_EXPOSE_HEADERS = ["X-Request-ID", "Retry-After"]

# Django REST framework -----------------------------------------------------------------
REST_FRAMEWORK = {
    # No django.contrib.auth: users come from Supabase JWTs. Without a token, request.user is
    # an AnonymousSupabaseUser (is_authenticated False, id None, falsy).
    "UNAUTHENTICATED_USER": "backend.llm_api.authentication.AnonymousSupabaseUser",
    "UNAUTHENTICATED_TOKEN": None,
    # A valid bearer token is required unless a view opts into
    # OptionalSupabaseJWTAuthentication (anonymous allowed) or sets no authentication.
    "DEFAULT_AUTHENTICATION_CLASSES": ["backend.llm_api.authentication.SupabaseJWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "backend.llm_api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "backend.llm_api.exceptions.api_exception_handler",
    # Proxies (load balancers) in front of the API: the client IP is then read from X-Forwarded-For.
    "NUM_PROXIES": env_int("NUM_PROXIES", 0) if env_str("NUM_PROXIES") else None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": API_NAME,
    "DESCRIPTION": "Backend of an AI mock-interview platform; Supabase is the system of record.",
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "backend.llm_api.schema.document_parse_errors",
                             "backend.llm_api.schema.document_blank_query_values"],
    # The schema and docs pages are public (they would otherwise need a bearer token).
    "SERVE_AUTHENTICATION": [],
    # Swagger UI and ReDoc assets ship in drf-spectacular-sidecar: the docs work offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ClaimKindEnum": "backend.llm_api.services.resume_parsing.schema.CLAIM_KINDS",
        "ExperienceLevelEnum": "backend.llm_api.services.labels.EXPERIENCE_LEVELS",
        "InterviewTypeEnum": "backend.llm_api.services.labels.INTERVIEW_TYPES",
        "DifficultyEnum": "backend.llm_api.services.labels.DIFFICULTIES",
        "SkillGapSeverityEnum": "backend.llm_api.services.coaching.SEVERITIES",
        "RecordingKindEnum": "backend.llm_api.services.media.RECORDING_KINDS",
    },
}

# Supabase ------------------------------------------------------------------------------
SUPABASE_URL = env_str("SUPABASE_URL").rstrip("/")
SUPABASE_ANON_KEY = env_str("SUPABASE_ANON_KEY")
SUPABASE_SERVICE_KEY = env_str("SUPABASE_SERVICE_KEY")
SUPABASE_JWT_SECRET = env_str("SUPABASE_JWT_SECRET")
SUPABASE_JWKS_URL = env_str("SUPABASE_JWKS_URL")  # empty: {SUPABASE_URL}/auth/v1/.well-known/jwks.json
SUPABASE_JWT_ISSUER = env_str("SUPABASE_JWT_ISSUER")  # empty: {SUPABASE_URL}/auth/v1
SUPABASE_JWT_LEEWAY = env_float("SUPABASE_JWT_LEEWAY", 10)  # seconds of clock skew accepted
SUPABASE_JWKS_CACHE_TTL = env_float("SUPABASE_JWKS_CACHE_TTL", 600)  # seconds signing keys are cached
SUPABASE_JWKS_MIN_REFRESH_INTERVAL = env_float("SUPABASE_JWKS_MIN_REFRESH_INTERVAL", 30)
SUPABASE_JWKS_TIMEOUT = env_float("SUPABASE_JWKS_TIMEOUT", 5)  # seconds to fetch the JWKS
SUPABASE_TIMEOUT = env_float("SUPABASE_TIMEOUT", 10.0)  # seconds per HTTP request to Supabase
DATABASE_URL = env_str("DATABASE_URL")  # the Supabase Postgres, for `manage.py supabase_migrate`

# Accounts -------------------------------------------------------------------------------
# Sign-in, sign-up and account-deletion attempts allowed per window, per client IP and per e-mail.
ACCOUNT_THROTTLE_WINDOW_SECONDS = env_int("ACCOUNT_THROTTLE_WINDOW_SECONDS", 300)
ACCOUNT_THROTTLE_PER_IP = env_int("ACCOUNT_THROTTLE_PER_IP", 30)
ACCOUNT_THROTTLE_PER_EMAIL = env_int("ACCOUNT_THROTTLE_PER_EMAIL", 10)
AVATAR_MAX_BYTES = env_int("AVATAR_MAX_BYTES", 5 * 1024 * 1024)
AVATAR_MAX_PIXELS = env_int("AVATAR_MAX_PIXELS", 40_000_000)  # width x height, checked before decoding
AVATAR_SIZE = env_int("AVATAR_SIZE", 512)  # stored avatars are squares of at most this many pixels
EXPORT_SIGNED_URL_SECONDS = env_int("EXPORT_SIGNED_URL_SECONDS", 600)

# Resumes -------------------------------------------------------------------------------
RESUME_MAX_BYTES = env_int("RESUME_MAX_BYTES", 10 * 1024 * 1024)  # refused (413) before the file is read
RESUME_MAX_PAGES = env_int("RESUME_MAX_PAGES", 20)  # PDF pages (and DOCX pages when the file says)
RESUME_MAX_TEXT_CHARS = env_int("RESUME_MAX_TEXT_CHARS", 200_000)  # characters of extracted text, then 413
RESUME_PARSE_TIMEOUT = env_float("RESUME_PARSE_TIMEOUT", 10.0)  # seconds to read a file (child process), then 422
RESUME_ANON_THROTTLE_PER_IP = env_int("RESUME_ANON_THROTTLE_PER_IP", 20)  # anonymous uploads per client IP a window
RESUME_ANON_THROTTLE_WINDOW_SECONDS = env_int("RESUME_ANON_THROTTLE_WINDOW_SECONDS", 3600)
RESUME_USER_THROTTLE_PER_USER = env_int("RESUME_USER_THROTTLE_PER_USER", 100)  # signed-in uploads per user a window
RESUME_USER_THROTTLE_WINDOW_SECONDS = env_int("RESUME_USER_THROTTLE_WINDOW_SECONDS", 3600)
RESUME_SIGNED_URL_SECONDS = env_int("RESUME_SIGNED_URL_SECONDS", 300)  # lifetime of download links
RESUME_MODEL_PARSER = env_bool("RESUME_MODEL_PARSER", True)  # use the model parser when OPENAI_API_KEY is set
RESUME_MODEL_TIMEOUT = env_float("RESUME_MODEL_TIMEOUT", 30.0)  # seconds for one model parse, then offline

# The local Supabase-compatible stack (used when SUPABASE_URL is empty).
LOCAL_SUPABASE_PORT = env_int("LOCAL_SUPABASE_PORT", 54321)
LOCAL_SUPABASE_DIR = Path(env_str("LOCAL_SUPABASE_DIR", str(BASE_DIR / ".local_supabase")))

# Interview engine (OpenAI-compatible; offline engine when no key is set) ----------------
OPENAI_API_KEY = env_str("OPENAI_API_KEY")
OPENAI_BASE_URL = env_str("OPENAI_BASE_URL")  # empty: the openai package's default
OPENAI_MODEL = env_str("OPENAI_MODEL", "gpt-4o-mini")
LLM_PROVIDER = env_str("LLM_PROVIDER")  # openai | offline; empty: openai when OPENAI_API_KEY or OPENAI_BASE_URL is set
INTERVIEW_MODEL_TIMEOUT = env_float("INTERVIEW_MODEL_TIMEOUT", 20.0)  # seconds per model request, then offline
INTERVIEW_MODEL_RETRIES = env_int("INTERVIEW_MODEL_RETRIES", 2)  # retries (with back-off) on 429 and 5xx
INTERVIEW_MAX_FOLLOW_UPS = env_int("INTERVIEW_MAX_FOLLOW_UPS", 2)  # follow-ups per question
INTERVIEW_MAX_FOLLOW_UPS_PER_KIND = env_int("INTERVIEW_MAX_FOLLOW_UPS_PER_KIND", 3)  # per kind of lack, per interview
INTERVIEW_REPLY_LEASE_SECONDS = env_int("INTERVIEW_REPLY_LEASE_SECONDS", 90)  # then another request may finish a reply
SSE_HEARTBEAT_SECONDS = env_float("SSE_HEARTBEAT_SECONDS", 15.0)  # a comment line while a streamed reply is silent; 0: none
SCORING_WITH_MODEL = env_bool("SCORING_WITH_MODEL", True)  # the model judges answers when the engine uses a model
SCORING_MODEL = env_str("SCORING_MODEL")  # the judge model; empty: OPENAI_MODEL
SCORING_MODEL_TIMEOUT = env_float("SCORING_MODEL_TIMEOUT", 20.0)  # seconds per answer, then scored offline
SCORING_WORKERS = env_int("SCORING_WORKERS", 4)  # answers scored in parallel (per process)
READINESS_MODEL_TIMEOUT = env_float("READINESS_MODEL_TIMEOUT", 2.0)  # seconds for /api/ready's model probe
READINESS_MODEL_CACHE_SECONDS = env_float("READINESS_MODEL_CACHE_SECONDS", 30.0)  # the probe's result is reused

# Recruiter mode (issue 22)
INVITATION_TTL_DAYS = env_int("INVITATION_TTL_DAYS", 7)  # a candidate's invitation link expires after this
INVITATION_URL = env_str("INVITATION_URL")  # the link sent, with {token}; empty: <API>/app/invitation#token={token}
INVITATION_EMAIL = env_str("INVITATION_EMAIL", "none")  # supabase: also mail it through Supabase Auth's invite

# Speech, recordings and reports (issue 21)
TRANSCRIPTION_MODEL = env_str("TRANSCRIPTION_MODEL", "whisper-1")  # speech model; empty: transcription off (503)
TRANSCRIPTION_TIMEOUT = env_float("TRANSCRIPTION_TIMEOUT", 60.0)  # seconds for one transcription
TRANSCRIPTION_MAX_BYTES = env_int("TRANSCRIPTION_MAX_BYTES", 25 * 1024 * 1024)  # audio sent to the speech model
RECORDINGS_MAX_AUDIO_BYTES = env_int("RECORDINGS_MAX_AUDIO_BYTES", 50 * 1024 * 1024)  # per audio recording
RECORDINGS_MAX_VIDEO_BYTES = env_int("RECORDINGS_MAX_VIDEO_BYTES", 500 * 1024 * 1024)  # per video/screen recording
RECORDINGS_MAX_DURATION_SECONDS = env_int("RECORDINGS_MAX_DURATION_SECONDS", 4 * 3600)  # bound on a stated duration
RECORDINGS_SIGNED_URL_SECONDS = env_int("RECORDINGS_SIGNED_URL_SECONDS", 900)  # lifetime of playback links
RECORDINGS_RETENTION_DAYS = env_int("RECORDINGS_RETENTION_DAYS", 90)  # sets expires_at; 0: kept until deleted
REPORT_SIGNED_URL_SECONDS = env_int("REPORT_SIGNED_URL_SECONDS", 900)  # lifetime of report download links
PRACTICE_THROTTLE_PER_USER = env_int("PRACTICE_THROTTLE_PER_USER", 30)  # practice answers per user per window
PRACTICE_THROTTLE_WINDOW_SECONDS = env_int("PRACTICE_THROTTLE_WINDOW_SECONDS", 3600)

# Coding interviews (issue 23): where candidates' code runs, and its limits per run
CODE_RUNNER = env_str("CODE_RUNNER", "local")  # local (a sandboxed child process) | piston | judge0
CODE_RUNNER_URL = env_str("CODE_RUNNER_URL").rstrip("/")  # the Piston or Judge0 server
CODE_RUNNER_TOKEN = env_str("CODE_RUNNER_TOKEN")  # sent as Authorization (Piston) / X-Auth-Token (Judge0)
CODE_RUNNER_TIMEOUT = env_float("CODE_RUNNER_TIMEOUT", 30.0)  # seconds for one HTTP run, then 502
CODE_RUN_CPU_SECONDS = env_int("CODE_RUN_CPU_SECONDS", 2)  # CPU time of one run (every test of it)
CODE_RUN_WALL_SECONDS = env_float("CODE_RUN_WALL_SECONDS", 5.0)  # wall time of one run
CODE_RUN_MEMORY_MB = env_int("CODE_RUN_MEMORY_MB", 256)
CODE_RUN_OUTPUT_BYTES = env_int("CODE_RUN_OUTPUT_BYTES", 64 * 1024)  # stdout + stderr of one run, then stopped
CODE_RUN_FILE_BYTES = env_int("CODE_RUN_FILE_BYTES", 1024 * 1024)  # largest file a run may write
CODE_RUN_PROCESSES = env_int("CODE_RUN_PROCESSES", 64)  # processes and threads of one run (RLIMIT_NPROC)
CODE_RUN_MAX_CONCURRENT = env_int("CODE_RUN_MAX_CONCURRENT", 4)  # runs at once per API process, then 429
CODE_RUN_THROTTLE_PER_USER = env_int("CODE_RUN_THROTTLE_PER_USER", 60)  # runs and submissions per user a window
CODE_RUN_THROTTLE_WINDOW_SECONDS = env_int("CODE_RUN_THROTTLE_WINDOW_SECONDS", 600)
CODE_RUNNER_PYTHON = env_str("CODE_RUNNER_PYTHON")  # local: the sandbox's python; empty: found (see README)
CODE_RUNNER_NODE = env_str("CODE_RUNNER_NODE")  # local: the sandbox's node; empty: found on PATH
CODE_RUNNER_HIDE_PATHS = env_list("CODE_RUNNER_HIDE_PATHS", "/home,/root,/run,/var/tmp,/dev/shm,/srv,/mnt")
CODE_RUNNER_WORK_DIR = env_str("CODE_RUNNER_WORK_DIR")  # local: where run directories are made; empty: the temp dir
CODE_RUNNER_UID_BASE = env_int("CODE_RUNNER_UID_BASE", 61000)  # local, as root: runs get uids from here
CODE_RUNNER_UID_SLOTS = env_int("CODE_RUNNER_UID_SLOTS", 32)  # local, as root: concurrent runs on one host

# Logging -------------------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = env_str("LOG_FORMAT", "plain").lower()
if LOG_FORMAT not in {"plain", "json"}:
    raise ValueError(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "backend.llm_api.request_context.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {"()": "backend.llm_api.request_context.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}
