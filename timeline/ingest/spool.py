"""Articles whose texts wait in a temporary file: ingest that holds only metadata in memory.

`timeline extract` and `build` read every article once, shard by shard, to hand it to the workers;
holding every text as an `Article` meanwhile made the command's memory grow with the corpus (~4.5 KB an
article: 45 MB more at 10,000 articles). `stream_articles` reads the inputs as `read_articles` does (the
same files in the same order, the same ids, dates, Issues and sort), but each file's texts go to an
anonymous temporary file as soon as the file is read; the drafts keep their metadata and where their text
is. `SpooledArticles` is then a sequence of the articles in id order: an item is read back and frozen
(title, boilerplate) when it is asked for, so a pass over the corpus holds one shard at a time. Once the
ids and dates are final, the drafts' metadata goes to the same file too (`DraftRecords`): a draft as Python
objects took ~0.6 KB, 6 MB of the command's memory at 10,000 articles, and two numbers an article in an
array take 16 bytes.
"""

from __future__ import annotations

import marshal
import pickle
import sys
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import overload

from timeline.ingest.assemble import draft_boilerplate, finish_article
from timeline.ingest.draft import Draft
from timeline.models import Article, Issue


class TextSpool:
    """An append-only anonymous temporary file of draft texts (with CAT tokens and boilerplate), read back by position.

    The boilerplate (`assemble.draft_boilerplate`) is found as the text is written: it depends on the
    text and the header alone, which neither a manifest nor ``--published`` changes.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="timeline-ingest-")  # noqa: SIM115 (lives as long as the articles)
        self._end = 0

    def keep(self, drafts: list[Draft]) -> list[Draft]:
        """Write the drafts' texts and tokens to the file; return them without, each knowing where its are."""
        kept = []
        for draft in drafts:
            found = (draft.text, draft.tokens, draft_boilerplate(draft))
            data = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
            kept.append(draft.with_fields(text="", tokens=None, spooled=(self.write(data), len(data))))
        return kept

    def article(self, draft: Draft) -> Article:
        """Return the draft's article, its text, tokens and boilerplate read back."""
        if draft.spooled is None:
            return finish_article(draft)
        text, tokens, boilerplate = pickle.loads(self.read(*draft.spooled))  # noqa: S301 (our own file, written above)
        return finish_article(draft.with_fields(text=text, tokens=tokens, spooled=None), boilerplate)

    def write(self, data: bytes) -> int:
        """Append ``data`` to the file; return where it starts."""
        offset = self._end
        self._file.seek(offset)
        self._file.write(data)
        self._end += len(data)
        return offset

    def read(self, offset: int, length: int) -> bytes:
        """Return the ``length`` bytes written at ``offset``."""
        self._file.seek(offset)
        return self._file.read(length)


class DraftRecords:
    """Spooled drafts' metadata in their `TextSpool`, read back by position: memory holds two numbers a draft.

    A record is the draft's fields as a `marshal` tuple (strings, numbers, dates as day numbers); the file
    it was read from is an index into the few distinct paths, which stay in memory.
    """

    def __init__(self, drafts: Sequence[Draft], spool: TextSpool) -> None:
        self._spool = spool
        self._offsets = array("q")
        self._lengths = array("q")
        at: dict[Path, int] = {}
        for draft in drafts:
            data = marshal.dumps(_record(draft, at.setdefault(draft.path, len(at))))
            self._offsets.append(spool.write(data))
            self._lengths.append(len(data))
        self._paths: list[Path] = list(at)

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, index: int) -> Draft:
        return _draft(marshal.loads(self._spool.read(self._offsets[index], self._lengths[index])), self._paths)


def _record(draft: Draft, path: int) -> tuple:
    """Return a spooled draft's metadata as a tuple `marshal` writes (its text and tokens are in the spool)."""
    if draft.spooled is None or draft.text or draft.tokens is not None:
        raise ValueError(f"draft {draft.id!r} still holds its text: spool it first (`TextSpool.keep`)")
    dates = tuple((origin, day.toordinal()) for origin, day in draft.dates)
    return (
        draft.id, path, draft.line, draft.source, draft.title, draft.url, draft.language, dates,
        draft.header_chars, draft.spooled,
    )  # fmt: skip


def _draft(record: tuple, paths: list[Path]) -> Draft:
    """Return the draft `_record` wrote (text and tokens still spooled)."""
    article_id, path, line, source, title, url, language, dates, header_chars, spooled = record
    return Draft(
        id=article_id, path=paths[path], text="", line=line, source=source, title=title, url=url, language=language,
        dates=tuple((origin, date.fromordinal(day)) for origin, day in dates), header_chars=header_chars,
        spooled=spooled,
    )  # fmt: skip


class SpooledArticles(Sequence[Article]):
    """The ingested articles, sorted by id, each read back from its `TextSpool` when it is asked for.

    Equal to the tuple `read_articles` gives, item for item; an item read twice is read twice (nothing is
    cached: memory holds the ids and where each draft's metadata and text are, `DraftRecords`).
    """

    def __init__(self, drafts: list[Draft], spool: TextSpool) -> None:
        self._drafts = DraftRecords(drafts, spool)
        self._spool = spool
        self._ids = "".join(draft.id for draft in drafts)  # one string: no object an article stays in memory
        self._id_ends = array("q", accumulate(len(draft.id) for draft in drafts))
        self._all_dated = all(draft.best_date()[1] is not None for draft in drafts)

    def __len__(self) -> int:
        return len(self._drafts)

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> list[Article]: ...
    def __getitem__(self, index: int | slice) -> Article | list[Article]:
        if isinstance(index, slice):
            return [self._article(at) for at in range(len(self))[index]]
        return self._article(range(len(self))[index])

    def __iter__(self) -> Iterator[Article]:
        for at in range(len(self)):
            yield self._article(at)

    @property
    def ids(self) -> list[str]:
        """Return the articles' ids, in order, without reading a text."""
        return [self._ids[start:end] for start, end in zip((0, *self._id_ends), self._id_ends, strict=False)]

    def all_dated(self) -> bool:
        """Return whether every article has a publication date, without reading a text."""
        return self._all_dated

    def _article(self, at: int) -> Article:
        return self._spool.article(self._drafts[at])


@dataclass(frozen=True)
class StreamedIngest:
    """What `stream_articles` gives: `IngestResult`'s two fields, the articles read on demand."""

    articles: SpooledArticles
    issues: tuple[Issue, ...]


def release_freed_memory() -> None:
    """Hand back to the system what reading the input files allocated and freed (glibc's ``malloc_trim``).

    Each file is read whole and parsed before its texts go to the spool: a 4 MB JSON Lines file is ~20 MB
    of text, records and drafts for a moment. The C allocator keeps what was freed for later, so the
    command would carry its largest file's footprint through extraction (19 MB with 4 MB files). Where
    there is no glibc, nothing happens.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # another C library (musl)
        return
    trim(0)
