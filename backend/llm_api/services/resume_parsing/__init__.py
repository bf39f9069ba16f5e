"""Resume parsing behind one interface: bytes -> `Document` -> parsed data, offline or by a model.

    document = read_document(data=..., max_pages=...)   # 413 / 415 / 422 AppErrors
    result = parse_document(document=document, model=ModelConfig(...) or None)
    result.data, result.parser                          # the normalised fields; "offline" | "model"

Nothing here touches Supabase or DRF.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal

from . import model as model_parser
from .documents import (
    Document,
    EncryptedFile,
    FileTooLarge,
    NoTextFound,
    UnreadableFile,
    UnsupportedFile,
    read_document,
)
from .model import ModelConfig, ModelParseFailed
from .offline import parse_lines
from .schema import normalise

__all__ = [
    "Document", "EncryptedFile", "FileTooLarge", "ModelConfig", "NoTextFound", "ParseResult",
    "UnreadableFile", "UnsupportedFile", "parse_document", "read_document",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParseResult:
    data: dict[str, Any]
    parser: Literal["offline", "model"]


def parse_document(*, document: Document, model: ModelConfig | None = None) -> ParseResult:
    """The model's parse when one is configured and answers well, else the offline parser's."""
    if model is not None:
        try:
            return ParseResult(model_parser.parse_text(text=document.text, config=model), "model")
        except ModelParseFailed as exc:
            logger.warning("model resume parser failed, using the offline parser: %s", exc)
    return ParseResult(normalise(parse_lines(document.lines)), "offline")
