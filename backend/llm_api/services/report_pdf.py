"""The interview report as a PDF (reportlab): candidate, role, type, level, date, duration; a
chart of the sub-scores; feedback; every question with its (trimmed) answer, score, evidence and
dimensions; skill gaps with resources; delivery metrics for spoken interviews. Page numbers
"Page N of M". Fonts are embedded (subset): DejaVu Sans, with Droid Sans Fallback for CJK;
Arabic letters are joined (arabic-reshaper) and right-to-left runs are laid out in visual order. No Supabase, no DRF: data in, bytes out."""

from __future__ import annotations

import functools
import io
import re
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import arabic_reshaper
from arabic_reshaper.reshaper_config import config_for_true_type_font
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

FONT_DIR = Path(__file__).resolve().parents[1] / "data" / "fonts"
ANSWER_CHARS = 1500  # an answer is trimmed to this in the report
QUOTE_CHARS = 300
_lock = threading.Lock()
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")  # letters the reshaper joins
_fonts: dict[str, TTFont] = {}

SCORE_LABELS = (("overall_score", "Overall"), ("communication_score", "Communication"),
                ("technical_score", "Technical"), ("problem_solving_score", "Problem solving"),
                ("code_quality_score", "Code quality"))
ACCENT = colors.HexColor("#1f4e79")


def _register() -> dict[str, TTFont]:
    with _lock:
        if not _fonts:
            for name, file in (("Report", "DejaVuSans.ttf"), ("Report-Bold", "DejaVuSans-Bold.ttf"),
                               ("ReportCJK", "DroidSansFallback.ttf")):
                font = TTFont(name, str(FONT_DIR / file))
                pdfmetrics.registerFont(font)
                _fonts[name] = font
            pdfmetrics.registerFontFamily("Report", normal="Report", bold="Report-Bold", italic="Report",
                                          boldItalic="Report-Bold")
    return _fonts


def _has(font: TTFont, char: str) -> bool:
    return ord(char) in font.face.charToGlyph


def _rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


@functools.cache
def _arabic_reshaper() -> arabic_reshaper.ArabicReshaper:
    """Joins Arabic letters (initial, medial, final forms and lam-alef), using only the ligatures
    DejaVu Sans has glyphs for: reportlab draws characters as they are and does not shape."""
    return arabic_reshaper.ArabicReshaper(configuration=config_for_true_type_font(str(FONT_DIR / "DejaVuSans.ttf")))


def _joined(text: str) -> str:
    return _arabic_reshaper().reshape(text) if _ARABIC.search(text) else text


def _visual(text: str) -> str:
    """Right-to-left runs (Hebrew, Arabic, with the spaces between their words) in visual order."""
    def flip(match: re.Match[str]) -> str:
        return match.group(0)[::-1]
    return re.sub(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+(?:[ \u00a0]+[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+)*",
                  flip, text)


def markup(text: Any, *, limit: int | None = None) -> str:
    """Paragraph markup for untrusted text: escaped, trimmed, RTL in visual order, characters DejaVu
    lacks (CJK) set in the fallback font, control characters dropped, newlines kept."""
    fonts = _register()
    value = "" if text is None else str(text)
    value = "".join(ch for ch in unicodedata.normalize("NFC", value) if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    if limit is not None and len(value) > limit:
        value = value[:limit].rstrip() + " …"
    value = _visual(_joined(value))
    out: list[str] = []
    in_cjk = False
    for ch in value:
        fallback = not _has(fonts["Report"], ch) and _has(fonts["ReportCJK"], ch)
        if fallback != in_cjk:
            out.append('<font name="ReportCJK">' if fallback else "</font>")
            in_cjk = fallback
        if ch == "\n":
            out.append("<br/>")
        elif _has(fonts["Report"], ch) or fallback or ch == "\t":
            out.append(escape(ch))
        else:
            out.append("?")  # no glyph in any embedded font
    if in_cjk:
        out.append("</font>")
    return "".join(out)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName="Report", fontSize=9.5, leading=13, alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11.5, textColor=colors.HexColor("#333333")),
        "quote": ParagraphStyle("quote", parent=base, fontSize=8.5, leading=11.5, leftIndent=10,
                                textColor=colors.HexColor("#444444")),
        "title": ParagraphStyle("title", parent=base, fontName="Report-Bold", fontSize=18, leading=23,
                                textColor=ACCENT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Report-Bold", fontSize=13, leading=17, textColor=ACCENT,
                             spaceBefore=10, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=base, fontName="Report-Bold", fontSize=10.5, leading=14, spaceBefore=6,
                             spaceAfter=2),
    }


class _NumberedCanvas(pdf_canvas.Canvas):
    """Writes "Page N of M" on every page once the total is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont("Report", 8)
            self.setFillColor(colors.HexColor("#666666"))
            self.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Page {self._pageNumber} of {total}")
            self.drawString(18 * mm, 10 * mm, "Interview Coach report")
            super().showPage()
        super().save()


def _score(value: Any) -> str:
    return "-" if value is None else f"{float(value):.0f}/100"


def _duration(seconds: Any) -> str:
    if not seconds:
        return "-"
    seconds = int(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s"


def _chart(scores: Sequence[tuple[str, float]]) -> Drawing:
    height = 22 * len(scores) + 30
    drawing = Drawing(170 * mm, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 95, 15
    chart.width, chart.height = 170 * mm - 140, height - 30
    chart.data = [[value for _, value in scores]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = "Report"
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [label for label, _ in scores]
    chart.categoryAxis.labels.fontName = "Report"
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.reverseDirection = True
    chart.bars[0].fillColor = ACCENT
    chart.barWidth = 10
    drawing.add(chart)
    for index, (_, value) in enumerate(scores):
        step = chart.height / len(scores)
        y = chart.y + chart.height - step * (index + 0.5) - 3
        drawing.add(String(chart.x + chart.width * value / 100 + 4, y, f"{value:.0f}", fontName="Report",
                           fontSize=7.5))
    return drawing


def _items(entries: Any, style: ParagraphStyle) -> ListFlowable | Paragraph:
    texts = []
    for entry in entries or []:
        text = entry.get("text") if isinstance(entry, Mapping) else entry
        position = entry.get("answer_position") if isinstance(entry, Mapping) else None
        if text:
            texts.append(markup(text) + (f' <font color="#666666">(question {position})</font>' if position else ""))
    if not texts:
        return Paragraph("None recorded.", style)
    return ListFlowable([ListItem(Paragraph(text, style), leftIndent=12) for text in texts], bulletType="bullet",
                        start="•", leftIndent=12, bulletFontName="Report")


def _delivery_rows(metrics: Mapping[str, Any]) -> list[list[str]]:
    def value(key: str, unit: str = "") -> str:
        found = metrics.get(key)
        return "-" if found is None else f"{found}{unit}"
    return [["Words per minute", value("words_per_minute"), "good 120-170; under 100 or over 180 flagged"],
            ["Filler words per minute", value("fillers_per_minute"), "over 6 flagged"],
            ["Pauses (2 s or more)", value("pause_count"), f"{value('pause_seconds', ' s')} in all"],
            ["Silences (5 s or more)", value("silence_count"), ""],
            ["Time to first word", value("time_to_first_word_seconds", " s"), "average per spoken answer"],
            ["Flags", ", ".join(metrics.get("flags") or []) or "none", ""]]


def _table(rows: list[list[Any]], widths: Sequence[float], style: ParagraphStyle) -> Table:
    cells = [[Paragraph(markup(cell), style) if not isinstance(cell, Paragraph) else cell for cell in row]
             for row in rows]
    table = Table(cells, colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25,
                                                                       colors.HexColor("#dddddd")),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 3)]))
    return table


def render_report(data: Mapping[str, Any]) -> tuple[bytes, int]:
    """The report's PDF bytes and page count. `data`: interview, candidate, evaluation, delivery_metrics."""
    _register()
    styles = _styles()
    interview = data["interview"]
    evaluation = data["evaluation"]
    feedback = evaluation.get("feedback") or {}
    buffer = io.BytesIO()
    title = interview.get("title") or f"{interview.get('job_role')} interview"
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                                 bottomMargin=18 * mm, title=f"Interview report: {title}",
                                 author="Interview Coach", subject=str(interview.get("job_role") or ""))
    story: list[Any] = [Paragraph(markup(f"Interview report: {title}"), styles["title"])]
    completed = str(evaluation.get("completed_at") or interview.get("completed_at") or "")[:10] or "-"
    facts = [["Candidate", data.get("candidate") or "-"], ["Role", interview.get("job_role") or "-"],
             ["Type", str(interview.get("interview_type") or "-").replace("_", " ")],
             ["Level", interview.get("experience_level") or "-"], ["Difficulty", interview.get("difficulty") or "-"],
             ["Date", completed], ["Duration", _duration(evaluation.get("duration_seconds"))],
             ["Overall score", _score(evaluation.get("overall_score"))]]
    story.append(_table(facts, (40 * mm, 134 * mm), styles["body"]))
    scores = [(label, float(evaluation[key])) for key, label in SCORE_LABELS if evaluation.get(key) is not None]
    if scores:
        story += [Paragraph("Scores", styles["h2"]), _chart(scores)]
    story.append(Paragraph("Overall feedback", styles["h2"]))
    story.append(Paragraph(markup(feedback.get("detailed_feedback") or "No overall feedback recorded."),
                           styles["body"]))
    for key, heading in (("strengths", "Strengths"), ("areas_for_improvement", "Areas for improvement"),
                         ("recommendations", "Recommendations")):
        story += [Paragraph(heading, styles["h3"]), _items(feedback.get(key), styles["body"])]
    story.append(Paragraph("Questions and answers", styles["h2"]))
    answers_delivery = (data.get("delivery_metrics") or {}).get("answers") or {}
    for answer in evaluation.get("answers") or []:
        position = answer.get("position")
        head = [Paragraph(markup(f"Question {position}: {answer.get('question_text') or ''}"), styles["h3"])]
        score = "skipped" if answer.get("skipped") else _score(answer.get("score"))
        head.append(Paragraph(markup(f"Score: {score}"), styles["small"]))
        block: list[Any] = [KeepTogether(head)]
        text = answer.get("answer_text")
        block.append(Paragraph("<b>Answer:</b> " + (markup(text, limit=ANSWER_CHARS) if text else "(no answer)"),
                               styles["body"]))
        for quote in (answer.get("evidence") or [])[:4]:
            quoted = quote.get("quote") if isinstance(quote, Mapping) else quote
            block.append(Paragraph("“" + markup(quoted, limit=QUOTE_CHARS) + "”", styles["quote"]))
        dimensions = answer.get("dimensions") or {}
        lines = []
        for name, dimension in dimensions.items():
            if isinstance(dimension, Mapping):
                level, points = dimension.get("level"), dimension.get("score")
                lines.append(f"{name.replace('_', ' ')}: level {level}/5" + (f" ({points:.0f})" if isinstance(
                    points, int | float) else ""))
        if lines:
            block.append(Paragraph(markup("; ".join(lines)), styles["small"]))
        missed = answer.get("rubric_points_missed") or []
        if missed:
            block.append(Paragraph("<b>To improve:</b> " + markup("; ".join(str(m.get("text") if isinstance(
                m, Mapping) else m) for m in missed[:4])), styles["small"]))
        spoken = answers_delivery.get(str(position))
        if spoken:
            block.append(Paragraph(markup(f"Delivery: {spoken.get('words_per_minute')} words a minute, "
                                          f"{spoken.get('filler_count')} filler words, "
                                          f"{spoken.get('pause_count')} pauses"), styles["small"]))
        story += block + [Spacer(1, 4)]
    story.append(Paragraph("Skill gaps", styles["h2"]))
    gaps = evaluation.get("skill_gaps") or []
    if not gaps:
        story.append(Paragraph("No skill gaps recorded.", styles["body"]))
    for gap in gaps:
        story.append(Paragraph(markup(f"{gap.get('skill')} ({gap.get('severity')})"), styles["h3"]))
        if gap.get("recommendation"):
            story.append(Paragraph(markup(gap["recommendation"]), styles["body"]))
        resources = [r.get("title") + (f" ({r.get('url')})" if r.get("url") else "") for r in gap.get("resources") or []
                     if isinstance(r, Mapping) and r.get("title")]
        if resources:
            story.append(_items(resources[:5], styles["small"]))
    delivery = data.get("delivery_metrics") or {}
    if delivery.get("word_count"):
        story += [Paragraph("Delivery (spoken answers)", styles["h2"]),
                  Paragraph(markup(f"{delivery.get('spoken_parts')} spoken answer(s), {delivery.get('word_count')} "
                                   f"words over {delivery.get('speaking_seconds')} s of speech. Measured from the "
                                   "transcript's word timestamps, apart from the content scores."), styles["body"]),
                  _table(_delivery_rows(delivery), (50 * mm, 30 * mm, 94 * mm), styles["small"])]
    pages: list[int] = []

    class Counting(_NumberedCanvas):
        def save(self) -> None:
            pages.append(len(self._pages))
            super().save()

    document.build(story, canvasmaker=Counting)
    return buffer.getvalue(), pages[0] if pages else 0
