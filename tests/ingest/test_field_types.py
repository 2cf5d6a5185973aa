"""A metadata value of the wrong type is reported with the field, the value as written and its kind."""

from __future__ import annotations

import json

import pytest

from timeline.ingest import read_articles


def _messages(result, code: str) -> list[str]:
    return [issue.message for issue in result.issues if issue.code == code]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("published", 12345, "published must be a date (YYYY-MM-DD), got 12345 (a number); ignored"),
        ("published", True, "published must be a date (YYYY-MM-DD), got true (a boolean); ignored"),
        ("published", ["2024-01-02"], 'published must be a date (YYYY-MM-DD), got ["2024-01-02"] (a list)'),
        ("source", ["AP", "Reuters"], 'source must be text, got ["AP", "Reuters"] (a list); ignored'),
        ("title", {"main": "T"}, 'title must be text, got {"main": "T"} (a mapping); ignored'),
        ("url", 7, "url must be text, got 7 (a number); ignored"),
        ("language", 1, "language must be text, got 1 (a number); ignored"),
        ("id", ["a"], 'id must be text, got ["a"] (a list); ignored'),
    ],
)
def test_record_field_of_the_wrong_type(write, field: str, value: object, expected: str) -> None:
    path = write("feed.jsonl", json.dumps({field: value, "text": "The talks began."}) + "\n")
    result = read_articles([path])
    code = "I130" if field == "published" else "I142"
    (message,) = _messages(result, code)
    assert message.startswith(f"{path}:1: ")
    assert expected in message


def test_record_number_id_is_its_text(write) -> None:
    result = read_articles([write("feed.jsonl", json.dumps({"id": 42, "text": "The talks began."}) + "\n")])
    assert [article.id for article in result.articles] == ["42"]
    assert not _messages(result, "I142")


def test_record_text_of_the_wrong_type(write) -> None:
    result = read_articles([write("feed.jsonl", json.dumps({"id": "a", "text": 5}) + "\n"), write("ok.txt", "Ok.\n")])
    (message,) = _messages(result, "I162")
    assert "text must be a string, got 5 (a number); record skipped" in message


def test_long_value_is_cut(write) -> None:
    result = read_articles([write("feed.jsonl", json.dumps({"source": list(range(100)), "text": "Text."}) + "\n")])
    (message,) = _messages(result, "I142")
    assert "source must be text, got [0, 1, 2" in message and "…" in message and len(message) < 200


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("published: 12345", "published must be a date (YYYY-MM-DD), got '12345' (not in YYYY-MM-DD form)"),
        ("source: [a, b]", 'source must be text, got ["a", "b"] (a list); ignored'),
        ("title: {x: 1}", 'title must be text, got {"x": "1"} (a mapping); ignored'),
        ("language: [en]", 'language must be text, got ["en"] (a list); ignored'),
    ],
)
def test_front_matter_field_of_the_wrong_type(write, front: str, expected: str) -> None:
    path = write("a.md", f"---\n{front}\n---\nThe talks began.\n")
    result = read_articles([path])
    (message,) = [issue.message for issue in result.issues if issue.code in ("I130", "I142")]
    assert message.startswith(f"{path}:1: ")
    assert expected in message


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("- id: [a, b]\n  source: X\n", 'id must be text, got ["a", "b"] (a list); row skipped'),
        ("- file: a.md\n  url: {a: 1}\n", 'url must be text, got {"a": "1"} (a mapping); ignored'),
        ("- id: a\n  published: [2024-01-02]\n", 'published must be a date (YYYY-MM-DD), got ["2024-01-02"] (a list)'),
    ],
)
def test_manifest_value_of_the_wrong_type(write, row: str, expected: str) -> None:
    article = write("in/a.md", "The talks began.\n")
    manifest = write("in/manifest.yml", row)
    result = read_articles([article.parent], manifest=manifest)
    (message,) = [issue.message for issue in result.issues if issue.code in ("I130", "I142", "I172")]
    assert message.startswith(f"{manifest}:1: ")
    assert expected in message
