"""Key events: keep the N most salient events of a big timeline (`--top N`).

Salience is how many distinct sources tell an event, then how many mentions, then how precise its
date is. The kept events stay in date order, their conflicts stay with them, and an info Issue says
how many were left out, so a shortened timeline never looks complete when it is not.
"""

from __future__ import annotations

from timeline.models import GRANULARITY_RANK, CanonicalEvent, Issue, Timeline


def salience_key(event: CanonicalEvent) -> tuple[int, int, int, str]:
    """Return the sort key of an event, most salient first."""
    return (-event.n_sources, -event.n_mentions, GRANULARITY_RANK[event.interval.granularity], event.id)


def select_top(timeline: Timeline, top: int) -> Timeline:
    """Return the timeline with only its ``top`` most salient events (all of them when there are fewer)."""
    if top <= 0 or len(timeline.events) <= top:
        return timeline
    kept_ids = {event.id for event in sorted(timeline.events, key=salience_key)[:top]}
    events = tuple(event for event in timeline.events if event.id in kept_ids)
    conflicts = tuple(conflict for conflict in timeline.conflicts if conflict.event_id in kept_ids)
    note = Issue(
        code="M302",
        stage="merge",
        severity="info",
        message=f"kept the {top} most salient of {len(timeline.events)} events (--top {top}); "
        f"{len(timeline.events) - top} events with fewer sources are left out",
        hint="raise --top or leave it out to see every event",
    )
    return timeline.model_copy(update={"events": events, "conflicts": conflicts, "issues": (*timeline.issues, note)})
