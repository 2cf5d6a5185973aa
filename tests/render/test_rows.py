from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from tests.factories import (
    default_articles,
    make_article_info,
    make_event,
    make_event_mention,
    make_interval,
    make_provenance,
    make_timeline,
)
from timeline.models import ArticleInfo, EventMention, Span
from timeline.render.plot import lane_labels
from timeline.render.rows import (
    PERIOD_DAYS,
    MentionRow,
    central_span,
    conflict_finder,
    describe_time_anchor,
    event_kind,
    event_rows,
    find_conflict,
    mention_rows,
    placed_mention_rows,
    unplaced_mention_columns,
    unplaced_mention_rows,
)
from timeline.render.values import ORIGIN_TEXT, readable_anchor, split_sentence, timex_value


@pytest.mark.parametrize(
    ("earliest", "latest", "granularity", "expected"),
    [
        ("2024-02-08", None, "day", "2024-02-08"),
        ("2024-02-05", "2024-02-11", "week", "2024-W06"),
        ("2024-01-01", "2024-01-31", "month", "2024-01"),
        ("2024-02-01", "2024-02-29", "month", "2024-02"),
        ("2024-04-01", "2024-06-30", "quarter", "2024-Q2"),
        ("2024-07-01", "2024-12-31", "half", "2024-H2"),
        ("2024-06-01", "2024-08-31", "season", "2024-SU"),
        ("2024-01-01", "2024-12-31", "year", "2024"),
        ("2010-01-01", "2019-12-31", "decade", "201"),
        ("1900-01-01", "1999-12-31", "century", "19"),
        # not exactly the named period: the ISO interval, never a value that claims more
        ("2024-01-10", "2024-02-10", "month", "2024-01-10/2024-02-10"),
        ("2024-02-08", "2024-02-09", "day", "2024-02-08/2024-02-09"),
    ],
)
def test_timex_value(earliest: str, latest: str | None, granularity: str, expected: str) -> None:
    assert timex_value(make_interval(earliest, latest, granularity)) == expected


def test_split_sentence_uses_offsets_inside_the_sentence() -> None:
    sentence = "She resigned on Thursday, aides said."
    hl = split_sentence(sentence, Span(start=500, end=500 + len(sentence)), Span(start=513, end=524), "on Thursday")
    assert hl is not None
    assert (hl.before, hl.marked, hl.after) == ("She resigned ", "on Thursday", ", aides said.")


@pytest.mark.parametrize(
    "time_span",
    [Span(start=10, end=20), Span(start=590, end=700), Span(start=501, end=505)],
    ids=["before-sentence", "past-end", "wrong-words"],
)
def test_split_sentence_bad_span_falls_back_to_the_words(time_span: Span) -> None:
    sentence = "She resigned on Thursday, aides said."
    hl = split_sentence(sentence, Span(start=500, end=500 + len(sentence)), time_span, "on Thursday")
    assert hl is not None and hl.marked == "on Thursday" and hl.before == "She resigned "


@pytest.mark.parametrize("end", [527, 525], ids=["longer", "shorter"])
def test_split_sentence_takes_the_span_only_where_it_covers_the_words_exactly(end: int) -> None:
    # the span's text starts with the words but is not them: the words' first occurrence is marked instead
    sentence = "on Thursday or on Thursdays, aides said."
    hl = split_sentence(sentence, Span(start=500, end=500 + len(sentence)), Span(start=515, end=end), "on Thursday")
    assert hl is not None and (hl.start, hl.end) == (0, 11)
    assert (hl.before, hl.marked, hl.after) == ("", "on Thursday", " or on Thursdays, aides said.")
    exact = split_sentence(sentence, Span(start=500, end=500 + len(sentence)), Span(start=515, end=526), "on Thursday")
    assert exact is not None and (exact.before, exact.marked) == ("on Thursday or ", "on Thursday")
    assert exact == split_sentence(sentence, Span(start=0, end=len(sentence)), Span(start=15, end=26), None) != hl


def test_split_sentence_gives_up_rather_than_marking_wrong_words() -> None:
    sentence = "She resigned, aides said."
    span = Span(start=0, end=len(sentence))
    assert split_sentence(sentence, span, Span(start=100, end=110), "on Thursday") is None
    assert split_sentence(sentence, span, None, None) is None


def test_event_rows_follow_the_timeline() -> None:
    timeline = make_timeline()
    rows = event_rows(timeline)
    assert [r.event_id for r in rows] == [e.id for e in timeline.events]
    month = rows[1]
    assert (month.value, month.granularity, str(month.start), str(month.end)) == (
        "2024-01",
        "month",
        "2024-01-01",
        "2024-01-31",
    )
    assert month.actors == ("Ethics Commissioner", "Inquiry")
    assert month.sources == ("The Globe and Mail", "Translated copy")
    assert rows[2].conflict == "2024-02-08 (The Globe and Mail, chosen) vs 2024-01-04 (Translated copy)"
    assert rows[0].conflict == "" and rows[0].conflict_id is None


def test_mention_rows_cover_provenance_then_unplaced() -> None:
    timeline = make_timeline()
    rows = mention_rows(timeline)
    n_prov = sum(len(e.provenance) for e in timeline.events)
    assert len(rows) == n_prov + len(timeline.unplaced)
    assert all(r.event_id for r in rows[:n_prov])
    unplaced = rows[-1]
    assert unplaced.event_id == "" and unplaced.source == "Translated copy"
    assert unplaced.published_origin == "header-line"
    copy_thursday = next(r for r in rows if r.event_id == "ev-003" and r.article_id == "001")
    assert copy_thursday.anchor_text == (
        "'on Thursday' → 2024-01-04, anchored to publication date 2024-01-03 from the article's header line"
    )


def test_mention_rows_are_the_placed_then_the_unplaced_and_the_page_takes_the_first_unplaced() -> None:
    globe, copy = default_articles()
    unplaced = tuple(make_event_mention(copy, id=f"001-m{i}", sentence=f"He spoke {i}.") for i in range(5))
    timeline = make_timeline(unplaced=unplaced)
    placed = placed_mention_rows(timeline)
    assert mention_rows(timeline) == placed + unplaced_mention_rows(timeline)
    assert len(placed) == sum(len(e.provenance) for e in timeline.events) and all(r.event_id for r in placed)
    assert [r.mention_id for r in unplaced_mention_rows(timeline, 2)] == ["001-m0", "001-m1"]
    assert unplaced_mention_rows(timeline, 2) == unplaced_mention_rows(timeline)[:2]


def test_unplaced_rows_take_their_article_fields_each_from_its_own_article() -> None:
    globe, copy = default_articles()
    lost = make_article_info("009", source="Lost wire", published="2024-02-01")  # not in the timeline's articles
    unplaced = (
        make_event_mention(copy, id="001-m1", time_text="at some point", sentence="He will speak at some point."),
        make_event_mention(globe, id="000-m2"),
        make_event_mention(lost, id="009-m3"),
        make_event_mention(copy, id="001-m4"),
    )
    timeline = make_timeline(articles=(globe, copy), events=(), conflicts=(), unplaced=unplaced)
    rows = mention_rows(timeline)
    assert [(r.mention_id, r.source, r.published, r.published_origin, r.url) for r in rows] == [
        ("001-m1", "Translated copy", copy.published, copy.published_origin, copy.url),
        ("000-m2", globe.source, globe.published, globe.published_origin, globe.url),
        ("009-m3", "009", None, "missing", None),
        ("001-m4", "Translated copy", copy.published, copy.published_origin, copy.url),
    ]
    assert rows[0].date_words == "at some point" and rows[0].highlight is not None
    assert rows[0].highlight.marked == "at some point"
    assert rows[1].date_words == "" and rows[1].highlight is None


def _unplaced_reference(mention: EventMention, article: ArticleInfo | None) -> MentionRow:
    """An unplaced mention's row, field by field from the mention and its article (what the CSV and the page show)."""
    time = mention.time
    interval = time.interval if time else None
    return MentionRow(
        event_id="",
        mention_id=mention.id,
        article_id=mention.article_id,
        source=(article.source.strip() if article else "") or mention.article_id,
        url=article.url if article else None,
        title=mention.title,
        published=article.published if article else None,
        published_origin=article.published_origin if article else "missing",
        date_words=time.text if time else "",
        value=timex_value(interval) if interval else "",
        start=interval.earliest if interval else None,
        end=interval.latest if interval else None,
        granularity=interval.granularity if interval else "",
        time_source=mention.time_source,
        anchor=describe_time_anchor(time),
        sentence=mention.sentence,
        highlight=split_sentence(
            mention.sentence, mention.sentence_span, time.span if time else None, time.text if time else None
        ),
        factuality=mention.factuality,
    )


def test_unplaced_rows_and_columns_hold_each_mentions_fields() -> None:
    globe, copy = default_articles()
    lost = make_article_info("009", source="Lost wire", published="2024-02-01")  # not in the timeline's articles
    base = make_event_mention(copy, id="001-m1", time_text="at some point", sentence="He will speak at some point.")
    assert base.time is not None
    dated = base.time.model_copy(
        update={"interval": make_interval("2024-01-01", "2024-01-31", "month"), "anchor": "dct"}
    )
    story = dated.model_copy(update={"anchor": "story", "anchor_date": date(2024, 1, 20)})
    unplaced = (
        base,
        base.model_copy(update={"id": "001-m2", "time": dated, "factuality": "planned"}),
        base.model_copy(update={"id": "001-m3", "time": story, "time_source": "inherited"}),
        make_event_mention(globe, id="000-m4", title="=cmd"),
        make_event_mention(lost, id="009-m5"),
    )
    timeline = make_timeline(articles=(globe, copy), events=(), conflicts=(), unplaced=unplaced)
    articles = {a.id: a for a in timeline.articles}
    expected = [_unplaced_reference(m, articles.get(m.article_id)) for m in unplaced]
    assert unplaced_mention_rows(timeline) == expected
    assert unplaced_mention_rows(timeline, 2) == expected[:2]
    assert expected[1].value == "2024-01" and expected[2].anchor.startswith("anchored to the story's date")
    names = ["anchor", "event_id", "highlight", "published", "value", "factuality"]
    columns = unplaced_mention_columns(timeline, names)
    assert [list(column) for column in columns] == [[getattr(row, name) for row in expected] for name in names]
    dates = ["date_words", "value", "start", "end", "granularity", "anchor"]  # no highlight asked: none split
    read = unplaced_mention_columns(timeline, dates)
    assert [list(column) for column in read] == [[getattr(row, name) for row in expected] for name in dates]
    empty = make_timeline(articles=(globe, copy), events=(), conflicts=(), unplaced=())
    assert unplaced_mention_rows(empty) == [] and [list(c) for c in unplaced_mention_columns(empty, names)] == [[]] * 6


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        (
            "anchored to publication date 2024-02-08 (manifest)",
            "anchored to publication date 2024-02-08 from the manifest",
        ),
        (
            "anchored to publication date 2024-01-03 (header-line)",
            "anchored to publication date 2024-01-03 from the article's header line",
        ),
        (
            "anchored to publication date 2024-02-08 (cli)",
            "anchored to publication date 2024-02-08 given on the command line (--published)",
        ),
        # anything else is left as the merger wrote it
        ("absolute date, no anchor needed", "absolute date, no anchor needed"),
        ("anchored to publication date 2024-02-08 (somewhere)", "anchored to publication date 2024-02-08 (somewhere)"),
        ("", ""),
    ],
)
def test_readable_anchor_says_where_the_date_came_from(anchor: str, expected: str) -> None:
    assert readable_anchor(anchor) == expected


def test_every_publication_origin_has_words() -> None:
    from typing import get_args

    from timeline.models import PublishedOrigin

    assert set(ORIGIN_TEXT) == set(get_args(PublishedOrigin))


def test_unnamed_source_is_shown_by_article_id() -> None:
    globe, copy = default_articles()
    anonymous = make_article_info("002", source="", published="2024-02-09")
    event = make_event(
        "ev-1",
        "Anonymous report",
        make_interval("2024-02-09"),
        (make_provenance(anonymous, "It happened on Friday.", "on Friday", make_interval("2024-02-09")),),
    )
    timeline = make_timeline(articles=(globe, copy, anonymous), events=(event,), conflicts=())
    assert [r.source for r in mention_rows(timeline)] == ["002", "Translated copy"]
    assert event_rows(timeline)[0].sources == ("002",)
    assert "002" in lane_labels(timeline)


def test_conflict_finder_finds_what_find_conflict_finds() -> None:
    """By the event's conflict id first (none when it names a missing one), else by the conflict's event."""
    timeline = make_timeline()
    conflict = timeline.conflicts[0]
    named = timeline.events[0].model_copy(update={"conflict_id": conflict.id})
    missing = timeline.events[0].model_copy(update={"conflict_id": "cf-missing"})
    by_event = timeline.events[0].model_copy(update={"id": conflict.event_id, "conflict_id": None})
    unrelated = timeline.events[0].model_copy(update={"id": "ev-none", "conflict_id": None})
    twice = timeline.model_copy(update={"conflicts": (conflict, conflict.model_copy(update={"reason": "other"}))})
    for tl in (timeline, twice):
        find = conflict_finder(tl)
        for event in (*tl.events, named, missing, by_event, unrelated):
            assert find(event) is find_conflict(tl, event)
    assert conflict_finder(timeline)(named) is conflict and conflict_finder(timeline)(missing) is None


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (("planned",), "planned"),
        (("asserted", "planned", "planned"), "planned"),
        (("negated", "planned"), "planned"),  # a tie goes to the earlier kind in KIND_ORDER
        (("hypothetical", "reported", "hypothetical", "reported"), "reported"),
        (("negated", "negated", "asserted"), "negated"),
    ],
)
def test_event_kind_is_the_majority_ties_in_kind_order(kinds: tuple[str, ...], expected: str) -> None:
    globe, _ = default_articles()
    day = make_interval("2024-02-08")
    provenance = tuple(
        make_provenance(globe, f"It met on Thursday {i}.", "on Thursday", day).model_copy(update={"factuality": kind})
        for i, kind in enumerate(kinds)
    )
    assert event_kind(make_event("ev-k", "Meeting", day, provenance)) == expected


def _sorted_span(intervals: list, share: float) -> tuple[date, date] | None:
    """`central_span` as its docstring defines it: the starts and the ends sorted, the same number cut each side."""
    core = [i for i in intervals if i.days < PERIOD_DAYS] or intervals
    if not core:
        return None
    cut = math.floor(len(core) * (1 - share) / 2)
    first, last = sorted(i.earliest for i in core)[cut], sorted(i.latest for i in core)[-1 - cut]
    return first, max(first, last)


@pytest.mark.parametrize("seed", range(40))
def test_central_span_counts_the_dates_as_sorting_them_would(seed: int) -> None:
    lengths = (0, 0, 0, 1, 6, PERIOD_DAYS - 2, PERIOD_DAYS - 1, PERIOD_DAYS, 364)
    count = (1, 2, 39, 40, 41, 120, 400)[seed % 7]
    spread = 40 if seed % 2 else 2000
    intervals = []
    for k in range(count):  # scattered days and lengths, the same each run (a multiplicative hash of k)
        first = date(2020, 1, 1) + timedelta(days=(k * 7919 + seed * 104729) % spread)
        length = lengths[(k * 31 + seed) * 2654435761 % 2**32 % len(lengths)]
        intervals.append(make_interval(first, first + timedelta(days=length)))
    for share in (0.95, 0.5, 1.0, 0.0):
        assert central_span(intervals, share) == _sorted_span(intervals, share)
    assert central_span(iter(intervals)) == _sorted_span(intervals, 0.95)


def test_event_rows_of_one_mention_and_of_several_read_their_sources_sentences_and_kind() -> None:
    globe, copy = default_articles()
    unnamed = copy.model_copy(update={"source": "  "})
    planned = make_provenance(globe, "The minister will resign on Friday.", "on Friday", make_interval("2024-02-09"))
    planned = planned.model_copy(update={"factuality": "planned"})
    told = make_provenance(unnamed, "The minister will resign on Friday.", "on Friday", make_interval("2024-02-09"))
    events = (
        make_event("one", "Minister resigns", make_interval("2024-02-09"), (planned,)),
        make_event("alone", "Minister resigns", make_interval("2024-02-09"), (told,)),
        make_event("two", "Minister resigns", make_interval("2024-02-09"), (told, planned)),
    )
    rows = event_rows(make_timeline(events=events, conflicts=()))
    assert [(r.sources, r.evidence, r.kind) for r in rows] == [
        (("The Globe and Mail",), ("The minister will resign on Friday.",), "planned"),
        ((unnamed.id,), ("The minister will resign on Friday.",), "asserted"),
        ((unnamed.id, "The Globe and Mail"), ("The minister will resign on Friday.",), "asserted"),
    ]


def test_event_rows_read_each_event_as_the_helpers_they_inline_would() -> None:
    # `event_rows` inlines `conflict_finder`, `timex_value` (once per distinct interval) and `_sorted_unique`
    timeline = make_timeline()
    (conflict,) = timeline.conflicts
    base = timeline.events[0]
    month = make_interval("2024-01-01", "2024-01-31", "month")
    variants = [
        base.model_copy(update={"id": "ev-none", "actors": ()}),
        base.model_copy(update={"id": "ev-blank", "actors": (base.actors[0].model_copy(update={"name": ""}),)}),
        make_event("ev-two", "Two", month, base.provenance, actors=("zeta", "Alpha", "zeta")),
        make_event("ev-month", "Month", month, base.provenance, conflict_id=conflict.id),
        base.model_copy(update={"id": conflict.event_id, "conflict_id": None}),  # found by its event's id
        base.model_copy(update={"id": "ev-lost", "conflict_id": "cf-none"}),
    ]
    timeline = timeline.model_copy(update={"events": (*timeline.events, *variants)})
    find = conflict_finder(timeline)
    for row, event in zip(event_rows(timeline), timeline.events, strict=True):
        found = find(event)
        names = tuple(sorted({a.name for a in event.actors} - {""}, key=lambda name: (name.casefold(), name)))
        assert (row.event_id, row.value, row.start, row.end, row.granularity, row.actors) == (
            event.id,
            timex_value(event.interval),
            event.interval.earliest,
            event.interval.latest,
            event.interval.granularity,
            names,
        )
        assert (row.conflict_id, row.conflict) == ((found.id, row.conflict) if found else (None, ""))
    assert [r.conflict_id for r in event_rows(timeline)[-3:]] == [conflict.id, conflict.id, None]
