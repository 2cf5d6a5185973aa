"""The 12 events a careful reader lists for the seed articles stay events and are among the report's key events.

Read from both seed articles (samples/gaza-ceasefire-2024-02; 001 retells the first part of 000): what
happened, to whom, when. Each is one clause of article 000, named by words of its sentence and its
trigger; it must be a dated event of the timeline (not unplaced as a non-event) and, but for the ones
the salience ranking does not pick yet (`NOT_YET_KEY`), one of the at most 25 key events the chart
titles (`render.keyview.key_event_ids`).
"""

import re
from pathlib import Path

import pytest

from timeline.models import Timeline
from timeline.pipeline import build
from timeline.render.keyview import MAX_LABELS, key_event_ids
from timeline.render.plot import initial_range
from timeline.render.rows import mention_intervals

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "gaza-ceasefire-2024-02"
ARTICLE = "000_ed205d56d064a430"

READER_EVENTS = [
    ("left the Middle East on Thursday", "left"),  # Blinken ends his fifth trip since the war began
    ("the militant group delivered Tuesday", "delivered"),  # Hamas delivers its response to the proposal
    ("calling it “delusional”", "took"),  # Netanyahu rejects Hamas's response
    ("we see space to continue to pursue an agreement", "said"),  # Blinken still sees room for a deal
    ("arrived in Cairo on Thursday", "arrived"),  # a Hamas delegation in Cairo for ceasefire talks
    ("killing at least 11 people", "bombed"),  # Israeli strikes on Rafah
    ("its troops had killed more than 20 militants", "killed"),  # fighting in Khan Younis
    ("due to meet U.S. President Joe Biden on Monday", "meet"),  # King Abdullah to meet Biden
    ("took part in the Oct. 7 Hamas attack", "attack"),  # the attack that began the war
    ("Gaza’s health ministry says at least 27,840", "says"),  # the death toll
    ("a week-long ceasefire in November", "ceasefire"),  # the only truce so far
    ("endorsed last month by Egypt", "endorsed"),  # the ceasefire and hostage release proposal
]


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    if not SAMPLE.exists():
        pytest.skip(f"seed sample not found at {SAMPLE}")
    return build([SAMPLE], manifest=SAMPLE / "manifest.csv").timeline


def _event_of(timeline: Timeline, words: str, trigger: str):  # noqa: ANN202
    """The timeline event one of whose mentions is ``trigger`` in article 000's sentence with ``words``."""
    for event in timeline.events:
        for p in event.provenance:
            if p.article_id != ARTICLE or words not in p.sentence:
                continue
            starts = [m.start() for m in re.finditer(rf"\b{re.escape(trigger)}\b", p.sentence)]
            if any(p.mention_id.startswith(f"{ARTICLE}#e{p.sentence_span.start + at}-") for at in starts):
                return event
    return None


NOT_YET_KEY: set[str] = set()
"""Events of the list that the key-event ranking (`merge.salience.key_slots`, `render.keyview`) does not
title yet. Main titled 7 of the 12; the month periods (November's truce, January's proposal) as key slots,
event weight within a day and one title per sentence of a day brought in arrived, killed, ceasefire and
endorsed (11); "Israeli planes bombed parts of the city on Thursday morning" and "Israeli forces bombed
areas in ... Rafah on Thursday" are one happening told twice in article 000 (same day, trigger and agent),
now titled by the telling dated to the time of day (12)."""


@pytest.mark.parametrize(("words", "trigger"), READER_EVENTS, ids=[f"{t}: {w[:25]}" for w, t in READER_EVENTS])
def test_reader_event_stays_an_event(timeline, words, trigger):
    event = _event_of(timeline, words, trigger)
    assert event is not None, f"{trigger!r} ({words!r}) is not an event of the timeline"


@pytest.mark.parametrize(
    ("words", "trigger"),
    [row for row in READER_EVENTS if row[1] not in NOT_YET_KEY],
    ids=[f"{t}: {w[:25]}" for w, t in READER_EVENTS if t not in NOT_YET_KEY],
)
def test_reader_event_is_a_key_event(timeline, words, trigger):
    event = _event_of(timeline, words, trigger)
    view = initial_range(mention_intervals(timeline))
    keys = key_event_ids(timeline, (view[0], view[1]) if view else None)
    assert len(keys) <= MAX_LABELS
    assert event is not None and event.id in keys, f"{trigger!r} ({words!r}) is not among the key events"


def test_non_events_stay_off_the_timeline(timeline):
    titles = {event.title for event in timeline.events}
    assert not titles & {"Going", "Is needed", "There is coming", "It has made"}
    unplaced = {(m.trigger, m.eventive) for m in timeline.unplaced}
    assert ("going", False) in unplaced and ("coming", False) in unplaced
    assert not any(t.startswith(("'s", "’s")) or len(t.split()) > 12 for t in titles)
