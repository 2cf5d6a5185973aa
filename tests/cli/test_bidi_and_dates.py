"""What a person reads never holds a bidirectional control; a publication date after today is flagged."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from cli_support import ARTICLE_B, load_json, run, stderr_lines

from cli.common import warn_future_dates
from timeline.models import ArticleInfo

Write = Callable[[str, str | bytes], Path]

RLO, RLI = "\u202e", "\u2067"
SOURCE = f"{RLO}gnp.exe"
SENTENCE = f"The city council voted on 5 February 2024 to close the {RLI}old bridge."
ARTICLE = f"---\npublished: 2024-02-07\nsource: {SOURCE}\ntitle: Bridge {RLO}closed\n---\n{SENTENCE}\n"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
ESCAPED = re.compile(r"\\u(?:202[a-e]|206[6-9])", re.IGNORECASE)


def _assert_neutral(text: str, what: str) -> None:
    assert not BIDI.search(text), f"{what} holds a raw bidi control"
    assert not ESCAPED.search(text), f"{what} holds an escaped bidi control"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A build (with the embed) of an article whose file, source, title and sentence hold bidi controls."""
    root = tmp_path_factory.mktemp("bidi")
    folder = root / "in"
    folder.mkdir()
    (folder / f"{RLO}txt.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "undated.md").write_text("The mayor spoke on Monday.\n", encoding="utf-8")
    out = root / f"out{RLO}"
    result = run("build", folder, "--out", out, "--embed", "--plotlyjs", "cdn", "--lanes", "source")
    assert result.exit_code == 0, result.output
    return out, stderr_lines(result)


@pytest.mark.parametrize("name", ["timeline.html", "embed.html", "events.csv", "mentions.csv"])
def test_outputs_people_read_hold_no_bidi_control(built: tuple[Path, list[str]], name: str) -> None:
    out, _ = built
    text = (out / name).read_text(encoding="utf-8")
    _assert_neutral(text, name)
    shown = text.replace("\\ufffd", "\ufffd")  # plotly's figure JSON escapes it
    assert "\ufffdgnp.exe" in shown  # one character for one: the reader sees something was there
    if name != "embed.html":
        assert "\ufffdold bridge" in shown


def test_the_data_keeps_the_exact_text(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    timeline = load_json(out / "timeline.json")
    assert SOURCE in {article["source"] for article in timeline["articles"]}
    assert SENTENCE in (out / "extractions.jsonl").read_text(encoding="utf-8")


def test_timelinejs_export_holds_no_bidi_control(built: tuple[Path, list[str]], tmp_path: Path) -> None:
    out, _ = built
    target = tmp_path / f"tl{RLO}.json"
    result = run("export", out / "timeline.json", "--out", target, "--title", f"Story {RLI}x")
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    _assert_neutral(text, "timelinejs")
    assert "Story \ufffdx" in json.loads(text)["title"]["text"]["headline"]
    (line,) = stderr_lines(result)
    _assert_neutral(line, "export's wrote line")


def test_terminal_lines_hold_no_bidi_control(built: tuple[Path, list[str]]) -> None:
    _, lines = built
    assert any("[I120]" in line for line in lines), lines
    assert any(line.startswith("wrote ") for line in lines), lines
    for line in lines:
        _assert_neutral(line, line)
    assert any("out\ufffd" in line for line in lines)


def test_a_publication_date_after_today_is_a_warning_line(write: Write, tmp_path: Path) -> None:
    article = write("in/late.md", "---\npublished: 2199-06-01\n---\nThe council met on Monday.\n")
    for command, out in (("build", tmp_path / "out"), ("extract", tmp_path / "x.jsonl")):
        result = run(command, article.parent, "--out", out, "-q")
        assert result.exit_code == 0, result.output
        assert stderr_lines(result) == [
            f"warning: article late ({article}) is dated 2199-06-01 (front-matter), after today; "
            "check the date or pass --published late=YYYY-MM-DD"
        ]


def test_warn_future_dates_compares_with_the_given_today(capsys: pytest.CaptureFixture[str]) -> None:
    articles = [
        ArticleInfo(id="a", published=date(2024, 2, 8), published_origin="manifest", n_chars=1),
        ArticleInfo(id="b", published=date(2024, 2, 9), published_origin="cli", n_chars=1),
        ArticleInfo(id="c", n_chars=1),
    ]
    warn_future_dates(articles, today=date(2024, 2, 8))
    assert capsys.readouterr().err.splitlines() == [
        "warning: article b is dated 2024-02-09 (cli), after today; check the date or pass --published b=YYYY-MM-DD"
    ]
