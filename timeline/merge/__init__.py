"""The merge stage: from per-article extractions to one canonical timeline.

Works on extractions only, never on raw text. Order-independent: inputs are sorted by id first,
every tie is broken by id, and ids are content hashes.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain, compress, repeat
from operator import attrgetter, itemgetter, not_

from timeline.config import Settings
from timeline.merge.actors import actor_links, first_name_links, merge_actors, relinked
from timeline.merge.cluster import cluster_mentions, mention_fields
from timeline.merge.content_dates import check_content_dates
from timeline.merge.diagnosis import diagnose_publication_dates, listings
from timeline.merge.lookalike import split_look_alikes
from timeline.merge.reconcile import reconcile
from timeline.models import GRANULARITY_RANK, ArticleExtraction, CanonicalEvent, EventMention, Issue, Timeline
from timeline.timex import find_candidates


def placed(mention: EventMention) -> bool:
    """Say whether a mention goes on the timeline: it has a date interval, tells a happening and is no state.

    A state ("the phone costs $99") holds at the publication date (`extract/event_time.py`) but did
    not happen on it: it stays in `Timeline.unplaced`, with that time, so it never crowds the chart.
    Neither does a clause that tells nothing happening ("There is always coming and going", `eventive`).
    """
    dated = mention.time is not None and mention.time.interval is not None
    return mention.eventive and dated and mention.time_source != "state"


def attachable(mention: EventMention) -> bool:
    """Say whether an undated mention may join another source's dated event as a supporting mention.

    A mention with no date words and no guess ("When Jobs first introduced iPhone 4, ...") is still the
    same event as another source's dated telling: it joins it, and takes its date, when the words
    link them; alone it stays unplaced.
    """
    return mention.eventive and mention.time is None and mention.time_source == "none"


def load_ahead() -> None:
    """Load now what the merge loads when first used, for a caller with time to spare.

    Numpy (~0.09 s of CPU, `cluster`) and the time tagger's rules (~0.035 s, `diagnosis.bare_clock`): `timeline
    build` loads them while it waits for a rebuild's worker (`cli.commands.build.import_renderers`), so that the
    merge, which the other core waits for, does not.
    """
    import numpy  # noqa: F401
    import numpy.ma  # noqa: F401  (~0.007 s: np.unique imports it when first called)

    find_candidates("")  # compiles the tagger's rules on its first call, once for the process


def merge(
    extractions: Iterable[ArticleExtraction],
    *,
    settings: Settings | None = None,
    issues: Iterable[Issue] = (),
    engine_version: str = "",
) -> Timeline:
    """Reconcile all articles' event mentions into one timeline.

    Args:
        extractions: one per article, in any order.
        settings: thresholds for linking.
        issues: problems found before this stage (ingest), carried into the timeline.
        engine_version: the version string recorded in the output.
    """
    settings = settings or Settings()
    ordered = sorted(extractions, key=lambda extraction: extraction.article.id)
    articles = {extraction.article.id: extraction.article for extraction in ordered}
    links = actor_links(ordered)
    actors = merge_actors(ordered, links)
    names = {actor.id: actor.name for actor in actors}
    first_names = first_name_links(ordered)
    events_told = chain.from_iterable(map(_events, ordered))
    on_timeline: set[int] = set()  # the placed mentions by identity: a cluster's members are not read to know it
    candidates, fields, unplaced = [], [], []
    for mention in relinked(events_told, links, names, first_names):
        if placed(mention):
            on_timeline.add(id(mention))
        elif not attachable(mention):
            unplaced.append(mention)
            continue
        candidates.append(mention)
        fields.append(mention_fields(mention))  # read while the mention is at hand, not in a pass of their own
    keyed, conflicts = [], []
    clusters: dict[str, list[EventMention]] = {}
    clustered = cluster_mentions(candidates, settings, fields)
    alone = list(map(on_timeline.isdisjoint, map(map, repeat(id), clustered)))  # no placed mention: told in C
    unplaced.extend(chain.from_iterable(compress(clustered, alone)))  # most: one undated mention that joined none
    for members in compress(clustered, map(not_, alone)):
        event, conflict = reconcile(members, articles)
        keyed.append((_event_order(event), event))  # the event's interval is at hand: read once
        clusters[event.id] = members
        if conflict is not None:
            conflicts.append(conflict)
    unplaced.sort(key=_id)
    keyed.sort(key=_first)
    events = list(map(_second, keyed))
    content_issues = check_content_dates(ordered)
    contradicted = {issue.article_id for issue in content_issues if issue.article_id}
    conflicts, date_issues = diagnose_publication_dates(events, conflicts, articles, contradicted, listings(ordered))
    events, conflicts = split_look_alikes(events, conflicts, clusters, articles, order=_event_order)
    date_issues += content_issues
    all_issues = [*issues, *(issue for extraction in ordered for issue in extraction.issues), *date_issues]
    return Timeline(
        engine_version=engine_version,
        settings_digest=settings.digest(),
        events=tuple(events),
        unplaced=tuple(unplaced),
        actors=actors,
        articles=tuple(articles[key] for key in sorted(articles)),
        conflicts=tuple(sorted(conflicts, key=lambda c: c.id)),
        issues=tuple(sorted(all_issues, key=_issue_key)),
    )


_id, _events, _first, _second = attrgetter("id"), attrgetter("events"), itemgetter(0), itemgetter(1)


def _event_order(event: CanonicalEvent) -> tuple:
    interval = event.interval
    return (interval.earliest, GRANULARITY_RANK[interval.granularity], interval.latest, event.id)


def _issue_key(issue: Issue) -> tuple:
    return (
        issue.stage != "ingest",
        issue.path or "",
        issue.line or 0,
        issue.code,
        issue.article_id or "",
        issue.message,
    )
