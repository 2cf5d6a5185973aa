"""Publication dates that cannot be right: a year outside 1800-2200 is treated as missing (I132); a
date more than a year after every other source's is kept but flagged (I133)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.ingest import read_articles
from timeline.ingest.dates import far_after_others

TEXT = "The talks ended on Thursday.\n"


def _codes(result) -> list[str]:
    return sorted(issue.code for issue in result.issues)


@pytest.mark.parametrize("day", ["2999-01-01", "1066-10-14", "0001-01-01", "9999-12-31"])
def test_year_outside_1800_2200_is_treated_as_missing(write, day: str) -> None:
    result = read_articles([write("a.md", f"---\npublished: {day}\n---\n{TEXT}")])
    (article,) = result.articles
    assert (article.published, article.published_origin) == (None, "missing")
    assert _codes(result) == ["I120", "I132"]
    (issue,) = [issue for issue in result.issues if issue.code == "I132"]
    year = int(day[:4])
    assert issue.severity == "warning" and issue.article_id == "a"
    assert f"published date {day}: year {year} is outside 1800-2200" in issue.message
    assert "treated as missing" in issue.message and "--published a=YYYY-MM-DD" in (issue.hint or "")


@pytest.mark.parametrize("day", ["1800-01-01", "2200-12-31"])
def test_years_1800_and_2200_are_kept(write, day: str) -> None:
    result = read_articles([write("a.md", f"---\npublished: {day}\n---\n{TEXT}")])
    assert result.articles[0].published == date.fromisoformat(day)
    assert _codes(result) == []


def test_next_date_down_stands_in_for_an_implausible_one(write) -> None:
    path = write("a.txt", f"---\npublished: 2999-02-08\n---\ndate 2024-02-08\n\n{TEXT}")
    result = read_articles([path])
    (article,) = result.articles
    assert (article.published, article.published_origin) == (date(2024, 2, 8), "header-line")
    assert _codes(result) == ["I132"]


def test_published_option_with_an_implausible_year(write) -> None:
    path = write("a.md", f"---\npublished: 2024-02-08\n---\n{TEXT}")
    result = read_articles([path], published={"a": "2999-01-01"})
    assert result.articles[0].published == date(2024, 2, 8)
    (issue,) = result.issues
    assert issue.code == "I132" and issue.message.startswith("--published a=2999-01-01: year 2999 is outside")


def test_date_more_than_a_year_after_every_other_source_is_flagged_and_kept(write) -> None:
    write("in/a.md", f"---\npublished: 2024-02-08\n---\n{TEXT}")
    write("in/b.md", f"---\npublished: 2024-02-09\n---\n{TEXT}")
    write("in/c.md", f"---\npublished: 2025-03-01\n---\n{TEXT}")
    result = read_articles([write("in/d.md", TEXT).parent])
    by_id = {article.id: article.published for article in result.articles}
    assert by_id == {"a": date(2024, 2, 8), "b": date(2024, 2, 9), "c": date(2025, 3, 1), "d": None}
    (issue,) = [issue for issue in result.issues if issue.code == "I133"]
    assert issue.severity == "warning" and issue.article_id == "c"
    assert (
        "publication date 2025-03-01 (front-matter) is more than a year after every other source "
        "(the latest: 2024-02-09); kept, but not used to date other articles"
    ) in issue.message


def test_no_flag_without_another_dated_source(write) -> None:
    write("in/a.md", f"---\npublished: 2199-02-08\n---\n{TEXT}")
    result = read_articles([write("in/b.md", TEXT).parent])
    assert _codes(result) == ["I120"]


def test_far_after_others() -> None:
    assert far_after_others({}) == {}
    assert far_after_others({"a": date(2024, 1, 1)}) == {}
    assert far_after_others({"a": date(2024, 1, 1), "b": date(2025, 1, 1)}) == {}  # 366 days: a leap year
    assert far_after_others({"a": date(2024, 1, 1), "b": date(2025, 1, 2)}) == {"b": date(2024, 1, 1)}
    assert far_after_others({"a": date(2025, 1, 2), "b": date(2025, 1, 2), "c": date(2024, 1, 1)}) == {}
