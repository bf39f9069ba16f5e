"""The interview engine: plan, assess, decide, word the reply. No Supabase, no DRF.

    brief = make_brief(...)                        # what the interviewer knows
    plan = plan_interview(brief=..., candidates=...)  # questions with rubrics and targets
    decision = decide(state=..., answer_text=...)  # the server's rules: follow up, next, close
    interviewer.reply(Turn(...))                   # the words: offline or by a model

`interviewer_from_settings()` picks the model interviewer when LLM_PROVIDER is `openai`
(the default when OPENAI_API_KEY or OPENAI_BASE_URL is set), else the offline one.
"""

from __future__ import annotations

from django.conf import settings

from backend.llm_api.services.labels import DIFFICULTIES, EXPERIENCE_LEVELS, INTERVIEW_TYPES
from backend.llm_api.services.labels import experience_level_value as normalise_level
from backend.llm_api.services.labels import interview_type_value as normalise_type

from .assessment import LACK_KINDS, Lack, assess, looks_like_instructions, points_covered
from .brief import Brief, make_brief
from .flow import (
    CLOSING_LINE,
    Decision,
    EngineState,
    after_follow_up,
    after_submission,
    decide,
    question_heading,
)
from .model import RESET, ModelInterviewer, ModelSettings, Reset
from .offline import OfflineInterviewer
from .planner import EmptyBank, PlannedQuestion, candidate_types, plan_interview
from .turns import CodeSubmission, EngineFailed, Interviewer, Turn

__all__ = [
    "CLOSING_LINE", "DIFFICULTIES", "EXPERIENCE_LEVELS", "INTERVIEW_TYPES", "LACK_KINDS", "RESET", "Brief",
    "CodeSubmission", "Decision", "EmptyBank", "EngineFailed", "EngineState", "Interviewer", "Lack", "ModelInterviewer",
    "ModelSettings", "OfflineInterviewer", "PlannedQuestion", "Reset", "Turn", "after_follow_up", "after_submission", "assess",
    "candidate_types", "decide", "interviewer_from_settings", "looks_like_instructions", "make_brief",
    "normalise_level", "normalise_type", "plan_interview", "points_covered", "provider", "question_heading",
]


def provider() -> str:
    """`openai` or `offline`: LLM_PROVIDER, defaulting to openai when a model server is configured."""
    chosen = (settings.LLM_PROVIDER or "").strip().lower()
    if chosen in ("openai", "offline"):
        return chosen
    return "openai" if settings.OPENAI_API_KEY or settings.OPENAI_BASE_URL else "offline"


def interviewer_from_settings() -> Interviewer:
    if provider() == "offline":
        return OfflineInterviewer()
    return ModelInterviewer(ModelSettings(
        api_key=settings.OPENAI_API_KEY, base_url=settings.OPENAI_BASE_URL or None, model=settings.OPENAI_MODEL,
        timeout=float(settings.INTERVIEW_MODEL_TIMEOUT), max_retries=int(settings.INTERVIEW_MODEL_RETRIES),
    ))
