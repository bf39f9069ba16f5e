"""From an uploaded file's bytes to lines of text with their layout, or a 413/415/422 `AppError`.

The bytes decide the format, never the name or the declared type:

- PDF (`%PDF-` in the first KiB): text extracted with pypdf, each fragment with its position,
  font size and weight; rows are rebuilt from positions and a two-column page is read column
  by column (left, then right) instead of across.
- DOCX (a ZIP holding `word/document.xml`): paragraphs read from the XML with the standard
  library (styles, bold runs, font sizes kept); layout tables are read cell by cell, which is
  column by column for a two-column resume. Uncompressed sizes are checked before reading.
- Plain text: valid UTF-8 (a BOM allowed) without NULs or other control characters.

Anything else is 415; encrypted, truncated or corrupt files are 422; a document without any
text (a scan) is 422 too.

Hostile files are bounded three ways: pages (`max_pages`, 413), extracted text (`max_text`
characters, 413, checked while a PDF is read), and wall time: with a `timeout`, the file is read
in a forked child process that is killed when the time is up (422 `parse_timeout`), so a huge
content stream, deeply nested objects or a decompression bomb cannot hold a worker. The child
may grow by at most `CHILD_MEMORY_BYTES` (a memory bomb ends as 422, not as the host's problem).
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import re
import resource
import unicodedata
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from backend.llm_api.errors import AppError

logger = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
EXTENSIONS = {PDF: "pdf", DOCX: "docx", TEXT: "txt"}
MIN_TEXT_CHARACTERS = 20  # fewer letters and digits than this: "no text could be found"
DOCX_MAX_XML_BYTES = 30 * 1024 * 1024  # uncompressed document.xml (a ZIP bomb stops here)
MAX_TEXT_CHARACTERS = 200_000  # extracted text (about 40 dense pages); more is 413
CHILD_MEMORY_BYTES = 1024 * 1024 * 1024  # more address space the child reading a file may take


ACCEPTED = "a PDF, a DOCX document or plain UTF-8 text"


class UnsupportedFile(AppError):
    status_code = 415
    default_code = "unsupported_file_type"
    default_detail = f"The file is not {ACCEPTED}."


def _not_accepted(what: str) -> UnsupportedFile:
    return UnsupportedFile(f"{what} are not accepted; upload {ACCEPTED}.")


ODF_KINDS = {"text": "OpenDocument text files (.odt)", "spreadsheet": "OpenDocument spreadsheets (.ods)",
             "presentation": "OpenDocument presentations (.odp)"}


class FileTooLarge(AppError):
    status_code = 413
    default_code = "file_too_large"


class UnreadableFile(AppError):
    status_code = 422
    default_code = "unreadable_file"
    default_detail = "The file could not be read; it may be truncated or corrupt."


class EncryptedFile(AppError):
    status_code = 422
    default_code = "encrypted_file"
    default_detail = "The file is password-protected; upload a copy without a password."


class ParseTimeout(AppError):
    status_code = 422
    default_code = "parse_timeout"


class NoTextFound(AppError):
    status_code = 422
    default_code = "no_text_found"
    default_detail = ("No text could be found in the file (a scanned image?); upload a PDF with "
                      "selectable text, a DOCX document or plain text.")


@dataclass(frozen=True)
class Line:
    """One line of the document, with what its layout says about it."""

    text: str
    size: float | None = None  # font size in points, when known
    bold: bool = False
    heading: bool = False  # marked as a heading by the document itself (a DOCX heading style)
    level: int | None = None  # that heading's outline level (1 for "Heading 1"), when known


@dataclass
class Document:
    content_type: str
    extension: str
    lines: list[Line]
    page_count: int | None
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = "\n".join(line.text for line in self.lines)


def sniff(data: bytes) -> str:
    """The content type the bytes are, or `UnsupportedFile`."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return DOCX  # checked further when opened: a ZIP that is no Word document is refused then
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # an OLE2 compound file
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise EncryptedFile()  # a password-protected DOCX is an OLE container holding the ZIP
        if "WordDocument".encode("utf-16-le") in data:
            raise _not_accepted("Legacy Word files (.doc)")
        raise _not_accepted("Legacy Office files (.doc, .xls, .ppt)")
    if data.lstrip()[:5] == b"{\\rtf":
        raise _not_accepted("RTF files")
    if _is_text(data):
        return TEXT
    raise UnsupportedFile()


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return controls == 0


def read_document(*, data: bytes, max_pages: int, max_text: int = MAX_TEXT_CHARACTERS,
                  timeout: float | None = None) -> Document:
    """The document's lines; raises 413 (too many pages or characters), 415, or 422 as the module says.

    With a `timeout` (seconds) the file is read in a child process, stopped when the time is up.
    """
    if timeout is None:
        return _read_document(data, max_pages, max_text)
    return _in_child(data, max_pages, max_text, timeout)


def _read_document(data: bytes, max_pages: int, max_text: int) -> Document:
    kind = sniff(data)
    if kind == PDF:
        document = _read_pdf(data, max_pages, max_text)
    elif kind == DOCX:
        document = _read_docx(data, max_pages)
    else:
        document = Document(TEXT, "txt", _text_lines(data.decode("utf-8-sig")), None)
    if len(document.text) > max_text:
        raise _too_much_text(max_text)
    if sum(1 for ch in document.text if ch.isalnum()) < MIN_TEXT_CHARACTERS:
        raise NoTextFound()
    return document


def _too_much_text(max_text: int) -> FileTooLarge:
    return FileTooLarge(f"The file holds more than {max_text:,} characters of text; a resume is shorter.",
                        code="too_much_text")


def _limit_memory(extra: int) -> None:
    """At most `extra` more bytes of address space than the (forked) process has now."""
    try:
        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * resource.getpagesize()
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        limit = current + extra if hard == resource.RLIM_INFINITY else min(hard, current + extra)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):  # no /proc, or a limit that cannot be set: the timeout still holds
        pass


def _child(connection, data: bytes, max_pages: int, max_text: int) -> None:
    _limit_memory(CHILD_MEMORY_BYTES)
    try:
        answer: tuple = ("ok", _read_document(data, max_pages, max_text))
    except AppError as exc:
        answer = ("refused", type(exc), exc.detail, exc.code)
    except MemoryError:
        answer = ("refused", UnreadableFile, "The file needs too much memory to read.", "unreadable_file")
    except BaseException as exc:  # noqa: BLE001 - a bug: the parent raises it as one
        answer = ("crashed", f"{type(exc).__name__}: {exc}")
    connection.send(answer)
    connection.close()


def _in_child(data: bytes, max_pages: int, max_text: int, timeout: float) -> Document:
    """`_read_document` in a forked child: its answer, or `ParseTimeout` once `timeout` has passed."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, data, max_pages, max_text), daemon=True)
    child.start()
    sender.close()
    try:
        answer = receiver.recv() if receiver.poll(timeout) else None
    except EOFError:  # the child died without answering (killed for memory, say)
        answer = ("refused", UnreadableFile, None, None)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if answer is None:
        logger.info("resume reading stopped after %s s", timeout)
        raise ParseTimeout(f"The file could not be read within {timeout:g} seconds; it may be damaged or "
                           "built to be slow. Upload a simpler PDF, a DOCX or plain text.")
    if answer[0] == "ok":
        return answer[1]
    if answer[0] == "refused":
        error_class, detail, code = answer[1:]
        raise error_class(detail, code=code)
    raise RuntimeError(f"reading the resume failed in the child process: {answer[1]}")


# bullets as PDF fonts without a proper encoding hand them over (Symbol, Wingdings, Latin-1 gaps)
_BULLETS = str.maketrans({"\x7f": "•", "\x95": "•", "\uf0b7": "•", "\uf0a7": "▪", "\uf076": "•", "\uf0d8": "•",
                          "\uf0fc": "✓"})
# what typesetters hand over as one glyph (LaTeX and Word PDFs: "Proﬁle") or invisible marks
# (soft hyphens, byte-order marks, zero-width spaces), read as the letters they stand for
_TYPOGRAPHY = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                             "\ufb05": "st", "\ufb06": "st", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
                             "\u00ad": None, "\ufeff": None, "\u200b": None, "\u2060": None})


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x80-\x9f\ufffe\uffff]")  # never stored (Postgres refuses NUL)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    text = _CONTROLS.sub("", text.translate(_BULLETS))
    return re.sub(r"[ \f\v\r]+", " ", text).strip()


def _meaningful(text: str) -> bool:
    """Rules and decorations ("=====", "-----", "* * *") are no lines of the resume."""
    return any(ch.isalnum() for ch in text)


_MARKDOWN = re.compile(r"\*\*|__|^#{1,6}\s+|`|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])")


# a Markdown or ASCII table: "| a | b |" rows, "|---|:--:|" or "+----+----+" rules
_TABLE_ROW = re.compile(r"^\s*[|│┃].*[|│┃]\s*$")
_TABLE_RULE = re.compile(r"^[\s|│┃+┼:\-=─━]*[-=─━][\s|│┃+┼:\-=─━]*$")
_TABLE_CELL_SEPARATOR = re.compile(r"\s*[|│┃]\s*")


def _table_rows(raw_lines: list[str]) -> list[str]:
    """Lines with a table's rows as cells apart (" \t "), its rules and column headings dropped.

    A row followed by a rule whose cells are all short words ("| Dates | Role | Company |") names the
    columns; it is no entry of the resume.
    """
    out: list[str] = []
    for number, raw in enumerate(raw_lines):
        if _TABLE_RULE.match(raw):
            continue  # a rule holds no text
        if not _TABLE_ROW.match(raw):
            out.append(raw)
            continue
        cells = [cell.strip() for cell in _TABLE_CELL_SEPARATOR.split(raw.strip()) if cell.strip()]
        following = next((line for line in raw_lines[number + 1:] if line.strip()), "")
        if _TABLE_RULE.match(following) and cells and all(
                len(cell.split()) <= 3 and not re.search(r"\d|@", cell) for cell in cells):
            continue
        out.append(" \t ".join(cells))
    return out


def _text_lines(text: str) -> list[Line]:
    """Plain text (Markdown's heading marks and emphasis dropped: many resumes are written in it).

    A run of three or more spaces inside a line is a column gap, kept like a tab ("Acme      Berlin");
    so is a table's cell border.
    """
    return [Line(cleaned) for raw in _table_rows(text.splitlines())
            if (cleaned := _clean(_MARKDOWN.sub("", re.sub(r"(?<=\S)(?:\t| {3,})(?=\S)", " \t ", raw))))
            and _meaningful(cleaned)]


# PDF -----------------------------------------------------------------------------------------


@dataclass
class _Fragment:
    x: float
    y: float
    text: str
    size: float
    bold: bool

    @property
    def end(self) -> float:
        return self.x + len(self.text) * self.size * 0.5  # Helvetica-like average advance


def _read_pdf(data: bytes, max_pages: int, max_text: int = MAX_TEXT_CHARACTERS) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if b"%%EOF" not in data[-4096:] and b"%%EOF" not in data:
        raise UnreadableFile("The PDF is truncated (it has no end-of-file marker).", code="truncated_file")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # owner-password-only PDFs open with an empty user password
            except Exception:  # noqa: BLE001 - unsupported encryption: the same answer
                opened = 0
            if not opened:
                raise EncryptedFile()
        pages = len(reader.pages)
        if pages > max_pages:
            raise FileTooLarge(f"The PDF has {pages} pages; at most {max_pages} are accepted.",
                               code="too_many_pages")
        lines: list[Line] = []
        budget = [max_text, max_text]  # characters left, the limit
        for page in reader.pages:
            lines.extend(_pdf_page_lines(page, budget))
    except (EncryptedFile, FileTooLarge):
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, AssertionError, ZeroDivisionError) as exc:
        logger.info("unreadable PDF: %s", exc)
        raise UnreadableFile() from None
    return Document(PDF, "pdf", lines, pages)


def _pdf_page_lines(page, budget: list[int]) -> list[Line]:
    """The page's lines; `budget[0]` is how many characters may still be extracted (413 past it)."""
    fragments: list[_Fragment] = []

    def visit(text: str, cm, tm, font_dict, font_size) -> None:
        if not text or not text.strip():
            return
        budget[0] -= len(text)
        if budget[0] < 0:
            raise _too_much_text(budget[1])
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0)
        font = str((font_dict or {}).get("/BaseFont", "")) if font_dict else ""
        for part in text.split("\n"):
            if part.strip():
                fragments.append(_Fragment(x, y, part, float(font_size or 10) * scale,
                                           bool(re.search(r"bold|black|heavy|semibold", font, re.I))))

    page.extract_text(visitor_text=visit)
    try:
        width = float(page.mediabox.width)
    except (TypeError, ValueError, AttributeError):
        width = 612.0
    return _layout(fragments, width)


def _rows(fragments: list[_Fragment]) -> list[list[_Fragment]]:
    """Fragments grouped into rows by baseline (top of the page first), each row left to right."""
    rows: list[list[_Fragment]] = []
    for fragment in sorted(fragments, key=lambda f: (-f.y, f.x)):
        if rows and abs(rows[-1][0].y - fragment.y) <= max(2.0, fragment.size * 0.3):
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
    return [sorted(row, key=lambda f: f.x) for row in rows]


def _segments(row: list[_Fragment]) -> list[list[_Fragment]]:
    """A row split where the gap between fragments is wide (columns, right-aligned dates)."""
    segments: list[list[_Fragment]] = []
    for fragment in row:
        if segments and fragment.x - segments[-1][-1].end < max(12.0, fragment.size * 1.5):
            segments[-1].append(fragment)
        else:
            segments.append([fragment])
    return segments


def _segment_line(parts: list[list[_Fragment]]) -> Line:
    texts = []
    for segment in parts:
        pieces = []
        for fragment in segment:
            piece = fragment.text
            before = segment[segment.index(fragment) - 1]
            if pieces and not pieces[-1].endswith(" ") and not piece.startswith(" ") and _another_field(before, fragment):
                piece = " \t " + piece  # text drawn over the end of text in another type: two fields
            elif pieces and fragment.x - before.end > fragment.size * 0.15 \
                    and not pieces[-1].endswith(" ") and not piece.startswith(" "):
                piece = " " + piece
            pieces.append(piece)
        texts.append(_clean("".join(pieces)))
    every = [f for segment in parts for f in segment]
    return Line(" \t ".join(t for t in texts if t), size=max(f.size for f in every),
                bold=all(f.bold for f in every))


def _another_field(before: _Fragment, fragment: _Fragment) -> bool:
    """Whether `fragment`, starting before `before` ends, is another field (dates in a margin too narrow
    for them, then the title) rather than the rest of a word: another size or weight, both a few characters."""
    return fragment.x < before.end and (abs(fragment.size - before.size) >= 0.5 or fragment.bold != before.bold) \
        and len(re.sub(r"\W", "", before.text)) >= 3 and len(re.sub(r"\W", "", fragment.text)) >= 3


def _gutter(rows: list[list[_Fragment]], width: float) -> float | None:
    """The x of a column boundary many rows respect, if the page has two columns.

    A boundary is a start position shared by several fragments in the middle half of the page
    that no fragment to its left runs across in most rows, with rows whose only text is right
    of it (a column, not right-aligned dates beside titles).
    """
    starts: dict[int, int] = {}
    for row in rows:
        for fragment in row:
            if 0.25 * width < fragment.x < 0.75 * width:
                starts[round(fragment.x / 4)] = starts.get(round(fragment.x / 4), 0) + 1
    best: float | None = None
    best_score = 0
    for key, count in starts.items():
        if count < 4:
            continue
        x = key * 4 - 6
        right_only = left_only = crossing = both = date_like = right_rows = dated_left = 0
        for row in rows:
            left = [f for f in row if f.x < x]
            right = [f for f in row if f.x >= x]
            if any(f.end > x + 26 for f in left):
                crossing += 1
                continue
            if right:
                right_rows += 1
                date_like += bool(_DATEISH.search(" ".join(f.text for f in right)))
            if left and right:
                both += 1
                dated_left += bool(_DATEISH.search(" ".join(f.text for f in left)))
            elif right:
                right_only += 1
            elif left:
                left_only += 1
        body = right_only + left_only + both
        if body < 6 or crossing > body * 0.5 or right_only < 2:
            continue
        if right_rows and date_like / right_rows > 0.5:
            continue  # right-aligned dates, not a column
        if both and dated_left / both > 0.5:
            continue  # dates in a left margin beside their entries, not a column
        score = right_only + both
        if score > best_score:
            best, best_score = x, score
    return best


def _margin_headings(rows: list[list[_Fragment]], gutter: float) -> bool:
    """Whether the left column is a margin of headings (each a short label in capitals or bold, on the
    row of its section's first line) rather than a sidebar: then the page is read row by row.
    Rows above the first label are the header (a name may reach into the margin)."""
    labels: list[list[_Fragment]] = []
    for row in rows:
        left = [f for f in row if f.x < gutter]
        if any(f.end > gutter + 26 for f in left):
            continue  # a full-width row
        if labels and left and len(left) == len(row):
            return False  # text in the left column alone below the header: a sidebar
        if left and len(left) == len(row):
            continue  # the header above the columns
        if left:
            labels.append(left)

    def heading_like(label: list[_Fragment]) -> bool:
        text = " ".join(f.text for f in label)
        return len(text.split()) <= 3 and not _DATEISH.search(text) and (text.isupper() or all(f.bold for f in label))
    return len(labels) >= 3 and all(heading_like(label) for label in labels)


_DATEISH = re.compile(r"\b(19|20)\d{2}\b|present|current", re.I)


def _layout(fragments: list[_Fragment], width: float) -> list[Line]:
    rows = _rows(fragments)
    gutter = _gutter(rows, width)
    if gutter is None:
        return [line for row in rows if _meaningful((line := _segment_line(_segments(row))).text)]
    if _margin_headings(rows, gutter):
        return [line for row in rows for part in (
            [f for f in row if f.x < gutter], [f for f in row if f.x >= gutter]) if part
            and _meaningful((line := _segment_line(_segments(part))).text)]
    lines: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        lines.extend(left)
        lines.extend(right)
        left.clear()
        right.clear()

    for row in rows:
        left_part = [f for f in row if f.x < gutter]
        right_part = [f for f in row if f.x >= gutter]
        if any(f.end > gutter + 26 for f in left_part):  # a full-width row: the columns end here
            flush()
            lines.append(_segment_line(_segments(row)))
            continue
        if left_part:
            left.append(_segment_line(_segments(left_part)))
        if right_part:
            right.append(_segment_line(_segments(right_part)))
    flush()
    return [line for line in lines if _meaningful(line.text)]


# DOCX ----------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _read_docx(data: bytes, max_pages: int) -> Document:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnreadableFile("The document is truncated or corrupt.") from None
    if "word/document.xml" not in names:  # a ZIP, but no Word document
        kind = ""
        if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
            try:
                kind = archive.read("mimetype").decode("ascii", "replace").strip()
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
                pass
        if kind.startswith("application/vnd.oasis.opendocument."):
            raise _not_accepted(ODF_KINDS.get(kind.rsplit(".", 1)[1], "OpenDocument files"))
        raise UnsupportedFile()
    info = archive.getinfo("word/document.xml")
    if info.file_size > DOCX_MAX_XML_BYTES:
        raise FileTooLarge("The document's text is too large to read.", code="document_too_large")
    try:
        root = ElementTree.fromstring(archive.read(info))
        styles = _docx_styles(archive, names)
        pages = _docx_pages(archive, names)
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, ValueError, EOFError, KeyError,
            NotImplementedError, RuntimeError):
        raise UnreadableFile("The document is truncated or corrupt.") from None
    if pages is not None and pages > max_pages:
        raise FileTooLarge(f"The document has {pages} pages; at most {max_pages} are accepted.",
                           code="too_many_pages")
    body = root.find(f"{W}body")
    lines: list[Line] = []
    if body is not None:
        try:
            lines.extend(_docx_page_furniture(archive, names, body, styles))
        except (zipfile.BadZipFile, ElementTree.ParseError, OSError, ValueError, EOFError, KeyError,
                NotImplementedError, RuntimeError):
            logger.info("unreadable DOCX page header or footer; the body is read without it")
        _docx_block(body, styles, lines)
    return Document(DOCX, "docx", lines, pages)


R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CONTACT_LIKE = re.compile(r"@|https?://|www\.|(?:\d\D?){7}")


def _docx_page_furniture(archive: zipfile.ZipFile, names: set[str], body, styles: dict[str, _Style]) -> list[Line]:
    """The first page's header, then the contact lines of its footer: many Word templates print the
    name and contact details there, outside the body.

    The first section's references say which parts are the first page's ("first" when the section
    has a title page, else "default"). A footer's other lines (page numbers, "Confidential") are not kept.
    """
    section = next(body.iter(f"{W}sectPr"), None)
    if section is None or "word/_rels/document.xml.rels" not in names:
        return []
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in
               ElementTree.fromstring(_docx_part(archive, "word/_rels/document.xml.rels")).iter(RELATIONSHIP)}
    first_page = section.find(f"{W}titlePg") is not None and \
        section.find(f"{W}titlePg").get(f"{W}val", "true") not in ("0", "false")
    lines: list[Line] = []
    for kind in ("header", "footer"):
        references = {ref.get(f"{W}type", "default"): ref.get(f"{R}id")
                      for ref in section.findall(f"{W}{kind}Reference")}
        chosen = references.get("first" if first_page else "default") or references.get("default")
        target = targets.get(chosen, "")
        part = "word/" + target.lstrip("/").removeprefix("word/") if target else ""
        if part not in names:
            continue
        found: list[Line] = []
        _docx_block(ElementTree.fromstring(_docx_part(archive, part)), styles, found)
        lines.extend(found if kind == "header" else [line for line in found if _CONTACT_LIKE.search(line.text)])
    return lines


def _docx_part(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > DOCX_MAX_XML_BYTES:
        raise ValueError(f"{name} is too large")
    return archive.read(name)


@dataclass(frozen=True)
class _Style:
    level: int | None  # a heading's outline level (1 for "Heading 1"), 0 for a title; None: no heading
    listed: bool  # a list style ("List Bullet"): its paragraphs are bullets


def _style_of(label: str, numbered: bool = False) -> _Style:
    heading = re.match(r"(?i)(heading|title)\s*(\d)?", label)
    level = (int(heading.group(2) or 1) if heading.group(1).lower() == "heading" else 0) if heading else None
    return _Style(level, numbered or bool(re.match(r"(?i)list\s*(bullet|number)", label)))


def _docx_styles(archive: zipfile.ZipFile, names: set[str]) -> dict[str, _Style]:
    """Paragraph styles by id: the headings with their levels, and the list styles."""
    if "word/styles.xml" not in names or archive.getinfo("word/styles.xml").file_size > DOCX_MAX_XML_BYTES:
        return {}
    found = {}
    for style in ElementTree.fromstring(archive.read("word/styles.xml")).iter(f"{W}style"):
        name = style.find(f"{W}name")
        label = (name.get(f"{W}val") if name is not None else "") or ""
        found[style.get(f"{W}styleId") or ""] = _style_of(label, style.find(f"{W}pPr/{W}numPr") is not None)
    return found


def _docx_pages(archive: zipfile.ZipFile, names: set[str]) -> int | None:
    if "docProps/app.xml" not in names or archive.getinfo("docProps/app.xml").file_size > 1024 * 1024:
        return None
    root = ElementTree.fromstring(archive.read("docProps/app.xml"))
    for element in root.iter():
        if element.tag.endswith("}Pages") and (element.text or "").strip().isdigit():
            return int(element.text.strip())
    return None


def _docx_block(element, styles: dict[str, _Style], lines: list[Line]) -> None:
    for child in element:
        if child.tag == f"{W}p":
            lines.extend(_docx_paragraph(child, styles))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = []
                for cell in row.findall(f"{W}tc"):
                    cells.append([])
                    _docx_block(cell, styles, cells[-1])
                lines.extend(_docx_row(cells))
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            _docx_block(child, styles, lines)


_COLUMN_HEADING = re.compile(r"(?i)(?:dates?|period|years?|from|to|role|title|position|job|company|employer|"
                             r"organi[sz]ation|location|city|place|degree|qualification|institution|school|"
                             r"university|field|subject|description|responsibilities|details|grade)")


def _docx_row(cells: list[list[Line]]) -> list[Line]:
    """A table row: a row of one-line cells ("2019 – Present | Engineer | Acme") is one line with its
    cells apart, a row naming the columns is dropped; a layout table's cells (a sidebar, the main
    column) stay blocks of their own, read one after the other."""
    filled = [cell for cell in cells if cell]
    if len(filled) < 2 or any(len(cell) > 1 for cell in filled):
        return [line for cell in cells for line in cell]
    texts = [cell[0].text for cell in filled]
    if all(all(_COLUMN_HEADING.fullmatch(word) for word in re.split(r"[\s/&:]+", text) if word) for text in texts):
        return []
    return [Line(" \t ".join(texts), size=max((c[0].size for c in filled if c[0].size), default=None),
                 bold=all(c[0].bold for c in filled), heading=any(c[0].heading for c in filled))]


def _runs_and_boxes(element, runs: list, boxes: list) -> None:
    """A paragraph's runs in order, and the text boxes drawn in it (read as blocks of their own).

    Word writes each text box twice (`mc:Choice` and a VML `mc:Fallback`): the fallback is skipped.
    """
    for child in element:
        if child.tag == f"{MC}Fallback":
            continue
        if child.tag == f"{W}txbxContent":
            boxes.append(child)
            continue
        if child.tag == f"{W}r":
            runs.append(child)
        _runs_and_boxes(child, runs, boxes)


def _docx_paragraph(paragraph, styles: dict[str, _Style]) -> list[Line]:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    style_id = style.get(f"{W}val") if style is not None else ""
    style_of = styles.get(style_id) or _style_of(style_id or "")
    heading = style_of.level is not None
    listed = paragraph.find(f"{W}pPr/{W}numPr") is not None or style_of.listed
    texts: list[str] = []
    bold_chars = total_chars = 0
    sizes: list[float] = []
    runs: list = []
    boxes: list = []
    _runs_and_boxes(paragraph, runs, boxes)
    for run in runs:
        props = run.find(f"{W}rPr")
        bold = props is not None and props.find(f"{W}b") is not None and \
            props.find(f"{W}b").get(f"{W}val", "true") not in ("0", "false")
        size = props.find(f"{W}sz") if props is not None else None
        if size is not None and (size.get(f"{W}val") or "").isdigit():
            sizes.append(int(size.get(f"{W}val")) / 2)
        for node in run:
            if node.tag == f"{W}t":
                text = node.text or ""
                texts.append(text)
                total_chars += len(text.strip())
                bold_chars += len(text.strip()) if bold else 0
            elif node.tag == f"{W}tab":
                texts.append("\t")
            elif node.tag in (f"{W}br", f"{W}cr"):
                texts.append("\n")
    raw = "".join(texts)
    prefix = "• " if listed else ""
    out = []
    for part in raw.split("\n"):
        cleaned = _clean(part.replace("\t", " \t "))
        if cleaned and _meaningful(cleaned):
            out.append(Line(prefix + cleaned, size=max(sizes) if sizes else None,
                            bold=total_chars > 0 and bold_chars == total_chars, heading=heading,
                            level=style_of.level))
    for box in boxes:
        _docx_block(box, styles, out)
    return out
