"""Score a folder of TimeML system files against a folder of gold files (TempEval-3 style).

Documents are paired by name: gold ``NAME.tml`` with system ``NAME.tml``. Both must have the same
plain text, because spans are compared on it; a system file built from another text is an error,
not a silent zero. A gold document with no system file counts as all missed and is listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from timeline.errors import InputError
from timeline.evaluation.timex import TimexScore, score_corpus
from timeline.timeml.read import Timex, read_timeml_file
from timeline.timeml.tag import timeml_inputs


@dataclass(frozen=True)
class FolderScore:
    """The score of a system folder, and the gold documents it had no file for."""

    score: TimexScore
    missing: tuple[str, ...]


def score_timeml_folders(gold_dir: Path, system_dir: Path, names: set[str] | None = None) -> FolderScore:
    """Score every gold document of ``gold_dir`` (or those in ``names``) against ``system_dir``.

    Raises:
        InputError: a file cannot be read, or a system file's plain text differs from its gold file's.
    """
    documents: list[tuple[str, tuple[Timex, ...], tuple[Timex, ...], str]] = []
    missing: list[str] = []
    for name, gold_path in timeml_inputs(gold_dir):
        if names is not None and name not in names:
            continue
        gold = read_timeml_file(gold_path)
        system_path = system_dir / f"{name}.tml"
        if not system_path.is_file():
            missing.append(name)
            documents.append((name, gold.timexes, (), gold.plain))
            continue
        system = read_timeml_file(system_path)
        if system.plain != gold.plain:
            raise InputError(
                "the system file's text differs from the gold file's",
                path=system_path,
                hint=f"tag the input made from {gold_path.name}, changing nothing but TIMEX3 tags",
            )
        documents.append((name, gold.timexes, system.timexes, gold.plain))
    return FolderScore(score=score_corpus(documents), missing=tuple(missing))
