"""Tag the ``<TEXT>`` of TimeML documents with their DCT and produce TempEval-3 system files.

This is `timeline tag --timeml`: a folder of TempEval-3 input (or gold) files in, one system file
per document out, so the tagger can be scored against gold annotation and compared with other
taggers on the same files. A bad document is reported and the others are still tagged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from timeline.errors import InputError
from timeline.models import DocType, TimeExpression
from timeline.tagging import expression_record
from timeline.timeml.read import TimemlDocument, read_file_bytes, read_timeml
from timeline.timeml.write import Skipped, strip_annotations, write_system_file
from timeline.timex import tag_times

TE3_INPUT_SUFFIX = ".tml.TE3input"
TIMEML_SUFFIX = ".tml"


@dataclass(frozen=True)
class TaggedDocument:
    """One TimeML document after tagging: the system file and what went into it."""

    name: str
    text: str
    expressions: tuple[TimeExpression, ...]
    tids: tuple[str | None, ...]
    skipped: tuple[Skipped, ...]
    stripped: bool
    document: TimemlDocument


def tag_timeml(
    data: bytes | str, path: Path | str | None = None, *, name: str = "", doc_type: DocType | None = None
) -> TaggedDocument:
    """Tag the ``<TEXT>`` of one TimeML document with its DCT and return the system file.

    When ``<TEXT>`` still holds TIMEX3 tags (a gold file rather than an input file), all annotation is
    stripped first, as in a TempEval-3 input file, and ``stripped`` says so.

    Raises:
        InputError: the document is not XML, or has no ``<TEXT>`` or no creation time.
    """
    document = read_timeml(data, path)
    stripped = "<TIMEX3" in document.raw_text
    if stripped:
        document = read_timeml(strip_annotations(document.raw), path)
    expressions = tag_times(document.plain, dct=document.dct, article_id=name, doc_type=doc_type)
    system = write_system_file(document, expressions)
    return TaggedDocument(
        name=name,
        text=system.text,
        expressions=expressions,
        tids=system.tids,
        skipped=system.skipped,
        stripped=stripped,
        document=document,
    )


def timeml_inputs(in_dir: Path) -> list[tuple[str, Path]]:
    """Return ``(name, path)`` for each ``*.tml.TE3input`` or ``*.tml`` file of a folder, sorted by name.

    ``name`` is the file name without ``.tml``/``.tml.TE3input``; when both forms exist, the input
    file wins.

    Raises:
        InputError: the folder does not exist or holds no such file.
    """
    if not in_dir.is_dir():
        raise InputError("not a folder", path=in_dir, hint="give the folder that holds the .tml files")
    found: dict[str, Path] = {}
    for path in sorted(in_dir.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.name.endswith(TE3_INPUT_SUFFIX):
            found[path.name[: -len(TE3_INPUT_SUFFIX)]] = path
        elif path.name.endswith(TIMEML_SUFFIX):
            found.setdefault(path.name[: -len(TIMEML_SUFFIX)], path)
    if not found:
        raise InputError(
            "no *.tml or *.tml.TE3input file in the folder", path=in_dir, hint="give a folder of TimeML files"
        )
    return sorted(found.items())


@dataclass
class TaggedFolder:
    """The result of tagging a folder: files to write, per-file failures, and what to tell the user."""

    files: dict[Path, str] = field(default_factory=dict)
    documents: list[TaggedDocument] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)

    @property
    def stripped(self) -> list[str]:
        """Return the names of the documents whose gold annotation was stripped before tagging."""
        return [document.name for document in self.documents if document.stripped]

    @property
    def skipped(self) -> list[tuple[str, Skipped]]:
        """Return every expression that could not be written as a tag, with its document's name."""
        return [(document.name, item) for document in self.documents for item in document.skipped]


def tag_timeml_dir(
    in_dir: Path,
    out_dir: Path,
    *,
    write_json: bool = False,
    on_document: Callable[[str], None] | None = None,
    doc_type: DocType | None = None,
) -> TaggedFolder:
    """Tag every TimeML document of ``in_dir``; return ``out_dir/NAME.tml`` (and ``NAME.json``) to write.

    A document that cannot be read becomes a failure (an `InputError` naming the file) and the others
    are still tagged. Nothing is written here: the caller writes ``files`` (atomically). ``doc_type``
    ("news" or "narrative") applies to every document; None detects each one's.

    Raises:
        InputError: ``in_dir`` is not a folder of TimeML files, or ``out_dir`` is the same folder.
    """
    inputs = timeml_inputs(in_dir)
    if out_dir.resolve() == in_dir.resolve():
        raise InputError(
            "the output folder is the input folder", path=out_dir, hint="give another folder for the system files"
        )
    result = TaggedFolder()
    for name, path in inputs:
        if on_document is not None:
            on_document(name)
        try:
            tagged = tag_timeml(read_file_bytes(path), path, name=name, doc_type=doc_type)
        except InputError as error:
            result.failures.append(error)
            continue
        result.documents.append(tagged)
        result.files[out_dir / f"{name}{TIMEML_SUFFIX}"] = tagged.text
        if write_json:
            result.files[out_dir / f"{name}.json"] = render_document_json(tagged)
    return result


def render_document_json(tagged: TaggedDocument) -> str:
    """Return the JSON written beside a system file: the DCT, the plain text and the expressions.

    Each record carries the ``tid`` of its tag in the system file (None when it could not be tagged).
    """
    records = [
        {"tid": tid, **expression_record(expression)}
        for expression, tid in zip(tagged.expressions, tagged.tids, strict=True)
    ]
    payload = {
        "document": tagged.name,
        "dct": tagged.document.dct.isoformat(),
        "text": tagged.document.plain,
        "expressions": records,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
