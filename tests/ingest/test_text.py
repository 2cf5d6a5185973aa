"""Plain-text and Markdown articles: header line, front matter, title line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import read_articles


def test_seed_with_header_line(seeds: Path) -> None:
    path = seeds / "001_c8628ad196c7de24.txt"
    result = read_articles([path])
    (article,) = result.articles
    assert article.id == "001_c8628ad196c7de24"
    assert article.published == date(2024, 1, 3)
    assert article.published_origin == "header-line"
    assert article.source == ""
    assert article.text == path.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert article.text.startswith(" date 2024-01-03 United States Secretary of State")
    assert [issue.code for issue in result.issues] == []


def test_seed_without_date(seeds: Path) -> None:
    result = read_articles([seeds / "000_ed205d56d064a430.txt"])
    (article,) = result.articles
    assert article.published is None
    assert article.published_origin == "missing"
    (issue,) = result.issues
    assert issue.code == "I120"
    assert issue.severity == "warning"
    assert issue.article_id == "000_ed205d56d064a430"
    assert "000_ed205d56d064a430.txt" in issue.message
    assert "no publication date; relative dates cannot be resolved" in issue.message
    assert issue.hint == "give one with --published 000_ed205d56d064a430=YYYY-MM-DD or a manifest"
    assert article.title.startswith("U.S. Secretary of State Antony Blinken")


def test_seed_directory(seeds: Path) -> None:
    result = read_articles([seeds])
    assert [article.id for article in result.articles] == sorted(article.id for article in result.articles)
    assert {"000_ed205d56d064a430", "001_c8628ad196c7de24"} <= {article.id for article in result.articles}


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("date 2024-01-03", date(2024, 1, 3)),
        ("  date 2024-01-03 rest of the line", date(2024, 1, 3)),
        ("Date: 2024-02-08", date(2024, 2, 8)),
        ("DATE:2024-02-08", date(2024, 2, 8)),
        ("published: 2024-02-08", date(2024, 2, 8)),
        ("Published 2024-02-08T23:30:00-05:00", date(2024, 2, 9)),
        ("Dated 2024-02-08 in Cairo", date(2024, 2, 8)),
    ],
)
def test_header_line_forms(write, first_line: str, expected: date) -> None:
    path = write("a.txt", f"\n{first_line}\n\nNegotiators met on Thursday.\n")
    (article,) = read_articles([path]).articles
    assert article.published == expected
    assert article.published_origin == "header-line"
    assert first_line in article.text


@pytest.mark.parametrize(
    "first_line",
    ["The date 2024-01-03 was chosen.", "date: January 3, 2024", "Date night 2024", "update 2024-01-03"],
)
def test_not_a_header_line(write, first_line: str) -> None:
    path = write("a.txt", f"{first_line}\n\nText.\n")
    result = read_articles([path])
    assert result.articles[0].published is None
    assert [issue.code for issue in result.issues] == ["I120"]


def test_header_line_with_impossible_date(write) -> None:
    path = write("a.txt", "\n\nDate: 2024-02-30\n\nText.\n")
    result = read_articles([path])
    assert result.articles[0].published is None
    assert sorted(issue.code for issue in result.issues) == ["I120", "I130"]
    (bad,) = [issue for issue in result.issues if issue.code == "I130"]
    assert bad.line == 3
    assert "a.txt:3" in bad.message and "2024-02-30" in bad.message
    assert "YYYY-MM-DD" in (bad.hint or "")


def test_front_matter(write) -> None:
    content = (
        "---\n"
        "id: talks-1\n"
        "source: Reuters\n"
        "title: Talks resume in Cairo\n"
        "url: https://example.com/talks\n"
        "published: 2024-02-08\n"
        "language: no\n"
        "---\n"
        "Negotiators met on Thursday.\n"
    )
    path = write("story.md", content)
    result = read_articles([path])
    (article,) = result.articles
    assert (article.id, article.source, article.title) == ("talks-1", "Reuters", "Talks resume in Cairo")
    assert article.url == "https://example.com/talks"
    assert article.language == "no"
    assert (article.published, article.published_origin) == (date(2024, 2, 8), "front-matter")
    assert article.text == "Negotiators met on Thursday.\n"
    assert result.issues == ()


def test_front_matter_wins_over_header_line(write) -> None:
    path = write("a.txt", "---\npublished: 2024-02-08\n---\ndate 2024-01-01\n\nText.\n")
    (article,) = read_articles([path]).articles
    assert (article.published, article.published_origin) == (date(2024, 2, 8), "front-matter")


def test_bad_front_matter_date_falls_back_to_header_line(write) -> None:
    path = write("a.txt", "---\npublished: 2024-02-30\n---\ndate 2024-01-01\n\nText.\n")
    result = read_articles([path])
    (article,) = result.articles
    assert (article.published, article.published_origin) == (date(2024, 1, 1), "header-line")
    assert [issue.code for issue in result.issues] == ["I130"]
    assert "a.txt" in result.issues[0].message


def test_front_matter_unknown_key(write) -> None:
    path = write("a.md", "---\ntitle: T\nauthor: Someone\n---\nText.\n")
    result = read_articles([path])
    assert result.articles[0].title == "T"
    assert sorted(issue.code for issue in result.issues) == ["I120", "I141"]
    (unknown,) = [issue for issue in result.issues if issue.code == "I141"]
    assert "author" in unknown.message and "a.md" in unknown.message


@pytest.mark.parametrize(
    "front_matter",
    [
        "---\ntitle: [unclosed\n---\n",
        "---\n- a list\n- not a mapping\n---\n",
        "---\ntitle: no closing line\n",
        "---\ntitle: a\n  bad: indent\n---\n",
    ],
)
def test_malformed_front_matter_keeps_text_whole(write, front_matter: str) -> None:
    content = front_matter + "Negotiators met on Thursday.\n"
    path = write("a.txt", content)
    result = read_articles([path])
    (article,) = result.articles
    assert article.text == content
    (bad,) = [issue for issue in result.issues if issue.code == "I140"]
    assert "a.txt" in bad.message


def test_front_matter_wrong_type(write) -> None:
    path = write("a.txt", "---\ntitle: [a, b]\n---\nText here.\n")
    result = read_articles([path])
    assert result.articles[0].title == "Text here."
    assert "I142" in [issue.code for issue in result.issues]


def test_front_matter_only_is_empty(write) -> None:
    ok = write("ok.txt", "Text.\n")
    path = write("a.txt", "---\ntitle: T\n---\n\n")
    result = read_articles([path, ok])
    assert [article.id for article in result.articles] == ["ok"]
    assert "I111" in [issue.code for issue in result.issues]


@pytest.mark.parametrize(
    ("content", "title"),
    [
        ("Talks resume in Cairo\n\nNegotiators met on Thursday. They talked.\n", "Talks resume in Cairo"),
        ("Negotiators met on Thursday.\n\nThey talked.\n", "Negotiators met on Thursday."),
        ("Talks resume in Cairo\nNegotiators met on Thursday.\n", "Talks resume in Cairo"),
        ('He said "no"\n\nMore.\n', 'He said "no"'),
        ("x" * 151 + "\n\nMore.\n", "x" * 79 + "…"),
        ("date 2024-01-03\n\nTalks resume\n\nText.\n", "Talks resume"),
        ("date 2024-01-03 Talks resume\n\nText.\n", "Talks resume"),
        ("Mr. Blinken left on Thursday. He flew home.\n", "Mr. Blinken left on Thursday."),
    ],
)
def test_title(write, content: str, title: str) -> None:
    path = write("a.txt", content)
    (article,) = read_articles([path]).articles
    assert article.title == title
    assert article.text == content


def test_long_first_sentence_title_is_cut(write) -> None:
    sentence = (
        "U.S. Secretary of State Antony Blinken left the Middle East on Thursday with public divisions."
    )
    (article,) = read_articles([write("a.txt", sentence + "\n")]).articles
    assert article.title.endswith("…")
    assert len(article.title) <= 80
    assert sentence.startswith(article.title[:-1])


def test_markdown_title(write) -> None:
    (article,) = read_articles([write("a.md", "# Talks resume\n\nText.\n")]).articles
    assert article.title == "Talks resume"


def test_line_endings_normalised(write) -> None:
    path = write("a.txt", b"date 2024-01-03\r\n\r\nLine one.\r\nLine two.\rLine three.\r\n")
    (article,) = read_articles([path]).articles
    assert article.text == "date 2024-01-03\n\nLine one.\nLine two.\nLine three.\n"
    assert article.published == date(2024, 1, 3)


def test_utf8_bom_removed(write) -> None:
    path = write("a.txt", "\ufeffdate 2024-01-03\n\nText.\n".encode())
    (article,) = read_articles([path]).articles
    assert article.text.startswith("date")
    assert article.published == date(2024, 1, 3)
