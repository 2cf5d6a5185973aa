"""timeline: reconstruct one canonical timeline of a news story from many articles.

The library never prints, exits, reads the clock or the environment; the `cli` package does the
talking. The pipeline is ``ingest -> extract -> merge -> render``; see docs/architecture.md.

For notebooks and scripts: ``t = timeline.build(["articles/"])`` returns the `Timeline`; ``t.rows()``,
``t.mention_rows()`` and ``t.to_pandas()`` are its tables, and Jupyter shows its chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from timeline.config import Settings
from timeline.errors import ConfigError, InputError, ResourceError, TimelineError
from timeline.models import (
    Article,
    ArticleExtraction,
    ArticleInfo,
    CanonicalEvent,
    Conflict,
    DateInterval,
    EventMention,
    Issue,
    TimeExpression,
    Timeline,
)
from timeline.version import __version__


def build(
    inputs: str | Path | Sequence[str | Path],
    *,
    published: Mapping[str, str | date] | None = None,
    manifest: str | Path | None = None,
    top: int = 0,
    jobs: int = 1,
) -> Timeline:
    """Build a story's timeline from articles (see `timeline.api.build`, imported here on first use).

    ``import timeline`` loads no spaCy and no plotly; this call loads the pipeline.
    """
    from timeline.api import build as build_timeline

    return build_timeline(inputs, published=published, manifest=manifest, top=top, jobs=jobs)


def load(path: str | Path) -> Timeline:
    """Read a ``timeline.json`` into a Timeline with the notebook methods (see `timeline.api.load`)."""
    from timeline.api import load as load_timeline

    return load_timeline(path)


__all__ = [
    "Article",
    "ArticleExtraction",
    "ArticleInfo",
    "CanonicalEvent",
    "ConfigError",
    "Conflict",
    "DateInterval",
    "EventMention",
    "InputError",
    "Issue",
    "ResourceError",
    "Settings",
    "TimeExpression",
    "Timeline",
    "TimelineError",
    "__version__",
    "build",
    "load",
]
