"""Captions, bylines, credits and datelines are recognised from the resource patterns (each example is checked)."""

from datetime import date

import pytest

from timeline.extract import extract_articles
from timeline.extract.noise import dateline_length, is_noise_line, load_event_words
from timeline.models import Article

EXAMPLES = [example for line in load_event_words().noise_lines for example in line.examples]


@pytest.mark.parametrize("line", EXAMPLES)
def test_noise_resource_examples(line):
    assert is_noise_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "U.S. Secretary of State Antony Blinken left the Middle East on Thursday with public divisions.",
        "Khan Younis is the hometown of Hamas’ Gaza leader Yahya Sinwar, mastermind of the Oct. 7 killing.",
        "Reuters reported on Monday that the talks had stalled.",
        # once made the caption pattern backtrack for minutes (nested quantifiers): must answer at once
        'Kim Jong-Pil accused the investigation of being "a ploy to protect (South Korean President Kim '
        "Young-Sam's second son) Kim Hyun-Chul.\"",
        "(" + "Aa Bb " * 60 + "x",
        "",
    ],
)
def test_noise_narrative_is_kept(line):
    assert not is_noise_line(line)


DATELINES = load_event_words().dateline_examples


@pytest.mark.parametrize("example", DATELINES, ids=[e["line"][:25] for e in DATELINES])
def test_dateline_examples(example):
    line = example["line"]
    assert line[dateline_length(line) :] == example["story"]


def test_a_dateline_is_kept_out_of_the_events():
    text = "JERUSALEM (AP) — Israeli troops raided the camp on Tuesday.\nThe army said on Tuesday it had left."
    (extraction,) = extract_articles([Article(id="a", text=text, published=date(2024, 2, 8))])
    (raid,) = [e for e in extraction.events if e.trigger == "raided"]
    assert raid.title == "Israeli troops raided the camp"
    assert raid.sentence == "Israeli troops raided the camp on Tuesday."
    assert text[raid.sentence_span.start : raid.sentence_span.end] == raid.sentence
    assert not any(m.text == "JERUSALEM" for m in extraction.mentions)
