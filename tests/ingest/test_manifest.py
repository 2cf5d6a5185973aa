"""Manifests (CSV and YAML): overrides, matching by id or file, and every kind of bad row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.errors import InputError
from timeline.ingest import read_articles


@pytest.fixture
def corpus(write) -> Path:
    """A folder with two text articles, one dated by its header line."""
    write("news/alpha.txt", "date 2024-01-03\n\nAlpha text.\n")
    write("news/beta.txt", "Beta text.\n")
    return write("news/sub/gamma.txt", "Gamma text.\n").parents[1]


def _issues(result, code: str):
    return [issue for issue in result.issues if issue.code == code]


CSV_MANIFEST = (
    "id,file,source,title,url,published,language\n"
    "alpha,,Reuters,Alpha title,https://r/alpha,2024-02-08,\n"
    ",beta.txt,AP,,,2024-02-09,fr\n"
    "g1,sub/gamma.txt,BBC,,,,\n"
)
YAML_LIST = """
- id: alpha
  source: Reuters
  title: Alpha title
  url: https://r/alpha
  published: 2024-02-08
- file: beta.txt
  source: AP
  published: 2024-02-09
  language: fr
- id: g1
  file: sub/gamma.txt
  source: BBC
"""
YAML_MAPPING = """
alpha: {source: Reuters, title: Alpha title, url: "https://r/alpha", published: 2024-02-08}
g1: {file: sub/gamma.txt, source: BBC}
beta:
  source: AP
  published: "2024-02-09"
  language: fr
"""


@pytest.mark.parametrize(
    ("name", "content"),
    [("manifest.csv", CSV_MANIFEST), ("manifest.yml", YAML_LIST), ("manifest.yaml", YAML_MAPPING)],
)
@pytest.mark.parametrize("given", [True, False])
def test_manifest_overrides(corpus: Path, name: str, content: str, given: bool) -> None:
    path = corpus / name
    path.write_text(content, encoding="utf-8")
    result = read_articles([corpus], manifest=path if given else None)
    by_id = {article.id: article for article in result.articles}
    assert sorted(by_id) == ["alpha", "beta", "g1"]
    alpha, beta, gamma = by_id["alpha"], by_id["beta"], by_id["g1"]
    assert (alpha.source, alpha.title, alpha.url) == ("Reuters", "Alpha title", "https://r/alpha")
    assert (alpha.published, alpha.published_origin) == (date(2024, 2, 8), "manifest")
    assert (beta.source, beta.language, beta.published) == ("AP", "fr", date(2024, 2, 9))
    assert (gamma.source, gamma.published_origin, gamma.path) == (
        "BBC",
        "missing",
        str(corpus / "sub/gamma.txt"),
    )
    used = _issues(result, "I100")
    assert len(used) == (0 if given else 1)
    assert all(name in issue.message for issue in used)
    assert [issue.article_id for issue in _issues(result, "I120")] == ["g1"]


def test_unknown_column(corpus: Path) -> None:
    (corpus / "manifest.csv").write_text("id,author,published\nalpha,Someone,2024-02-08\n", encoding="utf-8")
    result = read_articles([corpus])
    (unknown,) = _issues(result, "I170")
    assert "manifest.csv" in unknown.message and "'author'" in unknown.message
    assert "id, file, source, title, url, published, language" in (unknown.hint or "")
    assert {article.id: article.published for article in result.articles}["alpha"] == date(2024, 2, 8)


def test_row_for_missing_file(corpus: Path) -> None:
    content = "id,file,source\nalpha,,Reuters\nbeta,,AP\ngamma,,X\nx,y.txt,BBC\nnobody,,Z\n"
    (corpus / "manifest.csv").write_text(content, encoding="utf-8")
    result = read_articles([corpus])
    unmatched = _issues(result, "I171")
    assert [issue.line for issue in unmatched] == [5, 6]
    assert (
        unmatched[0].message
        == f"{corpus / 'manifest.csv'}:5: no article 'x' (file 'y.txt' not found); row ignored"
    )
    assert unmatched[0].hint == "fix the id/file or remove the row"


def test_impossible_date_keeps_the_files_date(corpus: Path) -> None:
    (corpus / "manifest.yml").write_text("- id: alpha\n  published: 2024-02-30\n", encoding="utf-8")
    result = read_articles([corpus])
    alpha = {article.id: article for article in result.articles}["alpha"]
    assert (alpha.published, alpha.published_origin) == (date(2024, 1, 3), "header-line")
    (bad,) = _issues(result, "I130")
    assert bad.line == 1 and "manifest.yml:1" in bad.message and "2024-02-30" in bad.message


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        ("id,file,source\n,,Reuters\n", "I172", 2),
        ("id,source\nalpha,Reuters,extra\n", "I172", 2),
        ("id,source\nalpha,Reuters\nalpha,AP\n", "I173", 3),
        ("- just a string\n", "I172", 1),
        ("- id: alpha\n  title: [a, b]\n", "I142", 1),
    ],
)
def test_bad_rows(corpus: Path, content: str, code: str, line: int) -> None:
    name = "manifest.csv" if content.startswith("id") else "manifest.yml"
    (corpus / name).write_text(content, encoding="utf-8")
    result = read_articles([corpus])
    (issue,) = _issues(result, code)
    assert issue.line == line
    assert name in issue.message


def test_later_row_wins(corpus: Path) -> None:
    (corpus / "manifest.csv").write_text("id,source\nalpha,Reuters\nalpha,AP\n", encoding="utf-8")
    result = read_articles([corpus])
    assert {article.id: article.source for article in result.articles}["alpha"] == "AP"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("m.csv", ""),
        ("m.csv", "   \n"),
        ("m.csv", "source,title\nAP,x\n"),
        ("m.csv", "id,id\na,b\n"),
        ("m.csv", 'id,source\n"alpha,AP\n'),
        ("m.yml", "- id: [unclosed\n"),
        ("m.yml", "just a string\n"),
        ("m.yml", "---\n- a\n---\n- b\n"),
        ("m.json", "{}"),
        ("missing.csv", None),
    ],
)
def test_unusable_manifest_raises(corpus: Path, name: str, content: str | None) -> None:
    path = corpus.parent / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_articles([corpus], manifest=path)
    assert name in str(caught.value)


def test_manifest_not_utf8_raises(corpus: Path) -> None:
    path = corpus.parent / "m.csv"
    path.write_bytes("id,source\nalpha,Caf\xe9\n".encode("cp1252"))
    with pytest.raises(InputError, match="UTF-8"):
        read_articles([corpus], manifest=path)


def test_manifest_renames_by_file(corpus: Path, write) -> None:
    write("news/feed.jsonl", '{"id": "r1", "text": "One."}\n{"id": "r2", "text": "Two."}\n')
    (corpus / "manifest.csv").write_text(
        "id,file,source\nnew,alpha.txt,X\nmany,feed.jsonl,Y\n", encoding="utf-8"
    )
    result = read_articles([corpus])
    by_id = {article.id: article for article in result.articles}
    assert "new" in by_id and "alpha" not in by_id
    assert (by_id["r1"].source, by_id["r2"].source) == ("Y", "Y")
    (issue,) = _issues(result, "I174")
    assert issue.line == 3


def test_cli_published_beats_manifest(corpus: Path) -> None:
    (corpus / "manifest.csv").write_text("id,published\nalpha,2024-02-08\n", encoding="utf-8")
    result = read_articles([corpus], published={"alpha": "2024-03-01"})
    alpha = {article.id: article for article in result.articles}["alpha"]
    assert (alpha.published, alpha.published_origin) == (date(2024, 3, 1), "cli")


def test_two_manifests_in_one_directory(corpus: Path) -> None:
    (corpus / "manifest.csv").write_text("id,source\nalpha,CSV\n", encoding="utf-8")
    (corpus / "manifest.yml").write_text("- id: alpha\n  source: YAML\n", encoding="utf-8")
    result = read_articles([corpus])
    assert {article.id: article.source for article in result.articles}["alpha"] == "CSV"
    (ignored,) = _issues(result, "I105")
    assert "manifest.yml" in ignored.message
