"""Articles whose texts wait in a temporary file: ingest that holds only metadata in memory.

`timeline extract` and `build` read every article once, shard by shard, to hand it to the workers;
holding every text as an `Article` meanwhile made the command's memory grow with the corpus (~4.5 KB an
article: 45 MB more at 10,000 articles). `stream_articles` reads the inputs as `read_articles` does (the
same files in the same order, the same ids, dates, Issues and sort), but each file's texts go to an
anonymous temporary file as soon as the file is read; the drafts keep their metadata and where their text
is. `SpooledArticles` is then a sequence of the articles in id order: an item is read back and frozen
(title, boilerplate) when it is asked for, so a pass over the corpus holds one shard at a time.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
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
            self._file.seek(self._end)
            self._file.write(data)
            kept.append(draft.with_fields(text="", tokens=None, spooled=(self._end, len(data))))
            self._end += len(data)
        return kept

    def article(self, draft: Draft) -> Article:
        """Return the draft's article, its text, tokens and boilerplate read back."""
        if draft.spooled is None:
            return finish_article(draft)
        offset, length = draft.spooled
        self._file.seek(offset)
        text, tokens, boilerplate = pickle.loads(self._file.read(length))  # noqa: S301 (our own file, written above)
        return finish_article(draft.with_fields(text=text, tokens=tokens, spooled=None), boilerplate)


class SpooledArticles(Sequence[Article]):
    """The ingested articles, sorted by id, each read back from its `TextSpool` when it is asked for.

    Equal to the tuple `read_articles` gives, item for item; an item read twice is read twice (nothing is
    cached, so memory holds only the drafts' metadata).
    """

    def __init__(self, drafts: list[Draft], spool: TextSpool) -> None:
        self._drafts = drafts
        self._spool = spool

    def __len__(self) -> int:
        return len(self._drafts)

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> list[Article]: ...
    def __getitem__(self, index: int | slice) -> Article | list[Article]:
        if isinstance(index, slice):
            return [self._article(draft) for draft in self._drafts[index]]
        return self._article(self._drafts[index])

    def __iter__(self) -> Iterator[Article]:
        for draft in self._drafts:
            yield self._article(draft)

    @property
    def ids(self) -> list[str]:
        """Return the articles' ids, in order, without reading a text."""
        return [draft.id for draft in self._drafts]

    def all_dated(self) -> bool:
        """Return whether every article has a publication date, without reading a text."""
        return all(draft.best_date()[1] is not None for draft in self._drafts)

    def _article(self, draft: Draft) -> Article:
        return self._spool.article(draft)


@dataclass(frozen=True)
class StreamedIngest:
    """What `stream_articles` gives: `IngestResult`'s two fields, the articles read on demand."""

    articles: SpooledArticles
    issues: tuple[Issue, ...]
