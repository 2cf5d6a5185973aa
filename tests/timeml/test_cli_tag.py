"""`timeline tag`, run through a private typer app (the command is registered in `cli.app` separately)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import typer
from click.testing import Result
from typer.testing import CliRunner

from cli.commands.tag import tag_command
from tests.timeml.samples import SMALL
from timeline.timeml import remove_timex_tags, strip_annotations

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
app.command("tag")(tag_command)


@app.command("other", hidden=True)
def _other() -> None:
    """A second command, so that `tag` stays a sub-command as in the real app."""


def run(*args: object, stdin: str | None = None) -> Result:
    result = CliRunner().invoke(app, ["tag", *(str(arg) for arg in args)], input=stdin)
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"unexpected exception: {result.exception!r}\n{result.output}")
    return result


def test_plain_text_with_dct(tmp_path: Path) -> None:
    path = tmp_path / "blinken.txt"
    path.write_text("Blinken left the Middle East on Thursday.", encoding="utf-8")
    result = run(path, "--dct", "2024-02-08")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert records == [
        {
            "start": 32,
            "end": 40,
            "text": "Thursday",
            "type": "DATE",
            "value": "2024-02-08",
            "mod": None,
            "earliest": "2024-02-08",
            "latest": "2024-02-08",
            "granularity": "day",
            "anchor": "dct",
            "rule": records[0]["rule"],
        }
    ]
    assert result.stderr == ""


def test_stdin_and_out_file(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = run("-", "--dct", "2024-02-08", "--out", out, stdin="Talks resumed in October 2023.")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [(r["text"], r["value"], r["granularity"]) for r in records] == [("October 2023", "2023-10", "month")]
    assert "wrote" in result.stderr


def test_without_dct_warns_and_stays_partial(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("They met on Thursday.", encoding="utf-8")
    result = run(path)
    assert result.exit_code == 0
    assert "warning: no --dct" in result.stderr
    [record] = json.loads(result.stdout)
    assert record["value"] == "XXXX-WXX-4" and record["earliest"] is None and record["anchor"] == "none"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.txt", "--dct", "2024-02-30"], "--dct"),
        (["a.txt", "b.txt"], "give one text file"),
        (["--timeml", "in"], "two folders"),
        (["--timeml", "in", "out", "--dct", "2024-02-08"], "--dct is not used"),
    ],
)
def test_wrong_usage_exits_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_bad_text_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\x00x")
    result = run(path, "--dct", "2024-02-08")
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr and "UTF-8" in result.stderr
    assert run(tmp_path / "missing.txt", "--dct", "2024-02-08").exit_code == 1


def test_timeml_folder(tmp_path: Path) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    stripped = strip_annotations(SMALL)
    (in_dir / "a.tml.TE3input").write_text(stripped, encoding="utf-8")
    (in_dir / "b.tml").write_text(SMALL, encoding="utf-8")  # gold: stripped first
    (in_dir / "broken.tml").write_text("<TimeML><TEXT>", encoding="utf-8")
    (in_dir / "nodct.tml").write_text("<TimeML><TEXT>on Monday</TEXT></TimeML>", encoding="utf-8")
    (in_dir / "notes.txt").write_text("not TimeML", encoding="utf-8")
    result = run("--timeml", in_dir, out_dir, "--json")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert "broken.tml" in errors[0] and "XML" in errors[0]
    assert "nodct.tml" in errors[1] and "DCT" in errors[1]
    assert "2 documents could not be tagged" in errors[2]
    assert sum("stripped before tagging" in line for line in result.stderr.splitlines()) == 1
    assert sorted(path.name for path in out_dir.iterdir()) == ["a.json", "a.tml", "b.json", "b.tml"]
    for name in ("a", "b"):
        text = (out_dir / f"{name}.tml").read_text(encoding="utf-8")
        ElementTree.fromstring(text)
        assert remove_timex_tags(text) == stripped
        assert '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3>' in text
    payload = json.loads((out_dir / "a.json").read_text(encoding="utf-8"))
    assert payload["dct"] == "1998-01-08"
    assert [(r["tid"], r["text"], r["value"]) for r in payload["expressions"]] == [
        ("t1", "Wednesday", "1998-01-07"),
        ("t2", "1997", "1997"),
    ]


def test_timeml_folder_all_good_exits_0(tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "a.tml").write_text(SMALL, encoding="utf-8")
    result = run("--timeml", in_dir, tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "a.tml").exists()


def test_timeml_folder_errors(tmp_path: Path) -> None:
    result = run("--timeml", tmp_path / "nowhere", tmp_path / "out")
    assert result.exit_code == 1 and "not a folder" in result.stderr
    result = run("--timeml", tmp_path, tmp_path / "out")
    assert result.exit_code == 1 and "no *.tml" in result.stderr
    (tmp_path / "a.tml").write_text(SMALL, encoding="utf-8")
    result = run("--timeml", tmp_path, tmp_path)
    assert result.exit_code == 1 and "output folder is the input folder" in result.stderr


def test_doc_type_narrative_takes_the_story_year(tmp_path: Path) -> None:
    path = tmp_path / "history.txt"
    path.write_text("In 1919 the army crossed the river. On April 16 the town fell.", encoding="utf-8")
    values = {}
    for doc_type in ("narrative", "news"):
        result = run(path, "--dct", "2009-12-19", "--doc-type", doc_type)
        assert result.exit_code == 0, result.output
        values[doc_type] = {record["text"]: (record["value"], record["anchor"]) for record in json.loads(result.stdout)}
    assert values["narrative"]["April 16"] == ("1919-04-16", "story")
    assert values["news"]["April 16"] == ("2010-04-16", "dct")
    assert run(path, "--dct", "2009-12-19", "--doc-type", "essay").exit_code == 2


def test_doc_type_on_a_timeml_folder(tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    text = SMALL.replace("Wednesday", "In 1919 the army crossed. On April 16")
    (in_dir / "a.tml").write_text(text, encoding="utf-8")
    result = run("--timeml", in_dir, tmp_path / "out", "--quiet", "--doc-type", "narrative")
    assert result.exit_code == 0, result.output
    assert 'value="1919-04-16">April 16</TIMEX3>' in (tmp_path / "out" / "a.tml").read_text(encoding="utf-8")
