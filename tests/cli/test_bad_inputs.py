"""Every bad input: the documented exit code, one clear line naming the file and what to do, the
other articles still processed, the problem recorded in timeline.json, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import ARTICLE_A, ARTICLE_B, load_json, run, stderr_lines

from timeline.config import Settings

Write = Callable[[str, str | bytes], Path]

CP1252_ARTICLE = (
    "---\npublished: 2024-01-04\n---\n"
    "Café owners met on 3 January 2024 in Paris. They agreed to raise prices on 10 January 2024.\n"
).encode("cp1252")
JSONL_WITH_BAD_LINE = (
    '{"id": "j1", "published": "2024-03-07", "text": "The senate passed the bill on 4 March 2024."}\n'
    '{"id": "j2", "published": "2024-04-03", "text": \n'
    '{"id": "j3", "published": "2024-04-03", "text": "Rain flooded the town on 2 April 2024."}\n'
)


@pytest.fixture
def folder(write: Write) -> Path:
    """An input folder holding two good, dated articles (a and b)."""
    write("in/a.md", ARTICLE_A)
    return write("in/b.md", ARTICLE_B).parent


def _build(*args: object) -> tuple[object, Path]:
    """Run a quiet build into a fresh sibling `out` folder of the first input."""
    out = Path(str(args[0])).parent / "out"
    return run("build", *args, "--out", out, "--plotlyjs", "cdn", "-q"), out


def _only_line(result) -> str:
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    return lines[0]


def _issue(timeline: dict, code: str) -> dict:
    found = [issue for issue in timeline["issues"] if issue["code"] == code]
    assert len(found) == 1, timeline["issues"]
    return found[0]


def _article_ids(out: Path) -> set[str]:
    return {article["id"] for article in load_json(out / "timeline.json")["articles"]}


def _huge(write: Write) -> Path:
    path = write("in/huge.txt", b"")
    with path.open("r+b") as handle:  # sparse: never read, its size is checked first
        handle.truncate(Settings().max_article_bytes + 1)
    return path


@pytest.mark.parametrize(
    ("name", "make", "code", "exit_code", "kept"),
    [
        pytest.param("empty.txt", lambda write: write("in/empty.txt", b""), "I111", 0, False, id="empty"),
        pytest.param("blank.md", lambda write: write("in/blank.md", " \n\n\t\n"), "I111", 0, False, id="blank"),
        pytest.param("binary.txt", lambda write: write("in/binary.txt", b"PK\x03\x04\x00\x00\xff\xfe"), "I112",
                     1, False, id="binary"),
        pytest.param("cp1252.md", lambda write: write("in/cp1252.md", CP1252_ARTICLE), "I114", 0, True,
                     id="cp1252"),
        pytest.param("huge.txt", _huge, "I113", 1, False, id="huge"),
    ],
)
def test_bad_article_file(folder: Path, write: Write, name: str, make, code: str, exit_code: int,
                          kept: bool) -> None:
    bad = make(write)
    result, out = _build(folder)
    assert result.exit_code == exit_code, result.output
    line = _only_line(result)
    issue = _issue(load_json(out / "timeline.json"), code)
    assert f"[{code}]" in line
    assert str(bad) in line
    assert issue["path"] == str(bad)
    assert issue["hint"] and line.endswith(issue["hint"])
    expected = {"a", "b", Path(name).stem} if kept else {"a", "b"}
    assert _article_ids(out) == expected


def test_cp1252_text_is_decoded(folder: Path, write: Write) -> None:
    write("in/cp1252.md", CP1252_ARTICLE)
    result, out = _build(folder)
    mentions = (out / "mentions.csv").read_text(encoding="utf-8")
    assert "Café owners" in mentions, mentions


def test_malformed_jsonl_line_skips_only_that_line(folder: Path, write: Write) -> None:
    bad = write("in/records.jsonl", JSONL_WITH_BAD_LINE)
    result, out = _build(folder)
    assert result.exit_code == 1, result.output
    line = _only_line(result)
    assert line.startswith("error [I160]")
    assert f"{bad}:2:" in line
    issue = _issue(load_json(out / "timeline.json"), "I160")
    assert (issue["path"], issue["line"], issue["severity"]) == (str(bad), 2, "error")
    assert _article_ids(out) == {"a", "b", "j1", "j3"}


@pytest.mark.parametrize(
    ("manifest", "code", "line_number", "words"),
    [
        pytest.param("id,published,colour\na,2024-02-06,red\n", "I170", 1, "'colour'", id="unknown-column"),
        pytest.param("file,published\nmissing.txt,2024-01-01\n", "I171", 2, "missing.txt", id="missing-file"),
        pytest.param("id,published\nb,2024-02-30\n", "I130", 2, "2024-02-30", id="impossible-date"),
    ],
)
def test_bad_manifest_row(folder: Path, write: Write, manifest: str, code: str, line_number: int,
                          words: str) -> None:
    path = write("in/manifest.csv", manifest)
    result, out = _build(folder)
    assert result.exit_code == 0, result.output
    line = _only_line(result)
    assert line.startswith(f"warning [{code}] {path}:{line_number}:")
    assert words in line
    timeline = load_json(out / "timeline.json")
    issue = _issue(timeline, code)
    assert (issue["path"], issue["line"]) == (str(path), line_number)
    assert issue["hint"] and line.endswith(issue["hint"])
    assert _article_ids(out) == {"a", "b"}


def test_impossible_manifest_date_falls_back_to_the_file_date(folder: Path, write: Write) -> None:
    write("in/manifest.csv", "id,published\nb,2024-02-30\n")
    result, out = _build(folder)
    articles = {article["id"]: article for article in load_json(out / "timeline.json")["articles"]}
    assert (articles["b"]["published"], articles["b"]["published_origin"]) == ("2024-03-07", "front-matter")


def test_applied_manifest_sets_the_date(folder: Path, write: Write) -> None:
    # Guard for the test above: a valid manifest date does win over the front matter.
    write("in/manifest.csv", "id,published\nb,2024-02-28\n")
    result, out = _build(folder)
    assert result.exit_code == 0, result.output
    articles = {article["id"]: article for article in load_json(out / "timeline.json")["articles"]}
    assert (articles["b"]["published"], articles["b"]["published_origin"]) == ("2024-02-28", "manifest")


def test_missing_input_path_is_an_error_but_the_rest_is_built(folder: Path) -> None:
    missing = folder / "nope.txt"
    result, out = _build(folder, missing)
    assert result.exit_code == 1, result.output
    line = _only_line(result)
    assert line.startswith(f"error [I101] {missing}:")
    assert "check the path" in line
    assert _issue(load_json(out / "timeline.json"), "I101")["path"] == str(missing)
    assert _article_ids(out) == {"a", "b"}


def _command_error(result, *words: str) -> str:
    """Check a command-level failure: exit 1, one `error:` line holding the words and a hint."""
    assert result.exit_code == 1, result.output
    line = _only_line(result)
    assert line.startswith("error: ")
    for word in words:
        assert word in line, line
    assert "; " in line, f"no hint in {line!r}"
    return line


@pytest.mark.parametrize(
    ("value", "words"),
    [
        pytest.param("a=2024-02-30", ("'2024-02-30' is not a valid date", "YYYY-MM-DD"), id="impossible-date"),
        pytest.param("a2024-02-06", ("--published 'a2024-02-06'", "expected ID=YYYY-MM-DD"), id="no-equals"),
        pytest.param("a=", ("expected ID=YYYY-MM-DD",), id="no-date"),
        pytest.param("a=06/02/2024", ("not a valid date",), id="not-iso"),
    ],
)
def test_bad_published_option_stops_the_command(folder: Path, value: str, words: tuple[str, ...]) -> None:
    result, out = _build(folder, "--published", value)
    _command_error(result, *words)
    assert not out.exists()


def test_published_for_an_unknown_id_is_a_warning(folder: Path) -> None:
    result, out = _build(folder, "--published", "zz=2024-01-01")
    assert result.exit_code == 0, result.output
    line = _only_line(result)
    assert line.startswith("warning [I131]") and "'zz'" in line and "a, b" in line
    assert _issue(load_json(out / "timeline.json"), "I131")


def test_directory_without_articles(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.csv").write_text("a,b\n", encoding="utf-8")
    result, out = _build(empty)
    _command_error(result, "no articles found", str(empty))
    assert not out.exists()


def test_only_a_missing_input(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result, out = _build(missing)
    _command_error(result, "no articles found", str(missing), "no such file or directory")
    assert not out.exists()


def test_missing_manifest_option(folder: Path) -> None:
    manifest = folder / "nope.csv"
    result, out = _build(folder, "--manifest", manifest)
    _command_error(result, str(manifest), "cannot read manifest")
    assert not out.exists()


def test_merge_on_a_file_that_is_not_jsonl(tmp_path: Path) -> None:
    text = tmp_path / "notes.jsonl"
    text.write_text("hello world\n", encoding="utf-8")
    result = run("merge", text, "--out", tmp_path / "t.json")
    _command_error(result, f"{text}:1:", "not an extraction record", "timeline extract")
    assert not (tmp_path / "t.json").exists()


def test_merge_names_the_bad_line(tmp_path: Path) -> None:
    issue = '{"code": "I100", "stage": "ingest", "severity": "info", "message": "ok"}'
    text = tmp_path / "ex.jsonl"
    text.write_text(f"{issue}\n\n[1, 2]\n", encoding="utf-8")
    result = run("merge", text, "--out", tmp_path / "t.json")
    _command_error(result, f"{text}:3:")


def test_merge_on_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "ex.jsonl"
    result = run("merge", missing, "--out", tmp_path / "t.json")
    _command_error(result, str(missing), "not found")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("hello world\n", id="text"),
        pytest.param('{"engine_version": "0.1.0"}\n', id="partial-json"),
        pytest.param(b"\xff\xfe\x00\x01", id="binary"),
    ],
)
def test_render_on_a_file_that_is_not_a_timeline(tmp_path: Path, content: str | bytes) -> None:
    path = tmp_path / "timeline.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = run("render", path, "--out", tmp_path / "report")
    _command_error(result, str(path))
    assert not (tmp_path / "report").exists()


def test_render_on_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "timeline.json"
    result = run("render", missing, "--out", tmp_path / "report")
    _command_error(result, str(missing), "not found")


def test_glob_pattern_and_a_file_named_twice(folder: Path) -> None:
    result, out = _build(f"{folder}/*.md", folder, folder / "a.md")
    assert result.exit_code == 0, result.output
    assert stderr_lines(result) == []  # each file is read once: no duplicate-id warning
    assert _article_ids(out) == {"a", "b"}


@pytest.mark.parametrize(
    ("extra", "code", "words"),
    [
        pytest.param("*.zzz", "I102", "pattern matches no article files", id="glob-matches-nothing"),
        pytest.param("notes.csv", "I103", "unsupported file type '.csv'", id="unsupported-type"),
    ],
)
def test_inputs_that_name_no_article(folder: Path, extra: str, code: str, words: str) -> None:
    path = folder / extra
    if "*" not in extra:
        path.write_text("a,b\n", encoding="utf-8")
    result, out = _build(folder / "a.md", path, folder / "b.md")
    assert result.exit_code == 0, result.output
    line = _only_line(result)
    assert line.startswith(f"warning [{code}] {path}: {words}")
    assert ".txt, .md" in line  # what to give instead
    assert _issue(load_json(out / "timeline.json"), code)["path"] == str(path)
    assert _article_ids(out) == {"a", "b"}


@pytest.mark.parametrize("command", ["build", "extract"])
@pytest.mark.parametrize("jobs", ["1000", "-1"])
def test_jobs_out_of_range_is_a_usage_error(folder: Path, tmp_path: Path, command: str, jobs: str) -> None:
    out = tmp_path / ("out" if command == "build" else "extractions.jsonl")
    result = run(command, folder, "--out", out, "--jobs", jobs)
    assert result.exit_code == 2
    assert "--jobs" in result.output
    assert not out.exists()


@pytest.mark.parametrize("command", ["build", "merge"])
def test_top_that_is_neither_a_number_nor_auto_is_a_usage_error(tmp_path: Path, command: str) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "out"
    args = [sys.executable, "-c", "from cli.app import main; main()", command, tmp_path, "--out", out, "--top", "many"]
    env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "200"}
    result = subprocess.run([str(a) for a in args], cwd=root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "'many' is neither a number of days nor 'auto'" in result.stderr
    assert not out.exists()
