"""The merger's stop list (`resources/en/stop_words.yml`): spaCy's English list, read without importing spaCy."""

from __future__ import annotations

import re
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


def test_ascii_texts_are_split_into_the_same_tokens_in_ascii_mode() -> None:
    from timeline.merge import similarity

    text = "Blinken's talks on 1,200.5 troops_x ended at 3rd-quarter 9am, U.S. 'said' 2,000 - 5. x1 1x __a 7-Eleven"
    odd = "1, 2. 3,, .4 5.6.7, 8,9x a'b'' c-d- -e _f g_ h1_2 10,000,000. 0.5% 'quoted' rock'n'roll 1-2 a.b 9' z"
    for ascii_text in (text, odd, "7", "x", "", "...", "1,", "a-"):
        assert ascii_text.isascii()
        assert similarity._ASCII_WORD.findall(ascii_text) == re.compile(similarity._WORD.pattern).findall(ascii_text)
    assert similarity._ASCII_WORD.findall("Zürich’s") != similarity._WORD.findall("Zürich’s") == ["Zürich’s"]
    similarity.content_words.cache_clear()
    assert content_words("Zürich’s 2,000") == {"zürich", "2,000"}
