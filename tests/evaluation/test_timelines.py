"""The SemEval-2015 TimeLine scorer on tiny timelines whose scores are worked out by hand."""

from pathlib import Path

import pytest

from timeline.errors import InputError
from timeline.evaluation.timelines import (
    Awareness,
    EntityTimeline,
    align_mentions,
    closure,
    format_timeline,
    normalise_date,
    official_awareness,
    official_lines,
    official_relations,
    official_scores,
    official_total,
    order_pairs,
    parse_timeline,
    read_timeline_dir,
    score_timeline,
    temporal_awareness,
    timeline_relations,
    transitive_reduction,
)

TRIAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "semeval2015-trial"

GOLD = "Target\n1\t2010-06-07\td-1-a\n1\t2010-06-07\td-1-b\n2\t2010-06-08\td-2-c\n3\t2010-06-09\td-3-d\n"
# c and d swapped, b missing
SYSTEM = "Target\n1\t2010-06-07\td-1-a\n2\t2010-06-08\td-3-d\n3\t2010-06-09\td-2-c\n"


def timeline(text: str) -> EntityTimeline:
    return parse_timeline(text)


def test_timelines_reduced_graph_of_a_timeline():
    assert timeline_relations(timeline(GOLD)) == {
        ("e:d-1-a", "SIMULTANEOUS", "e:d-1-b"),
        ("t:2010-06-07", "INCLUDES", "e:d-1-a"),
        ("t:2010-06-08", "INCLUDES", "e:d-2-c"),
        ("t:2010-06-09", "INCLUDES", "e:d-3-d"),
        ("e:d-1-b", "BEFORE", "e:d-2-c"),
        ("e:d-2-c", "BEFORE", "e:d-3-d"),
    }


def test_timelines_closure_chains_before_simultaneous_and_includes():
    implied = closure([("a", "BEFORE", "b"), ("b", "BEFORE", "c"), ("t", "INCLUDES", "a"), ("a", "SIMULTANEOUS", "x")])
    assert ("a", "BEFORE", "c") in implied
    assert ("x", "BEFORE", "c") in implied  # through a = x
    assert ("t", "INCLUDES", "x") in implied
    assert not any({r[0], r[2]} == {"t", "b"} for r in implied)  # t holds a, but b after a may or may not be in t
    assert ("a", "BEFORE", "d") in closure([("a", "BEFORE", "b"), ("b", "INCLUDES", "d")])
    assert ("c", "BEFORE", "a") in closure([("a", "AFTER", "b"), ("b", "AFTER", "c")])


def test_timelines_built_graph_is_already_reduced():
    relations = timeline_relations(timeline(GOLD))
    assert transitive_reduction(relations) == relations
    redundant = relations | {("e:d-1-a", "BEFORE", "e:d-3-d"), ("t:2010-06-07", "INCLUDES", "e:d-1-b")}
    reduced = transitive_reduction(redundant)  # a reduction is not unique: same size, same closure
    assert len(reduced) == len(relations) and closure(reduced) == closure(relations)
    assert ("e:d-1-a", "BEFORE", "e:d-3-d") not in reduced


def test_timelines_temporal_awareness_by_hand():
    # Sys⁻: t7⊃a ✓, t8⊃d ✗, t9⊃c ✗, a<d ✓ (only through the gold closure a=b<c<d), d<c ✗  -> P = 2/5
    # Gold⁻: a=b ✗ (b missing), t7⊃a ✓, t8⊃c ✗, t9⊃d ✗, b<c ✗, c<d ✗                      -> R = 1/6
    score = temporal_awareness(timeline(GOLD), timeline(SYSTEM))
    assert (score.system, score.system_correct, score.gold, score.gold_found) == (5, 2, 6, 1)
    assert score.f1 == pytest.approx(4 / 17)


def test_timelines_identical_timelines_score_one_and_empty_scores_zero():
    same = temporal_awareness(timeline(GOLD), timeline(GOLD))
    assert same.precision == same.recall == same.f1 == 1.0
    empty = temporal_awareness(timeline(GOLD), timeline("x\n0\tXXXX-XX-XX\td-1-a\n"))
    assert (empty.system, empty.f1) == (0, 0.0)


def test_timelines_position_zero_has_no_relations():
    text = "0\tXXXX-XX-XX\td-1-a\n0\tXXXX-XX-XX\td-1-b\n1\t2010\td-2-c\n"
    assert timeline_relations(timeline(text)) == {("t:2010", "INCLUDES", "e:d-2-c")}


def test_timelines_dates_and_parsing():
    assert normalise_date("2008-03-XX") == "2008-03"
    assert normalise_date("2010-XX-XX") == "2010"
    assert normalise_date("1968") == "1968"
    assert normalise_date("XXXX-XX-XX") is None and normalise_date("XXX-XX-XX") is None
    parsed = timeline("Steve Jobs\n8\t2004\t17677-5-fought\t18315-7-fighting\n")
    assert parsed.target == "Steve Jobs"
    assert parsed.entries[0].mentions == ("17677-5-fought", "18315-7-fighting")
    assert parse_timeline(format_timeline(parsed)) == parsed
    with pytest.raises(InputError, match="t.txt:2: not a timeline line"):
        parse_timeline("T\n1\t2004\n", path="t.txt")
    with pytest.raises(InputError, match="docid-sentence-token"):
        parse_timeline("1\t2004\tnot_a_mention\n")


def test_timelines_alignment_exact_first_then_shared_word():
    gold = ["4954-2-court_case", "4954-2-lost", "4954-3-argued"]
    system = ["4954-2-case", "4954-2-lost", "4954-3-said", "4954-9-lost"]
    assert align_mentions(gold, system) == {"4954-2-case": "4954-2-court_case", "4954-2-lost": "4954-2-lost"}


def test_timelines_simple_figures_by_hand():
    gold = timeline("1\t2006-03\td-1-a\n2\t2006-05-08\td-2-court_case\n3\t2007\td-3-c\n0\tXXXX-XX-XX\td-4-e\n")
    system = timeline("1\t2006-03-28\td-1-a\n2\t2006-05-09\td-2-case\n2\t2006-05-09\td-3-c\n1\t2006-03-28\td-9-z\n")
    score = score_timeline(gold, system)
    assert (score.gold_mentions, score.system_mentions, score.matched_mentions) == (4, 4, 3)
    # a: 2006-03-28 inside 2006-03 (right, not exact); court_case: a day off (wrong); c: 2006-05-09 in 2007? no
    assert (score.dated_matched, score.anchor_correct, score.anchor_exact) == (3, 1, 0)
    # gold pairs: a<cc, a<c, cc<c; system pairs (aligned): a<cc, a<c, a=z, cc=c, cc>z, c>z -> 2 shared of 3 / 6
    assert (score.order_gold, score.order_system, score.order_matched) == (3, 6, 2)
    assert score.order_f1 == pytest.approx(2 * (2 / 6) * (2 / 3) / (2 / 6 + 2 / 3))
    assert score.aligned.system_correct >= score.strict.system_correct


def test_timelines_order_pairs_skip_position_zero():
    pairs = order_pairs(timeline("0\tXXXX-XX-XX\td-1-z\n1\t2001\td-1-a\n2\t2002\td-1-b\n2\t2002\td-1-c\n"))
    assert pairs == {("d-1-a", "<", "d-1-b"), ("d-1-a", "<", "d-1-c"), ("d-1-b", "=", "d-1-c")}


def test_timelines_trial_gold_scores_one_against_itself():
    folder = TRIAL / "TimeLines_trial_data_task4_v1.2"
    if not folder.is_dir():
        pytest.skip(f"SemEval-2015 trial data not found at {folder}")
    gold = read_timeline_dir(folder)
    assert set(gold) >= {"steve_jobs", "ipod", "beatles_apple_corps"}
    assert gold["steve_jobs"].target == "Steve Jobs"
    for entity in gold.values():
        score = score_timeline(entity, entity)
        assert score.strict.f1 == 1.0 and score.order_f1 in (0.0, 1.0)


def test_timelines_target_names_resource_examples():
    from timeline.evaluation.entity_timelines import involves, load_target_names

    examples = load_target_names().examples
    assert examples
    for example in examples:
        assert involves(example.text, example.target) is example.involved, example


def _event(document, article_id: str, word: str, day: str | None, title: str | None = None, actor: str | None = None):
    from datetime import date

    from timeline.models import DateInterval, EventActor, EventMention, Span, TimeExpression

    start = document.text.index(word)
    sentence = next(span for span in document.sentence_spans if span.start <= start < span.end)
    line_start, line_end = sentence.start, sentence.end
    time = None
    if day:
        when = date.fromisoformat(day)
        time = TimeExpression(
            id=f"t{start}",
            span=Span(start=start, end=start + 1),
            text=day,
            type="DATE",
            value=day,
            interval=DateInterval(earliest=when, latest=when, granularity="day"),
            anchor="absolute",
            rule="test",
        )
    return EventMention(
        id=f"{article_id}#e{start}",
        article_id=article_id,
        title=title or word,
        trigger=word,
        trigger_span=Span(start=start, end=start + len(word)),
        actors=(EventActor(actor_id=actor.lower(), name=actor, role="agent"),) if actor else (),
        sentence=document.text[line_start:line_end],
        sentence_span=Span(start=line_start, end=line_end),
        time=time,
        time_source="explicit" if day else "none",
        confidence=0.8,
    )


def test_timelines_entity_timeline_from_a_merged_timeline():
    from tests.evaluation.cat_xml import CatBuilder
    from timeline.evaluation.entity_timelines import entity_timeline
    from timeline.evaluation.meantime import read_meantime
    from timeline.merge import merge
    from timeline.models import ArticleExtraction, ArticleInfo

    cat = CatBuilder()
    cat.sentence("Jobs unveils phone")
    cat.sentence("Steve Jobs unveiled the phone in 2010 .")
    cat.sentence("Sales fell in 2009 .")
    cat.sentence("Jobs said it would sell well .")
    cat.sentence("He announced that sales fell in 2011 .")
    document = read_meantime(cat.xml("1_test"))
    events = (
        _event(document, "a", "unveiled", "2010-06-07", title="Steve Jobs unveiled the phone"),
        _event(document, "a", "fell", "2009-01-05"),
        _event(document, "a", "said", None, title="Jobs said"),
        _event(document, "a", "sell", None, title="It would sell well"),  # in a sentence naming Jobs: not his
        _event(document, "a", "announced", "2011-03-01", actor="Steve Jobs"),  # "He", resolved by coref
    )
    info = ArticleInfo(id="a", published=None, n_chars=len(document.text))
    timeline = merge([ArticleExtraction(article=info, events=events)])
    system = entity_timeline("steve_jobs", timeline, {e.id: e for e in events}, {"a": document})
    assert system.target == "Steve Jobs"
    assert [(e.position, e.date, e.mentions) for e in system.entries] == [
        (0, "XXXX-XX-XX", ("1-3-said",)),  # undated, names Jobs
        (1, "2010-06-07", ("1-1-unveiled",)),  # "fell" does not involve him
        (2, "2011-03-01", ("1-4-announced",)),  # his through coreference
    ]


def test_timelines_a_publication_day_guess_is_written_as_the_publication_day():
    """"Jobs said" in a paper of 2010-06-08 is dated 2010-06-06..08 (a past report): the task's one date is the 8th."""
    from datetime import date

    from tests.evaluation.cat_xml import CatBuilder
    from timeline.evaluation.entity_timelines import entity_timeline
    from timeline.evaluation.meantime import read_meantime
    from timeline.merge import merge
    from timeline.models import ArticleExtraction, ArticleInfo, DateInterval

    cat = CatBuilder()
    cat.sentence("Jobs said the phone would sell well .")
    document = read_meantime(cat.xml("1_test"))
    said = _event(document, "a", "said", "2010-06-08", title="Jobs said")
    guess = DateInterval(earliest=date(2010, 6, 6), latest=date(2010, 6, 8), granularity="day")
    said = said.model_copy(
        update={"time_source": "publication", "time": said.time.model_copy(update={"interval": guess, "anchor": "dct"})}
    )
    info = ArticleInfo(id="a", published=date(2010, 6, 8), n_chars=len(document.text))
    timeline = merge([ArticleExtraction(article=info, events=(said,))])
    system = entity_timeline("steve_jobs", timeline, {said.id: said}, {"a": document})
    assert [(e.position, e.date) for e in system.entries] == [(1, "2010-06-08")]


def test_timelines_a_target_in_another_role_does_not_take_part():
    from timeline.evaluation.entity_timelines import mention_involves
    from timeline.models import EventActor, EventMention, Span

    def mention(role: str, title: str) -> EventMention:
        return EventMention(
            id="a#e0",
            article_id="a",
            title=title,
            trigger="stood",
            trigger_span=Span(start=0, end=5),
            actors=(EventActor(actor_id="jobs", name="Steve Jobs", role=role),),
            sentence=title,
            sentence_span=Span(start=0, end=len(title)),
            confidence=0.3,
        )

    assert mention_involves(mention("agent", "Steve Jobs stood on the stage"), "steve_jobs")
    assert mention_involves(mention("patient", "Apple fired Steve Jobs"), "steve_jobs")
    # "Tim Cook stood in Steve Jobs' place": a name inside a phrase of the clause, even in the title
    assert not mention_involves(mention("other", "Tim Cook stood in Steve Jobs place"), "steve_jobs")
    # a product named in what a report says takes part in the content, not in the report
    report = mention("agent", "Steve Jobs announced podcasting in iTunes").model_copy(update={"factuality": "reported"})
    assert mention_involves(report, "steve_jobs") and not mention_involves(report, "itunes_store")


def test_timelines_reference_examples():
    from timeline.evaluation.entity_timelines import load_target_names, refers_back

    examples = load_target_names().reference_examples
    assert examples
    for example in examples:
        before = example.title[: example.title.index(example.trigger)]
        window = f"{example.before} {before}"
        assert refers_back(example.target, example.title, before, window) is example.involved, example


def test_timelines_its_before_an_event_noun_refers_back():
    from timeline.evaluation.entity_timelines import refers_back

    assert refers_back("itunes_store", "Launch", "Since its ", "The iTunes Store grew. Since its ")
    # a person is never "it": the phone named before Jobs is still the one "it" refers to
    assert refers_back("iphone_4", "It has a new screen", "It ", "Jobs showed iPhone 4 to Jobs's fans. It ")
    assert not refers_back("steve_jobs", "It has a new screen", "It ", "Steve Jobs spoke. It ")


def test_timelines_a_publication_guess_takes_the_story_day_inside_it():
    from datetime import date

    from timeline.evaluation.entity_timelines import _guessed_day
    from timeline.models import DateInterval

    guess = DateInterval(earliest=date(2010, 7, 15), latest=date(2010, 7, 17), granularity="day")
    assert _guessed_day(guess, date(2010, 7, 16)).earliest == date(2010, 7, 16)
    assert _guessed_day(guess, date(2010, 6, 7)).earliest == date(2010, 7, 17)  # outside: the paper's day
    assert _guessed_day(guess, None).latest == date(2010, 7, 17)


def test_timelines_date_value_of_a_week_across_two_months_is_its_thursdays_month():
    from datetime import date

    from timeline.evaluation.entity_timelines import date_value
    from timeline.models import DateInterval

    week = DateInterval(earliest=date(2006, 3, 27), latest=date(2006, 4, 2), granularity="week")
    assert date_value(week) == "2006-03"
    late = DateInterval(earliest=date(2006, 5, 29), latest=date(2006, 6, 4), granularity="week")
    assert date_value(late) == "2006-06"


# The official definition ------------------------------------------------------------------------------


def test_official_a_year_and_its_xx_form_are_different_times():
    gold = "T\n1\t2008-XX-XX\td-1-a\n2\t2008-03-XX\td-2-b\n"
    system = "T\n1\t2008\td-1-a\n2\t2008-03-XX\td-2-b\n"
    assert official_awareness(gold, gold) == Awareness(3, 3, 3, 3)
    # a = 2008 is no gold relation, b = 2008-03-XX and a BEFORE b are
    assert official_awareness(gold, system) == Awareness(system=3, system_correct=2, gold=3, gold_found=2)


def test_official_every_event_is_simultaneous_with_its_date_and_chained_to_the_next():
    lines = official_lines("T\n2\t2010-06-08\td-2-c\n1\t2010-06-07\td-1-a\td-1-b\n0\tXXXX-XX-XX\td-9-z\n")
    assert official_relations(lines) == [
        ("e:d-1-a#0", "SIMULTANEOUS", "t:2010-06-07"),
        ("e:d-1-b#0", "SIMULTANEOUS", "t:2010-06-07"),
        ("e:d-2-c#0", "SIMULTANEOUS", "t:2010-06-08"),
        ("e:d-1-a#0", "SIMULTANEOUS", "e:d-1-b#0"),
        ("e:d-1-b#0", "BEFORE", "e:d-2-c#0"),
    ]


def test_official_two_positions_on_one_date_make_a_violated_relation_that_still_counts():
    gold = "T\n1\t2005-06-06\td-1-a\n2\t2005-06-06\td-1-b\n"
    # a = t and b = t make a = b, so a BEFORE b contradicts them: kept in the reduced graph, out of the closure
    assert official_awareness(gold, gold) == Awareness(3, 3, 3, 3)
    together = "T\n1\t2005-06-06\td-1-a\td-1-b\n"  # a = b is implied by the date: redundant
    assert official_awareness(gold, together) == Awareness(system=2, system_correct=2, gold=3, gold_found=2)


def test_official_first_line_is_dropped_and_lines_sort_naturally():
    no_header = "1\t2010-06-07\td-1-a\n2\t2010-06-08\td-2-b\n"
    assert [line.position for line in official_lines(no_header)] == [2]
    lines = official_lines("T\n10\t2010-06-10\td-1-x\n9\t2010-06-09\td-1-y\n")
    assert [line.position for line in lines] == [9, 10]
    with pytest.raises(InputError, match="not a number"):
        official_lines("T\nfirst\t2010\td-1-a\n")


def test_official_repeated_mentions_match_by_occurrence():
    gold = "T\n1\t2010-06-07\td-1-said\n2\t2010-06-08\td-1-said\n"
    assert official_awareness(gold, gold).f1 == 1.0
    once = "T\n2\t2010-06-08\td-1-said\n"  # its one "said" is the gold's first one, on the other date
    score = official_awareness(gold, once)
    assert (score.system, score.system_correct) == (1, 0)


def test_official_a_missing_system_file_is_skipped(tmp_path):
    gold, system = tmp_path / "gold", tmp_path / "system"
    gold.mkdir()
    system.mkdir()
    (gold / "a.txt").write_text("A\n1\t2010-06-07\td-1-a\n2\t2010-06-08\td-2-b\n", encoding="utf-8")
    (gold / "b.txt").write_text("B\n1\t2010-06-07\td-1-c\n", encoding="utf-8")
    (system / "a.txt").write_text("A\n1\t2010-06-07\td-1-a\n2\t2010-06-08\td-2-b\n", encoding="utf-8")
    scores = official_scores(gold, system)
    assert scores["b"] is None
    assert official_total(scores).f1 == 1.0  # b's gold relations are not counted
    (system / "b.txt").write_text("B\n", encoding="utf-8")
    assert official_total(official_scores(gold, system)).recall == 3 / 4


def test_official_trial_gold_scores_one_against_itself():
    if not TRIAL.is_dir():
        pytest.skip(f"SemEval-2015 trial data not found at {TRIAL}")
    gold = TRIAL / "TimeLines_trial_data_task4_v1.2"
    assert official_total(official_scores(gold, gold)).f1 == 1.0
