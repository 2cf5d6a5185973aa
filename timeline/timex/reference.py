"""News or narrative: which time anchors a year-less date ("in March", "the end of the year").

TimeML anchors a relative expression to the time it depends on. News depends on its publication
date (DCT); a narrative (history, Wikipedia) on the story's reference time, the last date the text
mentioned: "In 1919 ... On April 16" is April 16, 1919, even in a page downloaded in 2009. The
thresholds and the rules concerned are data: `resources/en/time_narrative.yml`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from timeline.models import DocType
from timeline.timex.era import is_bc
from timeline.timex.recognise import Candidate
from timeline.timex.words import _load

NARRATIVE_RESOURCE = "en/time_narrative.yml"


class NarrativeExample(BaseModel):
    """A checked example: ``text`` (dated ``dct``) is a ``doc_type`` document, where ``words`` mean ``value``."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    text: str
    dct: date | None
    doc_type: DocType
    words: str
    value: str


class NarrativeRules(BaseModel):
    """The validated contents of `time_narrative.yml` (see the file for what each one means)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    far_years: int
    min_far_years: int
    far_share: float
    deictic_rules: tuple[str, ...]
    deictic_ratio: float
    story_rules: tuple[str, ...]
    forward_months: int
    examples: tuple[NarrativeExample, ...]


@lru_cache(maxsize=1)
def load_narrative_rules() -> NarrativeRules:
    """Read and validate `time_narrative.yml` once per process.

    Raises:
        ResourceError: the packaged file is missing or does not match the schema.
    """
    return _load(NARRATIVE_RESOURCE, NarrativeRules)


def explicit_years(candidates: Sequence[Candidate]) -> list[int]:
    """Return the years the text writes out in digits ("1919", "April 16, 1919", "490 BC"), in text order.

    A year BC counts as its astronomical number (490 BC is -489): a story of the Persian wars is
    far before any DCT.
    """
    years = []
    for candidate in candidates:
        if candidate.groups.get("year", "").isdigit():
            years.append(int(candidate.groups["year"]))
        elif "eyear" in candidate.groups:
            year = int(candidate.groups["eyear"])
            years.append(1 - year if is_bc(candidate.groups) else year)
    return years


def detect_doc_type(candidates: Sequence[Candidate], dct: date | None) -> DocType:
    """Return "narrative" for a text without a DCT or one that tells a story far before its DCT.

    A Wikipedia article downloaded in 2009 names dozens of years of the 1940s and hardly says
    "yesterday"; a 1998 news story may recall 1972 in its background, but its dates are mostly its
    own week's ("on Thursday", "last month"). Without a DCT there is nothing else to anchor to.
    """
    if dct is None:
        return "narrative"
    rules = load_narrative_rules()
    years = explicit_years(candidates)
    far = [year for year in years if dct.year - year >= rules.far_years]
    deictic = sum(1 for candidate in candidates if candidate.rule in rules.deictic_rules)
    narrative = (
        len(far) >= rules.min_far_years
        and len(far) >= rules.far_share * len(years)
        and len(far) >= rules.deictic_ratio * deictic
    )
    return "narrative" if narrative else "news"
