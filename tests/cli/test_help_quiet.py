"""--help documents every option; --quiet silences progress and info lines but not warnings."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main
from cli_support import ARTICLE_A, ARTICLE_B, run, stderr_lines

from cli.app import app

Write = Callable[[str, str | bytes], Path]
COMMANDS = ("build", "extract", "merge", "render")


def _options(command) -> list[str]:
    return [name for param in command.params if param.param_type_name == "option"
            for name in (*param.opts, *param.secondary_opts)]


def _plain(text: str) -> str:
    """Help text without rich's box drawing, so names can be searched in it."""
    return re.sub(r"[│╭╮╰╯─]", " ", text)


def test_app_help_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0, result.output
    for name in COMMANDS:
        assert re.search(rf"\b{name}\b", result.output), name


def test_version_prints_the_package_version() -> None:
    from timeline import __version__

    result = run("--version")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"timeline {__version__}\n"
    assert __version__ == "0.1.0"


def test_no_arguments_shows_help() -> None:
    result = run()
    assert result.exit_code == 2, result.output  # no_args_is_help: usage, exit 2 (click 8.2+)
    assert "build" in result.output and "render" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_mentions_every_option(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    options = _options(command)
    assert "--quiet" in options
    result = run(name, "--help")
    assert result.exit_code == 0, result.output
    text = _plain(result.output)
    for option in options:
        assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text), f"{name} --help lacks {option}"


@pytest.fixture
def dated_with_manifest(write: Write) -> Path:
    """Two dated articles and a manifest found in their folder (an info line, I100)."""
    write("in/a.md", ARTICLE_A)
    write("in/b.md", ARTICLE_B)
    return write("in/manifest.csv", "id,source\na,Daily Bugle\n").parent


def test_quiet_build_prints_nothing_when_nothing_is_wrong(dated_with_manifest: Path, tmp_path: Path) -> None:
    result = run("build", dated_with_manifest, "--out", tmp_path / "out", "--plotlyjs", "cdn", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert (tmp_path / "out" / "timeline.json").is_file()


def test_build_without_quiet_prints_info_and_summary(dated_with_manifest: Path, tmp_path: Path) -> None:
    result = run("build", dated_with_manifest, "--out", tmp_path / "out", "--plotlyjs", "cdn")
    assert result.exit_code == 0, result.output
    lines = stderr_lines(result)
    assert [line.split(" ", 2)[:2] for line in lines[:-1]] == [["info", "[I100]"]]
    assert lines[-1].startswith(f"wrote {tmp_path / 'out' / 'timeline.html'}: ")
    assert "2 articles" in lines[-1]
    assert result.stdout == ""


def test_quiet_still_prints_warnings(write: Write, tmp_path: Path) -> None:
    article = write("undated.txt", "The council voted on Monday to close the old bridge.\n")
    result = run("build", article, "--out", tmp_path / "out", "--plotlyjs", "cdn", "-q")
    assert result.exit_code == 0, result.output
    lines = stderr_lines(result)
    assert lines and all(line.startswith("warning [") for line in lines), lines
    assert any("[I120]" in line for line in lines)


@pytest.mark.parametrize("command", ["extract", "merge", "render"])
def test_quiet_stage_commands(dated_with_manifest: Path, tmp_path: Path, command: str) -> None:
    extractions, timeline = tmp_path / "ex.jsonl", tmp_path / "t.json"
    steps = {
        "extract": ("extract", dated_with_manifest, "--out", extractions),
        "merge": ("merge", extractions, "--out", timeline),
        "render": ("render", timeline, "--out", tmp_path / "report", "--plotlyjs", "cdn"),
    }
    for name in ("extract", "merge", "render"):
        args = steps[name]
        result = run(*args, "-q") if name == command else run(*args)
        assert result.exit_code == 0, result.output
        if name == command:
            assert result.output == "", f"{name} -q printed {result.output!r}"
            break
        assert result.output != "", f"{name} without -q printed nothing (info or summary expected)"
