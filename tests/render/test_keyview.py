"""The key events' chart: titled key events whose labels never overlap, dumbbells, a band of long periods."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.factories import (
    default_articles,
    make_article_info,
    make_event,
    make_interval,
    make_provenance,
    make_timeline,
)
from timeline.models import EventActor, Span, Timeline
from timeline.render.keyview import MAX_LABELS, PERIOD_AXIS, build_key_figure, key_event_ids
from timeline.render.labels import LEADER_GAP_PX, LabelBox, place_labels
from timeline.render.rows import central_span, story_window
from timeline.render.views import full_span, story_span


def _story(n_days: int = 30, per_day: int = 3) -> Timeline:
    """Events on many days, the early days named by both sources (more salient), and a month and a decade."""
    globe, copy = default_articles()
    events = []
    for d in range(n_days):
        day = (date(2024, 1, 1) + timedelta(days=d)).isoformat()
        for k in range(per_day):
            provenance = [
                make_provenance(globe, f"Minister {d} signed the accord number {k} today.", "today", make_interval(day))
            ]
            if d < 10:
                provenance.append(
                    make_provenance(
                        copy, f"Minister {d} signed the accord number {k} today there.", "today", make_interval(day)
                    )
                )
            events.append(
                make_event(f"ev-{d:02d}-{k}", f"Minister {d} signs accord {k}", make_interval(day), tuple(provenance))
            )
    month = make_interval("2024-01-01", "2024-01-31", "month")
    decade = make_interval("2010-01-01", "2019-12-31", "decade")
    for i, interval in enumerate((month, decade)):
        prov = (make_provenance(globe, f"The talks went on for long {i}.", "long", interval),)
        events.append(make_event(f"long-{i}", f"Talks went on {i}", interval, prov))
    return make_timeline(articles=(globe, copy), events=tuple(events), conflicts=())


def _overlap(a: Any, b: Any) -> bool:
    return a.row == b.row and a.left < b.right and b.left < a.right


def test_labels_never_overlap_and_leaders_never_cross_a_box() -> None:
    # a crowded story: clusters of same-day labels, long and short, near both edges
    xs = [5, 5, 5, 40, 41, 300, 300, 310, 600, 880, 880, 895, 120, 450, 451, 452]
    labels = [LabelBox(f"l{i}", float(x), 60.0 + (i * 37) % 250) for i, x in enumerate(xs)]
    placed = place_labels(labels, 900)
    assert sorted(p.key for p in placed) == sorted(lab.key for lab in labels)
    assert not any(_overlap(a, b) for i, a in enumerate(placed) for b in placed[i + 1 :])
    for p in placed:
        assert 0 <= p.left and p.right <= 900  # every label inside the plot
        assert abs((p.left if p.side == "right" else p.right) - p.x) == LEADER_GAP_PX
        for other in placed:  # a leader rises from its marker to its label: no box of a lower row over it
            assert not (other.row < p.row and other.left < p.x < other.right), (p, other)
    assert place_labels(labels, 900) == placed  # deterministic


def test_key_events_follow_the_salience_ranking_and_are_capped() -> None:
    timeline = _story()
    ids = key_event_ids(timeline, None)
    assert len(ids) == MAX_LABELS
    # the days both sources name rank first: their events come first
    assert all(i.startswith("ev-0") for i in ids[:10])
    assert "long-0" not in ids and "long-1" not in ids


def test_key_events_read_only_the_slots_they_title(monkeypatch) -> None:
    # 30 days, 2 titled: the first round takes each slot's first event, so the ranking of the other 28 days'
    # events (`salience.key_slots` yields them lazily) is never needed, and the answer is the same as with all
    from timeline.render import keyview

    timeline = _story()
    read: list[object] = []

    def counted(*args: Any) -> Any:
        for slot in key_slots(*args):
            read.append(slot)
            yield slot

    key_slots = keyview.key_slots
    everything = key_event_ids(timeline, None, limit=2)
    monkeypatch.setattr(keyview, "key_slots", counted)
    assert key_event_ids(timeline, None, limit=2) == everything
    assert len(read) == 2
    read.clear()
    key_event_ids(timeline, None, limit=40)  # more titles than slots hold
    assert len(read) == 31  # the 30 days and the month (the decade is no slot)


def test_key_figure_titles_key_events_draws_the_rest_and_bands_long_periods() -> None:
    timeline = _story()
    fig = build_key_figure(timeline, hover=True).to_dict()
    labels = [a for a in fig["layout"]["annotations"] if a.get("name", "").startswith("key:")]
    assert 0 < len(labels) <= MAX_LABELS
    assert all(a["text"].split(" · ", 1)[1].startswith("Minister") for a in labels)
    drawn = {i for t in fig["data"] for i in t.get("customdata", []) if i}
    assert drawn == {e.id for e in timeline.events}  # nothing is dropped
    ticks = dict(zip(fig["layout"]["yaxis"]["ticktext"], fig["layout"]["yaxis"]["tickvals"], strict=True))
    periods = [t for t in fig["data"] if set(t.get("customdata", [])) & {"long-0", "long-1"}]
    assert periods and all(t["marker"]["opacity"] < 0.5 for t in periods)  # faint
    assert all(abs(y - ticks[PERIOD_AXIS]) < 2 for t in periods for y in t["y"])  # in their own band
    first, last = fig["layout"]["xaxis"]["range"]
    assert first >= "2023-12" and last <= "2024-02-15"  # the decade does not set the zoom
    assert build_key_figure(timeline).to_json() == build_key_figure(timeline).to_json()


def test_a_conflict_is_one_row_joining_each_claim() -> None:
    timeline = make_timeline()
    fig = build_key_figure(timeline, hover=True).to_dict()
    conflict = next(t for t in fig["data"] if t["name"] == "conflicting dates")
    assert conflict["mode"] == "lines+markers" and "dash" not in conflict["line"]
    assert sorted(conflict["x"]) == ["2024-01-04", "2024-02-08"]
    assert len(set(conflict["y"])) == 1  # both claims on one row: a dumbbell
    note = next(a for a in fig["layout"]["annotations"] if a.get("name") == "conflict:ev-003")
    assert note["text"].startswith("<b>Minister announces")  # the event, then who says which date
    assert "2024-01-04 vs The Globe" in note["text"] and note["text"].endswith("2024-02-08 (kept)")


def test_story_span_follows_the_dense_dates_not_the_outliers() -> None:
    globe, copy = default_articles()
    events = [
        make_event(
            f"ev-{i:03d}",
            f"Bank {i} reports",
            make_interval(f"2013-{1 + i % 12:02d}-{1 + i % 28:02d}"),
            (
                make_provenance(
                    globe,
                    f"Bank {i} reported on the day.",
                    "on",
                    make_interval(f"2013-{1 + i % 12:02d}-{1 + i % 28:02d}"),
                ),
            ),
        )
        for i in range(300)
    ]
    for i, day in enumerate(("0800-01-01", "2099-12-31")):
        events.append(
            make_event(
                f"out-{i}",
                "Far date",
                make_interval(day),
                (make_provenance(globe, "far away", "far", make_interval(day)),),
            )
        )
    timeline = make_timeline(articles=(globe, copy), events=tuple(events), conflicts=())
    first, last = story_span(timeline) or ("", "")
    assert first.startswith("2013-01") and last.startswith("2013-12")
    assert full_span(timeline) == ("0800-01-01", "2099-12-31")
    assert story_window(timeline) == (date.fromisoformat(first), date.fromisoformat(last))
    assert central_span([]) is None


def _told(article: Any, sentence: str, when: str, interval: Any, *, at: int, source: str = "explicit") -> Any:
    return make_provenance(article, sentence, when, interval, sentence_start=at, time_source=source)


def _agent(name: str) -> EventActor:
    return EventActor(actor_id=f"a-{name.lower()}", name=name, role="agent")


def test_a_month_both_sources_name_is_a_key_slot_but_a_span_of_publication_days_is_not() -> None:
    globe, copy = make_article_info(), make_article_info("b", published="2024-02-09")
    november = make_interval("2023-11-01", "2023-11-30", "month")
    truce = make_event(
        "truce",
        "A week-long ceasefire held",
        november,
        (
            _told(globe, "A week-long ceasefire held in November.", "November", november, at=10),
            _told(copy, "The only truce, a week-long ceasefire, held in November.", "November", november, at=10),
        ),
    )
    recent = make_interval("2024-02-06", "2024-02-08")
    vague = make_event(
        "vague", "Talks went on", recent, (_told(globe, "Talks went on.", "went", recent, at=90, source="publication"),)
    )
    day = make_interval("2024-02-05")
    single = make_event(
        "single", "Envoys met in Cairo", day, (_told(globe, "Envoys met in Cairo on Monday.", "Monday", day, at=50),)
    )
    timeline = make_timeline(articles=(globe, copy), events=(truce, vague, single), conflicts=())
    # November: named by both articles, both published after it (2 + 2); Monday: 1 + 1; Feb 6-8: no words name it.
    assert key_event_ids(timeline, None) == ["truce", "single"]


def test_a_days_titles_go_to_its_weightiest_events_one_per_sentence_and_happening() -> None:
    globe, copy = make_article_info(), make_article_info("b", published="2024-02-09")
    day = make_interval("2024-02-07")
    aim = "Netanyahu took direct aim at the response on Wednesday, calling it delusional."
    bombed = "Israeli planes bombed the city on Wednesday."
    events = (
        # no participant, no date words of its own, one source: weight 0
        make_event(
            "spree",
            "The killing spree went on",
            day,
            (_told(globe, "The killing spree went on.", None, day, at=10, source="inherited"),),
        ),
        # two events of one sentence: one title
        make_event(
            "aim",
            "Netanyahu took direct aim",
            day,
            (_told(globe, aim, "Wednesday", day, at=100), _told(copy, aim, "Wednesday", day, at=100)),
        ).model_copy(update={"actors": (_agent("Netanyahu"),)}),
        make_event(
            "calls",
            "Netanyahu calls it delusional",
            day,
            (_told(globe, aim, "Wednesday", day, at=100), _told(copy, aim, "Wednesday", day, at=100)),
        ).model_copy(update={"actors": (_agent("Netanyahu"),)}),
        # the same happening told twice (same trigger and agent)
        make_event(
            "planes", "Israeli planes bombed the city", day, (_told(globe, bombed, "Wednesday", day, at=300),)
        ).model_copy(update={"actors": (_agent("Israel"),)}),
        make_event(
            "forces",
            "Israeli forces bombed Rafah",
            day,
            (_told(globe, "Israeli forces bombed Rafah on Wednesday.", "Wednesday", day, at=400),),
        ).model_copy(update={"actors": (_agent("Israel"),)}),
    )
    events = tuple(
        e.model_copy(
            update={"provenance": tuple(p.model_copy(update={"trigger_span": _span(p, w)}) for p in e.provenance)}
        )
        for e, w in zip(events, ("spree", "took", "calling", "bombed", "bombed"), strict=True)
    )
    timeline = make_timeline(articles=(globe, copy), events=events, conflicts=())
    ids = key_event_ids(timeline, None)
    assert ids[0] == "aim"  # two sources, its date, a central agent
    assert "calls" not in ids and len({"planes", "forces"} & set(ids)) == 1
    assert ids[-1] == "spree"


def test_a_happening_told_twice_is_titled_by_the_telling_dated_to_the_time_of_day() -> None:
    # "Israeli forces bombed Rafah on Wednesday" (the lead, more central) and "Israeli planes bombed the city
    # on Wednesday morning, killing ..." tell one happening; its place in the ranking stays the lead's
    globe, copy = make_article_info(), make_article_info("b", published="2024-02-09")
    day = make_interval("2024-02-07")
    tellings = (
        ("forces", "Israeli forces bombed Rafah", "Israeli forces bombed Rafah on Wednesday.", "Wednesday", 100),
        (
            "planes",
            "Israeli planes bombed the city",
            "Israeli planes bombed parts of the city on Wednesday morning, residents said, killing at least 11 people "
            "in strikes on two houses.",
            "Wednesday morning",
            300,
        ),
    )
    events = []
    for key, title, sentence, when, at in tellings:
        told = [_told(globe, sentence, when, day, at=at)]
        if key == "forces":  # both outlets lead with it: the weightier telling
            told.append(_told(copy, sentence, when, day, at=at))
        told = [t.model_copy(update={"trigger_span": _span(t, "bombed")}) for t in told]
        events.append(make_event(key, title, day, tuple(told)).model_copy(update={"actors": (_agent("Israel"),)}))
    for order in (events, events[::-1]):
        timeline = make_timeline(articles=(globe, copy), events=tuple(order), conflicts=())
        assert key_event_ids(timeline, None) == ["planes"]


def _span(provenance: Any, word: str) -> Span:
    start = provenance.sentence_span.start + provenance.sentence.index(word)
    return Span(start=start, end=start + len(word))
