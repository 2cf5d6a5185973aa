"""What each entry point imports: the HTML stack only for HTML inputs, nothing heavy for `import timeline`.

trafilatura, htmldate and lxml take a second to import and are the packages an old pip installs
incompletely (lxml.html.clean), so a build of text articles must not touch them. Each check runs in a
fresh interpreter, where ``sys.modules`` shows exactly what was imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAZA = ROOT / "samples" / "gaza-ceasefire-2024-02"

_REPORT = (
    "import atexit, json, sys\n"
    "atexit.register(lambda: print(json.dumps(sorted({m.split('.')[0] for m in sys.modules}))))\n"
)


def _imported(code: str, *argv: str) -> set[str]:
    """Run ``code`` in a fresh interpreter and return the top-level packages it had imported at exit."""
    done = subprocess.run(
        [sys.executable, "-c", _REPORT + code, *argv],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "[]"
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(last))


def test_text_build_does_not_import_the_html_stack(tmp_path: Path) -> None:
    code = "import sys\nsys.argv = ['timeline', *sys.argv[1:]]\nfrom cli.app import main\nmain()\n"
    modules = _imported(code, "build", str(GAZA), "--out", str(tmp_path / "out"), "--quiet")
    assert (tmp_path / "out" / "timeline.html").is_file()
    assert "spacy" in modules  # the build really ran
    assert not modules & {"trafilatura", "htmldate", "lxml", "justext"}


def test_html_input_imports_the_html_stack(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>The talks resumed on Monday in Cairo.</p></article></body></html>")
    code = "import sys\nfrom pathlib import Path\nfrom timeline.ingest import read_articles\n"
    code += "read_articles([Path(sys.argv[1])])\n"
    assert {"trafilatura", "htmldate", "lxml"} <= _imported(code, str(page))


def test_import_timeline_is_light() -> None:
    modules = _imported("import timeline\nassert callable(timeline.build)\n")
    assert not modules & {"spacy", "plotly", "jinja2", "trafilatura", "lxml", "pandas"}
