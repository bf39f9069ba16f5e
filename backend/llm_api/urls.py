"""The API's routes, mounted under /api/ by backend/urls.py."""

from django.urls import path

from backend.llm_api.views.auth import LoginApi, LogoutApi, MeApi, RefreshApi, RegisterApi
from backend.llm_api.views.coaching import InterviewCoverageApi, InterviewSkillGapsApi, SkillGapsApi
from backend.llm_api.views.health import HealthApi, InfoApi, ReadyApi
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
from backend.llm_api.views.recordings import (
    InterviewRecordingsApi,
    RecordingApi,
    TranscriptionsApi,
    VoiceToTextApi,
)
from backend.llm_api.views.reports import (
    InterviewReportPdfApi,
    ReportApi,
    ReportsApi,
    ReportSeedApi,
    ReportsGenerateApi,
    ReportsGenerateSeedApi,
    ReportsSeedApi,
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
    path("ready", ReadyApi.as_view(), name="ready"),
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
    path("transcriptions", TranscriptionsApi.as_view(), name="transcriptions"),
    path("conversations/voice_to_text/", VoiceToTextApi.as_view(), name="conversations-voice-to-text"),
    path("interviews/<uuid:interview_id>/recordings", InterviewRecordingsApi.as_view(), name="interview-recordings"),
    path("recordings/<uuid:recording_id>", RecordingApi.as_view(), name="recording"),
    path("interviews/<uuid:interview_id>/report.pdf", InterviewReportPdfApi.as_view(), name="interview-report-pdf"),
    path("reports/generate", ReportsGenerateApi.as_view(), name="reports-generate"),
    path("reports/generate/", ReportsGenerateSeedApi.as_view(), name="reports-generate-seed"),
    path("reports", ReportsApi.as_view(), name="reports"),
    path("reports/", ReportsSeedApi.as_view(), name="reports-seed"),
    path("reports/<uuid:report_id>", ReportApi.as_view(), name="report"),
    path("reports/<uuid:report_id>/", ReportSeedApi.as_view(), name="report-seed"),
    path("interviews/save", InterviewSaveApi.as_view(), name="interviews-save"),
]
