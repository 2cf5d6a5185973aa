"""The Python API behind `timeline.build`: one call from articles to a `Timeline`, for notebooks and scripts.

`timeline/__init__.py` imports this module only when `timeline.build` is called, so ``import timeline``
stays light (no spaCy, no plotly) and the pipeline loads on first use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from timeline.config import Settings
from timeline.errors import InputError
from timeline.ingest.dates import DATE_HINT, DateValueError, parse_strict_date
from timeline.models import Timeline
from timeline.pipeline import build as run_pipeline

MAX_JOBS = 64
"""The most worker processes `Settings.workers` allows."""


def build(
    inputs: str | Path | Sequence[str | Path],
    *,
    published: Mapping[str, str | date] | None = None,
    manifest: str | Path | None = None,
    top: int = 0,
    jobs: int = 1,
) -> Timeline:
    """Build a story's timeline from articles, as ``timeline build`` does, without writing files.

    Args:
        inputs: a file, folder or glob pattern, or a list of them (``str`` or `Path`).
        published: article id to publication date (``"2024-02-08"`` or a `date`), as ``--published``.
        manifest: a CSV or YAML manifest; by default one inside an input folder is used.
        top: keep only the ``top`` most important events (0: all), as ``--top``.
        jobs: worker processes for extraction (1 to 64), as ``--jobs``.

    Returns:
        The `Timeline`. Problems with single articles do not raise: they are in ``timeline.issues``.

    Raises:
        InputError: no article could be read, the manifest is unusable, or a ``published`` date is invalid.
        ValueError: ``top`` is negative or ``jobs`` is outside 1-64.
    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    if top < 0:
        raise ValueError(f"top must be 0 (all events) or more, not {top}")
    if not 1 <= jobs <= MAX_JOBS:
        raise ValueError(f"jobs must be between 1 and {MAX_JOBS}, not {jobs}")
    result = run_pipeline(
        [Path(item) for item in inputs],
        manifest=Path(manifest) if manifest is not None else None,
        published=_published_dates(published or {}),
        settings=Settings(workers=jobs),
        top=top,
    )
    return result.timeline


def _published_dates(published: Mapping[str, str | date]) -> dict[str, str]:
    """Return the dates as ``YYYY-MM-DD`` strings, raising `InputError` on the first invalid one."""
    result = {}
    for article_id, value in published.items():
        try:
            result[article_id] = parse_strict_date(value).isoformat()
        except DateValueError as err:
            message = f"published[{article_id!r}]: {value!r} is not a valid date ({err})"
            raise InputError(message, hint=DATE_HINT) from None
    return result
