"""The scorer against the project's labelled answers (bench/scoring_answers.json).

Each answer is labelled by band (guard < weak < adequate < strong) for a question of the
curated bank. Prints, for the offline scorer (and with --model, the configured model judge):
  Spearman rank correlation of score with band     goal >= 0.70
  mean(strong) - mean(weak), in points             goal >= 40
  the highest score of a guard case                goal <= 10
  identical scores when scored again               goal: all (offline); with --model, the spread of
                                                   three scorings per answer, goal <= 5 on 95%
The test suite runs the offline figures (tests/api/test_scoring_bench.py).
Run from the repo root:  .venv/bin/python bench/scoring_bench.py [--model]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ANSWERS = ROOT / "bench" / "scoring_answers.json"
BANDS = {"guard": 0, "weak": 1, "adequate": 2, "strong": 3}


@dataclass(frozen=True)
class Figures:
    count: int
    spearman: float
    strong_minus_weak: float
    worst_guard: float
    identical: bool
    spread_95: float | None
    by_band: dict[str, float]
    by_type: dict[str, float]


def ranks(values: list[float]) -> list[float]:
    """Average ranks (ties share the mean of their positions), 1-based."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = ranks(xs), ranks(ys)
    mean_x, mean_y = statistics.fmean(rx), statistics.fmean(ry)
    covariance = sum((a - mean_x) * (b - mean_y) for a, b in zip(rx, ry, strict=True))
    spread = (sum((a - mean_x) ** 2 for a in rx) * sum((b - mean_y) ** 2 for b in ry)) ** 0.5
    return covariance / spread if spread else 0.0


def labelled() -> list[dict]:
    return json.loads(ANSWERS.read_text(encoding="utf-8"))["answers"]


def questions_by_key():
    from backend.llm_api.services.interview_engine import PlannedQuestion
    from backend.llm_api.services.question_bank import question_bank_entries

    return {q.key: PlannedQuestion(position=1, text=q.question, interview_type=q.interview_type, category=q.category,
                                   difficulty=q.difficulty, question_id=None, bank_key=q.key, skills=q.skills,
                                   rubric=q.rubric, follow_ups=q.follow_ups)
            for q in question_bank_entries()}


def measure(scorer=None, *, repeats: int = 2) -> Figures:
    from backend.llm_api.services.scoring import score_answer

    questions = questions_by_key()
    items = labelled()
    runs = [[score_answer(question=questions[item["question_key"]], answer=item["answer"], scorer=scorer).score
             for item in items] for _ in range(repeats)]
    scores = runs[0]
    bands = [BANDS[item["band"]] for item in items]
    by_band = {band: statistics.fmean([s for s, item in zip(scores, items, strict=True) if item["band"] == band])
               for band in BANDS}
    types = sorted({questions[item["question_key"]].interview_type for item in items})
    by_type = {}
    for kind in types:
        picked = [(s, b) for s, b, item in zip(scores, bands, items, strict=True)
                  if questions[item["question_key"]].interview_type == kind]
        by_type[kind] = spearman([b for _, b in picked], [s for s, _ in picked])
    spreads = sorted(max(run[index] for run in runs) - min(run[index] for run in runs) for index in range(len(items)))
    return Figures(
        count=len(items), spearman=spearman(bands, scores), strong_minus_weak=by_band["strong"] - by_band["weak"],
        worst_guard=max(s for s, item in zip(scores, items, strict=True) if item["band"] == "guard"),
        identical=all(run == runs[0] for run in runs),
        spread_95=spreads[int(0.95 * (len(spreads) - 1))] if repeats > 1 else None,
        by_band=by_band, by_type=by_type)


def report(name: str, figures: Figures) -> None:
    print(f"{name}: {figures.count} labelled answers")
    print(f"  Spearman(score, band)        {figures.spearman:.3f}   (goal >= 0.70)")
    print(f"  mean strong - mean weak      {figures.strong_minus_weak:.1f}   (goal >= 40)")
    print(f"  highest guard-case score     {figures.worst_guard:.1f}   (goal <= 10)")
    print(f"  identical when scored again  {figures.identical}")
    if figures.spread_95 is not None:
        print(f"  spread of repeated scorings, 95th percentile  {figures.spread_95:.1f}   (goal <= 5)")
    print("  mean by band: " + ", ".join(f"{band} {value:.1f}" for band, value in figures.by_band.items()))
    print("  Spearman by type: " + ", ".join(f"{kind} {value:.2f}" for kind, value in figures.by_type.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="store_true", help="also score with the configured model judge "
                        "(OPENAI_API_KEY / OPENAI_BASE_URL / SCORING_MODEL or OPENAI_MODEL)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    import django

    django.setup()
    from backend.llm_api.services.scoring import OfflineScorer, scorer_from_settings

    report("offline scorer", measure(OfflineScorer()))
    if args.model:
        judge = scorer_from_settings()
        if isinstance(judge, OfflineScorer):
            sys.exit("--model needs a model: set OPENAI_API_KEY or OPENAI_BASE_URL (and LLM_PROVIDER=openai)")
        report(judge.name, measure(judge, repeats=3))


if __name__ == "__main__":
    main()
