"""``--published ID=DATE``: parsing the option and overriding every other date."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.errors import InputError
from timeline.ingest import parse_published_option, read_articles


def test_parse_published_option() -> None:
    values = ["000_ed205d56d064a430=2024-02-08", " b = 2024-01-01T10:00Z ", "c=2024-03-01", "c=2024-03-01"]
    assert parse_published_option(values) == {
        "000_ed205d56d064a430": "2024-02-08",
        "b": "2024-01-01T10:00Z",
        "c": "2024-03-01",
    }
    assert parse_published_option([]) == {}


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("2024-02-08", "expected ID=YYYY-MM-DD"),
        ("=2024-02-08", "expected ID=YYYY-MM-DD"),
        ("a=", "expected ID=YYYY-MM-DD"),
        ("a=2024-02-30", "not a valid date"),
        ("a=08/02/2024", "not a valid date"),
        ("a=yesterday", "not a valid date"),
    ],
)
def test_bad_published_option(value: str, match: str) -> None:
    with pytest.raises(InputError, match=match):
        parse_published_option([value])


def test_conflicting_published_options() -> None:
    with pytest.raises(InputError, match="two dates"):
        parse_published_option(["a=2024-01-01", "a=2024-01-02"])


def test_published_overrides(write) -> None:
    dated = write("dated.txt", "date 2024-01-03\n\nText.\n")
    undated = write("undated.txt", "Text.\n")
    result = read_articles([dated, undated], published={"dated": "2024-02-01", "undated": "2024-02-02"})
    assert [(a.id, a.published, a.published_origin) for a in result.articles] == [
        ("dated", date(2024, 2, 1), "cli"),
        ("undated", date(2024, 2, 2), "cli"),
    ]
    assert result.issues == ()


def test_published_for_unknown_id(write) -> None:
    result = read_articles([write("a.txt", "date 2024-01-03\n\nText.\n")], published={"b": "2024-02-01"})
    (issue,) = result.issues
    assert issue.code == "I131"
    assert "'b'" in issue.message and "a" in (issue.hint or "")


def test_invalid_published_value_keeps_the_files_date(write) -> None:
    result = read_articles([write("a.txt", "date 2024-01-03\n\nText.\n")], published={"a": "2024-13-01"})
    (article,) = result.articles
    assert (article.published, article.published_origin) == (date(2024, 1, 3), "header-line")
    (issue,) = result.issues
    assert issue.code == "I130" and "2024-13-01" in issue.message and issue.path is None
