"""Extraction in several processes gives exactly what one process gives, in input order."""

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from timeline.compact import pack
from timeline.config import Settings
from timeline.extract import (
    IN_FLIGHT_PER_WORKER,
    PARALLEL_MIN_ARTICLES,
    SHARD_ARTICLES,
    extract_articles,
    extract_packed,
)
from timeline.models import Article

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _articles(count: int) -> list[Article]:
    paths = sorted([*SAMPLES.glob("*/*.txt"), *SAMPLES.glob("*/wikinews-*.md")])
    texts = ["\n".join(path.read_text(encoding="utf-8").splitlines()[:4]) for path in paths]  # short: a fast test
    return [
        Article(id=f"a{index:03d}", text=texts[index % len(texts)], published=date(2024, 2, 1 + index % 20))
        for index in range(count)
    ]


def test_workers_give_the_same_extractions_in_order():
    articles = _articles(PARALLEL_MIN_ARTICLES + 3)  # four shards
    seen: list[str] = []
    alone = extract_articles(articles)
    together = extract_articles(articles, settings=Settings(workers=2), on_article=lambda e: seen.append(e.article.id))
    assert [e.model_dump_json() for e in together] == [e.model_dump_json() for e in alone]
    assert seen == [article.id for article in articles]


def test_workers_do_not_change_the_settings_digest():
    assert Settings(workers=3).digest() == Settings().digest()


def test_workers_that_cannot_start_leave_the_work_to_this_process(monkeypatch):
    import concurrent.futures

    class Broken:
        def __init__(self, *args, **kwargs):
            raise OSError("no processes allowed here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Broken)
    articles = _articles(PARALLEL_MIN_ARTICLES)
    seen: list[str] = []
    together = extract_articles(articles, settings=Settings(workers=2), on_article=lambda e: seen.append(e.article.id))
    assert [e.article.id for e in together] == seen == [article.id for article in articles]


def test_packed_extraction_is_the_packed_extraction_in_one_process_and_in_workers():
    articles = _articles(PARALLEL_MIN_ARTICLES + 3)
    expected = [pack(extraction) for extraction in extract_articles(articles)]
    here: list[bytes] = []
    extract_packed(articles[:5], on_packed=here.append)
    assert here == expected[:5]
    together: list[bytes] = []
    extract_packed(articles, settings=Settings(workers=2), on_packed=together.append)
    assert together == expected


class _Reading(Sequence[Article]):
    """Articles that note how far they were read (`ingest.spool` reads them from disk as they are asked for)."""

    def __init__(self, articles: list[Article]) -> None:
        self.articles = articles
        self.read = 0

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, index):  # noqa: ANN001, ANN204
        found = self.articles[index]
        stop = index.stop if isinstance(index, slice) else index + 1
        self.read = max(self.read, min(stop or len(self.articles), len(self.articles)))
        return found


def test_workers_are_fed_a_few_shards_ahead_not_the_whole_corpus():
    articles = _articles(SHARD_ARTICLES * 8)
    reading = _Reading(articles)
    read_when_delivered: list[int] = []
    extract_packed(reading, settings=Settings(workers=2), on_packed=lambda _: read_when_delivered.append(reading.read))
    ahead = (2 * IN_FLIGHT_PER_WORKER + 1) * SHARD_ARTICLES  # the shards in flight and the one submitted next
    assert read_when_delivered[0] <= ahead < len(articles)
    assert read_when_delivered[-1] == len(articles)


def test_a_shard_leaves_no_word_behind_once_the_common_ones_are_learnt(monkeypatch):
    import timeline.extract as extract
    from timeline.extract.nlp import load_nlp

    articles = _articles(6)
    expected = [pack(extraction) for extraction in extract_articles(articles)]
    strings = load_nlp().vocab.strings
    monkeypatch.setattr(extract, "_articles_learnt", extract.LEARN_ARTICLES - 1)
    learnt = Article(id="learnt", text="Envoy Quintrell Vexmorrow reached Ploughtown on Monday.")
    extract._extract_shard([learnt], Settings(), True)
    assert "Vexmorrow" in strings  # the first articles' words are kept: the tokenizer caches them
    known = len(strings)
    unseen = Article(id="new", text="Zorblaxian envoy Drevik Oltramar reached Quenbury on Monday.")
    extract._extract_shard([unseen], Settings(), True)
    assert len(strings) == known and "Oltramar" not in strings  # forgotten with the shard's memory zone
    shards = [articles[start : start + 2] for start in range(0, 6, 2)]
    assert [item for shard in shards for item in extract._extract_shard(shard, Settings(), True)] == expected


def test_a_worker_started_ahead_is_forked_only_while_this_process_runs_one_thread(monkeypatch):
    import multiprocessing
    import threading

    from timeline.extract import early_worker_context

    if "fork" not in multiprocessing.get_all_start_methods():
        assert early_worker_context().get_start_method() == "spawn"
        return
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert early_worker_context().get_start_method() == "fork"
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # another thread may hold a lock the child inherits
    assert early_worker_context().get_start_method() == "spawn"


class _Stop(BaseException):
    """What `timeline build`'s SIGTERM handler raises (`cli.common.Interrupted`)."""


def _raise_stop(signum, frame):
    raise _Stop(signum)


def test_a_forked_worker_ends_on_sigterm_whatever_handler_it_inherits():
    """A forked worker inherits the parent's handlers; terminating it must end it, not raise in it."""
    import multiprocessing
    import os
    import signal

    import pytest

    from timeline.extract import _end_pool, _start_pool

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    try:
        pool = _start_pool(1, multiprocessing.get_context("fork"))
        assert pool.submit(os.getpid).result() != os.getpid()  # started, and idle
        processes = list(pool._processes.values())
        _end_pool(pool)  # terminates it (SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert [process.exitcode for process in processes] == [-signal.SIGTERM]


def _blocked() -> set[int]:
    import signal

    return set(signal.pthread_sigmask(signal.SIG_BLOCK, []))


def test_workers_start_with_ctrl_c_held_back_until_they_ignore_it():
    """A Ctrl-C in a worker's first moments waits until `_start_worker` has set it ignored."""
    import multiprocessing
    import signal

    import pytest

    from timeline.extract import _end_pool, _start_pool, signals_held

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    with signals_held():
        assert {signal.SIGINT, signal.SIGTERM} <= _blocked()
        pool = _start_pool(1, multiprocessing.get_context("fork"))
        started = pool.submit(_blocked)  # the worker is forked here, the signals held back
    assert signal.SIGINT not in _blocked()
    try:
        assert not {signal.SIGINT, signal.SIGTERM} & started.result()  # let through once set
    finally:
        _end_pool(pool)
