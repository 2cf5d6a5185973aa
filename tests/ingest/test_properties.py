"""Property tests: no bytes in a file can make ingest raise anything but "no articles"."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.config import Settings
from timeline.errors import InputError
from timeline.ingest import read_articles

_PIECES = [
    *("---\n", "date 2024-01-03", "Date: 2024-02-30", "title: x\n", ": [", "\r\n", "\r", "\n\n", "é", "\x00"),
    *("<p>", "</p>", "<![foo[", "<!--", "<script>", "]]>", "<html lang='", "&#0;"),
    *("{", '"text": "', '"id": 1', "}", "[", ",", "null"),
]
"""Fragments that trip parsers: front matter, header lines, markup, JSON."""

_TEXTISH = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda text: text.encode("utf-8")),
    st.lists(st.sampled_from(_PIECES), max_size=30).map(lambda parts: "".join(parts).encode("utf-8")),
)


def _read(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        try:
            result = read_articles([path], settings=Settings(max_article_bytes=300))
        except InputError as err:
            assert "no articles found" in str(err)
            return
        for article in result.articles:
            assert "\r" not in article.text
            assert article.text.strip()
        assert all(issue.stage == "ingest" for issue in result.issues)


@settings(max_examples=300, deadline=None)
@given(data=_TEXTISH)
def test_any_bytes_in_a_txt_file_never_raise(data: bytes) -> None:
    _read(".txt", data)


@settings(max_examples=100, deadline=None)
@given(data=_TEXTISH, suffix=st.sampled_from([".md", ".json", ".jsonl", ".html"]))
def test_any_bytes_in_other_files_never_raise(data: bytes, suffix: str) -> None:
    _read(suffix, data)
