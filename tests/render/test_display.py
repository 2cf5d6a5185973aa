"""`timeline.display`: bidirectional controls become U+FFFD, one for one, in text and whole models."""

from __future__ import annotations

from timeline.display import BIDI_CONTROLS, displayable, neutralise_bidi
from timeline.models import Issue


def test_each_control_becomes_one_replacement_character() -> None:
    text = "a" + BIDI_CONTROLS + "b\u200f\u061c"  # RLM and ALM mark, they do not reorder: kept
    assert neutralise_bidi(text) == "a" + "\ufffd" * 9 + "b\u200f\u061c"
    assert len(neutralise_bidi(text)) == len(text)


def test_displayable_model() -> None:
    issue = Issue(code="I120", stage="ingest", severity="warning", path="in/\u202egnp.exe", message="\u2067x")
    shown = displayable(issue)
    assert (shown.path, shown.message) == ("in/\ufffdgnp.exe", "\ufffdx")
    clean = Issue(code="I120", stage="ingest", severity="warning", message="x")
    assert displayable(clean) is clean
