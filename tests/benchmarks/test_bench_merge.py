"""`bench_merge --semeval-only` rewrites subsection (b) and the SemEval bars, and nothing else of the section."""

from bench.bench_merge import NEXT_HEADING, SEMEVAL_HEADING, splice_semeval

SECTION = "\n".join(
    [
        "## bench-merge: the merger (issue #5)",
        "",
        "### (a) Seeds and the bars of issue #5",
        "",
        "- PASS: same date: no date conflict",
        "- PASS: SemEval-2015 TimeLine trial: official F1 29.1 >= 25 (issue #11)",
        "- FAIL: SemEval-2015 TimeLine gm: official F1 21.2 >= 25 (issue #11)",
        "- PASS: 100,000 mentions merged in under 60 s",
        "",
        SEMEVAL_HEADING,
        "",
        "| old table |",
        "",
        f"{NEXT_HEADING}Perturbation",
        "",
        "- the perturbation figures",
    ]
)


def test_bench_merge_semeval_only_replaces_subsection_b_and_its_bars():
    bars = [
        ("SemEval-2015 TimeLine trial: official F1 33.1 >= 25 (issue #11)", True),
        ("SemEval-2015 TimeLine gm: official F1 31.6 >= 25 (issue #11)", True),
    ]
    new = splice_semeval(SECTION, ["| new table |"], bars)
    assert "| new table |" in new and "| old table |" not in new
    assert "- PASS: SemEval-2015 TimeLine gm: official F1 31.6 >= 25 (issue #11)" in new
    assert "21.2" not in new and "29.1" not in new
    for kept in ("- PASS: same date: no date conflict", "- PASS: 100,000 mentions", "- the perturbation figures"):
        assert kept in new
