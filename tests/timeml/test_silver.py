"""Robustness: the tagger over every TempEval-3 silver document (slow; needs ../shared/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.timeml import read_timeml, read_timeml_file, strip_annotations
from timeline.timex.tagger import tag_times


@pytest.mark.slow
@pytest.mark.data
def test_tagger_on_every_silver_document(silver: Path) -> None:
    paths = sorted(silver.glob("*.tml"))
    assert len(paths) > 2000
    expressions = 0
    for path in paths:
        document = read_timeml_file(path)
        if document.has_tags:
            document = read_timeml(strip_annotations(document.raw), path)
        found = tag_times(document.plain, dct=document.dct, article_id=path.stem)
        for expression in found:
            span = expression.span
            assert 0 <= span.start < span.end <= len(document.plain), (path.name, expression)
            assert document.plain[span.start : span.end] == expression.text, (path.name, expression)
            if expression.interval is not None:
                assert expression.interval.earliest <= expression.interval.latest, (path.name, expression)
        expressions += len(found)
    assert expressions > 10_000
