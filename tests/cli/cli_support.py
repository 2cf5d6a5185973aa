"""Helpers for the command-line tests: a runner that never hides a traceback, sample paths, small
article files.

Imported as a top-level module (``from cli_support import ...``): ``conftest.py`` puts this folder on
``sys.path``, because a ``tests`` package installed in site-packages by a dependency can shadow this
repository's ``tests`` folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from click.testing import Result
from typer.testing import CliRunner

from cli.app import app
from timeline.compact import is_compact_timeline, load_timeline

REPO_ROOT = Path(__file__).resolve().parents[2]
GAZA = REPO_ROOT / "samples" / "gaza-ceasefire-2024-02"
SEEDS = REPO_ROOT.parent / "shared" / "seeds"
ORIGINAL = "000_ed205d56d064a430"
COPY = "001_c8628ad196c7de24"
OUTPUT_FILES = ("timeline.html", "events.csv", "mentions.csv", "timeline.json", "extractions.jsonl")

# Small articles dated by their front matter: they raise no issue of their own, so a bad input's issue
# is the only line a quiet build prints.
ARTICLE_A = (
    "---\npublished: 2024-02-07\nsource: Daily Bugle\n---\n"
    "On 5 February 2024, the city council voted to close the old bridge. "
    "The mayor said on 6 February 2024 that repairs would start in March 2024.\n"
)
ARTICLE_B = (
    "---\npublished: 2024-03-07\nsource: Weekly Planet\n---\n"
    "The senate passed the transport bill on 4 March 2024. "
    "The president signed the bill on 6 March 2024.\n"
)


def run(*args: object) -> Result:
    """Invoke the CLI in-process with string arguments; fail on any traceback or unexpected exception."""
    result = CliRunner().invoke(app, [str(arg) for arg in args])
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"unexpected exception: {result.exception!r}\n{result.output}")
    return result


def stderr_lines(result: Result) -> list[str]:
    """Return the non-empty lines the command printed on stderr."""
    return [line for line in result.stderr.splitlines() if line.strip()]


def load_json(path: Path) -> dict:
    """Parse a JSON file; a compact timeline.json as the keyed JSON of its `Timeline` (every field named)."""
    record = json.loads(path.read_text(encoding="utf-8"))
    if is_compact_timeline(record):
        return load_timeline(record).model_dump(mode="json")
    return record


@dataclass(frozen=True)
class Built:
    """A finished `timeline build`: its result, output folder and parsed timeline.json."""

    result: Result
    out: Path

    @property
    def timeline(self) -> dict:
        """The parsed timeline.json."""
        return load_json(self.out / "timeline.json")
