"""`timeline tag`: the time tagger by itself, on a text (JSON out) or a folder of TimeML documents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cli.common import EXIT_FAILED, QuietOption, command_errors, counted, stderr
from cli.options import DocTypeChoice, DocTypeOption
from timeline.artifacts import write_files_atomically
from timeline.ingest.dates import DATE_HINT, DateValueError, parse_strict_date
from timeline.tagging import decode_text, render_expressions_json, tag_text
from timeline.timeml import TaggedFolder, tag_timeml_dir
from timeline.timeml.read import read_file_bytes

PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILE | IN_DIR OUT_DIR",
        help="A UTF-8 text file ('-' for standard input); with --timeml, the input and output folders.",
        show_default=False,
    ),
]


def tag_command(
    paths: PathsArgument,
    dct: Annotated[
        str | None,
        typer.Option("--dct", metavar="YYYY-MM-DD", help="The text's publication date, to resolve relative dates."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the JSON to this file instead of standard output.", dir_okay=False),
    ] = None,
    timeml: Annotated[
        bool,
        typer.Option("--timeml", help="Tag every *.tml / *.tml.TE3input of IN_DIR with its DCT into OUT_DIR."),
    ] = False,
    write_json: Annotated[
        bool, typer.Option("--json", help="With --timeml: also write NAME.json beside each NAME.tml.")
    ] = False,
    quiet: QuietOption = False,
    doc_type: DocTypeOption = None,
) -> None:
    """Find and normalise the time expressions of a text, or of a folder of TimeML documents.

    `timeline tag FILE --dct 2024-02-08` prints one JSON record per expression (start, end, text,
    type, value, mod, earliest, latest, granularity, anchor, rule); offsets are characters of the
    file. `timeline tag --timeml IN_DIR OUT_DIR` writes TempEval-3 system files: each input with
    TIMEX3 tags added around our expressions and every other byte unchanged.
    """
    if timeml:
        _check_usage(len(paths) == 2, "--timeml takes two folders: IN_DIR OUT_DIR")
        _check_usage(dct is None, "--dct is not used with --timeml: each document's own DCT is used")
        _check_usage(out is None, "--out is not used with --timeml: give OUT_DIR")
        _tag_folder(paths[0], paths[1], write_json=write_json, quiet=quiet, doc_type=doc_type)
        return
    _check_usage(len(paths) == 1, "give one text file (or '-' for standard input)")
    _check_usage(not write_json, "--json is only used with --timeml (the output is always JSON)")
    _tag_file(paths[0], dct, out, quiet=quiet, doc_type=doc_type)


def _check_usage(condition: bool, message: str) -> None:
    if not condition:
        raise typer.BadParameter(message)


def _tag_file(
    path: Path, dct_text: str | None, out: Path | None, *, quiet: bool, doc_type: DocTypeChoice | None
) -> None:
    with command_errors():
        dct = None
        if dct_text is not None:
            try:
                dct = parse_strict_date(dct_text)
            except DateValueError as error:
                raise typer.BadParameter(f"{dct_text!r}: {error}; {DATE_HINT}", param_hint="--dct") from None
        else:
            stderr.print(
                "warning: no --dct: relative dates ('on Thursday', 'last week') stay unresolved; "
                "give the publication date with --dct YYYY-MM-DD",
                markup=False,
            )
        stdin = str(path) == "-"
        data = sys.stdin.buffer.read() if stdin else read_file_bytes(path)
        text = decode_text(data, "<stdin>" if stdin else path)
        expressions = tag_text(
            text, dct=dct, article_id="stdin" if stdin else path.name, doc_type=doc_type.value if doc_type else None
        )
        rendered = render_expressions_json(expressions)
        if out is None:
            sys.stdout.write(rendered)
            sys.stdout.flush()
        else:
            write_files_atomically({out: rendered})
    if out is not None and not quiet:
        stderr.print(f"wrote {out}: {counted(len(expressions), 'time expression')}", markup=False)


def _tag_folder(in_dir: Path, out_dir: Path, *, write_json: bool, quiet: bool, doc_type: DocTypeChoice | None) -> None:
    with command_errors():
        result = tag_timeml_dir(in_dir, out_dir, write_json=write_json, doc_type=doc_type.value if doc_type else None)
        _report_folder(result, quiet=quiet)
        write_files_atomically(result.files)
    if not quiet:
        expressions = sum(len(document.expressions) for document in result.documents)
        stderr.print(
            f"wrote {out_dir}: {counted(len(result.documents), 'document')}, {counted(expressions, 'time expression')}",
            markup=False,
        )
    if result.failures:
        stderr.print(
            f"error: {counted(len(result.failures), 'document')} could not be tagged (see above)", markup=False
        )
        raise typer.Exit(EXIT_FAILED)


def _report_folder(result: TaggedFolder, *, quiet: bool) -> None:
    for failure in result.failures:
        stderr.print(f"error: {failure}", markup=False)
    stripped = result.stripped
    if stripped:
        stderr.print(
            f"note: {counted(len(stripped), 'input')} still had annotation inside <TEXT> (first: {stripped[0]}); "
            "it was stripped before tagging, as in a TempEval-3 input file",
            markup=False,
        )
    if not quiet:
        for name, skipped in result.skipped:
            stderr.print(
                f"info: {name}: {skipped.text!r} at {skipped.span.start}-{skipped.span.end} not tagged: "
                f"{skipped.reason}",
                markup=False,
            )
