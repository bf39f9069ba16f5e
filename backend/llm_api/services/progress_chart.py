"""The progress chart: overall and sub-scores of the latest completed interviews, as PNG or SVG.

Drawn with matplotlib's object-oriented API on the Agg canvas (no pyplot, no global state, so
concurrent requests never share a figure). 800x400 pixels: PNG at 100 dpi on an 8x4-inch
figure; the SVG says width="800" height="400" with the figure's own viewBox, and keeps its text
as text (`svg.fonttype: none`) so it stays sharp and searchable. No date or random ids in the
SVG, so the same data always gives the same bytes. A user with no completed interview gets an
empty state that says how to get a chart.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

WIDTH, HEIGHT, DPI = 800, 400, 100
SERIES = (  # (column, label, colour, line width): overall first and boldest
    ("overall_score", "Overall", "#1f4e79", 2.6),
    ("communication_score", "Communication", "#e07b00", 1.4),
    ("technical_score", "Technical", "#2e8540", 1.4),
    ("problem_solving_score", "Problem solving", "#8e44ad", 1.4),
    ("code_quality_score", "Code quality", "#c0392b", 1.4),
)
EMPTY_TITLE = "No completed interviews yet"
EMPTY_HINT = "Finish an interview to see your scores over time here."
CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
RC = {"svg.fonttype": "none", "svg.hashsalt": "interview-coach", "font.size": 10, "axes.titlesize": 12}


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _figure(points: Sequence[dict[str, Any]]) -> Figure:
    figure = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if not points:
        axes.set_axis_off()
        axes.text(0.5, 0.58, EMPTY_TITLE, ha="center", va="center", fontsize=16, color="#333333",
                  transform=axes.transAxes)
        axes.text(0.5, 0.42, EMPTY_HINT, ha="center", va="center", fontsize=11, color="#666666",
                  transform=axes.transAxes)
        return figure
    times = [_when(point["completed_at"]) for point in points]
    for column, label, colour, width in SERIES:
        pairs = [(t, float(p[column])) for t, p in zip(times, points, strict=True) if p.get(column) is not None]
        if not pairs:
            continue
        axes.plot([t for t, _ in pairs], [v for _, v in pairs], label=label, color=colour, linewidth=width,
                  marker="o" if len(pairs) <= 30 else None, markersize=4)
    axes.set_ylim(0, 100)
    axes.set_ylabel("Score (0-100)")
    count = len(points)
    axes.set_title(f"Scores over your last {count} completed interview{'s' if count != 1 else ''}")
    locator = AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.grid(True, color="#dddddd", linewidth=0.6)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    figure.subplots_adjust(left=0.08, right=0.78, top=0.9, bottom=0.12)
    return figure


def render(points: Sequence[dict[str, Any]], fmt: str) -> bytes:
    """The chart of `points` (oldest first: completed_at and the five scores) as `fmt` (png or svg)."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown chart format {fmt!r}")
    with rc_context(RC):
        figure = _figure(points)
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, dpi=DPI, facecolor="white",
                       metadata={"Date": None} if fmt == "svg" else None)
    data = buffer.getvalue()
    if fmt == "svg":  # pixel size for browsers; the viewBox keeps the drawing's own units
        text = data.decode()
        text = re.sub(r'<svg([^>]*?) width="[^"]+" height="[^"]+"', rf'<svg\1 width="{WIDTH}" height="{HEIGHT}"',
                      text, count=1)
        data = text.encode()
    return data
