"""Look-alike events of different days: reports of different days telling their own instance are no conflict.

A daily briefing, a weekly radio show, a protest every Friday, a meeting "due on Wednesday" in two
weeks' reports: the clusterer joins their tellings (the same words, the same actors), and their dates
disagree because each report tells the instance of its own days. A reader gains nothing from a
conflict there: on the judged sample of timeline17-dev conflicts (`bench/alarms_judged.yml`) such
look-alikes were the largest group of false ones. A conflict is split into one event per date when:

- no shifted publication date explains it (`diagnosis`): a misdated source shares several events at
  one offset, which M301 finds and this never undoes (the seeds' republication keeps its conflicts);
- every article's publication date comes from the user or the records (`reconcile.ORIGIN_TRUST` at
  most 1): a date read from the page (a header line) may be a republication's, and then the same
  event does sit at two dates;
- every claim (the event's own date words, as in `reconcile`) counts from its own article's publication
  date ("tonight", "this week", "on Friday", "14 Jan"): absolute dates that disagree are a disagreement;
- the articles were published on different days and a later article never claims an earlier date:
  each report tells the instance of its own days;
- no two claims that disagree are the same sentence: a page carrying an older page's paragraph word
  for word, whose "yesterday" went stale, is a disagreement a reader has to check.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Sequence
from typing import Any

from timeline.merge.reconcile import ORIGIN_TRUST, claims_a_date, reconcile
from timeline.models import ArticleInfo, CanonicalEvent, Conflict, EventMention

TRUSTED_ORIGIN = 1
"""Publication dates of at most this `ORIGIN_TRUST` (manifest, command line, records, front matter) are taken
as right when look-alikes are told apart."""


def _own_day_claim(mention: EventMention, articles: dict[str, ArticleInfo]) -> bool:
    """The claim's words count from its own article's publication date, and that date is trusted."""
    time = mention.time
    article = articles[mention.article_id]
    return (
        time is not None
        and time.anchor == "dct"
        and article.published is not None
        and time.anchor_date == article.published
        and ORIGIN_TRUST[article.published_origin] <= TRUSTED_ORIGIN
    )


def _sentence(mention: EventMention) -> str:
    return " ".join(mention.sentence.split())


def look_alike(claims: Sequence[EventMention], articles: dict[str, ArticleInfo]) -> bool:
    """Say whether disagreeing claims are reports of different days each telling its own instance."""
    if not all(_own_day_claim(claim, articles) for claim in claims):
        return False
    published = {claim.id: articles[claim.article_id].published for claim in claims}
    if len(set(published.values())) < 2:
        return False
    for left in claims:
        for right in claims:
            if published[left.id] >= published[right.id]:  # type: ignore[operator]
                continue
            if left.time.interval.earliest > right.time.interval.latest:  # type: ignore[union-attr]
                return False  # the later report claims the earlier date
            disagree = not left.time.interval.overlaps(right.time.interval)  # type: ignore[union-attr]
            if disagree and _sentence(left) == _sentence(right):
                return False  # one paragraph carried to a later page: its relative words went stale
    return True


def _instances(members: Sequence[EventMention], claims: Sequence[EventMention]) -> list[list[EventMention]]:
    """The members grouped by instance: claims whose dates overlap go together.

    A member that claims no date joins its article's claim, else the instance its own date guess falls
    in, else the first one.
    """
    groups: list[list[EventMention]] = []
    for claim in sorted(claims, key=lambda c: (c.time.interval.earliest, c.id)):  # type: ignore[union-attr]
        last = groups[-1][-1].time.interval if groups else None  # type: ignore[union-attr]
        if last is not None and last.overlaps(claim.time.interval):  # type: ignore[union-attr]
            groups[-1].append(claim)
        else:
            groups.append([claim])
    for member in sorted((m for m in members if m not in claims), key=lambda m: m.id):
        home = next((g for g in groups if any(c.article_id == member.article_id for c in g)), None)
        if home is None and member.time is not None and member.time.interval is not None:
            home = next((g for g in groups if g[0].time.interval.overlaps(member.time.interval)), None)  # type: ignore[union-attr]
        (home or groups[0]).append(member)
    return groups


def split_look_alikes(
    events: Sequence[CanonicalEvent],
    conflicts: Sequence[Conflict],
    members: dict[str, Sequence[EventMention]],
    articles: dict[str, ArticleInfo],
    order: Callable[[CanonicalEvent], Any] | None = None,
) -> tuple[list[CanonicalEvent], list[Conflict]]:
    """Return the events and conflicts with each look-alike conflict's event split into its instances.

    ``members`` are each event's mentions (by event id); conflicts explained by a shifted publication
    date are kept whole. The events keep their order, the instances after them; or, for ``events``
    sorted by the key ``order``, each instance in its place.
    """
    split: dict[str, list[tuple[CanonicalEvent, Conflict | None]]] = {}
    for conflict in conflicts:
        if conflict.explanation is not None:
            continue
        cluster = members[conflict.event_id]
        claims = [m for m in cluster if claims_a_date(m) and m.time_source == "explicit"]
        if look_alike(claims, articles):
            split[conflict.event_id] = [reconcile(group, articles) for group in _instances(cluster, claims)]
    if not split:
        return list(events), list(conflicts)
    kept_events = [event for event in events if event.id not in split]
    kept_conflicts = [conflict for conflict in conflicts if conflict.event_id not in split]
    for parts in split.values():
        for event, _ in parts:
            if order is None:
                kept_events.append(event)
            else:  # in its place among sorted events: sorting a corpus' 28,000 events again cost 0.06 s
                insort(kept_events, event, key=order)
        kept_conflicts += [conflict for _, conflict in parts if conflict is not None]
    return kept_events, kept_conflicts
