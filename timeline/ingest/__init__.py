"""Ingest: read article files (text, Markdown, HTML, JSON, JSON Lines, CAT XML) and a manifest into `Article`s.

Bad files never stop the others: each problem is an `Issue` (stage ``ingest``) with the file, the
line when known, what is wrong and a hint. Only a problem with the whole command raises `InputError`:
an unreadable manifest, a malformed ``--published`` value, or no article at all.

Publication dates, highest priority first: ``cli`` (``--published ID=DATE``), ``manifest``, then what
the file says (``record``, ``front-matter``, ``html-meta``), then a ``header-line``. An invalid date, or
one whose year is outside 1800-2200 (a typo or a placeholder, never a news date), is reported and the
next one down is used. The library has no clock: a date after today is the CLI's to flag.

Issue codes:

====  ========  ===========================================================================
code  severity  meaning
====  ========  ===========================================================================
I100  info      a manifest found in an input directory is used
I101  error     an input path does not exist
I102  warning   a glob pattern matches no article file
I103  warning   a file named as input has an unsupported type; skipped
I104  warning   an input directory holds no article file
I105  warning   a directory holds several manifests; only the first (csv, yml, yaml) is used
I110  error     a file or directory cannot be read (permissions, not a regular file); skipped
I111  warning   a file, record or page has no text; skipped
I112  error     a binary file (NUL bytes); skipped
I113  error     a file larger than ``Settings.max_article_bytes``; skipped unread
I114  warning   not valid UTF-8: decoded as cp1252
I115  warning   neither UTF-8 nor cp1252: decoded as latin-1
I120  warning   an article has no publication date: relative dates cannot be resolved
I121  warning   a duplicate article id: the later article is renamed ``<id>-2``
I130  warning   a publication date that is not a valid date; ignored
I131  warning   ``--published`` names no article; ignored
I132  warning   a publication date whose year is outside 1800-2200; treated as missing (the next date
                down is used, else the article is undated: relative dates unresolved)
I133  warning   a publication date more than a year after every other dated article's; kept, but
                never used to infer another article's date (``merge.inference``)
I140  warning   front matter is not valid YAML, not a mapping or not closed; text kept whole
I141  warning   an unknown front-matter key or record field; ignored
I142  warning   a metadata value that is not text (a list, a mapping, a boolean; a number for url or
                language); ignored. The message names the field and quotes the value and its kind
I150  info      an HTML page with no recognisable main text: all visible text is used
I151  warning   the HTML libraries failed on a page: all visible text is used, no metadata
I160  error     a JSON file or JSON Lines line that is not valid JSON; skipped
I161  error     a JSON record that is not an object; skipped
I162  error     a JSON record without a string ``text``; skipped
I170  warning   an unknown manifest column; ignored
I171  warning   a manifest row that names no article; ignored
I172  warning   a manifest row without id and file (or one that is not text), or with extra cells; skipped
I173  warning   an article named by two manifest rows; the later row wins
I174  warning   a manifest row gives one id to a file holding several records; id not applied
I180  error     a ``.xml`` file that is not CAT XML (not well-formed, or no ``<token>``); skipped
====  ========  ===========================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from timeline.config import Settings
from timeline.errors import InputError
from timeline.ingest.assemble import apply_cli_dates, finish_articles, finish_issues, make_ids_unique
from timeline.ingest.cat import parse_cat_article
from timeline.ingest.dates import DATE_HINT, DateValueError, parse_strict_date
from timeline.ingest.decode import read_text_file
from timeline.ingest.draft import Draft, make_issue
from timeline.ingest.files import discover_inputs
from timeline.ingest.manifest import Manifest, apply_manifest, load_manifest
from timeline.ingest.records import parse_json_file, parse_jsonl_file
from timeline.ingest.spool import SpooledArticles, StreamedIngest, TextSpool, release_freed_memory
from timeline.ingest.text import parse_text_article
from timeline.models import Article, Issue, Model

__all__ = ["IngestResult", "StreamedIngest", "parse_published_option", "read_articles", "stream_articles"]

DEFAULT_SETTINGS = Settings()
"""The settings used when none are given."""


def _parse_html_article(path: Path, html: str) -> tuple[list[Draft], list[Issue]]:
    """Read an HTML page with `html_page`, imported here: trafilatura, htmldate and lxml load only for HTML inputs."""
    from timeline.ingest.html_page import parse_html_article

    return parse_html_article(path, html)


_PARSERS = {
    ".txt": parse_text_article,
    ".md": parse_text_article,
    ".html": _parse_html_article,
    ".htm": _parse_html_article,
    ".json": parse_json_file,
    ".jsonl": parse_jsonl_file,
    ".xml": parse_cat_article,
}
_FORMATS_HINT = "give .txt, .md, .html, .json, .jsonl or CAT .xml files"


class IngestResult(Model):
    """What ingesting gives: the articles, sorted by id, and every problem met on the way."""

    articles: tuple[Article, ...]
    issues: tuple[Issue, ...]


def read_articles(
    inputs: Sequence[Path],
    *,
    manifest: Path | None = None,
    published: Mapping[str, str] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> IngestResult:
    """Read articles from files, directories and glob patterns.

    Args:
        inputs: files, directories (read recursively) and glob patterns.
        manifest: a CSV or YAML manifest; when None, a ``manifest.csv|yml|yaml`` directly inside an
            input directory is used.
        published: article id to publication date (``YYYY-MM-DD``), from ``--published``.
        settings: the pipeline settings (``max_article_bytes`` is used here).

    Returns:
        The articles sorted by id and the Issues sorted by path and line.

    Raises:
        InputError: the manifest cannot be read, or no article was found at all.
    """
    drafts, issues = _read_drafts(inputs, manifest, published, settings, keep=None)
    articles, final_issues = finish_articles(drafts)
    issues.extend(final_issues)
    if not articles:
        raise _no_articles(inputs, issues)
    return IngestResult(articles=tuple(articles), issues=tuple(sorted(issues, key=_issue_order)))


def stream_articles(
    inputs: Sequence[Path],
    *,
    manifest: Path | None = None,
    published: Mapping[str, str] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> StreamedIngest:
    """Read articles as `read_articles` does, keeping only their metadata in memory.

    Each file's texts go to a temporary file (`spool.TextSpool`) as soon as the file is read; the result's
    ``articles`` reads each one back when it is asked for (`spool.SpooledArticles`). The articles, their
    order and the Issues are those of `read_articles`; memory holds one file's texts at a time, so
    `timeline extract` does not grow with the corpus.

    Raises:
        InputError: the manifest cannot be read, or no article was found at all.
    """
    spool = TextSpool()
    drafts, issues = _read_drafts(inputs, manifest, published, settings, keep=spool.keep)
    ordered = sorted(drafts, key=lambda item: item.id)
    issues.extend(finish_issues(ordered))
    if not ordered:
        raise _no_articles(inputs, issues)
    articles = SpooledArticles(ordered, spool)  # the drafts' metadata goes to the spool too
    del drafts, ordered
    release_freed_memory()
    return StreamedIngest(articles, tuple(sorted(issues, key=_issue_order)))


def _read_drafts(
    inputs: Sequence[Path],
    manifest: Path | None,
    published: Mapping[str, str] | None,
    settings: Settings,
    *,
    keep: Callable[[list[Draft]], list[Draft]] | None,
) -> tuple[list[Draft], list[Issue]]:
    """Read every input file into drafts, then apply the manifest and the command-line dates.

    ``keep`` takes each file's drafts as soon as it is read (to spool their texts). Returns the drafts with
    their final ids and dates, and the Issues so far.
    """
    found = discover_inputs(inputs)
    issues: list[Issue] = list(found.issues)
    manifests = _load_manifests(manifest, found.manifests, issues)
    drafts: list[Draft] = []
    for path in found.files:
        file_drafts, file_issues = _read_file(path, settings)
        drafts.extend(keep(file_drafts) if keep is not None else file_drafts)
        issues.extend(file_issues)
    drafts = _collect(make_ids_unique(drafts), issues)
    for loaded in manifests:
        drafts = _collect(apply_manifest(drafts, loaded), issues)
    drafts = _collect(make_ids_unique(drafts), issues)
    drafts = _collect(apply_cli_dates(drafts, published or {}), issues)
    return drafts, issues


def parse_published_option(values: Sequence[str]) -> dict[str, str]:
    """Parse ``--published ID=DATE`` command-line values.

    Args:
        values: strings such as ``"000_ed205d56d064a430=2024-02-08"``.

    Returns:
        Article id to date string, in the order given.

    Raises:
        InputError: a value has no ``=``, an empty id, a date that is not ``YYYY-MM-DD`` (or an ISO
            datetime), or gives one id two different dates.
    """
    result: dict[str, str] = {}
    for value in values:
        article_id, sep, day = (part.strip() for part in value.partition("="))
        if not sep or not article_id or not day:
            raise InputError(
                f"--published {value!r}: expected ID=YYYY-MM-DD",
                hint="e.g. --published 000_ed205d56d064a430=2024-02-08",
            )
        try:
            parse_strict_date(day)
        except DateValueError as err:
            raise InputError(f"--published {value!r}: {day!r} is not a valid date ({err})", hint=DATE_HINT) from None
        if result.get(article_id, day) != day:
            raise InputError(
                f"--published gives {article_id!r} two dates: {result[article_id]} and {day}",
                hint="give each article one date",
            )
        result[article_id] = day
    return result


def _read_file(path: Path, settings: Settings) -> tuple[list[Draft], list[Issue]]:
    """Read one article file with the parser for its type."""
    text, issues = read_text_file(path, settings.max_article_bytes)
    if text is None:
        return [], issues
    drafts, found = _PARSERS[path.suffix.lower()](path, text)
    return drafts, [*issues, *found]


def _load_manifests(given: Path | None, discovered: tuple[Path, ...], issues: list[Issue]) -> list[Manifest]:
    """Load the given manifest, or the ones found in input directories (each noted by an I100)."""
    if given is not None:
        paths = [given]
    else:
        paths = list(discovered)
        issues.extend(
            make_issue(
                "I100",
                path,
                "using this manifest, found in an input directory",
                severity="info",
                hint="pass --manifest to use another one",
            )
            for path in paths
        )
    loaded = [load_manifest(path) for path in paths]
    for item in loaded:
        issues.extend(item.issues)
    return loaded


def _collect(step: tuple[list[Draft], list[Issue]], issues: list[Issue]) -> list[Draft]:
    """Return a step's drafts, adding its Issues to ``issues``."""
    values, found = step
    issues.extend(found)
    return values


def _issue_order(issue: Issue) -> tuple[str, int, str, str, str]:
    """Sort Issues by file, line, code, article and message."""
    return issue.path or "", issue.line or 0, issue.code, issue.article_id or "", issue.message


def _no_articles(inputs: Sequence[Path], issues: list[Issue]) -> InputError:
    """Return the error raised when no input gave an article."""
    shown = ", ".join(str(path) for path in inputs) or "(no inputs)"
    problems = [issue for issue in sorted(issues, key=_issue_order) if issue.severity != "info"]
    count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    detail = f" ({count}; first: {problems[0].message})" if problems else ""
    return InputError(f"no articles found in {shown}{detail}", hint=_FORMATS_HINT)
