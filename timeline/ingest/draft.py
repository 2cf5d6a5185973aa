"""The article being built while ingesting, and the helpers every reader shares.

Readers produce `Draft`s; the manifest and command-line options then refine them, and only at the end
are they frozen into `Article`s. Keeping every candidate publication date with its origin lets a
lower-priority date stand in when a higher one turns out invalid.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.models import Issue, PublishedOrigin, Severity, SourceTokens

ORIGIN_PRIORITY: dict[str, int] = {
    "cli": 0,
    "manifest": 1,
    "record": 2,
    "front-matter": 2,
    "html-meta": 2,
    "header-line": 3,
}
"""Which publication date wins when several are known: lower wins."""

TITLE_MAX_CHARS = 80
"""A title derived from the first sentence is cut to this many characters."""

_SENTENCE_END = re.compile(r"[.!?](?=\s)")


@dataclass(frozen=True)
class Draft:
    """An article under construction.

    Attributes:
        id: the article id (file stem, record id, front matter or manifest id).
        path: the file it was read from.
        text: the article text, with Unix line endings.
        line: the line a JSON record starts on (None for a whole file).
        source: the outlet, if known.
        title: the title, if known; derived from the text at the end otherwise.
        url: the article's address, if known.
        language: the language code.
        dates: candidate publication dates with their origins, best first.
        spooled: where `spool.TextSpool` keeps the text and tokens (offset, length), when they were
            moved out of memory (``text`` is then empty and ``tokens`` None until read back).
    """

    id: str
    path: Path
    text: str
    line: int | None = None
    source: str = ""
    title: str = ""
    url: str | None = None
    language: str = "en"
    dates: tuple[tuple[PublishedOrigin, date], ...] = ()
    header_chars: int = 0
    tokens: SourceTokens | None = None
    spooled: tuple[int, int] | None = None

    @property
    def where(self) -> str:
        """Return ``path`` or ``path:line``, for messages."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def with_date(self, origin: PublishedOrigin, value: date) -> Draft:
        """Return a copy with ``value`` as the candidate date from ``origin`` (replacing an older one)."""
        kept = [(o, d) for o, d in self.dates if o != origin]
        ranked = sorted([*kept, (origin, value)], key=lambda item: ORIGIN_PRIORITY[item[0]])
        return self.with_fields(dates=tuple(ranked))

    def with_fields(self, **changes: object) -> Draft:
        """Return a copy with the given fields changed.

        The fields are copied as they are, without `dataclasses.replace`'s call of ``__init__``, which checks
        nothing here: 1.2 µs a copy instead of 5.9, and ingest copies each draft five times or so (a
        rebuild of 2,452 articles: ~0.06 s of CPU, while its worker loads spaCy on the other core).

        Raises:
            TypeError: a name is not a field of `Draft` (as `dataclasses.replace` would).
        """
        unknown = changes.keys() - _DRAFT_FIELDS
        if unknown:
            raise TypeError(f"Draft has no field {', '.join(sorted(unknown))}")
        copied = object.__new__(type(self))
        copied.__dict__.update(self.__dict__)
        copied.__dict__.update(changes)
        return copied

    def best_date(self) -> tuple[PublishedOrigin, date | None]:
        """Return the highest-priority publication date and its origin, or ``("missing", None)``."""
        if not self.dates:
            return "missing", None
        return self.dates[0]


_DRAFT_FIELDS = frozenset(field.name for field in dataclasses.fields(Draft))
"""What `Draft.with_fields` may change."""


def make_issue(
    code: str,
    where: Path | str | None,
    message: str,
    *,
    hint: str | None = None,
    line: int | None = None,
    severity: Severity = "warning",
    article_id: str | None = None,
) -> Issue:
    """Build an ingest Issue whose one-line message starts with ``path:line:``.

    Args:
        code: the stable issue code (``I1xx``, listed in `timeline.ingest`).
        where: the file concerned, or None for a command-line value.
        message: what is wrong, without the location.
        hint: what to do about it.
        line: the 1-based line in the file, if known.
        severity: ``error`` when input was lost, ``warning`` when it was kept with a doubt,
            ``info`` for a note.
        article_id: the article concerned, if it has one yet.

    Returns:
        The Issue, with stage ``ingest``.
    """
    prefix = ""
    if where is not None:
        prefix = f"{where}:{line}: " if line else f"{where}: "
    return Issue(
        code=code,
        stage="ingest",
        severity=severity,
        article_id=article_id,
        path=str(where) if where is not None else None,
        line=line,
        message=prefix + message,
        hint=hint,
    )


def derive_title(text: str) -> str:
    """Return a title made of the first sentence of the first non-blank line, cut to 80 characters.

    Args:
        text: the article text (or the part of it a title may come from).

    Returns:
        The title, or ``""`` when the text has no non-blank line.
    """
    first_line = text.lstrip().split("\n", 1)[0].strip()  # the first non-blank line, without splitting them all
    sentence = _first_sentence(first_line)
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    cut = sentence[: TITLE_MAX_CHARS - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def _first_sentence(line: str) -> str:
    """Return ``line`` up to its first sentence end, not cutting after an abbreviation like "U.S."."""
    for match in _SENTENCE_END.finditer(line):
        word = line[: match.end()].rsplit(None, 1)[-1]
        if not _is_abbreviation(word):
            return line[: match.end()]
    return line


def _is_abbreviation(word: str) -> bool:
    """Return True for "U.S.", "Mr.", "Gen." and the like: a dot inside, or a short capitalised word."""
    core = word.strip("\"'“‘(")
    return "." in core[:-1] or (len(core) <= 4 and core[:1].isupper() and core.endswith("."))
