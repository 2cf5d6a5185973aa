"""Publication-date diagnosis: a source whose dates are all shifted is one problem, not many conflicts.

A wrong publication date moves every relative date of an article ("on Thursday", "last month") by
about the same number of days. When one article's DCT-anchored claims disagree with another's by a
consistent offset on several shared events, we record one Issue naming the article, the offset and
the events, and explain each of its conflicts by it. Which of the two is wrong: the article whose
date is less trusted (a header line rather than a manifest), then the one outvoted by other sources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta
from statistics import median

from timeline.merge.reconcile import ORIGIN_TRUST
from timeline.models import ArticleInfo, CanonicalEvent, Conflict, Issue, Provenance

MIN_SHARED_EVENTS = 2
"""Shifted claims needed on at least this many events before a publication date is blamed."""

SPREAD_DAYS = 7
"""Offsets within this many days of their median count as the same shift (weekdays move by up to 6)."""

MIN_OFFSET_DAYS = 2
"""A median shift smaller than this is ordinary disagreement, not a wrong publication date."""


SHIFTING_RULES = frozenset(
    {"weekday", "relative_day", "this_part", "relative_unit", "ago", "anchored_duration", "the_unit", "clock"}
)
"""Tagger rules whose dates move day for day with the publication date ("Thursday", "last month").
A year-less "Oct. 7" is anchored too, but a DCT a few weeks off does not move it: it does not count."""


def _anchored(provenance: Provenance) -> bool:
    return (
        provenance.time_source in ("explicit", "inherited")
        and provenance.time_rule in SHIFTING_RULES
        and provenance.anchor.startswith("anchored to publication date")
    )


def _pair_offsets(events: Sequence[CanonicalEvent]) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """Return, per article pair (a, b), the day offsets b - a of their DCT-anchored claims, per event."""
    offsets: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for event in events:
        claims = {p.article_id: p for p in event.provenance if _anchored(p) and p.interval is not None}
        for left in sorted(claims):
            for right in sorted(claims):
                if left < right:
                    days = (claims[right].interval.earliest - claims[left].interval.earliest).days  # type: ignore[union-attr]
                    offsets[(left, right)].append((days, event.id))
    return offsets


def _consistent_shift(values: list[tuple[int, str]]) -> tuple[int, list[str]] | None:
    if len(values) < MIN_SHARED_EVENTS:
        return None
    middle = median(days for days, _ in values)
    shifted = [event_id for days, event_id in values if abs(days - middle) <= SPREAD_DAYS]
    if abs(middle) < MIN_OFFSET_DAYS or len(shifted) < max(MIN_SHARED_EVENTS, (len(values) + 1) // 2 + 1):
        return None
    return int(round(middle)), shifted


def _suspect(left: ArticleInfo, right: ArticleInfo, votes: dict[str, int]) -> tuple[ArticleInfo, ArticleInfo, bool]:
    """Return (suspect, reference, sure): the less trusted origin, then the one more often shifted.

    When both dates are equally trusted and equally outvoted, nothing tells which is wrong: ``sure``
    is False and the message says that one of the two dates is wrong.
    """
    key = {
        left.id: (ORIGIN_TRUST[left.published_origin], votes[left.id]),
        right.id: (ORIGIN_TRUST[right.published_origin], votes[right.id]),
    }
    if key[left.id] == key[right.id]:
        return right, left, False
    if key[left.id] > key[right.id]:
        return left, right, True
    return right, left, True


def diagnose_publication_dates(
    events: Sequence[CanonicalEvent], conflicts: Sequence[Conflict], articles: dict[str, ArticleInfo]
) -> tuple[list[Conflict], list[Issue]]:
    """Return the conflicts (explained where a shifted publication date accounts for them) and the Issues."""
    shifts = {pair: found for pair, values in _pair_offsets(events).items() if (found := _consistent_shift(values))}
    votes: dict[str, int] = defaultdict(int)
    for left, right in shifts:
        votes[left] += 1
        votes[right] += 1
    titles = {event.id: event.title for event in events}
    explanations: dict[tuple[str, str], str] = {}
    issues = []
    for (left_id, right_id), (days, event_ids) in sorted(shifts.items()):
        suspect, reference, sure = _suspect(articles[left_id], articles[right_id], votes)
        offset = days if suspect.id == right_id else -days  # suspect minus reference, in days
        issue, explanation = _describe(suspect, reference, offset, event_ids, titles, sure=sure)
        issues.append(issue)
        for event_id in event_ids:
            explanations[(event_id, suspect.id)] = explanation
    return [_explain(conflict, explanations) for conflict in conflicts], issues


def _explain(conflict: Conflict, explanations: dict[tuple[str, str], str]) -> Conflict:
    for claim in conflict.claims:
        explanation = explanations.get((conflict.event_id, claim.article_id))
        if explanation is not None:
            return conflict.model_copy(update={"explanation": explanation})
    return conflict


def _describe(
    suspect: ArticleInfo,
    reference: ArticleInfo,
    offset: int,
    event_ids: list[str],
    titles: dict[str, str],
    *,
    sure: bool,
) -> tuple[Issue, str]:
    direction = "before" if offset < 0 else "after"
    name = suspect.source or suspect.id
    other = reference.source or reference.id
    weeks = f" (about {round(abs(offset) / 7)} weeks)" if abs(offset) >= 14 else ""
    shift = f"sit {abs(offset)} days{weeks} {direction} {other}'s on {len(event_ids)} shared events"
    if sure:
        explanation = (
            f"{name}'s publication date {suspect.published} ({suspect.published_origin}) looks wrong: "
            f"its relative dates {shift}"
        )
    else:
        explanation = (
            f"the publication dates of {name} ({suspect.published}, {suspect.published_origin}) and {other} "
            f"({reference.published}, {reference.published_origin}) disagree, and one of them is wrong: "
            f"{name}'s relative dates {shift}"
        )
    likely = suspect.published - timedelta(days=offset) if suspect.published else None
    listed = "; ".join(f"'{titles[event_id]}'" for event_id in sorted(event_ids, key=titles.get)[:6])
    issue = Issue(
        code="M301",
        stage="merge",
        severity="warning",
        article_id=suspect.id,
        path=suspect.path,
        message=f"{explanation}: {listed}",
        hint=(
            f"check the article's date; if it is around {likely}, give it with --published {suspect.id}={likely}"
            if likely and sure
            else f"check the dates of {suspect.id} and {reference.id} and correct the wrong one with --published"
        ),
    )
    return issue, explanation
