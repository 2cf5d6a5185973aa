"""Read one file's bytes safely and decode them to text.

Every way a file can be unusable (missing, unreadable, too large, empty, binary, not UTF-8) becomes an
Issue instead of an exception, so one bad file never stops the others. The size is checked before
reading, so a huge file costs nothing.
"""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from timeline.ingest.draft import make_issue
from timeline.models import Issue

BINARY_PROBE_BYTES = 8192
"""A NUL byte in this many leading bytes marks a file as binary."""

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_RESAVE_HINT = "re-save the file as UTF-8"


def read_text_file(path: Path, max_bytes: int) -> tuple[str | None, list[Issue]]:
    """Read and decode an article file.

    Args:
        path: the file.
        max_bytes: larger files are not read (``Settings.max_article_bytes``).

    Returns:
        The text with Unix line endings (None when the file cannot be used), and the
        Issues: I101 missing, I110 unreadable, I113 too large, I111 empty, I112 binary, I114/I115
        decoded with a fallback encoding.
    """
    data, issue = _read_bytes(path, max_bytes)
    if data is None:
        return None, [issue] if issue else []
    if not data.strip():
        return None, [_empty(path)]
    if b"\x00" in data[:BINARY_PROBE_BYTES] and not data.startswith(_UTF16_BOMS):
        return None, [
            make_issue(
                "I112",
                path,
                "binary file (NUL bytes), not text; skipped",
                severity="error",
                hint="give the article as .txt, .md, .html, .json or .jsonl text",
            )
        ]
    text, issues = decode_bytes(data, path)
    text = normalise_newlines(text)
    if not text.strip():
        return None, [*issues, _empty(path)]
    return text, issues


def decode_bytes(data: bytes, path: Path) -> tuple[str, list[Issue]]:
    """Decode bytes as UTF-8 (or UTF-16 with a BOM), falling back to cp1252 and then latin-1.

    Args:
        data: the file's bytes.
        path: the file, for messages.

    Returns:
        The text (a leading BOM removed) and an I114 or I115 warning when a fallback was used.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        position = err.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        message = f"not valid UTF-8 (byte {position}) nor cp1252; decoded as latin-1, check the text"
        return data.decode("latin-1"), [make_issue("I115", path, message, hint=_RESAVE_HINT)]
    message = f"not valid UTF-8 (byte {position}); decoded as cp1252 (Windows-1252)"
    return text, [make_issue("I114", path, message, hint=_RESAVE_HINT)]


def normalise_newlines(text: str) -> str:
    """Return ``text`` with Windows (CR LF) and old Mac (CR) line endings turned into LF.

    Args:
        text: any text.

    Returns:
        The text with Unix line endings.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_bytes(path: Path, max_bytes: int) -> tuple[bytes | None, Issue | None]:
    """Return the file's bytes, or None and the Issue that says why they cannot be used."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, make_issue(
                "I110", path, "not a regular file; skipped", severity="error", hint="give a text file"
            )
        size = info.st_size
        if size > max_bytes:
            return None, _too_large(path, size, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return None, make_issue("I101", path, "no such file", severity="error", hint="check the path")
    except OSError as err:
        reason = err.strerror or type(err).__name__
        return None, make_issue(
            "I110",
            path,
            f"cannot read file ({reason}); skipped",
            severity="error",
            hint="check that it is a readable file",
        )
    if len(data) > max_bytes:
        return None, _too_large(path, len(data), max_bytes)
    return data, None


def _too_large(path: Path, size: int, max_bytes: int) -> Issue:
    """Return the I113 Issue for a file over the size limit."""
    return make_issue(
        "I113",
        path,
        f"file is {size} bytes, over the {max_bytes}-byte limit; skipped",
        severity="error",
        hint="split the file or raise max_article_bytes in the settings",
    )


def _empty(path: Path) -> Issue:
    """Return the I111 Issue for a file with no text."""
    return make_issue("I111", path, "file is empty (no text); skipped", hint="remove it or add the text")
