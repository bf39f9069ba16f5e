"""The API's routes, mounted under /api/ by backend/urls.py."""

from django.urls import path

from backend.llm_api.views.auth import LoginApi, LogoutApi, MeApi, RefreshApi, RegisterApi
from backend.llm_api.views.coaching import InterviewCoverageApi, InterviewSkillGapsApi, SkillGapsApi
from backend.llm_api.views.health import HealthApi, InfoApi
from backend.llm_api.views.history import (
    DashboardApi,
    DbDashboardApi,
    DbSessionApi,
    DbSessionsApi,
    DbStatisticsApi,
    InterviewListAliasApi,
    InterviewStatsApi,
    ProgressPngApi,
    ProgressSvgApi,
    StatisticsApi,
)
from backend.llm_api.views.interview_saves import InterviewSaveApi
from backend.llm_api.views.interviews import (
    InterviewAnswerApi,
    InterviewAnswerRetryApi,
    InterviewDetailApi,
    InterviewEndApi,
    InterviewEvaluationApi,
    InterviewMessagesApi,
    InterviewsApi,
    InterviewSkipApi,
    InterviewStartApi,
    InterviewStateApi,
    PracticeApi,
)
from backend.llm_api.views.profile import (
    AccountApi,
    AvatarAliasApi,
    AvatarApi,
    ExportApi,
    ProfileApi,
    StatsApi,
)
from backend.llm_api.views.questions import (
    QuestionApi,
    QuestionsApi,
    QuestionsBulkApi,
    QuestionsBulkCreateApi,
)
from backend.llm_api.views.resumes import (
    DbResumesApi,
    DbResumesUploadApi,
    ResumeApi,
    ResumeParseApi,
    ResumeReparseApi,
    ResumesApi,
)

urlpatterns = [
    path("health", HealthApi.as_view(), name="health"),
    path("info", InfoApi.as_view(), name="info"),
    path("auth/register", RegisterApi.as_view(), name="auth-register"),
    path("auth/login", LoginApi.as_view(), name="auth-login"),
    path("auth/refresh", RefreshApi.as_view(), name="auth-refresh"),
    path("auth/logout", LogoutApi.as_view(), name="auth-logout"),
    path("auth/me", MeApi.as_view(), name="auth-me"),
    path("user/profile", ProfileApi.as_view(), name="user-profile"),
    path("user/profile/avatar", AvatarApi.as_view(), name="user-profile-avatar"),
    path("user/avatar", AvatarAliasApi.as_view(), name="user-avatar"),
    path("user/stats", StatsApi.as_view(), name="user-stats"),
    path("user/export", ExportApi.as_view(), name="user-export"),
    path("user/account", AccountApi.as_view(), name="user-account"),
    path("resumes", ResumesApi.as_view(), name="resumes"),
    path("resumes/<uuid:resume_id>", ResumeApi.as_view(), name="resume"),
    path("resumes/<uuid:resume_id>/reparse", ResumeReparseApi.as_view(), name="resume-reparse"),
    path("resume/parse", ResumeParseApi.as_view(), name="resume-parse"),
    path("db/resumes", DbResumesApi.as_view(), name="db-resumes"),
    path("db/resumes/upload", DbResumesUploadApi.as_view(), name="db-resumes-upload"),
    path("interviews", InterviewsApi.as_view(), name="interviews"),
    path("interviews/list", InterviewListAliasApi.as_view(), name="interviews-list"),
    path("interviews/stats", InterviewStatsApi.as_view(), name="interviews-stats"),
    path("interviews/<uuid:interview_id>", InterviewDetailApi.as_view(), name="interview"),
    path("interviews/<uuid:interview_id>/start", InterviewStartApi.as_view(), name="interview-start"),
    path("interviews/<uuid:interview_id>/messages", InterviewMessagesApi.as_view(), name="interview-messages"),
    path("interviews/<uuid:interview_id>/skip", InterviewSkipApi.as_view(), name="interview-skip"),
    path("interviews/<uuid:interview_id>/end", InterviewEndApi.as_view(), name="interview-end"),
    path("interviews/<uuid:interview_id>/state", InterviewStateApi.as_view(), name="interview-state"),
    path("interviews/<uuid:interview_id>/evaluation", InterviewEvaluationApi.as_view(), name="interview-evaluation"),
    path("interviews/<uuid:interview_id>/answers/<int:position>", InterviewAnswerApi.as_view(),
         name="interview-answer"),
    path("interviews/<uuid:interview_id>/answers/<int:position>/retry", InterviewAnswerRetryApi.as_view(),
         name="interview-answer-retry"),
    path("practice", PracticeApi.as_view(), name="practice"),
    path("interviews/<uuid:interview_id>/skill-gaps", InterviewSkillGapsApi.as_view(), name="interview-skill-gaps"),
    path("interviews/<uuid:interview_id>/coverage", InterviewCoverageApi.as_view(), name="interview-coverage"),
    path("skill-gaps", SkillGapsApi.as_view(), name="skill-gaps"),
    path("questions", QuestionsApi.as_view(), name="questions"),
    path("questions/bulk", QuestionsBulkApi.as_view(), name="questions-bulk"),
    path("questions/bulk_create", QuestionsBulkCreateApi.as_view(), name="questions-bulk-create"),
    path("questions/<uuid:question_id>", QuestionApi.as_view(), name="question"),
    path("interviews/save", InterviewSaveApi.as_view(), name="interviews-save"),
    path("statistics", StatisticsApi.as_view(), name="statistics"),
    path("statistics/progress.png", ProgressPngApi.as_view(), name="statistics-progress-png"),
    path("statistics/progress.svg", ProgressSvgApi.as_view(), name="statistics-progress-svg"),
    path("dashboard", DashboardApi.as_view(), name="dashboard"),
    path("db/sessions", DbSessionsApi.as_view(), name="db-sessions"),
    path("db/sessions/<uuid:interview_id>", DbSessionApi.as_view(), name="db-session"),
    path("db/statistics", DbStatisticsApi.as_view(), name="db-statistics"),
    path("db/dashboard", DbDashboardApi.as_view(), name="db-dashboard"),
]
