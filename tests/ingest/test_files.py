"""Finding article files: directories, globs, skipped names, manifests found in directories."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.ingest import read_articles
from timeline.ingest.files import discover_inputs, is_article_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("story.txt", True),
        ("story.MD", True),
        ("page.htm", True),
        ("feed.jsonl", True),
        ("data.json", True),
        ("table.csv", False),
        (".hidden.txt", False),
        ("README.md", False),
        ("README", False),
        ("LICENSE.txt", False),
        ("NOTICE.md", False),
        ("ATTRIBUTION.txt", False),
        ("notice-of-strike.txt", True),
        ("manifest.yml", False),
        ("manifest.csv", False),
        ("Manifest.yaml", False),
    ],
)
def test_is_article_name(name: str, expected: bool) -> None:
    assert is_article_name(name) is expected


def test_directory_walk_is_recursive_sorted_and_skips_hidden(write, tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/deeper/d.json",
        ".git/e.txt",
        "sub/.f.txt",
        "README.md",
        "x.csv",
    ]:
        write(name, "text")
    found = discover_inputs([tmp_path])
    assert [path.relative_to(tmp_path).as_posix() for path in found.files] == [
        "a.md",
        "b.txt",
        "sub/c.html",
        "sub/deeper/d.json",
    ]
    assert found.issues == () and found.manifests == ()


def test_explicitly_named_files_are_read_even_if_hidden(write) -> None:
    found = discover_inputs([write(".note.txt", "x"), write("README.md", "x")])
    assert [path.name for path in found.files] == [".note.txt", "README.md"]


def test_glob_patterns(write, tmp_path: Path) -> None:
    for name in ["a/one.txt", "a/two.md", "a/skip.csv", "b/three.txt", "b/README.txt"]:
        write(name, "Some text.\n")
    found = discover_inputs([f"{tmp_path}/*/*.txt", str(tmp_path / "a" / "*")])
    assert [path.relative_to(tmp_path).as_posix() for path in found.files] == [
        "a/one.txt",
        "a/two.md",
        "b/three.txt",
    ]
    result = read_articles([Path(f"{tmp_path}/**/*.txt")])
    assert [article.id for article in result.articles] == ["one", "three"]


def test_glob_matching_nothing(write, tmp_path: Path) -> None:
    good = write("good.txt", "Text.\n")
    result = read_articles([good, Path(f"{tmp_path}/*.html")])
    (issue,) = [issue for issue in result.issues if issue.code == "I102"]
    assert "*.html" in issue.message


def test_existing_name_with_glob_characters_is_literal(write) -> None:
    path = write("report[1].txt", "Text.\n")
    assert discover_inputs([path]).files == (path,)


def test_manifest_found_in_directory(write, tmp_path: Path) -> None:
    write("news/a.txt", "Text.\n")
    manifest = write("news/manifest.yaml", "a: {source: AP}\n")
    found = discover_inputs([tmp_path / "news"])
    assert found.manifests == (manifest,)
    result = read_articles([tmp_path / "news"])
    (used,) = [issue for issue in result.issues if issue.code == "I100"]
    assert (used.severity, used.path) == ("info", str(manifest))
    assert result.articles[0].source == "AP"


def test_manifest_in_a_subdirectory_is_not_used(write, tmp_path: Path) -> None:
    write("news/a.txt", "Text.\n")
    write("news/sub/manifest.csv", "id,source\na,AP\n")
    result = read_articles([tmp_path / "news"])
    assert result.articles[0].source == ""
    assert "I100" not in [issue.code for issue in result.issues]


def test_results_do_not_depend_on_input_order(write) -> None:
    paths = [
        write(f"{name}.txt", f"date 2024-01-0{index + 1}\n\nText {name}.\n")
        for index, name in enumerate("cab")
    ]
    forward = read_articles(paths, published={"zzz": "2024-01-01"})
    backward = read_articles(list(reversed(paths)), published={"zzz": "2024-01-01"})
    assert forward == backward
    assert forward.model_dump_json() == backward.model_dump_json()
