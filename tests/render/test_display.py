"""`timeline.display`: bidirectional controls become U+FFFD, one for one, in text and whole models."""

from __future__ import annotations

from timeline.display import BIDI_CONTROLS, displayable, has_bidi, neutralise_bidi, utf8_has_bidi
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


def test_the_utf8_search_finds_each_control_as_the_text_search_does() -> None:
    near = "\u2029\u2065\u206a\u2029\u202f\u00e2\u0080\u00ae"  # neighbours of the controls, their bytes as characters
    for text in ("plain", "caf\u00e9 \u4e2d\u6587 \U0001f600", near, *(f"a{char}b" for char in BIDI_CONTROLS)):
        assert utf8_has_bidi(text.encode("utf-8")) is has_bidi(text)
    assert all(utf8_has_bidi(char.encode("utf-8")) for char in BIDI_CONTROLS)
