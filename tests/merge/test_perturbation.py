"""Perturbation: shift one seed article's publication date by k days; the diagnosis must find it and k."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from timeline.pipeline import build

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "gaza-ceasefire-2024-02"
COPY = "001_c8628ad196c7de24"
TRUE_DATE = date(2024, 2, 8)


@pytest.mark.parametrize("shift", [-36, -14, 21, 35])
def test_perturbation_shifted_article_and_offset_are_found(shift):
    shifted = (TRUE_DATE + timedelta(days=shift)).isoformat()
    timeline = build([SAMPLE], published={COPY: shifted}).timeline
    diagnoses = [issue for issue in timeline.issues if issue.code == "M301"]
    assert len(diagnoses) == 1, [i.message for i in timeline.issues]
    (issue,) = diagnoses
    assert COPY in issue.message or issue.article_id == COPY
    # both dates come from the user (manifest, --published): equally trusted. Only the copy's own text
    # can tell which is wrong: "the past four months" counted back from a date five weeks early misses
    # the war's start in October (M303). Closer shifts fit the text, and both dates are named.
    if shift == -36:
        assert issue.article_id == COPY and "own text contradicts" in issue.message
        assert "one of them is wrong" not in issue.message
    else:
        assert "one of them is wrong" in issue.message and "000_ed205d56d064a430" in (issue.hint or "")
    found = int(re.search(r"sit (\d+) days", issue.message).group(1))
    assert abs(found - abs(shift)) <= 7  # weekdays resolve to the nearest matching day
    assert ("before" if shift < 0 else "after") in issue.message


def test_perturbation_no_shift_no_diagnosis():
    timeline = build([SAMPLE], published={COPY: TRUE_DATE.isoformat()}).timeline
    assert not [issue for issue in timeline.issues if issue.code == "M301"]
    assert timeline.conflicts == ()
