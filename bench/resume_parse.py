"""Resume parsing: throughput of extraction + offline parsing, and field accuracy.

1. Pages per second: generated PDF resumes of 1, 2 and 5 pages (one column, and two columns
   for 1 page), each read with pypdf (column-aware layout) and parsed by the offline parser,
   N times after a warm-up, in one process. DOCX and plain text are timed per document.
2. Field accuracy on the project's labelled resumes (tests/api/resume_corpus.py): every field of
   every document (name, contact, links, summary, skills, languages, certifications, and each
   experience and education entry's fields) compared with its label, per layout, on the set
   the rules were developed against, on the held-out set written afterwards, and on a blind
   set of hand-typed resumes in other styles (tests/api/resume_blind.py). The held-out and blind
   sets' first measurements (before the fixes they prompted) are recorded in the README. A
   second to eighth blind sets (tests/api/resume_blind_2.py ... _8.py) are reported per field too,
   and the check documents of other conventions (tests/api/resume_world.py, written together
   with the rules for them, so no blind set).

Needs only the repository (no Supabase). Run from the repo root:
    .venv/bin/python bench/resume_parse.py [N]
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from backend.llm_api.services.resume_parsing import parse_document, read_document  # noqa: E402
from tests.api.resume_blind import blind_set  # noqa: E402
from tests.api.resume_blind_2 import blind_set_2  # noqa: E402
from tests.api.resume_blind_3 import blind_set_3  # noqa: E402
from tests.api.resume_blind_4 import blind_set_4  # noqa: E402
from tests.api.resume_blind_5 import blind_set_5  # noqa: E402
from tests.api.resume_blind_6 import blind_set_6  # noqa: E402
from tests.api.resume_blind_7 import blind_set_7  # noqa: E402
from tests.api.resume_blind_8 import blind_set_8  # noqa: E402
from tests.api.resume_corpus import (  # noqa: E402
    PEOPLE,
    held_out_set,
    labelled_set,
    render_docx,
    render_pdf,
    render_pdf_two_columns,
    render_text,
    score,
)
from tests.api.resume_world import world_set  # noqa: E402

WARMUP = 3
CONTACT = ("name", "email", "phone")


def parse(data: bytes) -> tuple[dict, int | None]:
    document = read_document(data=data, max_pages=50)
    return parse_document(document=document).data, document.page_count


def timed(data: bytes, n: int) -> list[float]:
    for _ in range(WARMUP):
        parse(data)
    runs = []
    for _ in range(n):
        started = time.perf_counter()
        parse(data)
        runs.append(time.perf_counter() - started)
    return runs


def throughput(n: int) -> None:
    person = PEOPLE[0]
    cases = [("PDF, one column", render_pdf(person, repeat=pages)) for pages in (1, 2, 5)]
    cases.insert(1, ("PDF, two columns", render_pdf_two_columns(person)))
    print(f"Extraction + offline parsing, {n} runs each after {WARMUP} warm-up runs")
    print(f"{'document':<22}{'pages':>6}{'median ms':>11}{'p95 ms':>9}{'pages/s':>9}")
    for label, data in cases:
        pages = parse(data)[1] or 1
        runs = sorted(timed(data, n))
        median = statistics.median(runs)
        p95 = runs[min(len(runs) - 1, int(len(runs) * 0.95))]
        print(f"{label:<22}{pages:>6}{median * 1000:>11.1f}{p95 * 1000:>9.1f}{pages / median:>9.1f}")
    for label, data in (("DOCX", render_docx(person)), ("plain text", render_text(person))):
        median = statistics.median(timed(data, n))
        print(f"{label:<22}{'-':>6}{median * 1000:>11.1f}{'':>9}{1 / median:>8.1f}/s (documents)")


def accuracy(title: str, documents, *, per_field: bool = False) -> None:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    field_right: Counter[str] = Counter()
    field_total: Counter[str] = Counter()
    contact_right = contact_total = 0
    for layout, person, _variant, data in documents:
        for name, ok in score(person, parse(data)[0]).items():
            right[layout] += ok
            total[layout] += 1
            field = re.sub(r"\[\d+\]", "", name)  # experience[1].title counts as experience.title
            field_right[field] += ok
            field_total[field] += 1
            if name in CONTACT:
                contact_right += ok
                contact_total += 1
    print(f"\n{title}: {len(documents)} documents")
    for layout in total:
        print(f"  {layout:<20}{right[layout]:>5}/{total[layout]:<5}{100 * right[layout] / total[layout]:6.1f}%")
    everything = sum(right.values()), sum(total.values())
    print(f"  {'all fields':<20}{everything[0]:>5}/{everything[1]:<5}{100 * everything[0] / everything[1]:6.1f}%")
    print(f"  {'name, email, phone':<20}{contact_right:>5}/{contact_total:<5}{100 * contact_right / contact_total:6.1f}%")
    if per_field:
        print("  per field:")
        for field in field_total:
            print(f"    {field:<24}{field_right[field]:>5}/{field_total[field]:<5}"
                  f"{100 * field_right[field] / field_total[field]:6.1f}%")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    if n:
        throughput(n)
    accuracy("Labelled set (the rules were developed against it)", labelled_set())
    accuracy("Held-out set (written afterwards; two layouts new to the parser)", held_out_set())
    accuracy("Blind set (typed by hand in six other styles)", blind_set())
    accuracy("Second blind set (12 people in 4 layouts new to the parser)", blind_set_2(), per_field=True)
    accuracy("Third blind set (typed by hand after the second set's fixes)", blind_set_3(), per_field=True)
    accuracy("Fourth blind set (typed by hand after the third set's fixes)", blind_set_4(), per_field=True)
    accuracy("Fifth blind set (typed by hand after the fourth set's fixes)", blind_set_5(), per_field=True)
    accuracy("Sixth blind set (typed by hand after the fifth set's fixes)", blind_set_6(), per_field=True)
    accuracy("Seventh blind set (written without reading the parser)", blind_set_7(), per_field=True)
    accuracy("Eighth blind set (a representative sample, written without reading the parser)", blind_set_8(),
             per_field=True)
    accuracy("Other conventions (check documents written with their rules; not blind)", world_set())


if __name__ == "__main__":
    main()
