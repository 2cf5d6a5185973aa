"""The fast POS component gives the same parts of speech as the model's attribute ruler."""

from pathlib import Path

import pytest
import spacy

from timeline.extract.fast_pos import COMPONENT, compile_rules
from timeline.extract.nlp import MODEL_PACKAGES, load_nlp

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TEXT = (
    "There are 500 engineers at the conference, and there were more last year.\n"
    "But Apple has said it will not ship the phone; it's being tested and wasn't ready.\n"
    "Something happened once here, then everyone left as well as the ones who'd stayed.\n"
)


def _reference():
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name, disable=["lemmatizer"])
        except OSError:
            continue
    pytest.skip("no English model")


def test_fast_pos_replaces_the_attribute_ruler():
    assert COMPONENT in load_nlp().pipe_names and "attribute_ruler" not in load_nlp().pipe_names


def test_fast_pos_equals_the_attribute_ruler():
    texts = [TEXT] + [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*/*.txt"))]
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    reference = _reference()
    fast = list(load_nlp().pipe(lines))
    slow = list(reference.pipe(lines))
    pairs = [(a.text, a.pos_, b.pos_) for x, y in zip(fast, slow, strict=True) for a, b in zip(x, y, strict=True)]
    assert len(pairs) > 1000
    assert [p for p in pairs if p[1] != p[2]] == []


def test_fast_pos_rejects_patterns_it_cannot_apply():
    with pytest.raises(ValueError, match="not supported"):
        compile_rules([{"patterns": [[{"LEMMA": "be"}]], "attrs": {"POS": "AUX"}, "index": 0}])


def test_fast_pos_remembers_at_most_its_cache_entries_and_decides_the_rest(monkeypatch):
    import timeline.extract.fast_pos as fast_pos

    monkeypatch.setattr(fast_pos, "CACHE_ENTRIES", 5)
    ruler = fast_pos.FastPos(list(_reference().get_pipe("attribute_ruler").patterns))
    doc = load_nlp()(TEXT)
    expected = [token.pos_ for token in doc]
    assert [ruler.pos_of(token) or token.pos_ for token in doc] == expected
    assert len(ruler._cache) == 5  # a worker's cache stops growing: its size does not follow the corpus
    assert [ruler.pos_of(token) or token.pos_ for token in doc] == expected
