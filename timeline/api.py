"""The Python API behind `timeline.build`: one call from articles to a `Timeline`, for notebooks and scripts.

`timeline/__init__.py` imports this module only when `timeline.build` or `timeline.load` is called, so
``import timeline`` stays light (no spaCy, no plotly) and the pipeline loads on first use.

Both return a `NotebookTimeline`: a `Timeline` (same fields, same JSON) with tidy rows, a pandas view and
Jupyter's chart. The methods live here, not on the data model, so that `timeline.models` never depends
on the renderers (no import circle).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.artifacts import read_timeline
from timeline.config import Settings
from timeline.errors import InputError
from timeline.ingest.dates import DATE_HINT, DateValueError, parse_strict_date
from timeline.models import Timeline
from timeline.pipeline import build as run_pipeline

if TYPE_CHECKING:
    import pandas

MAX_JOBS = 64
"""The most worker processes `Settings.workers` allows."""


class NotebookTimeline(Timeline):
    """A `Timeline` with conveniences for notebooks and scripts; its fields and JSON are the Timeline's."""

    @classmethod
    def of(cls, timeline: Timeline) -> NotebookTimeline:
        """Return ``timeline`` with these methods (no copy of its contents, no re-validation)."""
        return cls.model_construct(**{name: getattr(timeline, name) for name in Timeline.model_fields})


    def rows(self) -> list[dict[str, object]]:
        """Return one dict per canonical event with the columns and content of ``events.csv``.

        Dates are `date`, counts `int`; actors and sources are joined with ``"; "``, evidence with ``" | "``.
        """
        from timeline.render.exports import EVENT_COLUMNS, event_values

        return [dict(zip(EVENT_COLUMNS, values, strict=True)) for values in event_values(self)]

    def mention_rows(self) -> list[dict[str, object]]:
        """Return one dict per source mention, then per unplaced mention, as ``mentions.csv``."""
        from timeline.render.exports import MENTION_COLUMNS, mention_values

        return [dict(zip(MENTION_COLUMNS, values, strict=True)) for values in mention_values(self)]

    def to_pandas(self, mentions: bool = False) -> pandas.DataFrame:
        """Return `rows` (or `mention_rows` when ``mentions``) as a pandas DataFrame, columns as in the CSV.

        Raises:
            ImportError: pandas is not installed (it is not a dependency of timeline).
        """
        try:
            import pandas
        except ImportError:
            hint = "Timeline.to_pandas needs pandas, which timeline does not install: pip install pandas"
            raise ImportError(hint) from None
        from timeline.render.exports import EVENT_COLUMNS, MENTION_COLUMNS

        columns = MENTION_COLUMNS if mentions else EVENT_COLUMNS
        return pandas.DataFrame(self.mention_rows() if mentions else self.rows(), columns=list(columns))

    def _repr_html_(self) -> str:
        """Show the chart in Jupyter: the embed fragment with plotly.js inline, so it works offline."""
        from timeline.render.report import render_embed

        return render_embed(self, plotlyjs="inline")


def build(
    inputs: str | Path | Sequence[str | Path],
    *,
    published: Mapping[str, str | date] | None = None,
    manifest: str | Path | None = None,
    top: int = 0,
    jobs: int = 1,
) -> NotebookTimeline:
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
    return NotebookTimeline.of(result.timeline)


def load(path: str | Path) -> NotebookTimeline:
    """Read a ``timeline.json`` written by ``timeline build`` or ``timeline merge``.

    Raises:
        InputError: the file cannot be read or is not a timeline.
    """
    return NotebookTimeline.of(read_timeline(Path(path)))


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
