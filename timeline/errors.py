"""Exceptions raised for bad input, broken resources and invalid settings.

Per-article problems are not exceptions: they become `Issue` records (see `models.Issue`) so that the
other articles are still processed. Exceptions are for problems that stop a whole command.

Hierarchy::

    TimelineError            base class; `str(err)` is one line: where, what, and how to fix it
      InputError             a bad input file, record, manifest or command-line value
      ResourceError          a packaged resource file fails its schema or its examples
      ConfigError            invalid settings
      ImageExportError       a chart image (PNG, SVG) cannot be drawn: no kaleido, or the browser fails
      EngineError            the Dask engine cannot extract: no dask, no scheduler, workers lost or unlike us
"""

from __future__ import annotations

from pathlib import Path


class TimelineError(Exception):
    """Base class for every error the library raises on purpose.

    Args:
        message: what is wrong, in one sentence.
        path: the file concerned, if any.
        line: the 1-based line in that file, if known.
        hint: what the user should do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(self.format())

    def format(self) -> str:
        """Return the one-line message: ``path:line: message; hint``."""
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"; {self.hint}"
        return text


class InputError(TimelineError):
    """A bad input file, record, manifest or command-line value."""


class ResourceError(TimelineError):
    """A packaged resource file fails its schema or its examples."""


class ConfigError(TimelineError):
    """Invalid settings."""


class ImageExportError(TimelineError):
    """A chart image could not be drawn: kaleido is missing, or the browser is missing or fails."""


class EngineError(TimelineError):
    """The Dask engine cannot extract: dask is not installed, the scheduler cannot be reached, or workers fail."""
