"""JSON and JSON Lines records."""

from __future__ import annotations

import json
from datetime import date

import pytest

from timeline.ingest import read_articles


def _jsonl(*lines: object) -> str:
    return "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"


def test_jsonl_with_malformed_line_in_the_middle(write) -> None:
    content = _jsonl(
        {
            "id": "a",
            "source": "AP",
            "url": "https://a",
            "title": "A",
            "published": "2024-02-08",
            "text": "One.",
        },
        "",
        '{"id": "broken", "text": ',
        {"id": "c", "text": "Three.", "language": "fr"},
    )
    result = read_articles([write("feed.jsonl", content)])
    assert [article.id for article in result.articles] == ["a", "c"]
    first, second = result.articles
    assert (first.source, first.url, first.title) == ("AP", "https://a", "A")
    assert (first.published, first.published_origin) == (date(2024, 2, 8), "record")
    assert second.language == "fr"
    (broken,) = [issue for issue in result.issues if issue.code == "I160"]
    assert broken.line == 3
    assert broken.message.startswith(f"{result.articles[0].path}:3: not valid JSON (")
    assert broken.hint == "fix or remove the line"


@pytest.mark.parametrize(
    ("record", "code"),
    [
        ({"id": "x"}, "I162"),
        ({"id": "x", "text": 5}, "I162"),
        ({"id": "x", "text": None}, "I162"),
        ({"id": "x", "text": "   "}, "I162"),
        ([1, 2], "I161"),
        ('"just a string"', "I161"),
        ("null", "I161"),
    ],
)
def test_unusable_record_is_skipped(write, record: object, code: str) -> None:
    content = _jsonl({"id": "ok", "text": "Fine.", "published": "2024-01-01"}, record)
    result = read_articles([write("feed.jsonl", content)])
    assert [article.id for article in result.articles] == ["ok"]
    (issue,) = result.issues
    assert (issue.code, issue.line) == (code, 2)
    assert "feed.jsonl:2" in issue.message


def test_record_fields(write) -> None:
    content = _jsonl(
        {"text": "No id.", "published": "2024-02-08T23:30:00-05:00"},
        {"id": 7, "text": "Numeric id.", "author": "someone", "title": ["not", "text"]},
        {"id": "d", "text": "Bad date.", "published": "2024-02-30"},
    )
    result = read_articles([write("feed.jsonl", content)])
    by_id = {article.id: article for article in result.articles}
    assert sorted(by_id) == ["7", "d", "feed-1"]
    assert by_id["feed-1"].published == date(2024, 2, 9)
    assert by_id["7"].title == "Numeric id."
    assert by_id["d"].published is None
    found = sorted((issue.code, issue.line) for issue in result.issues)
    assert ("I141", 2) in found and ("I142", 2) in found and ("I130", 3) in found


def test_json_list(write) -> None:
    content = (
        '[\n  {"id": "j1", "text": "One.", "published": "2024-01-02"},\n'
        '  {"text": "Two."},\n'
        '  {"id": 1.5}\n'
        "]\n"
    )
    result = read_articles([write("list.json", content)])
    assert [article.id for article in result.articles] == ["j1", "list-3"]
    (missing_text,) = [issue for issue in result.issues if issue.code == "I162"]
    assert missing_text.line == 4
    assert "list.json:4" in missing_text.message


def test_json_single_object(write) -> None:
    result = read_articles([write("one.json", json.dumps({"text": "Only.", "published": "2024-03-01"}))])
    (article,) = result.articles
    assert (article.id, article.published_origin) == ("one", "record")


def test_json_not_json(write) -> None:
    ok = write("ok.txt", "date 2024-01-01\n\nText.\n")
    result = read_articles([write("bad.json", '{"text": "x",\n  oops}\n'), ok])
    (issue,) = result.issues
    assert issue.code == "I160"
    assert issue.line == 2
    assert "bad.json:2" in issue.message


def test_duplicate_ids_within_a_file(write) -> None:
    content = _jsonl({"id": "a", "text": "One."}, {"id": "a", "text": "Two."})
    result = read_articles([write("feed.jsonl", content)], published={"a": "2024-01-01", "a-2": "2024-01-02"})
    assert [(article.id, article.text) for article in result.articles] == [("a", "One."), ("a-2", "Two.")]
    (renamed,) = [issue for issue in result.issues if issue.code == "I121"]
    assert renamed.line == 2 and "feed.jsonl" in renamed.message and "'a-2'" in renamed.message


def test_record_text_line_endings(write) -> None:
    result = read_articles([write("feed.jsonl", _jsonl({"id": "a", "text": "One.\r\nTwo.\rThree."}))])
    assert result.articles[0].text == "One.\nTwo.\nThree."
