"""timeline: reconstruct one canonical timeline of a news story from many articles.

The library never prints, exits, reads the clock or the environment; the `cli` package does the
talking. The pipeline is ``ingest -> extract -> merge -> render``; see docs/architecture.md.
"""

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

__version__ = "0.1.0"

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
]
