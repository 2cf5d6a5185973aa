"""Time tagging on its own, outside the timeline pipeline: plain text in, one JSON record per expression.

`timeline tag FILE` exists so the time tagger can be used and checked by itself. The tagger is
`timeline.timex.tag_times`, unchanged; this module only moves text in and results out.
TimeML documents are tagged by `timeline.timeml.tag`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from timeline.errors import InputError
from timeline.models import DocType, TimeExpression
from timeline.timex import tag_times


def expression_record(expression: TimeExpression) -> dict[str, object]:
    """Return the JSON record of one expression (offsets are characters into the tagged text)."""
    interval = expression.interval
    return {
        "start": expression.span.start,
        "end": expression.span.end,
        "text": expression.text,
        "type": expression.type,
        "value": expression.value,
        "mod": expression.mod,
        "earliest": interval.earliest.isoformat() if interval else None,
        "latest": interval.latest.isoformat() if interval else None,
        "granularity": interval.granularity if interval else None,
        "anchor": expression.anchor,
        "rule": expression.rule,
    }


def render_expressions_json(expressions: Iterable[TimeExpression]) -> str:
    """Return the JSON list written by `timeline tag FILE`: one record per expression, in text order."""
    records = [expression_record(expression) for expression in expressions]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def decode_text(data: bytes, path: Path | str) -> str:
    """Decode a plain-text input as UTF-8, exactly (no newline change), so offsets point into it.

    Raises:
        InputError: the bytes are not UTF-8.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path=path, hint="save the text as UTF-8") from exc


def tag_text(
    text: str, *, dct: date | None, article_id: str = "", doc_type: DocType | None = None
) -> tuple[TimeExpression, ...]:
    """Return the time expressions of a plain text, resolved against ``dct`` when given.

    ``doc_type`` ("news" or "narrative") says what anchors year-less dates; None detects it.
    """
    return tag_times(text, dct=dct, article_id=article_id, doc_type=doc_type)


__all__ = [
    "decode_text",
    "expression_record",
    "render_expressions_json",
    "tag_text",
]
