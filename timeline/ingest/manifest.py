"""Read a manifest (CSV or YAML) and apply its rows to the articles it names.

A manifest is where a user states what the files cannot: the outlet, the url, the publication date.
Its values override the files'. A manifest that cannot be read at all stops the command
(`InputError`); a bad row or column is an Issue with the manifest's line number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from timeline.errors import InputError
from timeline.ingest.decode import normalise_newlines
from timeline.ingest.draft import Draft, make_issue
from timeline.ingest.files import resolved_key
from timeline.ingest.metadata import YAML_ERRORS, StringScalarLoader, apply_fields, describe_value, scalar_text
from timeline.models import Issue

MANIFEST_COLUMNS = ("id", "file", "source", "title", "url", "published", "language")
"""The columns a manifest may have; ``file`` is relative to the manifest's folder."""

_ROW_HINT = "fix the id/file or remove the row"
_FORMAT_HINT = "a manifest is a CSV with a header row, or YAML: a list of rows or a mapping id -> row"


@dataclass(frozen=True)
class ManifestRow:
    """One manifest row: the line it starts on and its known columns' values."""

    line: int
    values: dict[str, object]


@dataclass(frozen=True)
class Manifest:
    """A parsed manifest: its rows, and the Issues met reading it (unknown columns, unusable rows)."""

    path: Path
    rows: tuple[ManifestRow, ...]
    issues: tuple[Issue, ...]


def load_manifest(path: Path) -> Manifest:
    """Read a manifest file.

    Args:
        path: a ``.csv``, ``.yml`` or ``.yaml`` file.

    Returns:
        The manifest.

    Raises:
        InputError: the file is missing, unreadable, not UTF-8, empty, or not a manifest at all.
    """
    text = _read_manifest_text(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw_rows, issues = _csv_rows(path, text)
    elif suffix in (".yml", ".yaml"):
        raw_rows, issues = _yaml_rows(path, text)
    else:
        raise InputError(f"unsupported manifest type {suffix!r}", path=path, hint=_FORMAT_HINT)
    rows, column_issues = _known_columns(path, raw_rows)
    return Manifest(path=path, rows=rows, issues=(*column_issues, *issues))


def apply_manifest(drafts: list[Draft], manifest: Manifest) -> tuple[list[Draft], list[Issue]]:
    """Apply each row to the article(s) it names, by ``file`` first, then by ``id``.

    Args:
        drafts: the articles read so far.
        manifest: the manifest.

    Returns:
        The updated drafts (same order) and the Issues: I171 a row naming no article, I172 a row
        with neither id nor file, I173 an article named by two rows (the later row wins), I174 an
        id that cannot be given to several articles of one file, plus bad values (I142, I130).
    """
    drafts = list(drafts)
    by_id = _index(drafts, lambda draft: draft.id)
    by_file = _index(drafts, lambda draft: resolved_key(draft.path))
    first_row: dict[int, int] = {}
    issues: list[Issue] = []
    for row in manifest.rows:
        targets, fields, found = _match_row(row, manifest.path, by_id, by_file)
        issues.extend(found)
        for index in targets:
            if index in first_row:
                issues.append(_named_twice(manifest.path, row.line, first_row[index], drafts[index].id))
            first_row.setdefault(index, row.line)
            drafts[index], found = apply_fields(
                drafts[index], fields, "manifest", where=str(manifest.path), line=row.line
            )
            issues.extend(found)
    return drafts, issues


def _match_row(
    row: ManifestRow, path: Path, by_id: dict[str, list[int]], by_file: dict[str, list[int]]
) -> tuple[list[int], dict[str, object], list[Issue]]:
    """Return the positions of the drafts a row names, the fields to apply to them, and Issues."""
    for name in ("id", "file"):
        value = row.values.get(name)
        if value is not None and scalar_text(value) is None:
            message = f"{name} must be text, got {describe_value(value)}; row skipped"
            return [], {}, [make_issue("I172", path, message, line=row.line, hint=_ROW_HINT)]
    row_id, row_file = scalar_text(row.values.get("id")), scalar_text(row.values.get("file"))
    if not row_id and not row_file:
        message = "row has neither an id nor a file; skipped"
        return [], {}, [make_issue("I172", path, message, line=row.line, hint=_ROW_HINT)]
    by_path = by_file.get(resolved_key(path.parent / row_file), []) if row_file else []
    targets = by_path or by_id.get(row_id or "", [])
    if not targets:
        return [], {}, [_unmatched(path, row.line, row_id, row_file)]
    fields = {key: value for key, value in row.values.items() if key != "file"}
    if len(targets) == 1 or not row_id or not by_path:
        return targets, fields, []
    fields.pop("id")
    message = f"file {row_file!r} holds {len(targets)} articles; id {row_id!r} not given to them"
    hint = "name records by their id instead of by file"
    return targets, fields, [make_issue("I174", path, message, line=row.line, hint=hint)]


def _read_manifest_text(path: Path) -> str:
    """Return the manifest's text, or raise InputError."""
    try:
        data = path.read_bytes()
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise InputError(f"cannot read manifest ({reason})", path=path, hint="check the path") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"manifest is not valid UTF-8 (byte {err.start})", path=path, hint="re-save the manifest as UTF-8"
        ) from None
    if not text.strip():
        raise InputError("manifest is empty", path=path, hint=_FORMAT_HINT)
    return normalise_newlines(text)


def _csv_rows(path: Path, text: str) -> tuple[list[ManifestRow], list[Issue]]:
    """Return the rows of a CSV manifest (header row first), keyed by lower-cased column names."""
    reader = csv.reader(io.StringIO(text), strict=True)
    rows: list[ManifestRow] = []
    issues: list[Issue] = []
    try:
        names = [cell.strip().lower() for cell in next(reader)]
        _check_header(path, names)
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(names):
                issues.append(
                    make_issue(
                        "I172",
                        path,
                        f"row has {len(cells)} cells but the header has {len(names)}; skipped",
                        line=line,
                        hint=_ROW_HINT,
                    )
                )
                continue
            rows.append(ManifestRow(line=line, values=dict(zip(names, cells, strict=False))))
    except csv.Error as err:
        raise InputError(
            f"manifest is not valid CSV ({err})", path=path, line=reader.line_num, hint=_FORMAT_HINT
        ) from None
    return rows, issues


def _check_header(path: Path, names: list[str]) -> None:
    """Raise InputError unless the CSV header is usable: an id or file column, no repeated name."""
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise InputError(
            f"manifest header repeats column {repeated[0]!r}", path=path, line=1, hint="name each column once"
        )
    if "id" not in names and "file" not in names:
        raise InputError(
            "manifest header has no 'id' or 'file' column",
            path=path,
            line=1,
            hint=f"the first row names the columns: {', '.join(MANIFEST_COLUMNS)}",
        )


def _yaml_rows(path: Path, text: str) -> tuple[list[ManifestRow], list[Issue]]:
    """Return the rows of a YAML manifest, each with the line it starts on."""
    loader = StringScalarLoader(text)
    try:
        node = loader.get_single_node()
        pairs = _yaml_row_nodes(path, node)
        items = [(line, key, loader.construct_object(value, deep=True)) for line, key, value in pairs]
    except YAML_ERRORS as err:
        reason = " ".join(str(err).split())[:200]
        raise InputError(f"manifest is not valid YAML ({reason})", path=path, hint=_FORMAT_HINT) from None
    finally:
        loader.dispose()
    rows: list[ManifestRow] = []
    issues: list[Issue] = []
    for line, key, value in items:
        if value is None and key is not None:
            value = {}
        if not isinstance(value, dict):
            issues.append(
                make_issue(
                    "I172",
                    path,
                    "row is not a mapping of columns to values; skipped",
                    line=line,
                    hint=_FORMAT_HINT,
                )
            )
            continue
        values = {str(name).strip().lower(): cell for name, cell in value.items()}
        rows.append(ManifestRow(line=line, values=values if key is None else {**values, "id": key}))
    return rows, issues


def _yaml_row_nodes(path: Path, node: yaml.Node | None) -> list[tuple[int, str | None, yaml.Node]]:
    """Return (line, id key or None, row node) for a YAML list of rows or mapping id -> row."""
    if isinstance(node, yaml.SequenceNode):
        return [(item.start_mark.line + 1, None, item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return [(key.start_mark.line + 1, str(key.value).strip(), value) for key, value in node.value]
    raise InputError("manifest is neither a list of rows nor a mapping", path=path, hint=_FORMAT_HINT)


def _known_columns(path: Path, rows: list[ManifestRow]) -> tuple[tuple[ManifestRow, ...], list[Issue]]:
    """Drop unknown columns from the rows, with one I170 Issue per unknown column."""
    unknown: dict[str, int] = {}
    kept: list[ManifestRow] = []
    for row in rows:
        for name in row.values:
            if name not in MANIFEST_COLUMNS:
                unknown.setdefault(name, row.line)
        known = {name: value for name, value in row.values.items() if name in MANIFEST_COLUMNS}
        kept.append(ManifestRow(line=row.line, values=known))
    csv_header = path.suffix.lower() == ".csv"
    issues = [
        make_issue(
            "I170",
            path,
            f"unknown column {name!r} ignored",
            line=1 if csv_header else line,
            hint=f"allowed columns: {', '.join(MANIFEST_COLUMNS)}",
        )
        for name, line in unknown.items()
    ]
    return tuple(kept), issues


def _index(drafts: list[Draft], key: Callable[[Draft], str]) -> dict[str, list[int]]:
    """Map each draft's key (id or resolved path) to the positions of the drafts that have it."""
    index: dict[str, list[int]] = {}
    for position, draft in enumerate(drafts):
        index.setdefault(key(draft), []).append(position)
    return index


def _unmatched(where: Path, line: int, row_id: str | None, row_file: str | None) -> Issue:
    """Return the I171 Issue for a row that names no article."""
    if row_id and row_file:
        message = f"no article {row_id!r} (file {row_file!r} not found)"
    elif row_id:
        message = f"no article {row_id!r}"
    else:
        message = f"no article from file {row_file!r} (not found among the inputs)"
    return make_issue("I171", where, f"{message}; row ignored", line=line, hint=_ROW_HINT)


def _named_twice(where: Path, line: int, first_line: int, article_id: str) -> Issue:
    """Return the I173 Issue for an article named by two rows."""
    return make_issue(
        "I173",
        where,
        f"article {article_id!r} is also named on line {first_line}; this row's values win",
        line=line,
        hint="keep one row per article",
    )
