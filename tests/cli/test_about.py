"""`build --about` and `export --format semeval --about` on CAT XML input, as a SemEval participant runs them."""

from __future__ import annotations

from pathlib import Path

from cli_support import load_json, run

SENTENCES = [
    "General Motors seeks aid",
    "December 3 , 2008",
    "General Motors asked Congress for $ 18 billion on Tuesday .",
    "Ford announced job cuts on Monday .",
    "GM said it would close nine plants .",
]


def _cat(folder: Path) -> Path:
    tokens = [(s, w) for s, sentence in enumerate(SENTENCES) for w in sentence.split()]
    body = "".join(
        f'<token t_id="{n + 1}" sentence="{s}" number="{n}">{w}</token>\n' for n, (s, w) in enumerate(tokens)
    )
    folder.mkdir()
    path = folder / "118_GM_seeks_aid.txt.xml"
    path.write_text(
        f'<Document doc_id="118" doc_name="118_GM_seeks_aid.txt">\n{body}<Markables>'
        '<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2008-12-03"/></Markables></Document>\n',
        encoding="utf-8",
    )
    return folder


def test_build_about_and_export_semeval(tmp_path: Path) -> None:
    corpus = _cat(tmp_path / "corpus")
    everything = run("build", corpus, "--out", tmp_path / "all", "-q")
    assert everything.exit_code == 0, everything.output
    built = run("build", corpus, "--out", tmp_path / "gm", "--about", "General Motors", "-q")
    assert built.exit_code == 0, built.output
    titles = " ".join(e["title"] for e in load_json(tmp_path / "gm" / "timeline.json")["events"])
    all_titles = " ".join(e["title"] for e in load_json(tmp_path / "all" / "timeline.json")["events"])
    assert "Ford" in all_titles and "Ford" not in titles and "asked" in titles

    out = tmp_path / "general_motors.txt"
    exported = run("export", tmp_path / "all" / "timeline.json", "--format", "semeval", "--about", "General Motors",
                   "--out", out, "-q")  # fmt: skip
    assert exported.exit_code == 0, exported.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "General Motors"
    assert any(line.endswith("\t2008-12-02\t118-2-asked") for line in lines)  # CAT sentence 2, the Tuesday before
    assert any(line.endswith("118-4-close") or "118-4-said" in line for line in lines)  # "GM" is General Motors
    assert not any("announced" in line for line in lines)


def test_export_semeval_needs_about(tmp_path: Path) -> None:
    result = run("export", tmp_path / "t.json", "--format", "semeval", "--out", tmp_path / "x.txt")
    assert result.exit_code != 0 and "--about" in result.output
