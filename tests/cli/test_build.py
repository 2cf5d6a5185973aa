"""`timeline build` on the real samples: outputs, conflicts, date overrides, undated seeds."""

from __future__ import annotations

import csv
import io

import pytest
from cli_support import COPY, GAZA, ORIGINAL, OUTPUT_FILES, SEEDS, Built, load_json, run, stderr_lines

REQUIRED_EVENT_COLUMNS = (
    "event_id", "date", "start", "end", "granularity", "title", "actors", "n_sources", "sources", "conflict",
    "evidence",
)


def _articles_of(event: dict) -> set[str]:
    return {provenance["article_id"] for provenance in event["provenance"]}


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_build_gaza_exits_0_and_writes_every_output(gaza_build: Built) -> None:
    assert gaza_build.result.exit_code == 0, gaza_build.result.output
    for name in OUTPUT_FILES:
        path = gaza_build.out / name
        assert path.is_file(), name
        assert path.stat().st_size > 0, name
    assert sorted(article["id"] for article in gaza_build.timeline["articles"]) == [ORIGINAL, COPY]


def test_events_csv_has_the_required_columns_in_order(gaza_build: Built) -> None:
    rows = _csv_rows((gaza_build.out / "events.csv").read_text(encoding="utf-8"))
    header = rows[0]
    assert header[0] == "event_id"
    positions = [header.index(column) for column in REQUIRED_EVENT_COLUMNS]
    assert positions == sorted(positions), header
    # Only n_mentions sits between the required columns; kind comes after them (documented extras).
    assert set(header) - set(REQUIRED_EVENT_COLUMNS) <= {"n_mentions", "kind"}, header
    assert header[-1] == "kind"
    events = gaza_build.timeline["events"]
    assert len(rows) - 1 == len(events)
    by_id = {event["id"]: event for event in events}
    for row in rows[1:]:
        record = dict(zip(header, row, strict=True))
        event = by_id[record["event_id"]]
        assert record["start"] == event["interval"]["earliest"]
        assert record["end"] == event["interval"]["latest"]
        assert int(record["n_sources"]) == event["n_sources"]
        # The conflict column describes the disagreement; it is empty exactly when there is none.
        assert bool(record["conflict"]) == bool(event["conflict_id"])


def test_mentions_csv_has_one_row_per_provenance(gaza_build: Built) -> None:
    rows = _csv_rows((gaza_build.out / "mentions.csv").read_text(encoding="utf-8"))
    header = rows[0]
    provenance = {(event["id"], item["mention_id"]) for event in gaza_build.timeline["events"]
                  for item in event["provenance"]}
    placed = [row for row in rows[1:] if row[header.index("event_id")]]
    found = {(row[header.index("event_id")], row[header.index("mention_id")]) for row in placed}
    assert len(placed) == len(provenance)
    assert found == provenance
    # then one row per mention the merger could not place, with no event id
    unplaced = {row[header.index("mention_id")] for row in rows[1:] if not row[header.index("event_id")]}
    assert unplaced == {m["id"] for m in gaza_build.timeline["unplaced"]}


def test_gaza_has_conflicts_between_the_two_articles(gaza_build: Built) -> None:
    timeline = gaza_build.timeline
    events = {event["id"]: event for event in timeline["events"]}
    crossing = [
        conflict for conflict in timeline["conflicts"]
        if {claim["article_id"] for claim in conflict["claims"]} >= {ORIGINAL, COPY}
    ]
    assert len(crossing) >= 5, [conflict["id"] for conflict in timeline["conflicts"]]
    for conflict in timeline["conflicts"]:
        assert events[conflict["event_id"]]["conflict_id"] == conflict["id"]
        assert conflict["chosen_article_id"] in {claim["article_id"] for claim in conflict["claims"]}


def test_gaza_events_come_from_both_articles(gaza_build: Built) -> None:
    told = set().union(*(_articles_of(event) for event in gaza_build.timeline["events"]))
    assert told == {ORIGINAL, COPY}


def test_report_names_both_articles(gaza_build: Built) -> None:
    html = (gaza_build.out / "timeline.html").read_text(encoding="utf-8")
    assert "<html" in html
    for article in gaza_build.timeline["articles"]:
        assert article["id"] in html or (article["source"] and article["source"] in html), article["id"]


def test_build_reports_the_manifest_it_used(gaza_build: Built) -> None:
    result = gaza_build.result
    assert any("[I100]" in line and "manifest.csv" in line for line in stderr_lines(result))
    assert any(line.startswith("wrote ") for line in stderr_lines(result))


def test_published_override_removes_the_conflicts(tmp_path, gaza_build: Built) -> None:
    out = tmp_path / "out"
    result = run("build", GAZA, "--out", out, "--published", f"{COPY}=2024-02-08", "--plotlyjs", "cdn", "-q")
    assert result.exit_code == 0, result.output
    timeline = load_json(out / "timeline.json")
    assert timeline["conflicts"] == []
    copy = next(article for article in timeline["articles"] if article["id"] == COPY)
    assert (copy["published"], copy["published_origin"]) == ("2024-02-08", "cli")
    shared = [event for event in timeline["events"] if _articles_of(event) == {ORIGINAL, COPY}]
    assert len(shared) >= 4
    assert all(event["n_sources"] == 2 for event in shared)
    assert all(event["conflict_id"] is None for event in timeline["events"])
    # The events that were in conflict before are now agreed on by both sources.
    before = {conflict["event_id"] for conflict in gaza_build.timeline["conflicts"]}
    assert before <= {event["id"] for event in shared}


def test_raw_seeds_without_manifest_warn_about_the_missing_date(tmp_path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    out = tmp_path / "out"
    result = run("build", SEEDS / f"{ORIGINAL}.txt", SEEDS / f"{COPY}.txt", "--out", out, "--plotlyjs", "cdn")
    assert result.exit_code == 0, result.output
    warnings = [line for line in stderr_lines(result) if "[I120]" in line]
    assert len(warnings) == 1, result.stderr
    assert ORIGINAL in warnings[0]
    assert f"--published {ORIGINAL}=" in warnings[0]
    issues = load_json(out / "timeline.json")["issues"]
    assert [(issue["code"], issue["article_id"]) for issue in issues if issue["code"] == "I120"] == [
        ("I120", ORIGINAL)
    ]
    articles = {article["id"]: article for article in load_json(out / "timeline.json")["articles"]}
    assert set(articles) == {ORIGINAL, COPY}
    # The only dated source's own text contradicts its date (M303): nothing is inferred from it.
    assert articles[ORIGINAL]["published"] is None
    assert not [issue for issue in issues if issue["code"] == "E202"]


def test_undated_seed_gets_its_date_inferred_from_the_other_source(tmp_path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    out = tmp_path / "out"
    inputs = (SEEDS / f"{ORIGINAL}.txt", SEEDS / f"{COPY}.txt")
    result = run("build", *inputs, "--out", out, "--published", f"{COPY}=2024-02-08", "--plotlyjs", "cdn", "-q")
    assert result.exit_code == 0, result.output
    timeline = load_json(out / "timeline.json")
    original = next(article for article in timeline["articles"] if article["id"] == ORIGINAL)
    assert (original["published"], original["published_origin"]) == ("2024-02-08", "inferred")
    (issue,) = [issue for issue in timeline["issues"] if issue["code"] == "E202"]
    assert issue["article_id"] == ORIGINAL and "inferred 2024-02-08" in issue["message"]
    assert "('Thursday' here; 2024-02-08 in" in issue["message"]
    assert timeline["conflicts"] == []
    assert len([event for event in timeline["events"] if _articles_of(event) == {ORIGINAL, COPY}]) >= 4


def test_gaza_wrong_publication_date_is_diagnosed_once(gaza_build: Built) -> None:
    timeline = load_json(gaza_build.out / "timeline.json")
    diagnoses = [issue for issue in timeline["issues"] if issue["code"] == "M301"]
    assert len(diagnoses) == 1
    (issue,) = diagnoses
    assert issue["article_id"] == COPY
    assert "2024-01-03" in issue["message"] and "about 5 weeks" in issue["message"]
    assert "before" in issue["message"]
    explained = [c for c in timeline["conflicts"] if c["explanation"]]
    assert len(explained) == len(timeline["conflicts"]) >= 5
    assert "M301" in gaza_build.result.stderr


def test_gaza_wrong_publication_date_contradicts_its_own_text(gaza_build: Built) -> None:
    timeline = load_json(gaza_build.out / "timeline.json")
    (issue,) = [issue for issue in timeline["issues"] if issue["code"] == "M303"]
    assert issue["article_id"] == COPY
    assert "'the past four months' counted back from it starts on 2023-09-03" in issue["message"]
    earliest, latest = issue["hint"].split("between ")[1].split(";")[0].split(" and ")
    assert earliest <= "2024-02-08" <= latest  # the true date is inside the window the text suggests
