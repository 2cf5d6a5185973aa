"""Publication dates for undated articles, inferred from the sources they share events with.

An article without a date cannot place "on Thursday" or "last month". When it tells events that
dated sources also tell, each shared event says which publication dates would put the article's
relative date on the other source's day: "left on Thursday" matched with another source's
2024-02-08 fits any publication date from Thursday 8 to Wednesday 14. The date that fits the most
shared events wins; among equals, the earliest (news reports "on Thursday" on Thursday or just
after). The article's own fully dated past events set a lower bound. The result is marked
``inferred`` and the evidence goes into an Issue, so a reader can check it.

Only dated sources vote: never another inferred date, nor a date its own text contradicts
(`content_dates.py`, which would pass its error on), nor a date more than a year after every
other source's (`ingest.dates.far_after_others`, Issue I133: likely a typo; a year outside
1800-2200 never gets this far, ingest treats it as missing); and only explicit relative dates
inside the mention's own sentence that move with the publication date
(`diagnosis.SHIFTING_RULES`), re-read by the time tagger for each candidate date.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.config import Settings
from timeline.ingest.dates import far_after_others
from timeline.merge.cluster import MAX_BLOCK_SHARE
from timeline.merge.content_dates import check_content_dates
from timeline.merge.diagnosis import SHIFTING_RULES
from timeline.merge.similarity import mention_similarity, mention_words
from timeline.models import ArticleExtraction, DateInterval, EventMention, Issue
from timeline.timex import tag_times

SEARCH_BEFORE_DAYS = 1
"""Candidate dates start this many days before the other source's date ("tomorrow" said the day before)."""

SEARCH_AFTER_DAYS = 62
"""...and end this long after it: covers weekdays, "last week", "last month" and "two weeks ago"."""

MAX_EVIDENCE = 4
"""Shared events quoted in the Issue."""


@dataclass(frozen=True)
class Evidence:
    """One shared event: this article's date words, and the other source's dated telling of it."""

    mention: EventMention
    other: EventMention
    fits: frozenset[date]


@dataclass(frozen=True)
class Inference:
    """The inferred publication date of one article, the dates that fit as well, and why."""

    article_id: str
    published: date
    fitting: tuple[date, ...]
    support: int
    evidence: tuple[Evidence, ...]

    def issue(self, extraction: ArticleExtraction, sources: dict[str, str]) -> Issue:
        """Describe the inference for the reader (code E202)."""
        article = extraction.article
        quoted = []
        for item in sorted(self.evidence, key=lambda e: (self.published not in e.fits, e.mention.id))[:MAX_EVIDENCE]:
            other_time = item.other.time
            quoted.append(
                f"'{item.mention.title}' ('{item.mention.time.text if item.mention.time else ''}' here; "
                f"{_describe(other_time.interval) if other_time and other_time.interval else '?'} "
                f"in {sources.get(item.other.article_id, item.other.article_id)})"
            )
        spread = (
            f"any date from {self.fitting[0]} to {self.fitting[-1]} fits them equally, the earliest is used"
            if len(self.fitting) > 1
            else "no other date fits them as well"
        )
        return Issue(
            code="E202",
            stage="extract",
            severity="warning",
            article_id=article.id,
            path=article.path,
            message=(
                f"no publication date: inferred {self.published} from {self.support} of "
                f"{len(self.evidence)} events shared with dated sources ({spread}): " + "; ".join(quoted)
            ),
            hint=f"if you know the date, give it with --published {article.id}=YYYY-MM-DD",
        )


def _describe(interval: DateInterval) -> str:
    if interval.earliest == interval.latest:
        return interval.earliest.isoformat()
    return f"{interval.earliest} to {interval.latest}"


def _relative_time(mention: EventMention) -> int | None:
    """Return the offset of the mention's unresolved, publication-relative date words in its sentence.

    Only words that move day for day with the publication date count ("Thursday", "last month"): a
    year-less "Oct. 7" fits any publication date for a year and would outvote them.
    """
    time = mention.time
    if mention.time_source != "explicit" or time is None or time.interval is not None:
        return None
    if time.rule not in SHIFTING_RULES:
        return None
    offset = time.span.start - mention.sentence_span.start
    if offset < 0 or mention.sentence[offset : offset + len(time.text)] != time.text:
        return None
    return offset


def fitting_dates(mention: EventMention, target: DateInterval) -> frozenset[date]:
    """Return the publication dates that put the mention's relative date words on ``target``."""
    offset = _relative_time(mention)
    if offset is None:
        return frozenset()
    fits = set()
    day = target.earliest - timedelta(days=SEARCH_BEFORE_DAYS)
    while day <= target.latest + timedelta(days=SEARCH_AFTER_DAYS):
        for expression in tag_times(mention.sentence, dct=day):
            if expression.span.start == offset and expression.interval is not None:
                if expression.interval.overlaps(target):
                    fits.add(day)
                break
        day += timedelta(days=1)
    return frozenset(fits)


class _DatedIndex:
    """Dated mentions of dated articles, found by shared content words (as in `cluster.py`)."""

    def __init__(self, mentions: Sequence[EventMention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.id)
        self.words = [mention_words(m) for m in self.mentions]
        index: dict[str, list[int]] = defaultdict(list)
        for position, words in enumerate(self.words):
            for word in words:
                index[word].append(position)
        limit = max(2, int(MAX_BLOCK_SHARE * len(self.mentions)))
        self.index = {word: found for word, found in index.items() if len(found) <= limit}

    def best_match(self, mention: EventMention, settings: Settings) -> EventMention | None:
        words = mention_words(mention)
        shared: Counter[int] = Counter()
        for word in words:
            shared.update(self.index.get(word, ()))
        best: tuple[float, str] | None = None
        found = None
        for position, count in shared.items():
            if count < settings.min_shared_words:
                continue
            other = self.mentions[position]
            score = mention_similarity(mention, other, words, self.words[position])
            if score >= settings.link_threshold and (best is None or (-score, other.id) < (-best[0], best[1])):
                best, found = (score, other.id), other
        return found


def _lower_bound(extraction: ArticleExtraction) -> date | None:
    """The latest day the article tells as past with a date of its own: it was written after it began."""
    days = [
        event.time.interval.earliest
        for event in extraction.events
        if event.factuality in ("asserted", "reported")
        and event.time_source == "explicit"
        and event.time is not None
        and event.time.interval is not None
    ]
    return max(days, default=None)


def infer_publication_dates(
    extractions: Sequence[ArticleExtraction], settings: Settings | None = None
) -> list[Inference]:
    """Return an inferred date for each undated article that shares dated events with dated sources."""
    settings = settings or Settings()
    suspect = {issue.article_id for issue in check_content_dates(extractions)}
    voters = {
        extraction.article.id: extraction.article.published
        for extraction in extractions
        if extraction.article.published is not None and extraction.article.published_origin != "inferred"
    }
    suspect.update(far_after_others(voters))
    dated = [
        event
        for extraction in extractions
        if extraction.article.id in voters
        and extraction.article.id not in suspect
        for event in extraction.events
        if event.time is not None and event.time.interval is not None
    ]
    if not dated:
        return []
    index = _DatedIndex(dated)
    found = []
    for extraction in sorted(extractions, key=lambda item: item.article.id):
        if extraction.article.published is not None:
            continue
        inference = _infer_one(extraction, index, settings)
        if inference is not None:
            found.append(inference)
    return found


def _infer_one(extraction: ArticleExtraction, index: _DatedIndex, settings: Settings) -> Inference | None:
    lower = _lower_bound(extraction)
    evidence = []
    for mention in sorted(extraction.events, key=lambda m: m.id):
        if _relative_time(mention) is None:
            continue
        other = index.best_match(mention, settings)
        if other is None or other.time is None or other.time.interval is None:
            continue
        fits = frozenset(day for day in fitting_dates(mention, other.time.interval) if lower is None or day >= lower)
        evidence.append(Evidence(mention=mention, other=other, fits=fits))
    votes: Counter[date] = Counter(day for item in evidence for day in item.fits)
    if not votes:
        return None
    support = max(votes.values())
    fitting = tuple(sorted(day for day, count in votes.items() if count == support))
    return Inference(
        article_id=extraction.article.id,
        published=fitting[0],
        fitting=fitting,
        support=support,
        evidence=tuple(evidence),
    )
