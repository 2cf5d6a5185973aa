"""Draft copies: `with_fields` and `with_date` give what `dataclasses.replace` gives."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.ingest.draft import Draft, derive_title


def _draft() -> Draft:
    return Draft(id="a", path=Path("story/a.jsonl"), text="Talks began.", line=3, dates=(("record", date(2024, 1, 2)),))


def test_with_fields_equals_dataclasses_replace_and_leaves_the_draft_as_it_was() -> None:
    draft = _draft()
    copied = draft.with_fields(text="", spooled=(10, 4), title="Talks")
    assert copied == dataclasses.replace(draft, text="", spooled=(10, 4), title="Talks")
    assert type(copied) is Draft
    assert draft.text == "Talks began." and draft.spooled is None and draft.title == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        copied.text = "x"  # type: ignore[misc]


def test_with_fields_refuses_a_name_that_is_no_field() -> None:
    with pytest.raises(TypeError, match="no field nope"):
        _draft().with_fields(nope=1)


def test_with_date_ranks_the_dates_by_origin() -> None:
    dated = _draft().with_date("cli", date(2024, 1, 5)).with_date("header-line", date(2024, 1, 1))
    assert dated.dates == (("cli", date(2024, 1, 5)), ("record", date(2024, 1, 2)), ("header-line", date(2024, 1, 1)))
    assert dated.best_date() == ("cli", date(2024, 1, 5))


_PIECES = ["\n", " ", "\t", "\r", "\u2028", "\x85", "\x0c", "a", "B.", "é", "? ", "x" * 90]


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_derive_title_reads_the_first_non_blank_line(pieces: list[str]) -> None:
    """The first line with something on it, as splitting the text into every line finds it."""
    text = "".join(pieces)
    first_line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    assert derive_title(text) == derive_title(first_line)
