"""Find the article files named by the inputs: files, directories (recursive) and glob patterns.

The walk is sorted at every level and the result sorted again, so the same inputs always give the same
files in the same order, whatever the file system returns. Nothing found is an Issue, not an error:
the caller decides whether zero articles is fatal.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.ingest.draft import make_issue
from timeline.models import Issue

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".xml")
"""File name endings read as articles."""

MANIFEST_NAMES = ("manifest.csv", "manifest.yml", "manifest.yaml")
"""Names of a manifest found inside an input directory, by preference."""

SKIPPED_PREFIXES = ("README", "LICENSE", "LICENCE", "NOTICE", "ATTRIBUTION")
"""Files in a directory whose names start like this are documentation, not articles."""

OUTPUT_MARKERS = ("timeline.json", "events.csv")
"""A folder holding both of these is a `timeline build` output folder: its files are not articles."""

_GLOB_CHARS = frozenset("*?[")
_FORMATS_HINT = "give .txt, .md, .html, .htm, .json, .jsonl or CAT .xml files"


@dataclass(frozen=True)
class Discovery:
    """What the inputs name.

    Attributes:
        files: article files, sorted by path, each file once.
        manifests: manifests found directly inside input directories, in input order.
        issues: problems met on the way (missing paths, empty directories, unsupported files).
    """

    files: tuple[Path, ...]
    manifests: tuple[Path, ...]
    issues: tuple[Issue, ...]


def discover_inputs(inputs: Sequence[Path | str]) -> Discovery:
    """Expand files, directories and glob patterns into the article files they name.

    Args:
        inputs: paths as given by the user. A string with ``*``, ``?`` or ``[`` that names no
            existing path is a glob pattern (``**`` recurses).

    Returns:
        The files, the manifests found in input directories, and the Issues.
    """
    files: list[Path] = []
    manifests: list[Path] = []
    issues: list[Issue] = []
    for given in inputs:
        path = Path(given)
        kind = _path_kind(path)
        if kind == "dir":
            _add_directory(path, files, manifests, issues)
        elif kind == "file":
            _add_named_file(path, files, issues)
        elif kind == "missing" and _GLOB_CHARS.intersection(str(given)):
            _add_glob(str(given), files, manifests, issues)
        elif kind == "missing":
            issues.append(_missing(path))
        else:
            issues.append(
                make_issue(
                    "I110",
                    path,
                    f"cannot access path ({kind})",
                    severity="error",
                    hint="check the path and its permissions",
                )
            )
    return Discovery(files=_unique_sorted(files), manifests=tuple(manifests), issues=tuple(issues))


def is_article_name(name: str) -> bool:
    """Return True when a file found in a directory should be read as an article.

    Args:
        name: the file name, without folders.

    Returns:
        False for hidden files, unsupported endings, manifests and README/LICENSE/NOTICE/ATTRIBUTION.
    """
    if name.startswith(".") or name.lower() in MANIFEST_NAMES:
        return False
    if name.upper().startswith(SKIPPED_PREFIXES) and name[:1].isupper():
        return False
    return name.lower().endswith(ARTICLE_SUFFIXES)


def _path_kind(path: Path) -> str:
    """Return "dir", "file", "missing", or the error met while looking at ``path``."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as err:
        return err.strerror or type(err).__name__
    return "dir" if stat.S_ISDIR(mode) else "file"


def _add_directory(folder: Path, files: list[Path], manifests: list[Path], issues: list[Issue]) -> None:
    """Add the article files under ``folder`` and the manifest directly inside it."""
    found = _walk(folder, issues)
    if not found:
        issues.append(make_issue("I104", folder, "directory holds no article files", hint=_FORMATS_HINT))
    files.extend(found)
    present = [folder / name for name in MANIFEST_NAMES if (folder / name).is_file()]
    manifests.extend(present[:1])
    for extra in present[1:]:
        issues.append(
            make_issue(
                "I105",
                extra,
                f"ignored: {present[0].name} in the same directory is used",
                hint="keep a single manifest per directory",
            )
        )


def _walk(folder: Path, issues: list[Issue]) -> list[Path]:
    """Return the article files under ``folder``, skipping hidden directories, in sorted order."""

    def report(err: OSError) -> None:
        where = err.filename or folder
        issues.append(
            make_issue(
                "I110",
                where,
                f"cannot list directory ({err.strerror})",
                severity="error",
                hint="check its permissions",
            )
        )

    found: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=report):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        if all(marker in names for marker in OUTPUT_MARKERS):
            continue  # our own output folder (e.g. --out inside the input folder): not articles
        found.extend(Path(root) / name for name in sorted(names) if is_article_name(name))
    return found


def _add_named_file(path: Path, files: list[Path], issues: list[Issue]) -> None:
    """Add a file the user named: any name is read, but its ending must be a supported one."""
    if path.name.lower().endswith(ARTICLE_SUFFIXES):
        files.append(path)
        return
    hint = "pass a manifest with --manifest" if path.name.lower() in MANIFEST_NAMES else _FORMATS_HINT
    issues.append(make_issue("I103", path, f"unsupported file type {path.suffix or '(none)'!r}; skipped", hint=hint))


def _add_glob(pattern: str, files: list[Path], manifests: list[Path], issues: list[Issue]) -> None:
    """Add what a glob pattern matches: directories are walked, files filtered like directory members."""
    before = len(files)
    for match in sorted(glob.glob(pattern, recursive=True)):
        path = Path(match)
        if path.is_dir():
            _add_directory(path, files, manifests, issues)
        elif is_article_name(path.name):
            files.append(path)
    if len(files) == before:
        issues.append(make_issue("I102", pattern, "pattern matches no article files", hint=_FORMATS_HINT))


def _missing(path: Path) -> Issue:
    """Return the Issue for an input path that does not exist."""
    return make_issue(
        "I101",
        path,
        "no such file or directory",
        severity="error",
        hint="check the path (globs need quotes if the shell should not expand them)",
    )


def _unique_sorted(paths: list[Path]) -> tuple[Path, ...]:
    """Sort paths and keep each file once, even when named twice (by two inputs or two spellings)."""
    seen: set[str] = set()
    unique: list[Path] = []
    for path in sorted(paths, key=str):
        key = resolved_key(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return tuple(unique)


def resolved_key(path: Path) -> str:
    """Return a string that is equal for two spellings of the same file.

    Args:
        path: a file path.

    Returns:
        The resolved path as text (the absolute path when it cannot be resolved).
    """
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)
