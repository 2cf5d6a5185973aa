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
