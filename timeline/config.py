"""Settings: every threshold and switch the pipeline uses, in one validated model.

The digest of the settings goes into every `Timeline`, so two outputs can be compared knowing
whether they were made the same way.
"""

from __future__ import annotations

import hashlib

from pydantic import Field

from timeline.models import DocType, Model


class Settings(Model):
    """Tunable parameters of the pipeline. Defaults are the ones the benchmarks were run with."""

    max_article_bytes: int = Field(default=5_000_000, gt=0)
    """Files larger than this are not read (an Issue says so): protects memory and time."""

    spacy_batch_size: int = Field(default=64, gt=0)
    """Lines (the chunks spaCy parses) per `nlp.pipe` batch; 64 was fastest on the TE-3 silver corpus."""

    max_sentence_chars: int = Field(default=2_000, gt=0)
    """Sentences longer than this are cut for event extraction (tables, lists, run-on text)."""

    link_threshold: float = Field(default=0.30, ge=0.0, le=1.0)
    """Minimum similarity for two event mentions from different articles to be the same event."""

    undated_link_margin: float = Field(default=0.2, ge=0.0, le=1.0)
    """An undated mention (no date words, no guess) joins another source's event only on a link this
    much above ``link_threshold``: it brings no date agreement, and a loose link would give it a
    wrong date (SemEval-2015 trial TA F1 28.3 -> 29.5; margins 0.15 and 0.25 give about 1 less)."""

    min_shared_words: int = Field(default=2, ge=1)
    """Two mentions must share at least this many content words to be compared at all."""

    workers: int = Field(default=1, ge=1, le=64)
    """Processes that extract articles at once (`timeline build --jobs`). The output does not depend on
    it, so it is left out of the digest."""

    far_date_days: int = Field(default=90, ge=0)
    """Two mentions whose dates lie more than this many days apart are probably two look-alike events
    (a yearly keynote, "Jobs unveiled" in 2010 and in 2011), not one event with a conflict. A quarter
    of a year: a source whose publication date is wrong by weeks (the seeds' five weeks, the
    perturbation bench's up to 35 days) is not penalised, a year apart is (SemEval-2015 trial TA F1
    +0.9 against 366 days)."""

    far_date_penalty: float = Field(default=0.3, ge=0.0, le=1.0)
    """Taken off the link score of such a pair. Dates relative to a publication date ("today",
    "Thursday") never take it: a source with a wrong publication date must still meet the others."""

    far_relative_date_penalty: float = Field(default=0.15, ge=0.0, le=1.0)
    """Taken off when the dates are as far apart but one of them is relative to a publication date
    or is the publication date itself: smaller, so that a paraphrase from a source whose publication
    date is a year off still meets the others (a date never blocks a link on its own)."""

    far_guessed_date_penalty: float = Field(default=0.25, ge=0.0, le=1.0)
    """Taken off instead when one of the two has no date words of its own (an undated "Jobs unveiled"
    guessed at its paper's date, or a day inherited from an earlier sentence, `extract/event_time.py`):
    such a date is weak evidence of sameness, and another year's look-alike event
    ("Jobs unveiled" in 2007) does not take it in (SemEval-2015 trial TA F1 25.0 -> 26.5; the seeds
    and the perturbations unchanged)."""

    doc_type: DocType | None = None
    """How the time tagger anchors year-less dates: "news" to each article's publication date,
    "narrative" (history, Wikipedia) to the story's last date; None (`--doc-type` not given) decides per
    article (`timex/reference.py`)."""

    def digest(self) -> str:
        """Return a short sha256 of the settings' JSON (without ``workers``), for reproducibility checks."""
        payload = self.model_dump_json(exclude={"workers"}).encode("utf-8")
        return hashlib.sha256(payload).hexdigest()[:16]
