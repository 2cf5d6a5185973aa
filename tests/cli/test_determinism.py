"""The same inputs always give byte-identical outputs, whatever the order they are given in."""

from __future__ import annotations

from cli_support import COPY, GAZA, ORIGINAL, Built, run

COMPARED = ("timeline.json", "events.csv", "mentions.csv", "timeline.html", "extractions.jsonl")


def test_two_builds_are_byte_identical(tmp_path, gaza_build: Built) -> None:
    out = tmp_path / "again"
    result = run("build", GAZA, "--out", out)
    assert result.exit_code == 0, result.output
    for name in COMPARED:
        assert (out / name).read_bytes() == (gaza_build.out / name).read_bytes(), name


def test_input_order_does_not_change_the_timeline(tmp_path) -> None:
    files = [GAZA / f"{ORIGINAL}.txt", GAZA / f"{COPY}.txt"]
    outputs = []
    for index, order in enumerate((files, files[::-1])):
        out = tmp_path / f"out{index}"
        result = run("build", *order, "--manifest", GAZA / "manifest.csv", "--out", out, "--plotlyjs", "cdn", "-q")
        assert result.exit_code == 0, result.output
        outputs.append(out)
    for name in ("timeline.json", "events.csv", "mentions.csv", "extractions.jsonl"):
        assert (outputs[0] / name).read_bytes() == (outputs[1] / name).read_bytes(), name
