"""Build a SemEval-2015 TimeLine entity timeline from our merged output.

The task asks, for a target entity, for the events it takes part in, anchored and ordered. Our
merger already gives canonical events with dates and every supporting mention; this module picks the
ones that involve the target and writes them in the task's format:

- **Selection.** A canonical event involves the target when one of its mentions has the target as
  a participant, agent, patient or location (named, or a pronoun or role noun resolved by
  `extract/coref.py`: "He announced", "the CEO said"), or, when the target is no actor of the
  mention (products never are), names it in its title, the trigger's own clause, unless the mention
  is a report: what "Jobs announced ... iTunes" names takes part in the content, not the report. The rest of the
  sentence does not count: in "Jobs said sales fell", the fall is not his event, and in "Tim Cook
  stood in Jobs' place" (role "other") the standing is not either (measured on the SemEval-2015
  trial data: TA F1 10.8 with the whole sentence, 13.3 with actors and title, 22.1 -> 23.2 when an
  actor in another role no longer counts). A product is no actor, so a mention also involves it when
  it refers back to it: its title begins with "it", "the phone", "the store" (`references` in the
  same file, by target) or "its" stands before its trigger ("its launch"), and of the targets that
  word can refer to, this one is named last in the two sentences before (mention F1 54.4 -> 55.9). The names come from
  `resources/en/timeline_targets.yml` (by timeline file name); a target not listed there is matched
  by its file name's words. An event selected through one mention brings all its mentions: that is
  our cross-document coreference.
- **Mentions.** Each mention's trigger span is mapped to the CAT tokens it overlaps:
  ``docid-sentence-token`` with the tokens' words joined by ``_``.
- **Dates and order.** A canonical event's date is its interval at the granularity the text gave
  (day ``YYYY-MM-DD``, month ``YYYY-MM``, otherwise the year when the interval is inside one); an
  event dated only by publication-day guesses (an undated "Jobs said" may be a day or two before
  the paper) is written as its article's story day (the day its date words give most often) when
  that lies in the guess, else as the publication day, the task's anchor for news of the day;
  events with the same date share a position, positions follow the dates. Mentions the merger could
  not place (no date) go to position 0 with ``XXXX-XX-XX``, as the task does.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from timeline.errors import ResourceError
from timeline.evaluation.meantime import MeantimeDocument
from timeline.evaluation.timelines import EntityTimeline, TimelineEntry
from timeline.models import CanonicalEvent, DateInterval, EventMention, Span, Timeline

UNDATED = "XXXX-XX-XX"
WEEK_DAYS = 7
PARTICIPANT_ROLES = frozenset({"agent", "patient", "location"})
"""Roles of a target that takes part in an event; "other" is a name elsewhere in the clause ("in Jobs' place")."""


class TargetExample(BaseModel):
    """A sentence and whether it names the target (checked by the tests)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    target: str
    text: str
    involved: bool


class ReferenceExample(BaseModel):
    """A title after some text, and whether it refers back to the target (checked by the tests)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    target: str
    before: str
    title: str
    trigger: str
    involved: bool


class TargetNames(BaseModel):
    """The target-name table of `timeline_targets.yml`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    targets: dict[str, tuple[str, ...]]
    other_products: dict[str, tuple[str, ...]] = {}
    default_references: tuple[str, ...] = ()
    references: dict[str, tuple[str, ...]] = {}
    reference_examples: tuple[ReferenceExample, ...] = ()
    examples: tuple[TargetExample, ...] = ()


@lru_cache(maxsize=1)
def load_target_names() -> TargetNames:
    """Read the target names once per process.

    Raises:
        ResourceError: the file does not match its schema.
    """
    path = resources.files("timeline.resources").joinpath("en/timeline_targets.yml")
    try:
        return TargetNames.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (ValidationError, yaml.YAMLError) as error:
        raise ResourceError(f"timeline_targets.yml is invalid: {error}".splitlines()[0]) from error


def target_names(key: str) -> tuple[str, ...]:
    """Return the names of a target: the listed ones, else the file name's words ("steve jobs")."""
    return load_target_names().targets.get(key) or (" ".join(key.split("_")),)


@lru_cache(maxsize=64)
def target_pattern(key: str) -> re.Pattern[str]:
    """Return a regex for any name of the target as whole words (listed names case-sensitive)."""
    listed = key in load_target_names().targets
    names = sorted(target_names(key), key=len, reverse=True)
    body = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in names)
    others = load_target_names().other_products.get(key, ())
    longer = rf"(?!\s+(?i:{'|'.join(re.escape(word) for word in others)})\b)" if others else ""
    return re.compile(rf"(?<![\w-])(?:{body})(?:s|'s|’s|')?(?![\w-]){longer}", 0 if listed else re.IGNORECASE)


def involves(text: str, key: str) -> bool:
    """Return True when the text names the target."""
    return target_pattern(key).search(text) is not None


def target_references(key: str) -> tuple[str, ...]:
    """Return the words that refer back to a target just named ("it", "the store"), lower case."""
    table = load_target_names()
    return tuple(word.lower() for word in table.references.get(key, table.default_references))


def refers_back(key: str, title: str, before_trigger: str, window: str) -> bool:
    """Say whether a mention refers to the target by a word of `target_references`.

    Args:
        key: the target.
        title: the mention's title (its subject comes first: "It has a new screen").
        before_trigger: the sentence's text before the trigger ("Since its" for "its launch").
        window: the article's text from two sentences before the mention's up to its trigger; the
            target must be the listed target named last there.
    """
    lowered = title.lower()
    used = [word for word in target_references(key) if lowered == word or lowered.startswith(word + " ")]
    if not used and re.search(r"(?<![\w-])its\s*$", before_trigger.lower()):
        used = ["its"]
    if not used or used[0] not in target_references(key):
        return False
    compatible = [other for other in load_target_names().targets if used[0] in target_references(other)]
    return last_named(window, compatible) == key


def last_named(text: str, candidates: Iterable[str]) -> str | None:
    """Return the candidate target named last in the text (the one "it" or "the device" refers back to)."""
    ends = {}
    for other in candidates:
        found = [match.end() for match in target_pattern(other).finditer(text)]
        if found:
            ends[other] = found[-1]
    return max(ends, key=lambda other: (ends[other], other)) if ends else None


def date_value(interval: DateInterval) -> str | None:
    """Return the task's date for an interval: day, month, or the year holding it (None when wider).

    A week across two months is the month of its Thursday, as ISO weeks go ("this week" in a paper of
    Tuesday 28 March 2006 is March).
    """
    if interval.granularity == "day" and interval.earliest == interval.latest:
        return interval.earliest.isoformat()
    if interval.granularity == "week" and (interval.latest - interval.earliest).days == WEEK_DAYS - 1:
        return (interval.earliest + timedelta(days=3)).isoformat()[:7]  # a week is its Thursday's month (ISO)
    if interval.earliest.year != interval.latest.year:
        return None
    if interval.granularity in ("day", "week", "month") and interval.earliest.month == interval.latest.month:
        return interval.earliest.isoformat()[:7]
    return str(interval.earliest.year)


class TokenIndex:
    """Map character spans of a CAT document's text to ``docid-sentence-token`` mention ids."""

    def __init__(self, document: MeantimeDocument) -> None:
        self.document = document
        self._starts = [token.span.start for token in document.tokens]

    def mention_id(self, span: Span) -> str | None:
        """Return the id of the tokens a span overlaps (None when it overlaps none)."""
        tokens = self.document.tokens
        index = max(0, bisect.bisect_right(self._starts, span.start) - 1)
        found = []
        while index < len(tokens) and tokens[index].span.start < span.end:
            if tokens[index].span.end > span.start:
                found.append(tokens[index])
            index += 1
        if not found:
            return None
        words = "_".join(token.text for token in found)
        return f"{self.document.doc_id}-{found[0].sentence}-{words}"


def mention_involves(mention: EventMention, key: str) -> bool:
    """Return True when the target takes part in the mention.

    It does when it is an actor of the mention (named, or "he" / "the company" resolved by
    `extract/coref.py`) or named in its title (the trigger's own clause).
    """
    pattern = target_pattern(key)
    roles = {actor.role for actor in mention.actors if pattern.search(actor.name)}
    if roles:
        return bool(roles & PARTICIPANT_ROLES)
    if mention.factuality == "reported":
        return False  # "Jobs announced podcasting in iTunes": what a report names takes part in its content
    return pattern.search(mention.title) is not None


def mention_refers_back(mention: EventMention, key: str, document: MeantimeDocument | None) -> bool:
    """Say whether the mention refers back to the target named just before it (`refers_back`)."""
    if document is None:
        return False
    start = mention.trigger_span.start
    spans = document.sentence_spans
    index = next((i for i, span in enumerate(spans) if span.start <= start < span.end), None)
    if index is None:
        return False
    window = document.text[spans[max(0, index - 2)].start : start]
    before = mention.sentence[: max(0, start - mention.sentence_span.start)]
    return refers_back(key, mention.title, before, window)


def _takes_part(mention: EventMention, key: str, documents: Mapping[str, MeantimeDocument]) -> bool:
    """The target takes part in the mention: named (`mention_involves`) or referred back to."""
    if mention_involves(mention, key):
        return True
    pattern = target_pattern(key)
    if any(pattern.search(actor.name) for actor in mention.actors):
        return False  # an actor of the mention in another role ("in Jobs' place")
    return mention_refers_back(mention, key, documents.get(mention.article_id))


def _event_involves(
    event: CanonicalEvent, key: str, mentions: Mapping[str, EventMention], documents: Mapping[str, MeantimeDocument]
) -> bool:
    """Say whether the target takes part in the event.

    It does in one of its mentions, or it is a participant among the event's actors under the names
    the merger gave them ("Steve" alone is Steve Jobs in an article with no other Steve:
    `merge/actors.py`).
    """
    pattern = target_pattern(key)
    if any(pattern.search(actor.name) and actor.role in PARTICIPANT_ROLES for actor in event.actors):
        return True
    found = (mentions[p.mention_id] for p in event.provenance if p.mention_id in mentions)
    return any(_takes_part(mention, key, documents) for mention in found)


def entity_timeline(
    key: str,
    timeline: Timeline,
    mentions: Mapping[str, EventMention],
    documents: Mapping[str, MeantimeDocument],
) -> EntityTimeline:
    """Return the system timeline of one target.

    Args:
        key: the target's timeline file name ("steve_jobs").
        timeline: the merged timeline of the corpus.
        mentions: every event mention of the extractions, by id (provenance names mentions by id).
        documents: the CAT documents, by article id.
    """
    indexes = {article_id: TokenIndex(document) for article_id, document in documents.items()}

    def ids(found: Iterable[EventMention]) -> tuple[str, ...]:
        out = []
        for mention in sorted(found, key=lambda m: (m.article_id, m.trigger_span.start, m.id)):
            index = indexes.get(mention.article_id)
            mention_id = index.mention_id(mention.trigger_span) if index is not None else None
            if mention_id is not None:
                out.append(mention_id)
        return tuple(out)

    groups: dict[str | None, list[tuple[str, ...]]] = {}
    bounds: dict[str, tuple] = {}
    story_days = _story_days(timeline)
    for event in timeline.events:
        if not _event_involves(event, key, mentions, documents):
            continue
        found = ids(mentions[p.mention_id] for p in event.provenance if p.mention_id in mentions)
        if not found:
            continue
        interval = event.interval
        timed = [p for p in event.provenance if p.interval is not None]
        if interval.granularity == "day" and all(p.time_source == "publication" for p in timed):
            interval = _guessed_day(interval, story_days.get(event.provenance[0].article_id))
        value = date_value(interval)
        groups.setdefault(value, []).append(found)
        if value is not None:
            bound = (interval.earliest, interval.latest)
            bounds[value] = min(bounds.get(value, bound), bound)
    for mention in timeline.unplaced:
        if _takes_part(mention, key, documents):
            found = ids([mention])
            if found:
                groups.setdefault(None, []).append(found)
    return EntityTimeline(target=target_names(key)[0], entries=_entries(groups, bounds))


def _story_days(timeline: Timeline) -> dict[str, date]:
    """Return each article's story day: the day its own date words give most often (the latest on a tie)."""
    counts: dict[str, Counter[date]] = {}
    for event in timeline.events:
        for claim in event.provenance:
            interval = claim.interval
            if claim.time_source == "explicit" and interval is not None and interval.earliest == interval.latest:
                counts.setdefault(claim.article_id, Counter())[interval.earliest] += 1
    return {article: max(days, key=lambda day: (days[day], day)) for article, days in counts.items()}


def _guessed_day(interval: DateInterval, story_day: date | None) -> DateInterval:
    """The day of a publication-day guess ("Jobs said", no date words, the few days before the paper).

    The article's story day when it lies in the guess ("Jobs said" in a paper that tells Friday's
    press conference is Friday), else the publication day itself.
    """
    inside = story_day is not None and interval.earliest <= story_day <= interval.latest
    day = story_day if inside else interval.latest
    return DateInterval(earliest=day, latest=day, granularity="day")


def _entries(groups: dict[str | None, list[tuple[str, ...]]], bounds: dict[str, tuple]) -> tuple[TimelineEntry, ...]:
    """Number the dated groups by date (position 1 up), undated at 0; each mention once."""
    seen: set[str] = set()
    entries = []

    def add(position: int, value: str, found: tuple[str, ...]) -> None:
        fresh = tuple(m for m in dict.fromkeys(found) if m not in seen)
        seen.update(fresh)
        if fresh:
            entries.append(TimelineEntry(position=position, date=value, mentions=fresh))

    dated = sorted((value for value in groups if value is not None), key=lambda v: (bounds[v], v))
    for position, value in enumerate(dated, start=1):
        for found in sorted(groups[value]):
            add(position, value, found)
    for found in sorted(groups.get(None, [])):
        add(0, UNDATED, found)
    return tuple(sorted(entries, key=lambda e: (e.position, e.mentions)))
