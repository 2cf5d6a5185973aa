"""Web boilerplate is marked at ingest (never cut) and never read for events or times."""

import json
import re
from datetime import date

import pytest

from timeline.extract import extract_articles
from timeline.ingest import read_articles
from timeline.ingest.boilerplate import _compiled, _needs, boilerplate_spans, load_boilerplate_rules, outside
from timeline.models import Article

RULES = load_boilerplate_rules()
EXAMPLES = [(rule.name, example) for rule in (*RULES.spans, *RULES.sections) for example in rule.examples]


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[f"{n}: {e[:30]}" for n, e in EXAMPLES])
def test_boilerplate_examples_are_marked_whole(name, example):
    text = f"The quake hit on Tuesday.\n{example}\nRescuers arrived on Wednesday."
    spans = boilerplate_spans(text)
    start = text.index(example)
    assert any(s.start <= start and start + len(example) <= s.end for s in spans), name
    assert not any(s.start < len("The quake hit on Tuesday.") for s in spans)


@pytest.mark.parametrize("sentence", RULES.not_boilerplate)
def test_news_that_looks_close_is_not_boilerplate(sentence):
    assert boilerplate_spans(sentence) == ()


def test_a_comment_section_runs_to_the_end():
    text = "Officials confirmed 20 cases.\nAt 18:10 26th Apr 2009, viralmeme wrote: Scary.\nI agree.\n"
    (span,) = boilerplate_spans(text)
    assert (span.start, span.end) == (text.index("At 18:10"), len(text))


def test_every_pattern_needs_a_literal_found_in_its_examples():
    for pattern, needs in (*_compiled()[0], *_compiled()[1]):
        assert needs, pattern.pattern  # else it runs on every text
    (needs,) = [_needs(re.compile(r"(?i)a(?:bc|(?-i:DE)f+)\\d"))]
    assert needs == (("bc", True), ("DE", False))


def _every_pattern_run(text: str, start: int = 0) -> list[tuple[int, int]]:
    """The spans as found without the literal prefilter (each pattern run on the text)."""
    spans, sections = _compiled()
    found = [(m.start(), m.end()) for pattern, _ in spans for m in pattern.finditer(text, start) if m.end() > m.start()]
    found += [(m.start(), len(text)) for pattern, _ in sections if (m := pattern.search(text, start))]
    merged: list[list[int]] = []
    for begin, end in sorted(found):
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    return [(begin, end) for begin, end in merged]


@pytest.mark.parametrize(
    "case",
    [str.upper, str.lower, str.title, lambda t: t.replace("s", "\u017f"), lambda t: t.replace("k", "\u212a") + " é"],
    ids=["upper", "lower", "title", "long s", "kelvin sign"],
)
def test_the_literal_prefilter_changes_no_span(case):
    """Case-insensitive patterns match in any case, and a non-ASCII text folds case beyond str.lower."""
    examples = [example for _, example in EXAMPLES] + list(RULES.not_boilerplate)
    for at, example in enumerate(examples):
        text = f"{examples[at - 1]}\n{case(example)} and {example}"
        spans = [(span.start, span.end) for span in boilerplate_spans(text, 3)]
        assert spans == _every_pattern_run(text, 3), example


def test_outside_keeps_the_story_around_furniture():
    line = "Page last updated at 07:43 GMT, Tuesday, 23 August 2011 08:43 UK Beyonce will perform."
    marked = tuple(s.model_copy(update={"start": s.start + 100, "end": s.end + 100}) for s in boilerplate_spans(line))
    pieces = outside(line, 100, marked)
    assert pieces == [(100 + line.index("Beyonce"), "Beyonce will perform.")]


def test_scraped_jsonl_is_marked_and_its_furniture_tells_no_event(tmp_path):
    text = (
        "Page last updated at 07:48 GMT, Wednesday, 27 January 2010 Rescuers pulled a man from the rubble on Tuesday.\n"
        "To play this content JavaScript must be turned on and the latest Flash player installed.\n"
        "Joining us now from Port-au-Prince is our correspondent.\n"
        "The UN said on Monday it would send 3,500 more troops.\n"
        "At 9:36 pm on 20 May 2010, ghostofsichuan wrote: They arrived on Friday.\n"
    )
    record = {"id": "a1", "source": "bbc", "published": "2010-01-27", "text": text}
    (tmp_path / "articles.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = read_articles([tmp_path / "articles.jsonl"]).articles
    assert article.text == text  # nothing is cut: spans still point into the text
    marked = [text[s.start : s.end] for s in article.boilerplate]
    assert any(m.startswith("Page last updated at 07:48 GMT") for m in marked)
    assert any(m.startswith("Joining us") for m in marked)
    assert marked[-1].startswith("At 9:36 pm") and marked[-1].endswith("Friday.\n")
    (extraction,) = extract_articles([article])
    triggers = {event.trigger for event in extraction.events}
    assert {"pulled", "said", "send"} <= triggers
    assert not {"play", "turned", "installed", "arrived", "wrote", "Joining"} & triggers
    for event in extraction.events:
        assert text[event.trigger_span.start : event.trigger_span.end] == event.trigger
    days = {e.interval.earliest for e in extraction.time_expressions if e.interval is not None}
    assert date(2010, 5, 20) not in days and date(2010, 1, 26) in days


def test_cat_articles_and_plain_news_have_no_boilerplate():
    article = Article(id="x", text="Apple released the phone on Monday.", published=date(2010, 6, 7))
    assert article.boilerplate == ()
    assert boilerplate_spans(article.text) == ()


def test_html_page_furniture_is_marked(tmp_path):
    page = """<!doctype html><html lang="en"><head><title>Quake | Example News</title>
<meta property="article:published_time" content="2010-01-14"></head><body><article><h1>Quake</h1>
<p>Page last updated at 07:48 GMT, Thursday, 14 January 2010</p>
<p>Rescuers pulled survivors from collapsed buildings in Port-au-Prince on Wednesday, officials said.
The government asked for help from other nations.</p>
<p>To play this content JavaScript must be turned on and the latest Flash player installed.</p>
<p>Aid flights began landing at the city's airport on Thursday, the United Nations said.</p>
</article></body></html>"""
    (tmp_path / "quake.html").write_text(page, encoding="utf-8")
    (article,) = read_articles([tmp_path / "quake.html"]).articles
    marked = [article.text[s.start : s.end] for s in article.boilerplate]
    assert any(m.startswith("Page last updated at 07:48 GMT") for m in marked)
    assert any(m.startswith("To play this content") for m in marked)
    assert not any("Rescuers" in m or "Aid flights" in m for m in marked)
