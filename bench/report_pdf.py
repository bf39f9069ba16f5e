"""PDF report generation time for 5-, 20- and 40-question interviews (no Supabase needed).

Renders reports made of generated content (answers of about 1,500 characters with evidence
quotes, five dimensions each, skill gaps with resources, delivery metrics, a non-Latin
candidate name) with backend/llm_api/services/report_pdf.py, and prints the median and worst
time of several runs, the page count and the size. Baseline, measured in the same run: a
one-page document with the same embedded fonts and a title, so the figures separate the cost
of the report's content from reportlab's fixed cost (font subsetting, writing the file).
Run from the repo root:  .venv/bin/python bench/report_pdf.py
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from backend.llm_api.services import report_pdf  # noqa: E402

RUNS = 5
SENTENCE = ("I measured the latency first, compared the traces before and after the deploy, and found the "
            "query that had lost its index; I chose to add the index rather than a cache. ")


def interview(questions: int) -> dict:
    answers = [{"position": i, "question_text": f"Question {i}: how would you find and fix a latency regression in "
                                                  f"service {i}, and what would you measure?",
                "answer_text": SENTENCE * 9, "skipped": False, "score": 50 + i % 40,
                "evidence": [SENTENCE.strip(), "p99 went from 900 ms to 180 ms"],
                "dimensions": {name: {"level": 3 + i % 2, "score": 60 + i % 30}
                               for name in ("communication", "technical_depth", "problem_solving", "structure",
                                            "ownership")},
                "rubric_points_missed": [{"text": "Mentions rollback"}]} for i in range(1, questions + 1)]
    gaps = [{"skill": f"Skill {i}", "severity": "high", "recommendation": "Practise this with a real system.",
             "resources": [{"title": "Designing Data-Intensive Applications", "url": "https://dataintensive.net"}]}
            for i in range(5)]
    return {"interview": {"title": f"{questions}-question interview", "job_role": "Backend Engineer",
                          "interview_type": "technical", "experience_level": "senior", "difficulty": "hard"},
            "candidate": "José Müller 王小明",
            "evaluation": {"overall_score": 72, "communication_score": 70, "technical_score": 75,
                           "problem_solving_score": 71, "code_quality_score": None, "duration_seconds": 60 * questions,
                           "completed_at": "2026-12-01T10:00:00+00:00",
                           "feedback": {"detailed_feedback": SENTENCE * 3,
                                        "strengths": [{"text": SENTENCE, "answer_position": 1}] * 3,
                                        "areas_for_improvement": [{"text": SENTENCE}] * 3,
                                        "recommendations": [{"text": SENTENCE}] * 3},
                           "answers": answers, "skill_gaps": gaps},
            "delivery_metrics": {"spoken_parts": questions, "word_count": 150 * questions, "speaking_seconds": 60.0 *
                                 questions, "words_per_minute": 150.0, "fillers_per_minute": 2.0, "pause_count": 3,
                                 "pause_seconds": 7.5, "silence_count": 0, "time_to_first_word_seconds": 1.2,
                                 "flags": [], "answers": {}}}


def baseline() -> bytes:
    report_pdf._register()
    buffer = io.BytesIO()
    styles = report_pdf._styles()
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(report_pdf.markup("Interview report: José 王"),
                                                            styles["title"]),
                                                  Paragraph(report_pdf.markup("One line."), styles["body"])])
    return buffer.getvalue()


def timed(make) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = make()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def main() -> None:
    report_pdf.render_report(interview(1))  # warm-up: fonts parsed, modules loaded
    base_times, base_pdf = timed(baseline)
    base = statistics.median(base_times)
    print(f"{'document':<22} {'median ms':>10} {'max ms':>8} {'pages':>6} {'KB':>7} {'x baseline':>11}")
    print(f"{'baseline (1 page)':<22} {base:>10.1f} {max(base_times):>8.1f} {1:>6} {len(base_pdf) / 1024:>7.0f} "
          f"{1.0:>11.1f}")
    for questions in (5, 20, 40):
        data = interview(questions)
        times, (pdf, pages) = timed(lambda data=data: report_pdf.render_report(data))
        median = statistics.median(times)
        print(f"{f'{questions} questions':<22} {median:>10.1f} {max(times):>8.1f} {pages:>6} {len(pdf) / 1024:>7.0f} "
              f"{median / base:>11.1f}")


if __name__ == "__main__":
    main()
