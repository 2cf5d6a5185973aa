"""Article text is attacker-controlled: it must never become markup or script in the report."""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    default_articles,
    make_claim,
    make_conflict,
    make_event,
    make_event_mention,
    make_interval,
    make_issue,
    make_provenance,
    make_timeline,
)
from tests.render.htmltree import block_json, parse
from timeline.models import Timeline
from timeline.render.figure import build_figure
from timeline.render.report import figure_html, render_embed, render_report

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = "\"'><svg onload=alert(1)>"
CLOSE = "</script><script>alert(2)</script><!--"
EVIL = SCRIPT + IMG + SVG + CLOSE
PAYLOADS = (SCRIPT, IMG, SVG, CLOSE, "<svg", "<img", "<script>alert", "<!--")


def hostile_timeline() -> Timeline:
    globe, copy = default_articles()
    globe = globe.model_copy(
        update={"source": f"Globe {EVIL}", "title": f"Title {EVIL}", "url": "javascript:alert(1)"}
    )
    copy = copy.model_copy(update={"title": EVIL})
    words = f"on Thursday {SVG}"
    thursday, other = make_interval("2024-02-08"), make_interval("2024-01-04")
    event = make_event(
        f"ev-{SVG}{CLOSE}",  # ids reach plotly's customdata unescaped: plotly's JSON must escape them
        f"Event {EVIL}",
        thursday,
        (
            make_provenance(globe, f"{SCRIPT} It happened {words}. {IMG}", words, thursday, anchor=EVIL),
            make_provenance(copy, f"Copy {CLOSE} says {words}.", words, other),
        ),
        actors=(EVIL, "Jane Doe"),
        conflict_id="cf-x",
    )
    month = make_event(
        "ev-month",
        EVIL,
        make_interval("2024-01-01", "2024-01-31", "month"),
        (
            make_provenance(
                copy, f"{EVIL} in January", "in January", make_interval("2024-01-01", "2024-01-31", "month")
            ),
        ),
    )
    conflict = make_conflict(
        "cf-x",
        event.id,
        (make_claim(globe, words, thursday, anchor=EVIL), make_claim(copy, EVIL, other)),
        chosen_article_id=globe.id,
        reason=EVIL,
        explanation=EVIL,
    )
    return make_timeline(
        articles=(globe, copy),
        events=(month, event),
        conflicts=(conflict,),
        unplaced=(
            make_event_mention(copy, title=EVIL, sentence=f"{EVIL} will testify later.", time_text="later"),
        ),
        issues=(make_issue(f"code{IMG}", article_id=EVIL, message=EVIL, hint=EVIL),),
    )


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_report(hostile_timeline(), plotlyjs="cdn", title=f"Story {EVIL}")


def _scripts(markup: str) -> list[tuple[str | None, str]]:
    doc = parse(markup)
    return [(n.attrs.get("type"), n.text) for n in doc.root.find_all("script")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_never_appears_raw(hostile_page: str, payload: str) -> None:
    assert payload not in hostile_page


def test_no_injected_elements_or_attributes(hostile_page: str) -> None:
    doc = parse(hostile_page)
    assert doc.errors == []
    tags = [tag for tag, _ in doc.start_tags]
    assert "img" not in tags and "svg" not in tags
    for tag, attrs in doc.start_tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        href = (attrs.get("href") or "").strip().lower()
        assert not href.startswith("javascript:")


def test_script_elements_are_not_broken_out_of(hostile_page: str) -> None:
    benign = _scripts(render_report(make_timeline(), plotlyjs="cdn"))
    hostile = _scripts(hostile_page)
    assert [t for t, _ in hostile] == [t for t, _ in benign]
    assert hostile_page.count("</script") == render_report(make_timeline(), plotlyjs="cdn").count("</script")
    # the data island still parses and holds the text unchanged
    data = block_json(parse(hostile_page).root.by_id("timeline-data"))
    titles = [e["title"] for e in data["events"]]
    assert titles == [EVIL, f"Event {EVIL}"]
    mention = data["events"][1]["mentions"][0]
    lo, hi = mention["mark"]
    assert mention["sentence"][lo:hi] == f"on Thursday {SVG}"
    assert data["articles"][mention["article"]]["url"] is None
    assert data["articles"][mention["article"]]["source"] == f"Globe {EVIL}"


def test_plotly_json_escapes_closing_script_tags() -> None:
    """Plotly writes trace data as JSON with ``<`` and ``/`` escaped; the report relies on it."""
    fragment = str(figure_html(hostile_timeline(), "cdn"))
    benign = str(figure_html(make_timeline(), "cdn"))
    assert fragment.count("</script") == benign.count("</script")
    assert fragment.count("<script") == benign.count("<script")
    assert "\\u003c\\u002fscript\\u003e" in fragment


def test_text_is_shown_literally(hostile_page: str) -> None:
    doc = parse(hostile_page)
    cards = doc.root.by_id("conflicts").find_all("article", class_="conflict-card")
    assert cards[0].find("button").text == f"Event {EVIL}"
    assert cards[0].find("p", class_="explanation").text == EVIL
    assert doc.root.find("h1").text == f"Story {EVIL}"
    articles = doc.root.by_id("articles").find("tbody").find_all("tr")
    assert articles[0].find_all("td")[1].text == f"Globe {EVIL}"
    assert not articles[0].find_all("a")


@pytest.mark.parametrize("lanes", ["source", "actor", "kind"])
def test_embed_is_safe_too(lanes: str) -> None:
    fragment = render_embed(hostile_timeline(), lanes=lanes)  # actor lanes are named by article text
    for payload in PAYLOADS:
        assert payload not in fragment
    assert parse(fragment).errors == []


def test_actor_lane_names_are_escaped_in_the_figure() -> None:
    ticks = build_figure(hostile_timeline(), lanes="actor").to_dict()["layout"]["yaxis"]["ticktext"]
    assert any(t.startswith("&lt;script&gt;alert(1)&lt;/script&gt;") for t in ticks)
    assert not any("<" in t for t in ticks)


def _tag_structure(markup: str) -> list[str]:
    return [tag for tag, _ in parse(markup).start_tags]


@functools.cache
def _benign_structure() -> tuple[str, ...]:
    globe, copy = default_articles()
    globe = globe.model_copy(update={"source": "S", "title": "x"})
    event = make_event(
        "ev-1",
        "T",
        make_interval("2024-02-09"),
        (make_provenance(globe, "x on Friday", "on Friday", make_interval("2024-02-09")),),
        actors=("A",),
    )
    timeline = make_timeline(articles=(globe, copy), events=(event,), conflicts=())
    return tuple(_tag_structure(render_report(timeline, plotlyjs="cdn", title="P")))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("<>&\"'/=!-? ascriptimgsvgonload()\u2028\n"), max_size=60))
def test_any_title_or_source_leaves_the_page_structure_unchanged(text: str) -> None:
    globe, copy = default_articles()
    globe = globe.model_copy(update={"source": f"S{text}", "title": text})
    event = make_event(
        "ev-1",
        f"T{text}",
        make_interval("2024-02-09"),
        (make_provenance(globe, f"{text} on Friday", "on Friday", make_interval("2024-02-09")),),
        actors=(f"A{text}",),
    )
    page = render_report(
        make_timeline(articles=(globe, copy), events=(event,), conflicts=()), plotlyjs="cdn", title=f"P{text}"
    )
    assert tuple(_tag_structure(page)) == _benign_structure()
    doc = parse(page)
    data = block_json(doc.root.by_id("timeline-data"))
    assert data["events"][0]["title"] == f"T{text}"
    assert doc.root.find("h1").text == f"P{text}"
