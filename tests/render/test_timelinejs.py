from __future__ import annotations

import json
import re

import pytest

from tests.factories import default_articles, make_event, make_interval, make_provenance, make_timeline
from tests.render.test_xss import EVIL, IMG, SCRIPT, SVG, hostile_timeline
from timeline.render.timelinejs import CONFLICT_GROUP, render_timelinejs, timelinejs_data, timelinejs_dates


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        (make_interval("2024-02-08"), {"start_date": {"year": 2024, "month": 2, "day": 8}}),
        (make_interval("2024-01-01", "2024-01-31", "month"), {"start_date": {"year": 2024, "month": 1}}),
        (make_interval("2023-01-01", "2023-12-31", "year"), {"start_date": {"year": 2023}}),
        (
            make_interval("2024-02-05", "2024-02-11", "week"),
            {
                "start_date": {"year": 2024, "month": 2, "day": 5},
                "end_date": {"year": 2024, "month": 2, "day": 11},
                "display_date": "2024-W06",
            },
        ),
        (
            make_interval("2024-01-01", "2024-03-31", "quarter"),
            {
                "start_date": {"year": 2024, "month": 1, "day": 1},
                "end_date": {"year": 2024, "month": 3, "day": 31},
                "display_date": "2024-Q1",
            },
        ),
        (
            make_interval("1990-01-01", "1999-12-31", "decade"),
            {"start_date": {"year": 1990}, "end_date": {"year": 1999}, "display_date": "1990–1999"},
        ),
        (  # "late last month": month granularity, but days 21 to 31 are what the text gave
            make_interval("2024-01-21", "2024-01-31", "month"),
            {"start_date": {"year": 2024, "month": 1, "day": 21}, "end_date": {"year": 2024, "month": 1, "day": 31}},
        ),
    ],
)
def test_dates_give_only_the_known_parts(interval, expected) -> None:
    assert timelinejs_dates(interval) == expected


def test_slides_follow_the_events() -> None:
    timeline = make_timeline()
    data = timelinejs_data(timeline, title="Minister resigns")
    assert data["title"]["text"]["headline"] == "Minister resigns"
    title_text = data["title"]["text"]["text"]
    assert "2023-11-15 to 2024-02-08: 3 events from 2 articles (2 sources)." in title_text
    assert "1 event where sources disagree about the date." in title_text
    assert "1 undated mentions are not shown." in title_text
    assert [e["unique_id"] for e in data["events"]] == [e.id for e in timeline.events]
    assert [e["text"]["headline"] for e in data["events"]] == [e.title for e in timeline.events]
    assert "start_date" not in data["title"]


def test_planned_events_say_so_in_their_headline() -> None:
    timeline = make_timeline()
    first = timeline.events[0]
    planned = first.model_copy(
        update={"provenance": tuple(p.model_copy(update={"factuality": "planned"}) for p in first.provenance)}
    )
    data = timelinejs_data(timeline.model_copy(update={"events": (planned, *timeline.events[1:])}), title="t")
    assert data["events"][0]["text"]["headline"] == f"{first.title} (planned)"
    assert data["events"][1]["text"]["headline"] == timeline.events[1].title


def test_event_text_lists_sources_date_words_and_the_conflict() -> None:
    data = timelinejs_data(make_timeline())
    resignation = data["events"][2]
    assert resignation["group"] == CONFLICT_GROUP
    assert "group" not in data["events"][0]
    text = resignation["text"]["text"]
    assert "Sources disagree about the date" in text
    assert "The Globe and Mail: &lsquo;on Thursday&rsquo; &rarr; 2024-02-08 (kept)" in text
    assert "Translated copy: &lsquo;on Thursday&rsquo; &rarr; 2024-01-04</li>" in text
    assert "<em>The copy&#x27;s header date is probably the translation date.</em>" in text
    assert "The minister announced <mark>on Thursday</mark> that she would resign." in text
    assert '<a href="https://www.theglobeandmail.com/' in text and 'rel="noopener noreferrer"' in text
    assert "(published 2024-01-03, header-line)" in text


def test_article_strings_are_escaped() -> None:
    globe, copy = default_articles()
    event = make_event(
        "ev-1",
        f"Title {SCRIPT}",
        make_interval("2024-02-09"),
        (make_provenance(globe.model_copy(update={"source": IMG}), f"{SVG} on Friday", "on Friday",
                         make_interval("2024-02-09")),),
    )
    text = render_timelinejs(make_timeline(articles=(globe, copy), events=(event,), conflicts=()), title=SCRIPT)
    for raw in (SCRIPT, IMG, SVG, "<script", "<img", "<svg"):
        assert raw not in text
    data = json.loads(text)
    assert data["events"][0]["text"]["headline"] == "Title &lt;script&gt;alert(1)&lt;/script&gt;"


def test_hostile_timeline_never_yields_markup() -> None:
    text = render_timelinejs(hostile_timeline(), title=EVIL)
    for raw in ("<script", "<img", "<svg", "javascript:", "<!--"):
        assert raw not in text.lower()
    ids = [e["unique_id"] for e in json.loads(text)["events"]]
    assert ids[0] == "ev-month" and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)


def test_deterministic_and_valid_json() -> None:
    first = render_timelinejs(make_timeline())
    assert first == render_timelinejs(make_timeline())
    assert first.endswith("\n")
    json.loads(first)


def test_a_sentence_that_opens_a_quotation_is_not_quoted_twice() -> None:
    timeline = make_timeline()
    first = timeline.events[0]
    said = "“We will resign,” the minister said on Thursday."
    unquoted = {"sentence": said, "time_text": None, "time_span": None}
    quoted = first.model_copy(update={"provenance": tuple(p.model_copy(update=unquoted) for p in first.provenance)})
    text = timelinejs_data(timeline.model_copy(update={"events": (quoted, *timeline.events[1:])}))["events"][0]["text"]
    assert "&ldquo;“" not in text["text"] and "“We will resign,” the minister said on Thursday." in text["text"]
    assert "&ldquo;" in timelinejs_data(timeline)["events"][0]["text"]["text"]  # plain sentences are quoted
