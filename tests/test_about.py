"""Entity timelines (`timeline/about.py`): names, short forms and acronyms, taking part, the SemEval export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.about import (
    about_timeline,
    acronym,
    entity,
    fuller_names,
    joined,
    load_about_words,
    semeval_timeline,
    short_form,
)
from timeline.extract import article_info
from timeline.ingest import read_articles
from timeline.merge import merge
from timeline.models import (
    Actor,
    ArticleExtraction,
    DateInterval,
    EventActor,
    EventMention,
    Span,
    TimeExpression,
)


def test_about_resource_examples_hold():
    examples = load_about_words().examples
    assert any(e.named for e in examples) and any(not e.named for e in examples)
    for example in examples:
        actors = [Actor(id="p", name=example.about, type="PERSON")] if example.person else []
        assert entity(example.about, actors).named_in(example.text) is example.named, example


def test_about_short_forms_and_acronyms():
    assert acronym("General Motors") == "GM" and acronym("United Automobile Workers") == "UAW"
    assert acronym("Toyota") is None and acronym("Bank of America") == "BA"
    assert short_form("Airbus SAS") == "Airbus" and short_form("Ford Motor Co.") == "Ford"
    # an actor of the timeline whose acronym or short form is the name brings its own names
    gm = Actor(id="gm", name="GM", type="ORG", aliases=("GM", "G.M."))
    assert entity("General Motors", [gm]).named_in("G.M. said")
    assert not entity("Daimler Chrysler").named_in("Chrysler said")


def test_about_names_of_a_merger_written_as_one_word():
    assert joined("Daimler Chrysler") == "DaimlerChrysler" and joined("Ford Motor Co.") is None
    assert joined("Bank of America") is None and joined("Toyota") is None
    assert entity("Daimler Chrysler").named_in("DaimlerChrysler's sales fell")
    dc = Actor(id="dc", name="DaimlerChrysler", type="ORG")
    assert entity("Daimler Chrysler", [dc]).forms[0] == "Daimler Chrysler"
    # the merger joins the two spellings of one organisation
    assert fuller_names("DaimlerChrysler", ["Daimler Chrysler", "Chrysler"]) == ["Daimler Chrysler"]


CAT = (
    '<Document doc_id="77" doc_name="77_Deal.txt">'
    + "".join(
        f'<token t_id="{n + 1}" sentence="{s}" number="{n}">{w}</token>'
        for n, (s, w) in enumerate(
            (s, w)
            for s, words in enumerate(
                [
                    "GM seeks aid",
                    "General Motors asked for aid on Monday .",
                    "Sales fell in 2008 .",
                    "GM said it would close plants .",
                    "Ford announced cuts .",
                ]
            )
            for w in words.split()
        )
    )
    + '<Markables><TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2008-12-03"/></Markables>'
    "</Document>"
)


def _mention(text: str, word: str, day: str | None, actor: str | None, role: str = "agent", n: int = 1):
    start = text.index(word)
    line_start = text.rfind("\n", 0, start) + 1
    dot = text.find(".", start)
    line_end = dot + 1 if dot >= 0 else len(text)
    sentence_start = max(line_start, text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= line_start else 0)
    time = None
    if day:
        when = date.fromisoformat(day)
        interval = DateInterval(earliest=when, latest=when, granularity="day")
        time = TimeExpression(
            id=f"t{start}", span=Span(start=start, end=start + 1), text=day, type="DATE", value=day,
            interval=interval, anchor="absolute", rule="test",
        )  # fmt: skip
    return EventMention(
        id=f"a#e{start}",
        article_id="77_Deal",
        title=text[sentence_start:line_end],
        trigger=word,
        trigger_span=Span(start=start, end=start + len(word)),
        actors=(EventActor(actor_id=actor.lower(), name=actor, role=role),) if actor else (),
        sentence=text[sentence_start:line_end],
        sentence_span=Span(start=sentence_start, end=line_end),
        time=time,
        time_source="explicit" if day else "none",
        confidence=0.8,
    )


@pytest.fixture
def deal(tmp_path: Path):
    path = tmp_path / "77_Deal.txt.xml"
    path.write_text(CAT, encoding="utf-8")
    (article,) = read_articles([path]).articles
    text = article.text
    events = (
        _mention(text, "asked", "2008-12-01", "General Motors"),
        _mention(text, "fell", "2008-06-01", None),
        _mention(text, "close", None, "GM"),  # the short form, undated
        _mention(text, "announced", "2008-12-02", "Ford"),
    )
    actors = (Actor(id="gm", name="General Motors", type="ORG"), Actor(id="ford", name="Ford", type="ORG"))
    return merge([ArticleExtraction(article=article_info(article), actors=actors, events=events)])


def test_about_keeps_the_events_the_entity_takes_part_in(deal):
    kept = about_timeline(deal, ["General Motors"])
    assert [e.provenance[0].title.split()[0] for e in kept.events] == ["General"]
    assert [m.trigger for m in kept.unplaced] == ["close"]  # "GM" is General Motors
    both = about_timeline(deal, ["General Motors", "Ford"])
    assert len(both.events) == 2
    assert about_timeline(deal, []) == deal


def test_about_an_actor_takes_part_under_its_whole_name_only():
    from timeline.about import takes_part

    ford = entity("Ford", [Actor(id="f", name="Ford Motor Co.", type="ORG")])
    as_agent = lambda name: (EventActor(actor_id="x", name=name, role="agent"),)  # noqa: E731
    assert takes_part(ford, "The company cut jobs", as_agent("Ford Motor Co."), "asserted")
    assert takes_part(ford, "Ford's plant closed", as_agent("Ford"), "asserted")
    # the product "Ford Taurus" is no part of Ford: the event is the car's
    assert not takes_part(ford, "The car was introduced in 1986", as_agent("Ford Taurus"), "asserted")
    # nor does the title name Ford when "Ford" is only part of another actor's name in it
    plant = (EventActor(actor_id="a", name="Atlanta", role="agent"), *as_agent("Ford Taurus"))
    assert not takes_part(ford, "Atlanta makes the Ford Taurus sedan", plant, "asserted")
    assert takes_part(ford, "Atlanta makes the Ford Taurus for Ford", plant, "asserted")


def test_about_choices_of_the_report_select_as_build_about_does(deal):
    from timeline.about import about_choices

    choices = about_choices(deal)
    assert [name for name, _ in choices] == ["Ford", "General Motors"]
    for name, indexes in choices:
        assert [deal.events[i].id for i in indexes] == [e.id for e in about_timeline(deal, [name]).events]
    # two names of one entity selecting the same events are one choice, under the longer name
    asked = deal.events[1]
    gm = asked.actors[0]
    short = asked.model_copy(update={"actors": (gm, gm.model_copy(update={"actor_id": "g", "name": "GM"}))})
    assert [name for name, _ in about_choices(deal.model_copy(update={"events": (short,)}))] == ["General Motors"]


def test_about_semeval_export_names_mentions_by_cat_tokens(deal):
    assert semeval_timeline(deal, "General Motors") == (
        "General Motors\n0\tXXXX-XX-XX\t77-3-close\n1\t2008-12-01\t77-1-asked\n"
    )
    assert semeval_timeline(deal, "Toyota") == "Toyota\n"


def test_about_semeval_a_state_is_anchored_at_the_day_it_holds(deal):
    (close,) = deal.unplaced  # "GM said it would close plants": undated, at position 0
    day = DateInterval(earliest=date(2008, 12, 3), latest=date(2008, 12, 3), granularity="day")
    time = TimeExpression(
        id="t0", span=close.trigger_span, text="", type="DATE", value="2008-12-03", interval=day,
        anchor="dct", rule="state",
    )  # fmt: skip
    held = close.model_copy(update={"time_source": "state", "time": time})  # as the extractor keeps a state
    lines = semeval_timeline(deal.model_copy(update={"unplaced": (held,)}), "General Motors").splitlines()
    assert "2\t2008-12-03\t77-3-close" in lines


def test_about_a_publication_guess_takes_the_story_day_inside_it():
    from timeline.about import _guessed_day

    guess = DateInterval(earliest=date(2010, 7, 15), latest=date(2010, 7, 17), granularity="day")
    assert _guessed_day(guess, date(2010, 7, 16)).earliest == date(2010, 7, 16)
    assert _guessed_day(guess, date(2010, 6, 7)).earliest == date(2010, 7, 17)  # outside: the paper's day
    assert _guessed_day(guess, None).latest == date(2010, 7, 17)


def test_about_anchor_values_in_the_tasks_xx_style():
    from timeline.about import date_value

    week = DateInterval(earliest=date(2006, 3, 27), latest=date(2006, 4, 2), granularity="week")
    assert date_value(week) == "2006-03-XX"  # a week across two months is its Thursday's month
    month = DateInterval(earliest=date(2008, 3, 1), latest=date(2008, 3, 31), granularity="month")
    assert date_value(month) == "2008-03-XX"
    year = DateInterval(earliest=date(2008, 1, 1), latest=date(2008, 12, 31), granularity="year")
    assert date_value(year) == "2008-XX-XX"
    assert date_value(DateInterval(earliest=date(2007, 6, 1), latest=date(2008, 2, 1), granularity="month")) is None


def test_about_semeval_a_mention_told_at_another_day_keeps_its_own_anchor():
    from tests.factories import make_article_info, make_event, make_interval, make_provenance
    from timeline.about import semeval_timeline
    from timeline.models import Timeline

    may = make_article_info("a1", published="2009-05-28")
    june = make_article_info("a2", published="2009-06-05")
    sentence = "GM announced on Wednesday that its bondholders did not exchange the notes."
    own = make_provenance(may, sentence, "Wednesday", make_interval("2009-05-27"), sentence_start=0)
    other = make_provenance(june, "GM announced on Friday a sale.", "Friday", make_interval("2009-06-05"))
    guess = make_provenance(june, "GM announced a sale.", None, make_interval("2009-06-05"), time_source="publication")
    gm = (EventActor(actor_id="gm", name="GM", role="agent"),)
    claims = tuple(
        p.model_copy(
            update={"trigger_span": Span(start=p.sentence_span.start + 3, end=p.sentence_span.start + 12), "actors": gm}
        )
        for p in (other, own, guess)
    )
    # the merger joined the two announcements at the later day: each mention keeps the day its words tell
    event = make_event("e1", "GM announced", make_interval("2009-06-05"), claims)
    lines = [
        line.split("\t")[:2]
        for line in semeval_timeline(
            Timeline(engine_version="t", settings_digest="d", events=(event,), articles=(may, june)), "GM"
        ).splitlines()[1:]
    ]
    assert lines == [["1", "2009-05-27"], ["2", "2009-06-05"]]


def test_about_semeval_a_publication_guess_apart_from_the_event_keeps_its_own_day():
    from tests.factories import make_article_info, make_event, make_interval, make_provenance
    from timeline.about import semeval_timeline
    from timeline.models import Timeline

    may = make_article_info("a1", published="2009-05-07")
    later = make_article_info("a2", published="2009-05-15")
    guess = make_provenance(
        may, "GM announced a loss.", None, make_interval("2009-05-05", "2009-05-07"), time_source="publication"
    )
    dated = make_provenance(later, "GM announced on Friday a sale.", "Friday", make_interval("2009-05-15"))
    gm = (EventActor(actor_id="gm", name="GM", role="agent"),)
    claims = tuple(
        p.model_copy(
            update={"trigger_span": Span(start=p.sentence_span.start + 3, end=p.sentence_span.start + 12), "actors": gm}
        )
        for p in (dated, guess)
    )
    # the merger joined two announcements at the later day: the May 7 paper's "announced" is not of May 15
    event = make_event("e1", "GM announced", make_interval("2009-05-15"), claims)
    timeline = Timeline(engine_version="t", settings_digest="d", events=(event,), articles=(may, later))
    lines = [line.split("\t")[:2] for line in semeval_timeline(timeline, "GM").splitlines()[1:]]
    assert lines == [["1", "2009-05-07"], ["2", "2009-05-15"]]


def test_about_semeval_what_has_not_happened_is_listed_undated():
    from tests.factories import make_article_info, make_event, make_interval, make_provenance
    from timeline.about import semeval_timeline
    from timeline.models import Timeline

    paper = make_article_info("a1", published="2009-11-05")
    gm = (EventActor(actor_id="gm", name="GM", role="agent"),)
    cut = make_provenance(paper, "GM cut 1,000 jobs on Tuesday.", "Tuesday", make_interval("2009-11-03"))
    plan = make_provenance(paper, "GM will cut 9,000 jobs in 2010.", "2010", make_interval("2010-01-01", "2010-12-31"))
    events = tuple(
        make_event(
            f"e{i}",
            "GM cut jobs",
            p.interval,
            (
                p.model_copy(
                    update={
                        "trigger_span": Span(start=p.sentence_span.start + 3, end=p.sentence_span.start + 6),
                        "actors": gm,
                        "factuality": f,
                    }
                ),
            ),
        )
        for i, (p, f) in enumerate([(cut, "asserted"), (plan, "planned")])
    )
    timeline = Timeline(engine_version="t", settings_digest="d", events=events, articles=(paper,))
    lines = [line.split("\t")[:2] for line in semeval_timeline(timeline, "GM").splitlines()[1:]]
    assert lines == [["0", "XXXX-XX-XX"], ["1", "2009-11-03"]]  # the plan is listed, not placed in 2010


NAMING_TEXTS = (
    "GM said it would cut jobs.",
    "GMs and GM's and GM' and GM’s plants",
    "GMAC lent money; AGM met",
    "General  Motors\nsold cars",
    "general motors sold cars",
    "GENERAL MOTORS-backed plans",
    "General Motorsport won",
    "the Chrysler-Fiat deal, Chrysler's plan",
    "Ford Motor Co.'s plant",
    "Fords were sold",
    "-- Hu Jintao spoke",
    "Hu Jintaos",
    "AT&T and AT & T",
    "HU JıNTAO said",  # a dotless i is an "i" to `re` in any case
    "Gen­eral Motors",
    "",
)


@pytest.mark.parametrize("name", ["General Motors", "GM", "Ford", "Chrysler", "AT&T", "Hu Jintao", "general motors"])
def test_about_word_index_finds_every_text_the_pattern_names(name):
    """`_WordIndex` only saves searches: every text the entity's pattern names is among those it gives."""
    from timeline.about import _WordIndex

    actors = [
        Actor(id="gm", name="General Motors Corp.", type="ORG", aliases=("GM",)),
        Actor(id="f", name="Ford Motor Co.", type="ORG"),
        Actor(id="h", name="-- Hu Jintao", type="PERSON"),
        Actor(id="c", name="Chrysler", type="ORG"),
    ]
    about = entity(name, actors)
    index = _WordIndex(NAMING_TEXTS, [about])
    named = [i for i, text in enumerate(NAMING_TEXTS) if about.named_in(text)]
    assert named and set(named) <= set(index.may_name(about))
    assert list(index.may_name(about)) == sorted(index.may_name(about))
    assert len(list(index.may_name(about))) < len(NAMING_TEXTS)  # it does leave texts out


def test_about_word_index_searches_a_text_named_in_a_case_lower_case_does_not_give():
    from timeline.about import _WordIndex

    about = entity("Hu Jintao")
    assert about.named_in("HU JıNTAO said") and 0 in _WordIndex(["HU JıNTAO said", "Hu said"], [about]).may_name(about)


def test_about_entity_found_through_actors_by_form_is_the_same():
    """The actors looked up by form (`_actors_by_form`) give the entity that reading them all in order gives.

    An actor joins through a form an earlier actor brought ("GMAC" via the alias "GM" of the second actor);
    one before it does not join through a form a later one brings.
    """
    from timeline.about import _actor_forms, _actors_by_form, _entity

    actors = _actor_forms(
        [
            Actor(id="a", name="GMAC", type="ORG"),  # before the actor whose alias it is: not joined
            Actor(id="gm", name="General Motors", type="ORG", aliases=("General Motors Acceptance",)),
            Actor(id="b", name="GMA", type="ORG", aliases=("General Motors Acceptance",)),
            Actor(id="w", name="Rick Wagoner", type="PERSON", aliases=("GMA",)),
            Actor(id="x", name="GMAC", type="ORG"),
        ]
    )
    by_form = _actors_by_form(actors)
    for name in ("GM", "General Motors", "GMA", "Rick Wagoner", "GMAC", "Ford"):
        assert _entity(name, actors, by_form) == _entity(name, actors), name
    assert "Wagoner" in _entity("GM", actors, by_form).forms


def _choices_event_by_event(timeline):
    """`about_choices` as it reads without an index: every chosen entity tested on every event."""
    from collections import Counter

    from timeline.about import ABOUT_CHOICES, PARTICIPANT_ROLES, event_involves

    def words(event):
        return "\n".join(
            [
                *(a.name for a in event.actors),
                *(p.title for p in event.provenance),
                *(a.name for p in event.provenance for a in p.actors),
            ]
        )

    counts = Counter(
        name for e in timeline.events for name in {a.name for a in e.actors if a.role in PARTICIPANT_ROLES}
    )
    by_events: dict[tuple[int, ...], str] = {}
    for name in sorted(counts, key=lambda name: (-counts[name], name))[:ABOUT_CHOICES]:
        about = entity(name, timeline.actors)
        found = tuple(i for i, e in enumerate(timeline.events) if about.named_in(words(e)) and event_involves(about, e))
        if found and (found not in by_events or len(name) > len(by_events[found])):
            by_events[found] = name
    return sorted(((name, list(found)) for found, name in by_events.items()), key=lambda item: (-len(item[1]), item[0]))


def _event(number, actors=(), claims=()):
    """An event of these (name, role) actors and (title, (name, role) actors, factuality) mentions."""
    from tests.factories import default_articles, make_event, make_interval, make_provenance

    article = default_articles()[0]
    provenance = tuple(
        make_provenance(article, f"{title} on May 3.", None, None, mention_id=f"m{number}-{i}").model_copy(
            update={
                "title": title,
                "factuality": factuality,
                "actors": tuple(EventActor(actor_id=n.lower(), name=n, role=r) for n, r in mention_actors),
            }
        )
        for i, (title, mention_actors, factuality) in enumerate(claims)
    )
    event = make_event(f"e{number}", "an event", make_interval("2024-05-03"), provenance)
    return event.model_copy(update={"actors": tuple(EventActor(actor_id=n.lower(), name=n, role=r) for n, r in actors)})


def test_about_choices_by_index_are_those_of_every_event_tested():
    """The indexes `about_choices` looks events up by (names an entity has, participants, titles outside the
    names of their actors, words) find what testing every event for every entity finds, odd cases included."""
    from tests.factories import make_timeline
    from timeline.about import about_choices

    ford, gm, china = ("Ford", "agent"), ("General Motors", "agent"), ("China", "patient")
    events = [
        _event(0, [ford], [("Ford cut jobs", [ford], "asserted")]),  # a participant of the event
        _event(1, [("Ford", "other")], [("Atlanta makes the Ford Taurus", [("Ford Taurus", "agent")], "asserted")]),
        _event(2, [], [("Ford's plant closed", [], "asserted")]),  # named in a title only
        _event(3, [], [("Ford's plant closed", [], "reported")]),  # ... of a report
        _event(4, [], [("in Ford's place", [("Ford", "other")], "asserted")]),  # an actor in another role
        _event(5, [], [("General Ford Motors said", [("Ford", "other")], "asserted")]),  # named once Ford is blanked
        _event(6, [], [("FordTaurus rolled", [("Taurus", "agent"), ("Ford Taurus", "other")], "asserted")]),
        _event(7, [gm, china], [("GM and China signed", [gm, china], "asserted")]),
        _event(8, [("United", "other")], [("States signed", [], "asserted")]),  # a form across two lines
        _event(9, [], [("China’s exports rose", [], "asserted"), ("GM said", [("GM", "agent")], "reported")]),
        _event(10, [gm], [("GENERAL MOTORS cut", [], "asserted")]),
        _event(11, [], [("Beijing said", [china], "asserted")]),  # a participant of a mention only
        _event(12, [("United States", "agent")], [("the united states voted", [], "asserted")]),
        _event(13, [("HU JıNTAO", "agent")], [("Hu Jintao spoke", [], "asserted")]),
        _event(14, [("apple", "agent")], [("APPLE sold iPods", [], "asserted")]),  # a name in lower case: any case
        _event(15, [ford], [("Ford\0 said", [], "asserted")]),  # a character no text is expected to hold
    ]
    actors = (
        Actor(id="gm", name="General Motors", type="ORG", aliases=("GM",)),
        Actor(id="hu", name="Hu Jintao", type="PERSON"),
    )
    timeline = make_timeline(events=tuple(events), conflicts=()).model_copy(update={"actors": actors})
    choices = about_choices(timeline)
    assert choices == _choices_event_by_event(timeline)
    found = dict(choices)
    assert found["Ford"] == [0, 2, 6, 15] and found["General Motors"] == [7, 9, 10] and found["China"] == [7, 9, 11]
    without = timeline.model_copy(update={"events": tuple(events[:-1])})  # every text read as one string
    assert about_choices(without) == _choices_event_by_event(without)


def test_about_outside_names_blanks_the_longest_first():
    from timeline.about import outside_names

    assert outside_names("the Ford Taurus and Ford", ["Ford", "Ford Taurus"]) == "the   and  "
    assert outside_names("Ford said", []) == "Ford said"
