"""Read and write the stage artifacts (`extractions.jsonl`, `timeline.json`) and output files.

Writes are atomic: every file is written to a temporary file in the same folder and renamed into
place, so a crash or a full disk never leaves a half-written output. Reads validate each record
and say which file and line is bad.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from timeline.compact import (
    Decoder,
    PackedExtractions,
    dump_record,
    extractions_header,
    is_compact_timeline,
    is_extractions_header,
    load_record,
    load_timeline,
)
from timeline.errors import InputError
from timeline.models import ArticleExtraction, Issue, Timeline


def _file_mode() -> int:
    """Return the mode a normally created file gets (mkstemp makes private 0600 files)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_files_atomically(files: Mapping[Path, str | bytes | Iterable[str]]) -> list[Path]:
    """Write every file, all or nothing: no output is ever half-written or left stale beside new ones.

    Text (``str``, or an iterable of ``str`` pieces written one after the other, so that a corpus' file
    is never one string in memory) is written as UTF-8 (gzip-compressed when the name ends in ``.gz``),
    ``bytes`` (a chart image) as they are, in one batch, so a report and its images are always from the
    same run. Each file
    goes to a temp file in its folder first. Then existing outputs are moved aside and the temp files
    renamed into place; if any step fails, the old files are put back.

    Raises:
        InputError: a folder cannot be created or a file cannot be written (the old outputs remain).
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files.items():
            staged.append((_write_temp(path, content), path))
    except OSError as exc:
        _discard(temp for temp, _ in staged)
        raise _write_error(exc, path) from exc
    except BaseException:  # interrupted (Ctrl-C, SIGTERM): leave no temp file behind
        _discard(temp for temp, _ in staged)
        raise
    _swap_into_place(staged)
    return [path for _, path in staged]


GZIP_LEVEL = 6
GZIP_WBITS = 31
"""zlib's gzip container (16 + a 32 KB window): the bytes ``gzip.compress(data, 6, mtime=0)`` writes."""

GZIP_MAGIC = b"\x1f\x8b"
"""The first bytes of a gzip file: readers decompress such a file whatever its name."""


def _write_temp(path: Path, content: str | bytes | Iterable[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pieces = [content] if isinstance(content, str) else content
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if isinstance(pieces, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(pieces)
        elif path.name.endswith(".gz"):  # gzip with no name and no time (zlib's own header): same bytes every run
            packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, GZIP_WBITS)
            with os.fdopen(handle, "wb") as binary:
                for piece in pieces:
                    binary.write(packer.compress(piece.encode("utf-8")))
                binary.write(packer.flush())
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                for piece in pieces:
                    stream.write(piece)
        os.chmod(temp_name, _file_mode())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return Path(temp_name)


def _swap_into_place(staged: list[tuple[Path, Path]]) -> None:
    """Rename temp files over their targets; on failure restore every target as it was."""
    backups: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    current = staged[0][1] if staged else Path()
    try:
        for temp, path in staged:
            current = path
            if path.is_dir():
                raise IsADirectoryError(21, "Is a directory", str(path))
            if path.exists():
                backup = path.with_name(f".{path.name}.{temp.name[-12:-4]}.bak")
                os.replace(path, backup)
                backups.append((backup, path))
            os.replace(temp, path)
            placed.append(path)
    except OSError as exc:
        _discard(placed)
        for backup, path in backups:
            os.replace(backup, path)
        _discard(temp for temp, _ in staged)
        raise _write_error(exc, current) from exc
    _discard(backup for backup, _ in backups)


def _discard(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _write_error(exc: OSError, path: Path) -> InputError:
    """Name the folder or output that failed, never our hidden temp or backup files."""
    failed = Path(exc.filename) if exc.filename else path
    if failed.name.startswith(".") and failed.name.endswith((".tmp", ".bak")):
        failed = path
    return InputError(
        f"cannot write output ({exc.strerror or exc})",
        path=failed,
        hint="check the folder exists and is writable, and that the disk has space",
    )


def render_extractions_jsonl(extractions: Iterable[ArticleExtraction], issues: Iterable[Issue] = ()) -> str:
    """Return the `extractions.jsonl` text, compact (`timeline.compact`): `extractions_jsonl_lines` joined."""
    return "".join(extractions_jsonl_lines(extractions, issues))


def extractions_jsonl_lines(extractions: Iterable[ArticleExtraction], issues: Iterable[Issue] = ()) -> Iterator[str]:
    """Yield the lines of `extractions.jsonl`, compact (`timeline.compact`), one at a time.

    A header line with the format and the models' fields, then ingest Issues (one per line), then one
    article per line. `write_files_atomically` writes them as they come: a corpus' file (about 6 KB an
    article) is never held in memory whole.
    """
    yield extractions_header()
    for issue in issues:
        yield dump_record(issue)
    if isinstance(extractions, PackedExtractions):  # the packed items are these lines: nothing to decode
        yield from extractions.lines()
    else:
        for extraction in extractions:
            yield dump_record(extraction)


_DECODE_ERRORS = (ValueError, TypeError, KeyError, IndexError, RecursionError)
"""What a malformed compact record can raise while it is decoded (pydantic's ValidationError is a ValueError)."""


def read_extractions(path: Path) -> tuple[list[ArticleExtraction], list[Issue]]:
    """Read an `extractions.jsonl` file written by `timeline extract` (compact, or the keyed JSON of earlier versions).

    Raises:
        InputError: the file cannot be read, or a line is not an extraction or an issue record.
    """
    extractions: list[ArticleExtraction] = []
    issues: list[Issue] = []
    decoder: Decoder | None = None
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if decoder is None and not extractions and not issues and is_extractions_header(record):
                decoder = Decoder(record.get("fields") or {})
                continue
            if decoder is not None:
                found = load_record(decoder, record)
            elif isinstance(record, dict) and "article" in record:
                found = ArticleExtraction.model_validate(record)
            else:
                found = Issue.model_validate(record)
        except _DECODE_ERRORS as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InputError(
                f"not an extraction record ({reason})",
                path=path,
                line=number,
                hint="give a file written by `timeline extract`",
            ) from exc
        (extractions if isinstance(found, ArticleExtraction) else issues).append(found)
    return extractions, issues


def read_timeline(path: Path) -> Timeline:
    """Read a `timeline.json` file written by `timeline merge` or `timeline build` (compact or keyed).

    Raises:
        InputError: the file cannot be read or is not a timeline.
    """
    text = _read_text(path)
    try:
        record = json.loads(text)
        if is_compact_timeline(record):
            return load_timeline(record)
        return Timeline.model_validate(record)
    except _DECODE_ERRORS as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            f"not a timeline file ({reason})",
            path=path,
            hint="give a timeline.json written by `timeline merge` or `timeline build`",
        ) from exc


def _read_text(path: Path) -> str:
    """Return a file's UTF-8 text, decompressed first when it is gzip (whatever its name)."""
    try:
        data = path.read_bytes()
        if data.startswith(GZIP_MAGIC):
            data = gzip.decompress(data)
        return data.decode("utf-8")
    except FileNotFoundError as exc:
        raise InputError("file not found", path=path, hint="check the path") from exc
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read file ({exc})", path=path, hint="give a UTF-8 file written by timeline") from exc
