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


def test_displayable_finds_each_control_and_only_them() -> None:
    """Each of the nine, deep in a model; the characters beside them in Unicode (and U+FFFD itself) are kept."""
    for control in BIDI_CONTROLS:
        issue = Issue(code="I120", stage="ingest", severity="warning", message=f"a{control}b")
        assert displayable(issue).message == "a\ufffdb"
    for kept in "\u2029\u2028\u202f\u2065\u206a\u200f\ufffd\U0001f600":
        issue = Issue(code="I120", stage="ingest", severity="warning", message=f"a{kept}b")
        assert displayable(issue) is issue
