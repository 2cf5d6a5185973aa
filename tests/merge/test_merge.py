"""The merger on hand-built extractions: linking, conflicts, order independence, conservation."""

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.merge import merge
from timeline.models import (
    ArticleExtraction,
    ArticleInfo,
    DateInterval,
    EventActor,
    EventMention,
    Span,
    TimeExpression,
)


def info(article_id: str, published: str | None = "2024-02-08", origin: str = "manifest") -> ArticleInfo:
    return ArticleInfo(
        id=article_id,
        source=f"Source {article_id}",
        published=date.fromisoformat(published) if published else None,
        published_origin=origin if published else "missing",
        n_chars=10_000,
    )


def mention(article_id: str, start: int, sentence: str, words: str, day: date | None, *actors: str) -> EventMention:
    offset = start + sentence.index(words)
    interval = DateInterval(earliest=day, latest=day, granularity="day") if day else None
    time = TimeExpression(
        id=f"t{offset}",
        span=Span(start=offset, end=offset + len(words)),
        text=words,
        type="DATE",
        value=day.isoformat() if day else "XXXX-WXX-4",
        interval=interval,
        anchor="dct" if day else "none",
        anchor_date=date(2024, 2, 8) if day else None,
        rule="test",
    )
    trigger = sentence.split()[1]
    trigger_at = start + sentence.index(trigger)
    return EventMention(
        id=f"{article_id}#e{start}",
        article_id=article_id,
        title=sentence[:40],
        trigger=trigger,
        trigger_span=Span(start=trigger_at, end=trigger_at + len(trigger)),
        sentence=sentence,
        sentence_span=Span(start=start, end=start + len(sentence)),
        actors=tuple(EventActor(actor_id=f"person:{a.lower()}", name=a, role="agent") for a in actors),
        time=time,
        time_source="explicit",
        confidence=0.8,
    )


LEFT = "Blinken left the Middle East on Thursday with public divisions between the United States and Israel."
LEFT_COPY = "US Secretary Blinken left the Middle East on Thursday with public differences usa and Israel."
STRIKE = "Israeli planes bombed parts of Rafah on Thursday morning, killing at least 11 people in two houses."


def extraction(article: ArticleInfo, *mentions: EventMention) -> ArticleExtraction:
    return ArticleExtraction(article=article, events=mentions)


def test_merge_links_the_same_event_from_two_sources():
    a = extraction(
        info("a"),
        mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken"),
        mention("a", 200, STRIKE, "Thursday", date(2024, 2, 8)),
    )
    b = extraction(info("b"), mention("b", 0, LEFT_COPY, "Thursday", date(2024, 2, 8), "Blinken"))
    timeline = merge([a, b])
    assert len(timeline.events) == 2
    joined = next(e for e in timeline.events if e.n_sources == 2)
    assert {p.article_id for p in joined.provenance} == {"a", "b"}
    assert timeline.conflicts == ()


def test_merge_disjoint_dates_become_a_conflict_with_both_claims():
    a = extraction(info("a"), mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken"))
    b = extraction(
        info("b", "2024-01-03", "header-line"), mention("b", 0, LEFT_COPY, "Thursday", date(2024, 1, 4), "Blinken")
    )
    timeline = merge([a, b])
    (event,) = timeline.events
    (conflict,) = timeline.conflicts
    assert event.conflict_id == conflict.id and conflict.event_id == event.id
    assert {c.article_id for c in conflict.claims} == {"a", "b"}
    assert conflict.chosen_article_id == "a"  # manifest date beats a header line
    assert event.interval.earliest == date(2024, 2, 8)
    assert "manifest" in conflict.reason


def published_on(event: EventMention) -> EventMention:
    """The same mention dated by its article's publication day (no date words): a guess, not a claim."""
    return event.model_copy(update={"time_source": "publication"})


def test_merge_publication_day_guesses_never_make_a_conflict():
    a = extraction(info("a"), published_on(mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken")))
    b = extraction(
        info("b", "2024-01-03", "header-line"),
        published_on(mention("b", 0, LEFT_COPY, "Thursday", date(2024, 1, 3), "Blinken")),
    )
    timeline = merge([a, b])
    (event,) = timeline.events
    assert timeline.conflicts == () and event.conflict_id is None
    assert event.interval.earliest == date(2024, 2, 8)  # the better-trusted publication date
    assert {p.time_source for p in event.provenance} == {"publication"}


def test_merge_date_words_win_over_a_publication_day_guess_without_conflict():
    a = extraction(info("a"), published_on(mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken")))
    b = extraction(
        info("b", "2024-02-08", "header-line"), mention("b", 0, LEFT_COPY, "Thursday", date(2024, 2, 6), "Blinken")
    )
    timeline = merge([a, b])
    (event,) = timeline.events
    assert timeline.conflicts == ()
    assert event.interval.earliest == event.interval.latest == date(2024, 2, 6)


def test_merge_unrelated_events_stay_apart_and_undated_are_unplaced():
    a = extraction(info("a"), mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken"))
    b = extraction(info("b", None), mention("b", 0, STRIKE, "Thursday", None))
    timeline = merge([a, b])
    assert len(timeline.events) == 1
    assert [m.id for m in timeline.unplaced] == ["b#e0"]


def _corpus(shifts: list[int]) -> list[ArticleExtraction]:
    sentences = [LEFT, LEFT_COPY, STRIKE]
    extractions = []
    for index, shift in enumerate(shifts):
        article_id = f"art{index}"
        mentions = [
            mention(article_id, 300 * n, sentence, "Thursday", date(2024, 2, 8) + timedelta(days=shift), "Blinken")
            for n, sentence in enumerate(sentences[: 1 + index % 3])
        ]
        extractions.append(extraction(info(article_id), *mentions))
    return extractions


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=-40, max_value=0), min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_merge_property_order_independent_and_conserves_mentions(shifts, rng):
    extractions = _corpus(shifts)
    shuffled = list(extractions)
    rng.shuffle(shuffled)
    first, second = merge(extractions), merge(shuffled)
    assert first.model_dump_json() == second.model_dump_json()
    placed = [p.mention_id for event in first.events for p in event.provenance]
    unplaced = [m.id for m in first.unplaced]
    all_ids = [m.id for e in extractions for m in e.events]
    assert sorted(placed + unplaced) == sorted(all_ids)


def test_merge_timeline_json_round_trips():
    a = extraction(info("a"), mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken"))
    b = extraction(
        info("b", "2024-01-03", "header-line"), mention("b", 0, LEFT_COPY, "Thursday", date(2024, 1, 4), "Blinken")
    )
    timeline = merge([a, b])
    assert type(timeline).model_validate_json(timeline.model_dump_json()) == timeline


def test_merge_top_keeps_the_most_salient_events_in_date_order():
    from timeline.merge.salience import select_top

    a = extraction(
        info("a"),
        mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken"),
        mention("a", 200, STRIKE, "Thursday", date(2024, 2, 7)),
    )
    b = extraction(info("b"), mention("b", 0, LEFT_COPY, "Thursday", date(2024, 2, 8), "Blinken"))
    timeline = merge([a, b])
    top = select_top(timeline, 1)
    assert [e.n_sources for e in top.events] == [2]
    assert top.issues[-1].code == "M302" and "on the 1 most salient days of 2 events" in top.issues[-1].message
    assert select_top(timeline, 5) == timeline


def test_merge_links_a_surname_to_the_full_name_across_articles():
    from timeline.models import Actor

    full = Actor(id="person:antony-blinken", name="Antony Blinken", type="PERSON", article_ids=("a",))
    bare = Actor(id="gpe:blinken", name="Blinken", type="GPE", article_ids=("b",))
    a = ArticleExtraction(
        article=info("a"),
        actors=(full,),
        events=(mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Antony-Blinken"),),
    )
    left_copy = mention("b", 0, LEFT_COPY, "Thursday", date(2024, 2, 8))
    left_copy = left_copy.model_copy(update={"actors": (EventActor(actor_id="gpe:blinken", name="Blinken"),)})
    b = ArticleExtraction(article=info("b"), actors=(bare,), events=(left_copy,))
    timeline = merge([a, b])
    (actor,) = [x for x in timeline.actors if "blinken" in x.id]
    assert actor.id == "person:antony-blinken" and "Blinken" in actor.aliases
    assert actor.article_ids == ("a", "b")
    assert {x.actor_id for e in timeline.events for x in e.actors} == {"person:antony-blinken"}


UNVEIL = "Apple CEO Steve Jobs unveiled the new iPhone at the Macworld conference in 2007."
UNVEIL_AGAIN = "Steve Jobs unveiled the iPhone 4 at the developers conference in 2010."


def absolute(event: EventMention, year: int) -> EventMention:
    """The mention dated by an absolute date ("in 2007"): no publication date moves it."""
    interval = DateInterval(earliest=date(year, 1, 1), latest=date(year, 12, 31), granularity="year")
    time = event.time.model_copy(update={"interval": interval, "anchor": "absolute", "anchor_date": None})
    return event.model_copy(update={"time": time})


def test_merge_look_alike_events_with_absolute_dates_years_apart_stay_apart():
    a = extraction(info("a"), absolute(mention("a", 0, UNVEIL, "2007", date(2007, 1, 9), "Jobs"), 2007))
    b = extraction(info("b"), absolute(mention("b", 0, UNVEIL_AGAIN, "2010", date(2010, 6, 7), "Jobs"), 2010))
    timeline = merge([a, b])
    assert len(timeline.events) == 2 and timeline.conflicts == ()
    again = UNVEIL_AGAIN.replace("2010", "2007")
    same = absolute(mention("b", 0, again, "2007", date(2007, 1, 9), "Jobs"), 2007)
    same_year = merge([a, extraction(info("b"), same)])
    assert len(same_year.events) == 1


def test_merge_far_apart_relative_dates_still_meet_when_the_words_agree():
    """A publication date a year off moves "Thursday" by a year: the paraphrase must still meet, as a conflict."""
    a = extraction(info("a"), mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken"))
    b = extraction(
        info("b", "2023-02-09", "header-line"), mention("b", 0, LEFT_COPY, "Thursday", date(2023, 2, 9), "Blinken")
    )
    timeline = merge([a, b])
    (event,) = timeline.events
    assert event.n_sources == 2 and len(timeline.conflicts) == 1


def test_merge_a_first_name_alone_is_the_only_person_of_its_article_with_that_first_name():
    from timeline.models import Actor

    def person(name: str, article_id: str) -> Actor:
        return Actor(id=f"person:{name.lower().replace(' ', '-')}", name=name, type="PERSON", article_ids=(article_id,))

    called = "Steve called podcasting the hottest thing going in radio on Thursday."
    one = extraction(info("a"), mention("a", 0, called, "Thursday", date(2024, 2, 8), "Steve"))
    one = one.model_copy(update={"actors": (person("Steve", "a"), person("Steve Jobs", "a"))})
    two = extraction(info("b"), mention("b", 0, called, "Thursday", date(2024, 2, 8), "Steve"))
    people = (person("Steve", "b"), person("Steve Jobs", "b"), person("Steve Ballmer", "b"))
    two = two.model_copy(update={"actors": people})
    (event,) = merge([one]).events
    assert {a.name for a in event.actors} == {"Steve Jobs"}
    (event,) = merge([two]).events
    assert {a.name for a in event.actors} == {"Steve"}  # two Steves in b: it stays as it is


def test_merge_a_date_without_its_own_words_years_off_weighs_more_against_a_link():
    from timeline.merge.similarity import mention_similarity, mention_words

    old = mention("a", 0, UNVEIL, "2007", date(2007, 1, 9), "Jobs")
    new = mention("b", 0, UNVEIL_AGAIN, "2010", date(2010, 6, 7), "Jobs")
    guessed = new.model_copy(update={"time_source": "publication"})

    def score(left: EventMention, right: EventMention) -> float:
        return mention_similarity(left, right, mention_words(left), mention_words(right))

    assert score(old, guessed) < score(old, new)  # "Jobs unveiled", no date words, in a 2010 paper


def test_merge_an_undated_telling_joins_another_sources_dated_event():
    a = extraction(info("a"), mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken"))
    reprint = mention("b", 0, LEFT, "Thursday", None, "Blinken")
    undated = reprint.model_copy(update={"time": None, "time_source": "none"})
    timeline = merge([a, extraction(info("b"), undated)])
    (event,) = timeline.events
    assert event.n_sources == 2 and event.interval.earliest == date(2024, 2, 8)
    assert {p.article_id: p.interval for p in event.provenance}["b"] is None
    assert timeline.unplaced == () and timeline.conflicts == ()
    alone = merge([extraction(info("b"), undated)])
    assert alone.events == () and [m.id for m in alone.unplaced] == [undated.id]


def inherited(event: EventMention) -> EventMention:
    """The same mention dated by a neighbouring clause's date words (the narrative day)."""
    return event.model_copy(update={"time_source": "inherited"})


def test_merge_an_inherited_date_yields_to_the_events_own_words_and_two_inherited_make_no_conflict():
    a = extraction(info("a"), mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken"))
    b = extraction(info("b"), inherited(mention("b", 0, LEFT_COPY, "Thursday", date(2024, 2, 1), "Blinken")))
    timeline = merge([a, b])
    (event,) = timeline.events
    assert timeline.conflicts == () and event.interval.earliest == date(2024, 2, 8)
    a_guess = extraction(info("a"), inherited(mention("a", 0, LEFT, "Thursday", date(2024, 2, 8), "Blinken")))
    assert merge([a_guess, b]).conflicts == ()
    assert (
        len(
            merge(
                [
                    a,
                    b.model_copy(
                        update={"events": (mention("b", 0, LEFT_COPY, "Thursday", date(2024, 2, 1), "Blinken"),)}
                    ),
                ]
            ).conflicts
        )
        == 1
    )


def test_load_ahead_loads_what_the_merge_loads_on_first_use() -> None:
    """`timeline build` loads numpy and the tagger's rules while it waits: importing the merge does not."""
    code = (
        "import sys; import timeline.pipeline; from timeline.merge import load_ahead;"
        "from timeline.timex.recognise import build_rules;"
        "print('numpy' in sys.modules, build_rules.cache_info().currsize); load_ahead();"
        "print('numpy' in sys.modules, build_rules.cache_info().currsize)"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "0", "True", "1"]
