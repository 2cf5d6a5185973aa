"""The extract stage: from articles to their time expressions, actors and event mentions.

Articles are cut into chunks at line breaks (bounded memory for huge articles, and one `nlp.pipe`
stream over all chunks of all articles for throughput); every span is mapped back to the article.
Extraction is per article and independent: the unit of parallelism. spaCy is imported only inside
`extract_articles`, so the time tagger (`timeline tag`) starts without it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, Any

from timeline.config import Settings
from timeline.models import Article, ArticleExtraction, ArticleInfo, Issue, TimeExpression
from timeline.timex import tag_times

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    from spacy.language import Language

CHUNK_CHARS = 20_000
"""Longest piece of text given to spaCy at once (memory grows with it)."""

SHARD_ARTICLES = 32
"""Articles a worker process extracts per task when ``Settings.workers`` > 1: large enough that the
pipe stays full, small enough that progress moves and the workers end together."""

PARALLEL_MIN_ARTICLES = 100
"""Fewer articles are extracted in this process: starting a worker and loading spaCy in it takes a few
seconds, more than a few dozen articles take to read."""

IN_FLIGHT_PER_WORKER = 2
"""Shards submitted ahead per worker process: one it extracts and one waiting, so it never idles, while the
caller's memory holds a few shards of articles and results, not the corpus (issue #13)."""

LEARN_ARTICLES = 96
"""Articles whose words a process's spaCy vocabulary keeps for good; the words of later ones are forgotten
after their shard (`_extract_here`). spaCy's tokenizer caches how it split a word only outside a memory zone,
so the common words, met in the first articles, stay cached (10,000 at most) and later shards are not
tokenized slower; what is kept (~5,000 words, ~2 MB) does not grow with the corpus, and is full long before
a worker's share of a 1,000-article corpus is read, so its size is the same at any corpus size."""

PARENT_POLL_SECONDS = 0.5
"""How often a worker checks that its parent is alive where the kernel cannot tell it (not Linux)."""

PR_SET_PDEATHSIG = 1
"""Linux prctl option (linux/prctl.h): the signal a process gets when its parent ends."""


def article_info(article: Article) -> ArticleInfo:
    """Return the article's metadata without its text."""
    fields = article.model_dump(exclude={"text", "header_chars", "boilerplate"})
    return ArticleInfo(**fields, n_chars=len(article.text))


def split_chunks(text: str, limit: int = CHUNK_CHARS, *, skip: int = 0) -> list[tuple[int, str]]:
    """Cut text into (offset, line) chunks: one per non-blank line, none longer than ``limit``.

    News files put one paragraph per line, and a sentence never crosses a line break in them (photo
    captions, bylines and headers sit on lines of their own), so lines are the natural unit.
    ``skip`` leading characters (a metadata header) are left out.
    """
    chunks: list[tuple[int, str]] = []
    start = skip
    while start < len(text):
        newline = text.find("\n", start)
        end = len(text) if newline == -1 else newline
        end = min(end, start + limit)
        if text[start:end].strip():
            chunks.append((start, text[start:end]))
        start = end + 1 if end < len(text) and text[end] == "\n" else end
    return chunks


def _unresolved_issue(article: Article, expressions: Sequence[TimeExpression]) -> Issue | None:
    unresolved = [e for e in expressions if e.interval is None and e.type in ("DATE", "TIME")]
    if article.published is not None or not unresolved:
        return None
    examples = ", ".join(sorted({f"'{e.text}'" for e in unresolved})[:4])
    return Issue(
        code="E201",
        stage="extract",
        severity="warning",
        article_id=article.id,
        path=article.path,
        message=f"{len(unresolved)} relative dates ({examples}) cannot be placed: no publication date",
        hint=f"give one with --published {article.id}=YYYY-MM-DD or a manifest row",
    )


def _article_times(article: Article, settings: Settings) -> tuple[TimeExpression, ...]:
    found = tag_times(article.text, dct=article.published, article_id=article.id, doc_type=settings.doc_type)
    skipped = article.boilerplate
    return tuple(
        e
        for e in found
        if e.span.start >= article.header_chars and not any(s.start <= e.span.start < s.end for s in skipped)
    )


def _chunk_stream(articles: Sequence[Article]) -> Iterator[tuple[str, tuple[int, int]]]:
    """Yield every line to parse with its (article index, offset).

    A wire dateline is left out of it, and so is web boilerplate marked at ingest (a line keeps its
    pieces around it: "Page last updated at 07:43 GMT ... Beyonce will perform" keeps the story).
    """
    from timeline.extract.noise import dateline_length
    from timeline.ingest.boilerplate import outside

    for index, article in enumerate(articles):
        for line_offset, line in split_chunks(article.text, skip=article.header_chars):
            for offset, piece in outside(line, line_offset, article.boilerplate):
                cut = dateline_length(piece)
                if piece[cut:].strip():
                    yield piece[cut:], (index, offset + cut)


def extract_articles(
    articles: Sequence[Article],
    *,
    settings: Settings | None = None,
    on_article: Callable[[ArticleExtraction], None] | None = None,
    collect: bool = True,
) -> list[ArticleExtraction]:
    """Extract every article, in input order.

    Args:
        articles: the articles to read.
        settings: pipeline settings (batch size, worker processes).
        on_article: called after each article is done, in input order (progress reporting, or a
            caller that keeps the results its own way).
        collect: return the extractions; False returns an empty list, so that a caller keeping them
            with ``on_article`` (packed, or in a store) never holds a corpus of models at once.
    """
    settings = settings or Settings()
    results: list[ArticleExtraction] = []

    def keep(extraction: ArticleExtraction) -> None:
        if collect:
            results.append(extraction)
        if on_article is not None:
            on_article(extraction)

    if settings.workers > 1 and len(articles) >= PARALLEL_MIN_ARTICLES:
        _extract_in_processes(articles, settings, keep, packed=False)
    else:
        _extract_by_shards(articles, settings, keep)
    return results


def extract_packed(
    articles: Sequence[Article], *, settings: Settings | None = None, on_packed: Callable[[bytes], None]
) -> None:
    """Extract every article and hand ``on_packed`` its packed extraction (`compact.pack`), in input order.

    The same extractions as `extract_articles`, for a caller that keeps them packed (`timeline extract`,
    a store): each worker packs its own results, so the parent process neither unpickles a corpus of
    models nor encodes them again, work that would otherwise take a third of a core beside two workers.
    """
    from timeline.compact import pack

    settings = settings or Settings()
    if settings.workers > 1 and len(articles) >= PARALLEL_MIN_ARTICLES:
        _extract_in_processes(articles, settings, on_packed, packed=True)
    else:
        _extract_by_shards(articles, settings, lambda extraction: on_packed(pack(extraction)))


def _extract_by_shards(
    articles: Sequence[Article], settings: Settings, deliver: Callable[[ArticleExtraction], None]
) -> None:
    """Extract the articles in this process, a shard at a time, in input order.

    Each shard is read from ``articles`` when its turn comes (`ingest.spool` reads them from disk): memory
    holds one shard's texts and parses, not the corpus'.
    """
    for start in range(0, len(articles), SHARD_ARTICLES):
        _extract_here(list(articles[start : start + SHARD_ARTICLES]), settings, deliver)


def _extract_in_processes(
    articles: Sequence[Article], settings: Settings, deliver: Callable[[Any], None], *, packed: bool
) -> None:
    """Extract shards of articles in ``settings.workers`` processes; ``deliver`` each result in input order.

    Each article's extraction depends on that article alone, so the output is the same as in one
    process. Workers are spawned (not forked) so that nothing of the caller's state is shared. A result
    is an `ArticleExtraction`, or its `compact.pack` bytes when ``packed``. At most
    `IN_FLIGHT_PER_WORKER` shards a worker are submitted at a time, each read from ``articles`` (which may
    read them from disk, `ingest.spool`) when it is submitted: memory holds a few shards, whatever the
    corpus, and a worker forgets each shard's words when it is done (`_extract_here`).
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    starts = range(0, len(articles), SHARD_ARTICLES)
    alone = settings.model_copy(update={"workers": 1})
    done = 0
    context = multiprocessing.get_context("spawn")
    workers = min(settings.workers, len(starts))
    try:
        with _worker_pool(workers, context) as pool:
            ahead = iter(starts)
            pending: deque[Future] = deque()

            def submit_next() -> None:
                start = next(ahead, None)
                if start is not None:
                    shard = list(articles[start : start + SHARD_ARTICLES])
                    pending.append(pool.submit(_extract_shard, shard, alone, packed))

            for _ in range(workers * IN_FLIGHT_PER_WORKER):
                submit_next()
            while pending:
                extracted = pending.popleft().result()
                submit_next()
                for result in extracted:
                    done += 1
                    deliver(result)
    except (BrokenProcessPool, OSError):
        # a worker could not start or died (killed, out of memory): finish the rest here, same output
        for start in range(done, len(articles), SHARD_ARTICLES):
            for result in _extract_shard(list(articles[start : start + SHARD_ARTICLES]), alone, packed):
                deliver(result)


@contextmanager
def _worker_pool(workers: int, context: BaseContext) -> Iterator[ProcessPoolExecutor]:
    """Yield a process pool whose workers never outlive this process nor wait after an interruption.

    When the body raises (Ctrl-C's KeyboardInterrupt, a SystemExit from a signal handler, a broken
    pool), the workers are terminated and pending shards cancelled (`_end_pool`): a plain ``with`` would
    wait for every shard to be extracted first. If this process is killed outright (SIGKILL, or SIGTERM
    without a handler), nothing here runs: the workers see it themselves (`_start_worker`). The resource
    tracker helper then ends too, as it does once every holder of its pipe (us, the workers) is gone.
    """
    pool = _start_pool(workers, context)
    try:
        yield pool
    except BaseException:
        _end_pool(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_pool(workers: int, context: BaseContext) -> ProcessPoolExecutor:
    """Return a process pool of workers that die with this process (`_start_worker`); they start on `submit`."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    )


def _end_pool(pool: ProcessPoolExecutor) -> None:
    """End the pool now: its workers terminated (even mid-task), its pending tasks cancelled."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):  # no public API for them
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


WARM_UP_TEXT = "The minister said on Monday that talks had begun in Cairo two days earlier."
"""What a worker started before its articles are known extracts meanwhile (`_warm_up`)."""


def _warm_up(settings: Settings) -> None:
    """Load spaCy and every word list and pattern extraction reads, by extracting a one-line article (dropped).

    A worker started ahead of its articles (`store.ApartWorker`) does this while the caller reads the
    inputs: ~2 s of CPU (spaCy 1 s, the YAML word lists and the time rules built from them 0.8 s) that
    the first article would otherwise pay. An extraction depends on its article alone, so nothing of
    this one reaches another's.
    """
    from datetime import date

    article = Article(id="warm-up", text=WARM_UP_TEXT, published=date(2024, 1, 1))
    _extract_here([article], settings, lambda _: None)


def early_worker_context() -> BaseContext:
    """Return how to start a worker ahead of its articles (`store.ApartWorker`): forked where that is safe.

    A forked worker starts with the modules its parent has imported (pydantic, the models, the time
    tagger), not as a new interpreter that imports them again, and needs no resource tracker process: it
    has its articles extracted ~0.2 s of CPU sooner, which a rebuild waits for. Forking is safe while this
    process runs one thread (no other thread holds a lock the child would inherit locked) and before it
    holds what a child must not share (the store's SQLite connection is opened later); `_start_worker`
    resets the signal handlers the child inherits. Elsewhere, or with other threads running, it is spawned.
    """
    import multiprocessing
    import threading

    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    return multiprocessing.get_context("fork" if forkable else "spawn")


HELD_SIGNALS = ("SIGINT", "SIGTERM")
"""Signals a worker must not receive before `_start_worker` has set what they do in it."""


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back in this thread while it starts workers; they arrive when the block ends.

    A worker starts with the signal mask of the thread that forks or spawns it, and a forked one with its
    parent's handlers too: a Ctrl-C in its first moments (a terminal sends it to the whole process group)
    would run `timeline build`'s handler in it and print a traceback. Held back, the signal waits in the
    worker until `_start_worker` has set it ignored (SIGTERM: ends it), and in this process until the
    workers are started, when its own handler runs.
    """
    import signal

    held = {getattr(signal, name) for name in HELD_SIGNALS if hasattr(signal, name)}
    if not hasattr(signal, "pthread_sigmask"):  # not on Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _start_worker(parent: int) -> None:
    """Initialise a worker process: it dies with ``parent`` (which started it) and leaves it Ctrl-C.

    A worker whose parent is gone would block on its task queue forever (it holds both ends of that
    pipe), keeping its ~180 MB and the resource tracker alive. On Linux the kernel kills it when the
    parent's thread that spawned it ends: ProcessPoolExecutor spawns workers in `submit`, i.e. in the
    thread running `_extract_in_processes`, which outlives the pool (a pool that replaced workers from
    its manager thread would be covered too: that thread lives until the pool shuts down). A daemon
    thread polling the parent pid covers the rest (no prctl, or the parent died before it was set).
    SIGINT is ignored: the parent handles Ctrl-C, which a terminal sends to the whole process group,
    and terminates the workers; otherwise each one would print a KeyboardInterrupt traceback. SIGTERM
    (how the parent terminates a worker) ends it: a forked worker would otherwise run the parent's handler
    (`timeline build` turns it into an exception, which the worker would report instead of ending).
    """
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # what `signals_held` held back arrives now
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {getattr(signal, name) for name in HELD_SIGNALS})
    _kill_on_parent_death(signal.SIGKILL)
    if os.getppid() != parent:  # died before the kernel could be told
        os._exit(1)
    threading.Thread(target=_exit_without_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _kill_on_parent_death(signum: int) -> None:
    """Ask Linux to send ``signum`` to this process when its parent ends (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    unused = ctypes.c_ulong(0)
    prctl(ctypes.c_int(PR_SET_PDEATHSIG), ctypes.c_ulong(signum), unused, unused, unused)


def _exit_without_parent(parent: int) -> None:
    """Exit this worker as soon as ``parent`` is no longer its parent (it ended; we were adopted)."""
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _extract_shard(articles: list[Article], settings: Settings, packed: bool) -> list[Any]:
    """One worker's task (a module-level function, so that it can be sent to another process).

    Returns the extractions, or with ``packed`` their `compact.pack` bytes: a few KB to send back
    instead of a pickled tree of models, which the parent would only unpickle to encode again.
    """
    results: list[Any] = []
    if packed:
        from timeline.compact import pack

        _extract_here(articles, settings, lambda extraction: results.append(pack(extraction)))
    else:
        _extract_here(articles, settings, results.append)
    return results


_articles_learnt = 0
"""Articles whose words this process's vocabulary keeps (`LEARN_ARTICLES`)."""


def _extract_here(
    articles: Sequence[Article], settings: Settings, deliver: Callable[[ArticleExtraction], None]
) -> None:
    """Extract the articles in this process: one `nlp.pipe` stream over all their lines; ``deliver`` each in order.

    Once the process has learnt the words of `LEARN_ARTICLES` articles, the stream runs in a spaCy memory
    zone: the words the vocabulary and string store learn from these articles, and their parses, are freed
    when it ends, so a process that extracts shard after shard (a worker, a Dask task) stays the same size
    whatever the corpus (issue #13). Nothing spaCy made outlives the zone: each article is delivered as our
    own models, within it. The parse does not depend on what the vocabulary met before, so the output is
    the same.
    """
    from timeline.extract.nlp import load_nlp  # lazy: spaCy loads only when parsing is needed

    global _articles_learnt
    nlp = load_nlp()
    times = [_article_times(article, settings) for article in articles]
    learning = _articles_learnt < LEARN_ARTICLES
    _articles_learnt += len(articles)
    with nullcontext() if learning else nlp.memory_zone():
        _parse_and_finish(nlp, articles, times, settings, deliver)


def _parse_and_finish(
    nlp: Language,
    articles: Sequence[Article],
    times: list[tuple[TimeExpression, ...]],
    settings: Settings,
    deliver: Callable[[ArticleExtraction], None],
) -> None:
    """Parse every line of the articles in one stream and ``deliver`` each article as soon as its lines are read."""
    from timeline.extract.actors import extract_actors

    raw_actors: list[list] = [[] for _ in articles]
    parsed: list[list] = [[] for _ in articles]
    docs = nlp.pipe(_chunk_stream(articles), as_tuples=True, batch_size=settings.spacy_batch_size)
    finished = 0

    def finish_up_to(stop: int) -> None:
        """Finish every article before ``stop``: all its lines are parsed (nlp.pipe keeps order)."""
        nonlocal finished
        while finished < stop:
            index = finished
            deliver(_finish(articles[index], times[index], raw_actors[index], parsed[index]))
            parsed[index] = raw_actors[index] = []  # free the parsed lines of a finished article
            times[index] = ()
            finished += 1

    for doc, (index, offset) in docs:
        raw_actors[index].extend(extract_actors(doc, offset))
        parsed[index].append((doc, offset))
        finish_up_to(index)
    finish_up_to(len(articles))


def _finish(article, expressions, raw, chunks) -> ArticleExtraction:  # noqa: ANN001
    from timeline.extract.actors import group_actors
    from timeline.extract.coref import ArticleCoreference
    from timeline.extract.events import events_of_chunk
    from timeline.extract.name_recall import recall_names

    mentions, actors = group_actors(article.id, raw)
    mentions = recall_names(article.text, mentions, actors, skip=article.header_chars)
    names = {actor.id: actor.name for actor in actors}
    events = []
    narrative: list = []  # the latest dated event's time, carried from line to line
    coref = ArticleCoreference(actors)  # who "he" and "the company" are, carried from line to line
    lead: list = []  # the day the report is about, once its first dated sentence is read
    for doc, offset in chunks:
        found = events_of_chunk(
            article.id, doc, offset, expressions, mentions, names, narrative,
            published=article.published, coref=coref, lead=lead,
        )  # fmt: skip
        events.extend(found)
    issue = _unresolved_issue(article, expressions)
    extraction = ArticleExtraction(
        article=article_info(article),
        time_expressions=expressions,
        mentions=mentions,
        actors=actors,
        events=tuple(events),
        issues=(issue,) if issue else (),
    )
    return extraction
