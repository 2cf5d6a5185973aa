"""Publication-date diagnosis: a source whose dates are all shifted is one problem, not many conflicts.

A wrong publication date moves every relative date of an article ("on Thursday", "last month") by
about the same number of days; its absolute dates ("July 16", "in 2007") stay. So on every shared
event where an article's claim is relative, the day difference to another source's claim is
evidence about the article's publication date:

- against an absolute claim, it measures the article alone (the other date does not depend on a
  publication date);
- against another relative claim, it measures the difference of the two publication dates.

An article is *shifted* when its relative claims sit at about the same non-zero offset from the
other sources' claims on at least `MIN_SHARED_EVENTS` shared events (most of its evidence). Two
articles can only look shifted against each other; then the one to blame is, in order: the one
shifted against an absolute date or a third source, the one whose publication date is less trusted
(a header line rather than a manifest), the one whose own text contradicts its date (`M303`, see
`content_dates.py`). When nothing tells them apart, the Issue says that one of the two dates is
wrong. Each shifted article gets one Issue (`M301`) with the offset and the events, and each of its
conflicts is explained by it.

Not every relative claim measures a publication date (on 826 correctly dated Timeline17 articles these
made every false alarm):

- words inside a quote, beside a full date (a page or comment stamp) or after "until" / "by" do not
  count from the article's date (`date_words.py`);
- a sentence an outlet repeats word for word in two of its articles is one text written once: its
  relative words were written for one of the two dates, and a live page or a rolling story that
  carries an older page's paragraph is not misdated (the same words from two outlets still count: a
  wire story picked up elsewhere is republished when it is written, and a misdated copy of it is
  exactly what this diagnosis finds);
- the events of one sentence share its date words: one pair of readings is one piece of evidence,
  however many events hang on it;
- a bare clock time ("at 5pm", "12.00noon-6.06 pm") names no day: the tagger puts it on the last day the
  text named (`timex.days`), so it either repeats that day's words (counted on their own when they are
  relative) or sits on an absolute day (a schedule's day heading) that no publication date moves. On a
  radio schedule page of timeline17-dev (MJ_bbc, weekly shows at the same hours) three bare times read
  against the day headings of another week's schedule made an 18-day false alarm;
- a listing of several days (a radio or TV schedule, "Week 9: 27 February-5 March") says "tonight" and
  "this week" of the day it lists, not of its publication date, and its weekly shows recur in every
  week's listing: such a page, told by its many bare clock times (`LISTING_CLOCK_TIMES`), measures no
  publication date;
- "last Tuesday" said on a Friday may mean the Tuesday of the week before (British usage), and a
  weekday naming an event ("Tuesday's earthquake") is used for weeks: such readings alone, a week after
  the others, are that ambiguity, not a date a week off.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from statistics import median

from timeline.merge.date_words import around, beside_full_date, bounded, quoted
from timeline.merge.reconcile import ORIGIN_TRUST
from timeline.models import (
    GRANULARITY_RANK,
    ArticleExtraction,
    ArticleInfo,
    CanonicalEvent,
    Conflict,
    Issue,
    Provenance,
)
from timeline.timex import find_candidates

MIN_SHARED_EVENTS = 2
"""Shifted claims needed on at least this many events before a publication date is blamed."""

SPREAD_DAYS = 7
"""Offsets within this many days of their median count as the same shift (weekdays move by up to 6)."""

MIN_OFFSET_DAYS = 2
"""A median shift smaller than this is ordinary disagreement, not a wrong publication date."""

SMALL_SHIFT_EVENTS = 4
"""A shift of less than `SPREAD_DAYS` needs this many events: weekday readings and look-alike events
of neighbouring days disagree by a few days often enough (on TE-3 silver wires, two such events made
false alarms); a shift of weeks on two events does not happen by chance."""

SHIFTING_RULES = frozenset(
    {"weekday", "relative_day", "this_part", "relative_unit", "ago", "anchored_duration", "the_unit", "clock",
     "reference"}
)
"""Tagger rules whose dates move day for day with the publication date ("Thursday", "last month", "now").
A year-less "Oct. 7" is anchored too, but a DCT a few weeks off does not move it: it does not count."""

SHIFT_GRANULARITY = GRANULARITY_RANK["month"]
"""A relative claim coarser than a month ("this year") hardly moves with a publication date weeks off."""

CLAIMS = ("explicit", "inherited")

WEEK_AMBIGUITY_DAYS = (6, 8)
"""Offsets within these days, where every later claim is a "last Tuesday", are that phrase's one-week
ambiguity: the tagger takes the nearest Tuesday, a writer (in British usage above all) may mean the one
of the week before. A plain "on Monday" has no such ambiguity: a date 10 days off puts it a week late,
and that is still found."""


def _around(provenance: Provenance) -> tuple[str, str] | None:
    span = provenance.time_span
    if span is None:
        return None
    return around(provenance.sentence, provenance.sentence_span.start, span.start, span.end)


LISTING_CLOCK_TIMES = 15
"""An article with at least this many clock times that name no day is a listing of programmes or sessions, not
a report. On timeline17-dev (826 articles) and the TE-3 silver windows (2,203 wires) every news article holds
at most 10 (a live page) and every wire at most 8; the six BBC radio schedule pages of timeline17-dev 20 to 32."""

CLOCK_DAY_GROUPS = ("weekday", "month", "rday")
"""The `clock` rule's groups that name the time's day ("9 a.m. Tuesday", "5 p.m. Nov. 9", "0900 GMT tomorrow")."""


@lru_cache(maxsize=4096)
def _names_no_day(words: str) -> bool:
    """Say whether a clock time's words name no day ("at 5pm"): the tagger then puts it on the text's last day."""
    found = find_candidates(words)
    return len(found) == 1 and found[0].rule == "clock" and not any(g in found[0].groups for g in CLOCK_DAY_GROUPS)


def bare_clock(provenance: Provenance) -> bool:
    """Say whether a claim is a clock time alone, its day borrowed from the text around it, not its own."""
    return provenance.time_rule == "clock" and _names_no_day(provenance.time_text or "")


def listings(extractions: Sequence[ArticleExtraction]) -> set[str]:
    """Return the ids of the articles that list programmes by the hour (see `LISTING_CLOCK_TIMES`)."""
    return {
        extraction.article.id
        for extraction in extractions
        if len(clocks := [t for t in extraction.time_expressions if t.rule == "clock"]) >= LISTING_CLOCK_TIMES
        and sum(_names_no_day(t.text) for t in clocks) >= LISTING_CLOCK_TIMES
    }


def measures_publication(provenance: Provenance) -> bool:
    """Say whether a relative claim's words count from the article's date (not a quote, a stamp or a bound)."""
    if bare_clock(provenance):
        return False
    text = _around(provenance)
    return text is None or not (quoted(text[0]) or beside_full_date(text[1]) or bounded(text[0]))


def dates_the_event(provenance: Provenance) -> bool:
    """Say whether a claim dates its event: words after "until", "by", "before" bound it instead."""
    text = _around(provenance)
    return text is None or not bounded(text[0])


def moves_with_publication(provenance: Provenance) -> bool:
    """Say whether a claim's date moves with its article's publication date ("Thursday", "last month")."""
    return (
        provenance.time_source in CLAIMS
        and provenance.time_rule in SHIFTING_RULES
        and provenance.anchor.startswith("anchored to publication date")
        and provenance.interval is not None
        and GRANULARITY_RANK[provenance.interval.granularity] <= SHIFT_GRANULARITY
        and measures_publication(provenance)
    )


def _last_weekday(provenance: Provenance) -> bool:
    """A "last Tuesday", or a weekday naming an event by its day ("Tuesday's earthquake").

    Both are used a week and more after the day (a live page updated for days keeps "Tuesday's
    earthquake"), so a reading a week late is the phrase's ambiguity, not a wrong publication date.
    """
    if provenance.time_rule != "weekday":
        return False
    if (provenance.time_text or "").lower().startswith("last "):
        return True
    text = _around(provenance)
    return text is not None and text[1][:2] in ("'s", "\u2019s")


def _own_copy(left: Provenance, right: Provenance) -> bool:
    """Say whether one outlet carries the same sentence, word for word, in two of its articles."""
    outlet = left.source != left.article_id and left.source == right.source
    return outlet and " ".join(left.sentence.split()) == " ".join(right.sentence.split())


def _offset(claim: Provenance, other: Provenance) -> int:
    """Days the claim sits after the other one (negative: before); 0 when coarser claims overlap."""
    left, right = claim.interval, other.interval
    assert left is not None and right is not None
    if left.granularity == right.granularity:
        return (left.earliest - right.earliest).days
    if left.overlaps(right):
        return 0
    middle = (left.earliest.toordinal() + left.latest.toordinal()) / 2
    return round(middle - (right.earliest.toordinal() + right.latest.toordinal()) / 2)


@dataclass(frozen=True)
class Evidence:
    """One shared event: the article's relative claim against another source's claim."""

    days: int
    event_id: str
    other_id: str
    other_fixed: bool
    """The other claim does not move with a publication date (absolute, or a year-less "July 16")."""
    words: tuple[int, str, int] = (0, "", 0)
    """Where the article's date words and the other claim's are: the events of one sentence share them, so
    one pair of readings is one piece of evidence however many events hang on it."""
    weekday: bool = False
    """The later of the two claims is a "last Tuesday" or a "Tuesday's quake", which may be read a week late."""


@dataclass
class Shift:
    """An article found shifted: the offset, the events, and the sources it was measured against."""

    article_id: str
    days: int
    events: list[str]
    references: dict[str, int] = field(default_factory=dict)
    """Other article id -> how many shifted events were measured against it."""
    fixed: int = 0
    """Shifted events measured against a date that no publication date moves."""


def _evidence(events: Sequence[CanonicalEvent], unmeasured: Collection[str] = ()) -> dict[str, list[Evidence]]:
    """Each article's evidence; ``unmeasured`` articles (listings) neither give nor take any."""
    found: dict[str, list[Evidence]] = defaultdict(list)
    for event in events:
        if len(event.provenance) < 2:  # most events: one source, no other claim to measure against
            continue
        claims = {
            p.article_id: p
            for p in event.provenance
            if p.time_source in CLAIMS and p.interval is not None and p.article_id not in unmeasured
        }
        for article_id in sorted(claims):
            claim = claims[article_id]
            if not moves_with_publication(claim):
                continue
            span = claim.time_span
            for other_id in sorted(claims):
                other = claims[other_id]
                coarse = GRANULARITY_RANK[other.interval.granularity] > SHIFT_GRANULARITY  # type: ignore[union-attr]
                if other_id == article_id or coarse:  # "in 2023" can hardly tell a shift of weeks
                    continue
                if _own_copy(claim, other) or not dates_the_event(other) or not measures_publication(other):
                    continue
                fixed = not moves_with_publication(other) and other.time_rule not in SHIFTING_RULES
                days = _offset(claim, other)
                # the later of the two readings is a "last Tuesday": it may be read a week late
                weekday = _last_weekday(claim) if days > 0 else _last_weekday(other)
                there = other.time_span
                words = (span.start if span else 0, other_id, there.start if there else 0)
                found[article_id].append(Evidence(days, event.id, other_id, fixed, words, weekday))
    return found


def evidence_events(events: Sequence[CanonicalEvent]) -> dict[str, int]:
    """Return {article id: shared events that can tell its publication date's shift} (benchmarks use it)."""
    return {article_id: len({v.event_id for v in values}) for article_id, values in _evidence(events).items()}


def _shift(article_id: str, values: list[Evidence]) -> Shift | None:
    if min(len({value.words for value in values}), len({value.event_id for value in values})) < MIN_SHARED_EVENTS:
        return None
    middle = median(value.days for value in values)
    shifted = [value for value in values if abs(value.days - middle) <= SPREAD_DAYS]
    shifted = [value for value in shifted if abs(value.days) >= MIN_OFFSET_DAYS]  # agreement supports the date
    events = sorted({value.event_id for value in shifted})
    readings = len({value.words for value in shifted})
    needed = SMALL_SHIFT_EVENTS if abs(middle) < SPREAD_DAYS else MIN_SHARED_EVENTS
    if abs(middle) < MIN_OFFSET_DAYS or min(readings, len(events)) < needed or 2 * len(shifted) <= len(values):
        return None
    low, high = WEEK_AMBIGUITY_DAYS
    if all(value.weekday and low <= abs(value.days) <= high for value in shifted):
        return None
    references: dict[str, int] = defaultdict(int)
    for value in shifted:
        references[value.other_id] += 1
    fixed = len({value.event_id for value in shifted if value.other_fixed})
    return Shift(article_id, int(round(middle)), events, dict(references), fixed)


def _blame(
    left: Shift, right: Shift, articles: dict[str, ArticleInfo], contradicted: Collection[str]
) -> tuple[Shift | None, str]:
    """Of two articles shifted only against each other, return the one to blame and why (None: can't tell)."""

    def others(shift: Shift, partner: Shift) -> int:
        return sum(n for other, n in shift.references.items() if other != partner.article_id) + shift.fixed

    tests = (
        ("it is also shifted against absolute dates or a third source", lambda s, p: -others(s, p)),
        ("its publication date is less trusted", lambda s, p: -ORIGIN_TRUST[articles[s.article_id].published_origin]),
        ("its own text contradicts its date, see M303", lambda s, p: 0 if s.article_id in contradicted else 1),
    )
    for reason, key in tests:
        left_key, right_key = key(left, right), key(right, left)
        if left_key != right_key:
            return (left if left_key < right_key else right), reason
    return None, ""


def diagnose_publication_dates(
    events: Sequence[CanonicalEvent],
    conflicts: Sequence[Conflict],
    articles: dict[str, ArticleInfo],
    contradicted: Collection[str] = (),
    unmeasured: Collection[str] = (),
) -> tuple[list[Conflict], list[Issue]]:
    """Return the conflicts (explained where a shifted publication date accounts for them) and the Issues.

    ``contradicted`` are the articles whose own text contradicts their publication date (`M303`);
    ``unmeasured`` those whose relative words do not count from it (`listings`).
    """
    shared = [event for event in events if len(event.provenance) > 1]  # the only events evidence can come from
    evidence = _evidence(shared, unmeasured)
    shifts = {key: found for key in sorted(evidence) if (found := _shift(key, evidence[key]))}
    titles = {event.id: event.title for event in shared}  # of a shift's events, each shared
    explanations: dict[tuple[str, str], str] = {}
    issues = []
    done: set[str] = set()
    blamed: set[str] = set()
    for shift in sorted(shifts.values(), key=lambda s: (-len(s.references) - s.fixed, s.article_id)):
        if shift.article_id in done:
            continue
        partner = _mutual_partner(shift, shifts)
        if partner is not None and partner.article_id in blamed:
            done.add(shift.article_id)  # it only looks shifted against an article already blamed
            continue
        reason, unsure_with = "", None
        if partner is not None:
            done.add(partner.article_id)
            found, reason = _blame(shift, partner, articles, contradicted)
            if found is None:
                found = max(shift, partner, key=lambda s: s.article_id)
                unsure_with = min(shift, partner, key=lambda s: s.article_id)
            shift = found
        elif shift.fixed:
            reason = "against dates that no publication date moves"
        done.add(shift.article_id)
        blamed.add(shift.article_id)
        issue, explanation = _describe(shift, articles, titles, reason, unsure_with)
        issues.append(issue)
        for event_id in shift.events:
            explanations[(event_id, shift.article_id)] = explanation
    return [_explain(conflict, explanations) for conflict in conflicts], issues


def _mutual_partner(shift: Shift, shifts: dict[str, Shift]) -> Shift | None:
    """The article this one looks shifted against, when that one looks shifted back by the opposite offset."""
    for other_id in sorted(shift.references, key=lambda o: (-shift.references[o], o)):
        other = shifts.get(other_id)
        if other is not None and shift.article_id in other.references and abs(shift.days + other.days) <= SPREAD_DAYS:
            return other
    return None


def _explain(conflict: Conflict, explanations: dict[tuple[str, str], str]) -> Conflict:
    for claim in conflict.claims:
        explanation = explanations.get((conflict.event_id, claim.article_id))
        if explanation is not None:
            return conflict.model_copy(update={"explanation": explanation})
    return conflict


def _describe(
    shift: Shift,
    articles: dict[str, ArticleInfo],
    titles: dict[str, str],
    reason: str,
    unsure_with: Shift | None,
) -> tuple[Issue, str]:
    suspect = articles[shift.article_id]
    offset = shift.days
    direction = "before" if offset < 0 else "after"
    name = suspect.source or suspect.id
    refs = sorted(shift.references, key=lambda o: (-shift.references[o], o))
    others = " and ".join(f"{articles[o].source or o}'s" for o in refs[:3])
    weeks = f" (about {round(abs(offset) / 7)} weeks)" if abs(offset) >= 14 else ""
    sources = "" if len(refs) == 1 else " dates"
    shift_text = f"sit {abs(offset)} days{weeks} {direction} {others}{sources} on {len(shift.events)} shared events"
    if unsure_with is None:
        why = f" ({reason})" if reason else ""
        explanation = (
            f"{name}'s publication date {suspect.published} ({suspect.published_origin}) looks wrong{why}: "
            f"its relative dates {shift_text}"
        )
    else:
        reference = articles[unsure_with.article_id]
        other = reference.source or reference.id
        explanation = (
            f"The publication dates of {name} ({suspect.published}, {suspect.published_origin}) and {other} "
            f"({reference.published}, {reference.published_origin}) disagree, and one of them is wrong: "
            f"{name}'s relative dates {shift_text}"
        )
    likely = suspect.published - timedelta(days=offset) if suspect.published else None
    listed = "; ".join(f"'{titles[event_id]}'" for event_id in sorted(shift.events, key=titles.get)[:6])
    hint = (
        f"check the article's date; if it is around {likely}, give it with --published {suspect.id}={likely}"
        if likely and unsure_with is None
        else f"check the dates of {suspect.id} and {unsure_with.article_id if unsure_with else '?'} and correct "
        "the wrong one with --published"
    )
    issue = Issue(
        code="M301",
        stage="merge",
        severity="warning",
        article_id=suspect.id,
        path=suspect.path,
        message=f"{explanation}: {listed}",
        hint=hint,
    )
    return issue, explanation
