"""Captions, bylines and credits are recognised from the resource patterns (each example is checked)."""

import pytest

from timeline.extract.noise import is_noise_line, load_event_words

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
