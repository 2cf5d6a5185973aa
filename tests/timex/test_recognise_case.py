"""Rules match a lower-cased copy of the text: same offsets, escapes and group names intact."""

import re

from timeline.timex.recognise import find_candidates, lowercase_pattern, lowercase_text


def test_lowercase_pattern_keeps_escapes_and_group_names():
    pattern = r"(?P<ampM>A\.M\.)\s+\S+(?:[ECMP][SD]T|GMT)\b(?P=ampM)?"
    assert lowercase_pattern(pattern) == r"(?P<ampM>a\.m\.)\s+\S+(?:[ecmp][sd]t|gmt)\b(?P=ampM)?"
    assert re.compile(lowercase_pattern(pattern)).pattern  # still compiles


def test_lowercase_text_keeps_length_and_non_ascii_letters():
    text = "İstanbul, THURSDAY, Straße"
    lowered = lowercase_text(text)
    assert len(lowered) == len(text)
    assert lowered == "İstanbul, thursday, straße"


def test_groups_and_capitals_come_from_the_original_text():
    text = "Talks resume in May. We may meet next Thursday at 5 P.M. EST."
    found = {text[c.start : c.end]: c for c in find_candidates(text)}
    assert "May" in found and found["May"].groups["month"] == "May"
    assert not any(words.startswith("may ") or words == "may" for words in found)
    assert "next Thursday" in found and found["next Thursday"].groups["weekday"] == "Thursday"
    assert any(words.startswith("5 P.M. EST") for words in found)
