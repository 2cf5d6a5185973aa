"""The merger's stop list (`resources/en/stop_words.yml`): spaCy's English list, read without importing spaCy."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from timeline.merge.similarity import content_words, stop_words

EXAMPLES = yaml.safe_load(
    resources.files("timeline.resources").joinpath("en", "stop_words.yml").read_text(encoding="utf-8")
)["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[example["text"] for example in EXAMPLES])
def test_each_example_keeps_its_content_words(example: dict) -> None:
    assert content_words(example["text"]) == frozenset(example["words"])


def test_the_list_is_spacys_english_stop_list() -> None:
    from spacy.lang.en.stop_words import STOP_WORDS

    assert stop_words() == frozenset(STOP_WORDS)


def test_merging_does_not_import_spacy() -> None:
    """The merge runs in the build's main process: spaCy (0.6 s to import) is for the extraction workers."""
    code = (
        "import sys; from timeline.pipeline import merge_extractions;"
        "from timeline.merge.similarity import content_words;"
        "content_words('a test'); print('spacy' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_content_words_are_the_same_when_the_token_words_are_emptied(monkeypatch) -> None:  # noqa: ANN001
    from timeline.merge import similarity

    text = "Blinken’s talks in Israel ended; the 2,000 protesters' talks went on. Talks resumed."
    expected = frozenset({"blinken", "talk", "israel", "ended", "2,000", "protester", "went", "resumed"})
    monkeypatch.setattr(similarity._TokenWords, "MAX_TOKENS", 3)  # emptied again and again while reading the text
    monkeypatch.setattr(similarity, "_TOKEN_WORDS", similarity._TokenWords())
    similarity.content_words.cache_clear()
    try:
        assert content_words(text) == expected
        assert len(similarity._TOKEN_WORDS) <= 3
    finally:
        similarity.content_words.cache_clear()
