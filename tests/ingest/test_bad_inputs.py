"""Every kind of bad input gives an Issue naming the file, and the other files are still read."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from timeline.config import Settings
from timeline.errors import InputError
from timeline.ingest import read_articles

GOOD = "date 2024-01-03\n\nNegotiators met on Thursday.\n"


@pytest.mark.parametrize(
    ("name", "content", "code", "severity"),
    [
        ("empty.txt", b"", "I111", "warning"),
        ("blank.txt", b" \n\t\r\n  ", "I111", "warning"),
        ("nbsp.txt", "\u00a0\u2003\n".encode(), "I111", "warning"),
        ("binary.txt", b"PK\x03\x04\x00\x00binary", "I112", "error"),
        ("binary.md", b"text then NUL \x00 byte", "I112", "error"),
        ("huge.txt", b"x" * 101, "I113", "error"),
        ("empty.json", b"", "I111", "warning"),
        ("empty.html", b"   ", "I111", "warning"),
    ],
)
def test_bad_file_is_skipped(write, name: str, content: bytes, code: str, severity: str) -> None:
    good = write("good.txt", GOOD)
    bad = write(name, content)
    result = read_articles([good, bad], settings=Settings(max_article_bytes=100))
    assert [article.id for article in result.articles] == ["good"]
    (issue,) = result.issues
    assert (issue.code, issue.severity, issue.path) == (code, severity, str(bad))
    assert name in issue.message
    assert issue.hint


def test_size_is_checked_before_reading(write, monkeypatch: pytest.MonkeyPatch) -> None:
    big = write("big.txt", "x" * 5000)
    good = write("good.txt", GOOD)
    opened: list[str] = []
    real_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object):
        opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    result = read_articles([big, good], settings=Settings(max_article_bytes=1000))
    assert "big.txt" not in opened
    assert [issue.code for issue in result.issues] == ["I113"]


@pytest.mark.parametrize(
    ("content", "code", "text"),
    [
        (
            "date 2024-01-03\n\nCaf\u00e9 \u201cquoted\u201d \u2013 done.\n".encode("cp1252"),
            "I114",
            "Café “quoted” – done.",
        ),
        (b"date 2024-01-03\n\nbad \x81 byte \xe9\n", "I115", "bad \x81 byte é"),
    ],
)
def test_not_utf8_is_decoded_with_a_warning(write, content: bytes, code: str, text: str) -> None:
    path = write("legacy.txt", content)
    result = read_articles([path])
    (article,) = result.articles
    assert text in article.text
    assert article.published == date(2024, 1, 3)
    (issue,) = result.issues
    assert (issue.code, issue.severity) == (code, "warning")
    assert "legacy.txt" in issue.message and "UTF-8" in (issue.hint or "")


def test_utf16_with_bom_is_decoded(write) -> None:
    path = write("wide.txt", GOOD.encode("utf-16"))
    result = read_articles([path])
    assert result.articles[0].text == GOOD
    assert result.issues == ()


def test_missing_path(write, tmp_path: Path) -> None:
    good = write("good.txt", GOOD)
    result = read_articles([tmp_path / "nope.txt", good])
    (issue,) = result.issues
    assert (issue.code, issue.severity) == ("I101", "error")
    assert "nope.txt" in issue.message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(write) -> None:
    good = write("good.txt", GOOD)
    locked = write("locked.txt", GOOD)
    locked.chmod(0)
    try:
        result = read_articles([good, locked])
    finally:
        locked.chmod(0o644)
    (issue,) = result.issues
    assert issue.code == "I110" and "locked.txt" in issue.message


@pytest.mark.skipif(os.name != "posix", reason="needs a FIFO")
def test_not_a_regular_file(write, tmp_path: Path) -> None:
    good = write("good.txt", GOOD)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = read_articles([good, fifo])
    (issue,) = result.issues
    assert issue.code == "I110" and "pipe.txt" in issue.message


def test_unsupported_named_file(write) -> None:
    good = write("good.txt", GOOD)
    result = read_articles([good, write("table.csv", "a,b\n"), write("manifest.yml", "- id: good\n")])
    found = {issue.code: issue for issue in result.issues}
    assert sorted(found) == ["I103"] and len(result.issues) == 2
    messages = " ".join(issue.message for issue in result.issues)
    assert "table.csv" in messages and "manifest.yml" in messages


def test_directory_without_articles_raises(tmp_path: Path, write) -> None:
    write("docs/README.md", "# Read me\n")
    write("docs/notes.csv", "a,b\n")
    with pytest.raises(InputError) as caught:
        read_articles([tmp_path / "docs"])
    message = str(caught.value)
    assert message.startswith(f"no articles found in {tmp_path / 'docs'}")
    assert caught.value.hint == "give .txt, .md, .html, .json, .jsonl or CAT .xml files"


def test_only_bad_files_raise_with_the_first_problem(write) -> None:
    empty = write("empty.txt", b"")
    binary = write("bin.txt", b"\x00\x01")
    with pytest.raises(InputError) as caught:
        read_articles([empty, binary])
    assert "2 problems" in str(caught.value)
    assert "bin.txt" in str(caught.value)


def test_no_inputs_raise() -> None:
    with pytest.raises(InputError, match="no articles found"):
        read_articles([])


def test_empty_directory_among_others_is_a_warning(write, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    good = write("good.txt", GOOD)
    result = read_articles([tmp_path / "empty", good])
    assert [article.id for article in result.articles] == ["good"]
    assert [issue.code for issue in result.issues] == ["I104"]


def test_duplicate_ids_get_a_suffix(write) -> None:
    first = write("a/story.txt", "date 2024-01-01\n\nFirst.\n")
    second = write("b/story.md", "date 2024-01-02\n\nSecond.\n")
    third = write("c/story.txt", "date 2024-01-03\n\nThird.\n")
    for order in ([first, second, third], [third, second, first]):
        result = read_articles(order)
        assert [(article.id, article.text.split()[-1]) for article in result.articles] == [
            ("story", "First."),
            ("story-2", "Second."),
            ("story-3", "Third."),
        ]
        renamed = [issue for issue in result.issues if issue.code == "I121"]
        assert [issue.article_id for issue in renamed] == ["story-2", "story-3"]
        assert "story.md" in renamed[0].message and str(first) in renamed[0].message


def test_suffix_avoids_existing_ids(write) -> None:
    result = read_articles(
        [write("a/x.txt", "One.\n"), write("b/x.txt", "Two.\n"), write("x-2.txt", "Three.\n")]
    )
    assert sorted(article.id for article in result.articles) == ["x", "x-2", "x-3"]


def test_same_file_named_twice_is_read_once(write, tmp_path: Path) -> None:
    path = write("a.txt", GOOD)
    result = read_articles([path, tmp_path, tmp_path / "." / "a.txt"])
    assert [article.id for article in result.articles] == ["a"]
    assert result.issues == ()


def test_read_error_is_an_issue(write, monkeypatch: pytest.MonkeyPatch) -> None:
    good = write("good.txt", GOOD)
    locked = write("locked.txt", GOOD)
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    result = read_articles([good, locked])
    (issue,) = result.issues
    assert (issue.code, issue.severity) == ("I110", "error")
    assert "locked.txt" in issue.message and "Permission denied" in issue.message
