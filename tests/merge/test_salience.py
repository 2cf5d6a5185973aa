"""Key days (`--top N`): which days a story's timeline keeps and which sentences tell them."""

from datetime import date

from tests.merge.test_merge import LEFT, LEFT_COPY, STRIKE, extraction, info, mention
from timeline.merge import merge
from timeline.merge.salience import (
    auto_top,
    central_sentences,
    date_mentions,
    day_scores,
    key_dates,
    ranked_days,
    select_top,
)
from timeline.models import ArticleExtraction, DateInterval, Span, TimeExpression

MON, TUE, WED, THU = date(2024, 2, 5), date(2024, 2, 6), date(2024, 2, 7), date(2024, 2, 8)
TALKS = "Negotiators met in Cairo on Wednesday to discuss a ceasefire and the release of hostages."


def named_day(article: str, day: date, at: int = 5000, rule: str = "test", value: str | None = None) -> TimeExpression:
    interval = DateInterval(earliest=day, latest=day, granularity="day")
    return TimeExpression(
        id=f"t{at}",
        span=Span(start=at, end=at + 6),
        text="Monday",
        type="DATE",
        value=value or day.isoformat(),
        interval=interval,
        anchor="dct",
        anchor_date=THU,
        rule=rule,
    )


def attention(timeline, day: date, extractions: list[ArticleExtraction] | None = None) -> float:
    """The day's score without its burst: a window of the day alone leaves no neighbour to compare."""
    return day_scores(timeline, (day, day), extractions or ())[day]


def story() -> list[ArticleExtraction]:
    # Monday's departure is told by a and b, looking back; Wednesday's strike by c alone.
    return [
        extraction(info("a"), mention("a", 0, LEFT, "Thursday", MON, "Blinken")),
        extraction(info("b"), mention("b", 0, LEFT_COPY, "Thursday", MON, "Blinken")),
        extraction(info("c"), mention("c", 0, STRIKE, "Thursday", WED)),
    ]


def test_a_day_named_by_more_articles_looking_back_ranks_first():
    timeline = merge(story())
    # Monday: 2 articles name it, both published after it (2 + 2); Wednesday: 1 + 1.
    assert attention(timeline, MON) == 4.0 and attention(timeline, WED) == 2.0
    [key] = key_dates(timeline, 1)
    assert key.day == MON and key.sentences[0] in {LEFT, LEFT_COPY}


def test_days_the_texts_name_count_even_without_an_event_there():
    extractions = story()
    # Three more mentions of Wednesday in time expressions no event carries (captions, asides).
    extractions = [e.model_copy(update={"time_expressions": (named_day(e.article.id, WED),)}) for e in extractions]
    timeline = merge(extractions)
    scores = day_scores(timeline, extractions=extractions)
    assert scores[WED] > scores[MON]
    assert [k.day for k in key_dates(timeline, 1, extractions=extractions)] == [WED]


def test_now_and_durations_name_no_day():
    # "now" (PRESENT_REF) and "the past 24 hours" (PT24H) sit on the publication day but name no date.
    plain = story()
    vague = [
        e.model_copy(
            update={
                "time_expressions": (
                    named_day(e.article.id, WED, rule="reference", value="PRESENT_REF"),
                    named_day(e.article.id, WED, at=6000, rule="anchored_duration", value="PT24H"),
                )
            }
        )
        for e in plain
    ]
    assert date_mentions(vague) == {}
    assert day_scores(merge(vague), extractions=vague) == day_scores(merge(plain), extractions=plain)


def test_a_day_named_in_a_pair_counts_half_unless_also_named_alone():
    # a: "the events of 5 and 7 February" (a pair); b: the pair in a range "5-7 February" and Monday alone.
    pair = (named_day("a", MON, at=100, rule="range_day"), named_day("a", WED, at=106, rule="day_month"))
    ranged = (
        named_day("b", MON, at=100, rule="month_day"),
        named_day("b", WED, at=106, rule="range_end_day"),
        named_day("b", MON, at=900),
    )
    a, b, c = story()
    extractions = [
        a.model_copy(update={"time_expressions": pair}),
        b.model_copy(update={"time_expressions": ranged}),
        c,
    ]
    mentions = date_mentions(extractions)
    assert mentions[MON] == {"a": 0.5, "b": 1.0} and mentions[WED] == {"a": 0.5, "b": 0.5}
    # Monday: 1.5 naming it, all published after it: 1.5 + 1.5; Wednesday: 1 + 1.
    timeline = merge(extractions)
    assert attention(timeline, MON, extractions) == 3.0 and attention(timeline, WED, extractions) == 2.0


def test_a_tie_goes_to_the_day_whose_next_day_brought_more_articles():
    timeline = merge(story())  # every article came out on Thursday, the day after Wednesday
    assert ranked_days(timeline, {MON: 2.0, WED: 2.0}) == [WED, MON]
    assert ranked_days(timeline, {MON: 2.5, WED: 2.0}) == [MON, WED]


def test_publications_add_to_the_day_they_came_out():
    extractions = [*story(), extraction(info("d"), mention("d", 0, TALKS, "Wednesday", THU))]
    timeline = merge(extractions)
    # Thursday: named once (not after it), and all four articles came out that day.
    assert attention(timeline, THU) == 1 + 0 + 4


def test_a_day_that_stands_out_from_its_neighbours_outranks_the_day_after_a_big_one():
    # All published the next Monday. a, b: Monday (2 + 2); c: Tuesday (1 + 1); d: Thursday (1 + 1).
    later = "2024-02-12"
    extractions = [
        extraction(info("a", later), mention("a", 0, LEFT, "Thursday", MON, "Blinken")),
        extraction(info("b", later), mention("b", 0, LEFT_COPY, "Thursday", MON, "Blinken")),
        extraction(info("c", later), mention("c", 0, STRIKE, "Thursday", TUE)),
        extraction(info("d", later), mention("d", 0, TALKS, "Wednesday", THU)),
    ]
    timeline = merge(extractions)
    # Tuesday is as named as Thursday but sits next to Monday: 2 + (2 - (4 + 0) / 2); Thursday 2 + (2 - 0).
    assert day_scores(timeline) == {MON: 4 + (4 - 1), TUE: 2.0, THU: 4.0}
    assert [k.day for k in key_dates(timeline, 2)] == [MON, THU]
    # A neighbour outside the window is not observed: Tuesday is compared with Monday alone.
    assert day_scores(timeline, (MON, TUE)) == {MON: 4 + (4 - 2), TUE: 2 + (2 - 4)}


def test_central_sentences_tell_what_the_day_is_about():
    about = [
        "Rescuers searched the rubble of Port-au-Prince for survivors of the earthquake.",
        "The earthquake left rescuers searching the rubble of Port-au-Prince for survivors.",
        "A football match was postponed because of rain.",
    ]
    extractions = [
        extraction(info(f"x{i}"), mention(f"x{i}", 0, sentence, "rubble" if i < 2 else "match", WED))
        for i, sentence in enumerate(about)
    ]
    timeline = merge(extractions)
    # One sentence: one about the earthquake; two: the second near-copy is left out for the other one.
    assert central_sentences(timeline, WED, 1)[0] in about[:2]
    assert set(central_sentences(timeline, WED, 2)) & set(about[:2]) and len(central_sentences(timeline, WED, 2)) <= 2
    assert central_sentences(timeline, MON, 1) == ()


def test_select_top_keeps_the_events_of_the_key_days_and_says_how_many_are_left_out():
    timeline = merge(story())
    top = select_top(timeline, 1)
    assert {e.interval.earliest for e in top.events} == {MON}
    assert top.issues[-1].code == "M302" and "1 most salient days" in top.issues[-1].message
    assert select_top(timeline, 5) == timeline
    assert select_top(timeline, 0) == timeline


def test_top_auto_grows_with_the_story_and_keeps_at_least_five_days():
    timeline = merge(story())
    assert auto_top(timeline) == 5
    assert select_top(timeline, "auto") == timeline  # two days: nothing to leave out


def test_sentences_by_centrality_are_ordered_by_their_cosine_with_the_centroid_ties_by_sentence():
    """`_by_centrality` ranks as the cosine (`_cosine`) of each sentence's words with the centroid of all."""
    from collections import Counter

    from timeline.merge.salience import _by_centrality, _cosine
    from timeline.merge.similarity import content_words

    sentences = [
        "Rebels shelled the airport on Monday.",
        "The airport was shelled by rebels.",
        "Talks resumed in Geneva.",
        "Geneva talks resumed.",  # the same words as the one before: a tie, broken by the sentence
        "Rebels shelled the airport again and talks stalled.",
        "",
        "It rained.",
    ]
    vectors = {s: Counter(content_words(s)) for s in sentences}
    centroid = sum(vectors.values(), Counter())
    expected = sorted(sentences, key=lambda s: (-_cosine(vectors[s], centroid), s))
    assert _by_centrality(sentences) == expected
    assert expected.index("Geneva talks resumed.") + 1 == expected.index("Talks resumed in Geneva.")
    assert expected[0] == "Rebels shelled the airport again and talks stalled."
    assert _by_centrality(list(reversed(sentences))) == expected


def test_key_signals_are_the_day_scores_without_burst_the_period_scores_and_the_central_actors():
    """`_key_signals` reads in one pass what `day_scores` (no burst), `_period_scores`, `central_actors` and
    `_asserted_sentences` give; the events by slot."""
    from collections import defaultdict

    from tests.factories import default_articles, make_event, make_interval, make_provenance, make_timeline
    from timeline.merge.salience import _asserted_sentences, _key_signals, _period_scores, central_actors

    globe, copy = default_articles()  # published 2024-02-08 and 2024-01-03
    spans = [
        ("2024-01-02", None, "day", "explicit"),
        ("2024-01-02", None, "day", "publication"),  # a day no text names: its publications only
        ("2024-01-03", None, "day", "explicit"),
        ("2024-02-10", None, "day", "explicit"),  # after both publications
        ("2024-01-05", None, "week", "explicit"),  # one day, not a day's granularity: no slot of its own
        ("2024-01-01", "2024-01-31", "month", "explicit"),  # a period of 31 days
        ("2024-01-01", "2024-02-01", "month", "explicit"),  # 32 days: no period
        ("2024-01-20", "2024-01-21", "day", "publication"),  # a period no text names
        ("2024-03-01", "2024-03-02", "day", "explicit"),  # a period after the window below
    ]
    events = []
    for i, (first, last, granularity, source) in enumerate(spans):
        interval = make_interval(first, last, granularity)
        provenance = tuple(
            make_provenance(article, f"It happened, number {i}.", None, interval, time_source=source, sentence_start=i)
            for article in (globe, copy)
        )
        if i % 3 == 0:  # the copy reports it: its sentence is not asserted
            provenance = (provenance[0], provenance[1].model_copy(update={"factuality": "reported"}))
        # an actor named twice in one event counts once: Hamas (2 events) is central beside Israel (7)
        cast = [("Israel",), ("Hamas", "Israel"), ("Israel", "Israel"), (), ("Israel",)][i % 5]
        events.append(make_event(f"e{i}", f"It happened {i}", interval, provenance, actors=cast))
    events.append(make_event("e-again", "It happened again", make_interval("2024-01-02"), events[0].provenance))
    timeline = make_timeline(articles=(globe, copy), events=tuple(events), conflicts=())
    for window in (None, (date(2024, 1, 1), date(2024, 2, 28)), (date(2024, 1, 2), date(2024, 1, 3))):
        expected = {(d, d): s for d, s in day_scores(timeline, window, burst=False).items()}
        expected.update(_period_scores(timeline, window))
        members = defaultdict(list)
        for event in timeline.events:
            if (event.interval.earliest, event.interval.latest) in expected:
                members[(event.interval.earliest, event.interval.latest)].append(event)
        signals = _key_signals(timeline, window)
        assert signals.scores == expected and signals.members == members
        assert len(signals.scores) >= 2
        assert signals.central == central_actors(timeline) == {"a-israel", "a-hamas"}
        assert signals.asserted == _asserted_sentences(timeline.events)
