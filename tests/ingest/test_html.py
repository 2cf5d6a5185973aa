"""Saved web pages: trafilatura text, htmldate date, metadata, and no network."""

from __future__ import annotations

import socket
from datetime import date

import pytest

from timeline.ingest import read_articles
from timeline.ingest.html_page import visible_text

PAGE = """<!doctype html>
<html lang="en-GB"><head>
<title>Talks resume | Example News</title>
<meta property="article:published_time" content="2024-02-08">
<link rel="canonical" href="https://example.com/news/talks">
</head><body>
<nav>Home | World | Sport</nav>
<article><h1>Talks resume</h1>
<p>Negotiators met in Cairo on Thursday to discuss a ceasefire, officials said. The talks lasted
for several hours and ended without agreement.</p>
<p>Another round is expected next week, according to two people familiar with the matter.</p>
</article>
<footer>Copyright Example News</footer>
<script>var tracking = "do not keep";</script>
</body></html>
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a network connection fail the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("ingest tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_page(write, suffix: str) -> None:
    result = read_articles([write(f"talks{suffix}", PAGE)])
    (article,) = result.articles
    assert article.id == "talks"
    assert (article.published, article.published_origin) == (date(2024, 2, 8), "html-meta")
    assert article.title == "Talks resume"
    assert article.url == "https://example.com/news/talks"
    assert article.language == "en"
    assert "Negotiators met in Cairo on Thursday" in article.text
    assert "Another round is expected next week" in article.text
    assert "tracking" not in article.text
    assert result.issues == ()


@pytest.mark.usefixtures("no_network")
def test_html_without_date(write) -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2024-02-08">', "")
    result = read_articles([write("talks.html", page)])
    assert result.articles[0].published_origin == "missing"
    assert [issue.code for issue in result.issues] == ["I120"]


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("content", ["https://example.com/article", "http://localhost:9/x"])
def test_url_only_file_is_not_fetched(write, content: str) -> None:
    result = read_articles([write("link.html", content)])
    (article,) = result.articles
    assert article.text == content
    assert article.published is None


@pytest.mark.usefixtures("no_network")
def test_fragment_falls_back_to_visible_text(write) -> None:
    result = read_articles([write("note.html", "<p>Short note</p>")])
    assert result.articles[0].text == "Short note"
    assert sorted(issue.code for issue in result.issues) == ["I120", "I150"]


@pytest.mark.usefixtures("no_network")
def test_page_without_text_is_skipped(write) -> None:
    ok = write("ok.txt", "date 2024-01-01\n\nText.\n")
    result = read_articles(
        [write("empty.html", "<html><head><title>x</title></head><body></body></html>"), ok]
    )
    assert [article.id for article in result.articles] == ["ok"]
    (issue,) = result.issues
    assert issue.code == "I111"
    assert "empty.html" in issue.message


def test_visible_text_skips_scripts_and_styles() -> None:
    html = "<div><p>One  two</p><script>skip()</script><style>p {}</style><p>three</p></div>"
    assert visible_text(html) == "One two\nthree"


@pytest.mark.parametrize("html", ["<![foo[ bar ]]>Text", "<p>Text</p><![if x", "&#0;<p>Text"])
def test_malformed_markup_never_raises(write, html: str) -> None:
    result = read_articles([write("odd.html", html)])
    assert "Text" in result.articles[0].text
