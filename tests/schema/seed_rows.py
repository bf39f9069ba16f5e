"""Helpers for the schema tests: auth users, a full graph of rows per user, role claims.

Rows are written as the superuser (what the API's service key or Supabase Auth would do),
so the tests can then try to reach them as another user.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import psycopg

# Every table of the product's schema, in an order where parents come first.
PRODUCT_TABLES = (
    "profiles",
    "resumes",
    "questions",
    "interviews",
    "interview_answers",
    "interview_messages",
    "skill_gaps",
    "recordings",
    "interview_coverage",
    "interviewers",
    "students",
)
# What users write themselves (column by column, see the server_owned_columns migration) and
# what only the API (service role) writes: users may read and delete those rows, never write them.
USER_WRITTEN_TABLES = ("profiles", "resumes", "questions", "interviews", "interviewers", "students")
SERVER_WRITTEN_TABLES = ("interview_answers", "interview_messages", "skill_gaps", "interview_coverage", "recordings")
PRIVATE_BUCKETS = ("resumes", "interview-recordings", "reports")


def user_claims(user_id: str) -> dict:
    """JWT claims as Supabase Auth issues them for a signed-in user."""
    return {"role": "authenticated", "sub": user_id, "aud": "authenticated", "email": f"{user_id}@example.test"}


SERVICE_CLAIMS = {"role": "service_role"}
ANON_CLAIMS = {"role": "anon"}


def create_auth_user(conn: psycopg.Connection, email: str | None = None, metadata: dict | None = None) -> str:
    """Insert an auth.users row the way Supabase Auth does on sign-up; returns the id."""
    user_id = str(uuid.uuid4())
    conn.execute(
        "insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data,"
        " created_at, updated_at) values (%s, 'authenticated', 'authenticated', %s, %s, %s, now(), now())",
        (
            user_id,
            email or f"user-{user_id[:8]}@example.test",
            json.dumps({"provider": "email", "providers": ["email"]}),
            json.dumps(metadata or {}),
        ),
    )
    return user_id


@dataclass(frozen=True)
class UserRows:
    """Ids of one row in every product table, all belonging to one user."""

    user_id: str
    resume_id: str
    question_id: str
    interview_id: str
    answer_id: str
    message_id: str
    skill_gap_id: str
    recording_id: str
    coverage_id: str
    interviewer_id: str
    student_id: str

    def row_id(self, table: str) -> str:
        return {
            "profiles": self.user_id,
            "resumes": self.resume_id,
            "questions": self.question_id,
            "interviews": self.interview_id,
            "interview_answers": self.answer_id,
            "interview_messages": self.message_id,
            "skill_gaps": self.skill_gap_id,
            "recordings": self.recording_id,
            "interview_coverage": self.coverage_id,
            "interviewers": self.interviewer_id,
            "students": self.student_id,
        }[table]


def _insert(conn: psycopg.Connection, query: str, params: tuple) -> str:
    return str(conn.execute(query + " returning id", params).fetchone()[0])


def seed_user_rows(conn: psycopg.Connection, user_id: str, *, job_role: str = "Backend engineer") -> UserRows:
    """A resume, a private question, a completed interview and one row of each child table."""
    resume_id = _insert(
        conn,
        "insert into public.resumes (user_id, file_name, storage_path, size_bytes, page_count, parsed)"
        " values (%s, 'cv.pdf', %s, 1234, 2, '{\"skills\": [\"python\"]}')",
        (user_id, f"{user_id}/{uuid.uuid4()}.pdf"),
    )
    question_id = _insert(
        conn,
        "insert into public.questions (owner_id, question_text, interview_type, difficulty)"
        " values (%s, 'Explain an index.', 'technical', 'easy')",
        (user_id,),
    )
    interview_id = _insert(
        conn,
        "insert into public.interviews (user_id, resume_id, job_role, interview_type, difficulty, status,"
        " started_at, completed_at, overall_score, technical_score, scoring_engine, rubric_version,"
        " answered_count)"
        " values (%s, %s, %s, 'technical', 'easy', 'completed', now() - interval '20 minutes', now(),"
        " 80, 75, 'offline', 'v1', 1)",
        (user_id, resume_id, job_role),
    )
    answer_id = _insert(
        conn,
        "insert into public.interview_answers (interview_id, question_id, position, question_text,"
        " answer_text, score, scoring_engine, rubric_version)"
        " values (%s, %s, 1, 'Explain an index.', 'A B-tree that...', 80, 'offline', 'v1')",
        (interview_id, question_id),
    )
    message_id = _insert(
        conn,
        "insert into public.interview_messages (interview_id, role, content, answer_id)"
        " values (%s, 'candidate', 'A B-tree that...', %s)",
        (interview_id, answer_id),
    )
    skill_gap_id = _insert(
        conn,
        "insert into public.skill_gaps (interview_id, skill, severity, answer_id)"
        " values (%s, 'Query planning', 'medium', %s)",
        (interview_id, answer_id),
    )
    recording_id = _insert(
        conn,
        "insert into public.recordings (interview_id, kind, storage_path, content_type, size_bytes)"
        " values (%s, 'audio', %s, 'audio/webm', 10)",
        (interview_id, f"{user_id}/{uuid.uuid4()}.webm"),
    )
    coverage_id = _insert(
        conn,
        "insert into public.interview_coverage (interview_id, source, item, answer_id, status)"
        " values (%s, 'job_description', 'PostgreSQL', %s, 'demonstrated')",
        (interview_id, answer_id),
    )
    interviewer_id = _insert(
        conn, "insert into public.interviewers (user_id, name, email) values (%s, 'Ida Interviewer', %s)",
        (user_id, f"ida-{uuid.uuid4().hex[:8]}@example.test"),
    )
    student_id = _insert(
        conn, "insert into public.students (owner_id, name, email) values (%s, 'Sam Student', %s)",
        (user_id, f"sam-{uuid.uuid4().hex[:8]}@example.test"),
    )
    return UserRows(
        user_id, resume_id, question_id, interview_id, answer_id, message_id,
        skill_gap_id, recording_id, coverage_id, interviewer_id, student_id,
    )


def insert_payload(table: str, target: UserRows, actor_id: str) -> dict:
    """A row for `table` that would belong to `target` (the actor tries to write it)."""
    return {
        "profiles": {"id": target.user_id, "username": f"u{uuid.uuid4().hex[:10]}"},
        "resumes": {"user_id": target.user_id, "file_name": "stolen.pdf"},
        "questions": {"owner_id": target.user_id, "question_text": "Q?", "interview_type": "technical"},
        "interviews": {"user_id": target.user_id, "job_role": "Spy"},
        "interview_answers": {"interview_id": target.interview_id, "position": 77, "question_text": "Q?"},
        "interview_messages": {"interview_id": target.interview_id, "role": "system", "content": "hi"},
        "skill_gaps": {"interview_id": target.interview_id, "skill": "Lock picking", "severity": "low"},
        "recordings": {
            "interview_id": target.interview_id, "kind": "audio", "content_type": "audio/webm",
            "storage_path": f"{actor_id}/{uuid.uuid4()}.webm",
        },
        "interview_coverage": {"interview_id": target.interview_id, "source": "resume", "item": "Kafka"},
        "interviewers": {"user_id": target.user_id, "name": "Mallory", "email": "mallory@example.test"},
        "students": {"owner_id": target.user_id, "name": "Mallory", "email": "mallory@example.test"},
    }[table]


# A column each table lets its owner change, with a new value (for the server-written tables:
# one the owner would like to change but may not).
UPDATE_PAYLOAD = {
    "profiles": {"bio": "changed"},
    "resumes": {"file_name": "changed.pdf"},
    "questions": {"question_text": "Changed?"},
    "interviews": {"title": "Changed"},
    "interview_answers": {"answer_text": "changed"},
    "interview_messages": {"content": "changed"},
    "skill_gaps": {"recommendation": "changed"},
    "recordings": {"duration_seconds": 42},
    "interview_coverage": {"evidence": "changed"},
    "interviewers": {"name": "Changed"},
    "students": {"name": "Changed"},
}


# A complete result for public.finish_interview, as the scoring step would produce it.
FINISH_RESULT = {
    "overall_score": 72.5,
    "communication_score": 80,
    "technical_score": 65,
    "scoring_engine": "offline",
    "rubric_version": "2026-11",
    "feedback": {"summary": "Solid basics", "strengths": ["joins"]},
    "delivery_metrics": {"words_per_minute": 140},
    "answers": [
        {"position": 1, "score": 80, "evidence": ["an inner join keeps matching rows"],
         "feedback": {"note": "clear"}},
        {"position": 2, "score": 60},
        {"position": 3, "question_text": "Design a queue.", "skipped": True},
    ],
    "skill_gaps": [
        {"skill": "Distributed systems", "severity": "high", "answer_position": 2,
         "recommendation": "Read about exactly-once delivery", "resources": [{"title": "DDIA"}]},
        {"skill": "SQL window functions", "severity": "low"},
    ],
    "coverage": [
        {"source": "job_description", "item": "Kafka", "status": "not_probed"},
        {"source": "resume", "item": "Built ETL in Airflow", "status": "demonstrated", "answer_position": 1,
         "evidence": "described DAG retries"},
    ],
}
