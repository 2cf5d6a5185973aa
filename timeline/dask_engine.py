"""The Dask engine (`--engine dask`): extraction as tasks over shards of articles on a Dask cluster.

One machine extracts a few dozen articles a second; a news archive of a million articles needs many
machines. An article's extraction depends on that article alone (`timeline.extract`), so shards of
articles are independent tasks, and the output cannot depend on where they ran:

- A task is `extract_shard(articles, settings, code)` run on a worker: the articles and the settings
  are its arguments (pickled), the function is imported there by name. A worker needs this package
  and the spaCy model installed, nothing else; a worker whose extraction code differs from ours
  (`store.code_digest`: the code, word lists and model) refuses the shard, so a build never mixes
  two versions' results.
- At most `IN_FLIGHT_PER_THREAD` shards per worker thread are submitted at a time: the scheduler and
  this process hold a bounded part of the corpus, however large it is.
- Results come back as shards complete (`as_completed`) and are handed on in article order: a shard
  that finishes early waits for the ones before it. ``on_article`` thus sees what `extract_articles`
  gives it, a store keeps each shard as it is handed on, and the outputs are the bytes of a local build.
- Worker loss: Dask runs a lost worker's tasks again on another one (up to
  ``distributed.scheduler.allowed-failures`` workers, 3 by default). Our side hands each shard on once
  (by its index), and only when its extractions are its articles in order: nothing is lost, nothing
  is counted twice.

Without a scheduler address a `LocalCluster` of worker processes is started on this machine and
closed at the end. The library never reads the environment: the CLI reads ``TIMELINE_DASK_SCHEDULER``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from timeline.config import Settings
from timeline.errors import EngineError
from timeline.models import Article, ArticleExtraction

if TYPE_CHECKING:
    from distributed import Client, Future

SHARD_ARTICLES = 32
"""Articles per task: a few seconds of work, so the scheduler's few milliseconds a task are nothing,
and a lost worker costs at most a few seconds per shard it held."""

IN_FLIGHT_PER_THREAD = 2
"""Shards submitted per worker thread: one running, one waiting, so no worker idles between tasks."""

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a scheduler to answer before saying it cannot be reached."""

INSTALL_HINT = "pip install 'timeline[dask]'"

PROFILER_OFF = "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False"
"""Dask's statistical profiler samples a running task's stack every 10 ms: 5 % of a worker's CPU on
extraction (97 against 102 ms an article, `make bench-dask`'s cost run, A B B A). A local cluster
starts without it; workers started by `dask worker` get it off with this environment variable."""


class WorkerMismatch(RuntimeError):
    """A worker's extraction code (version, word lists, model) is not the client's: raised on the worker."""


def extract_shard(articles: list[Article], settings: Settings, code: str) -> list[tuple[str, bytes]]:
    """One task: extract a shard of articles on a worker, if the worker's extraction code is ours.

    Returns ``(article id, packed extraction)`` pairs (`compact.pack`: the store's form, about 4 KB an
    article against 40 KB of pickled models), so the client neither unpickles models nor packs them
    again: at 50 workers that serial work, not the workers, would bound a build (`make bench-dask`).
    A module-level function, so that the worker imports it by name instead of receiving its code.
    """
    from timeline.compact import pack
    from timeline.extract import _extract_here
    from timeline.store import code_digest

    if code_digest() != code:
        from timeline.version import __version__

        raise WorkerMismatch(f"timeline {__version__}, code digest {code_digest()} (the client has {code})")
    shard: list[tuple[str, bytes]] = []
    _extract_here(articles, settings, lambda extraction: shard.append((extraction.article.id, pack(extraction))))
    return shard


def shard_key(articles: Sequence[Article], settings: Settings, index: int) -> str:
    """Return the task key of a shard: its content and settings, so equal work has one key."""
    digest = hashlib.sha256(settings.model_dump_json(exclude={"workers"}).encode())
    for article in articles:
        digest.update(article.model_dump_json().encode())
    return f"timeline-extract-{index}-{digest.hexdigest()[:16]}"


class DaskEngine:
    """An open connection to a Dask cluster that extracts articles; use as a context manager.

    Calling it is `extract_articles`: the same arguments, the same results and ``on_article`` calls in
    input order; ``on_packed(article_id, packed)`` also gets each extraction as the workers packed it
    (``packs`` says so), for a caller that keeps them packed (the store): an extraction is then decoded
    only for ``on_article`` or ``collect``. One engine serves every extraction of a build (the articles,
    then the undated ones re-read at their inferred date), so a local cluster starts once.

    Args:
        scheduler: the scheduler's address (``tcp://host:8786``); None starts a `LocalCluster`.
        workers: worker processes of that local cluster (one thread each).
        shard_articles: articles per task.
        connect_timeout: seconds to wait for the scheduler.
    """

    packs = True
    """Takes ``on_packed`` (see `timeline.store.extract_with_store`)."""

    def __init__(
        self,
        scheduler: str | None = None,
        *,
        workers: int = 2,
        shard_articles: int | None = None,
        connect_timeout: float | None = None,
    ) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self.shard_articles = shard_articles or SHARD_ARTICLES
        self.connect_timeout = connect_timeout or CONNECT_TIMEOUT
        self.client: Client | None = None
        self._cluster: Any = None

    def __enter__(self) -> DaskEngine:
        try:
            import distributed
        except ImportError as exc:
            raise EngineError(f"--engine dask needs the dask extra: {INSTALL_HINT}") from exc
        try:
            if self.scheduler is None:
                import dask

                with dask.config.set({"distributed.worker.profile.enabled": False}):  # see PROFILER_OFF
                    self._cluster = distributed.LocalCluster(
                        n_workers=self.workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                self.client = distributed.Client(self._cluster, timeout=self.connect_timeout)
            else:
                self.client = distributed.Client(self.scheduler, timeout=self.connect_timeout)
        except (OSError, TimeoutError) as exc:
            self.close()
            if self.scheduler is None:
                raise EngineError(f"cannot start a local Dask cluster ({exc})") from exc
            raise EngineError(
                f"cannot reach the Dask scheduler at {self.scheduler} within {self.connect_timeout:g} s",
                hint="start one with `dask scheduler` and check the address (host:port, default port 8786)",
            ) from exc
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the client, and the local cluster if this engine started one."""
        if self.client is not None:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __call__(
        self,
        articles: Sequence[Article],
        *,
        settings: Settings | None = None,
        on_article: Callable[[ArticleExtraction], None] | None = None,
        collect: bool = True,
        on_packed: Callable[[str, bytes], None] | None = None,
    ) -> list[ArticleExtraction]:
        """Extract every article on the cluster, in input order (see `timeline.extract.extract_articles`)."""
        from distributed import as_completed

        from timeline.compact import PackedExtractions
        from timeline.store import code_digest

        if self.client is None:
            raise EngineError("the Dask engine is not open", hint="use it in a `with DaskEngine(...)` block")
        client = self.client
        settings = (settings or Settings()).model_copy(update={"workers": 1})
        size = self.shard_articles
        starts = range(0, len(articles), size)  # each shard read from ``articles`` when it is submitted
        shard_ids: dict[int, list[str]] = {}  # the articles of the shards submitted and not yet handed on
        code = code_digest()
        results: list[ArticleExtraction] = []
        finished: dict[int, list[tuple[str, bytes]]] = {}  # shards done before the ones ahead of them
        submitted = handed_on = 0
        indexes: dict[Future, int] = {}
        pending = as_completed()

        def submit_more() -> None:
            nonlocal submitted
            window = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
            while submitted < len(starts) and submitted < handed_on + window:
                shard = list(articles[starts[submitted] : starts[submitted] + size])
                shard_ids[submitted] = [article.id for article in shard]
                future = client.submit(extract_shard, shard, settings, code, key=shard_key(shard, settings, submitted))
                indexes[future] = submitted
                pending.add(future)
                submitted += 1

        submit_more()
        try:
            for future in pending:
                index = indexes.pop(future)
                extracted = _result(future)
                if index < handed_on or index in finished:
                    continue  # a shard that came back twice is handed on once
                _check_shard(shard_ids[index], extracted)
                finished[index] = extracted
                while handed_on in finished:
                    shard = finished.pop(handed_on)
                    del shard_ids[handed_on]
                    wanted = collect or on_article is not None  # else nothing is decoded
                    decoded = iter(PackedExtractions(item for _, item in shard)) if wanted else None
                    for article_id, item in shard:
                        if on_packed is not None:
                            on_packed(article_id, item)
                        if decoded is not None:
                            extraction = next(decoded)
                            if collect:
                                results.append(extraction)
                            if on_article is not None:
                                on_article(extraction)
                    handed_on += 1
                submit_more()
        finally:
            for future in indexes:
                future.cancel()
        return results


def _result(future: Future) -> list[tuple[str, bytes]]:
    """Return a shard's extractions, or raise one `EngineError` line saying what failed on the cluster."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker as exc:
        raise EngineError(
            f"a shard of articles was lost with every Dask worker that ran it ({exc.args[0]})",
            hint="check the workers' memory and logs (`dask worker --memory-limit`), then build again",
        ) from exc
    except WorkerMismatch as exc:
        raise EngineError(
            f"a Dask worker runs other extraction code: {exc}",
            hint="install the same timeline wheel and spaCy model on every worker",
        ) from exc
    except Exception as exc:  # the scheduler or a worker lacks the package, the scheduler went away, ...
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "no message"
        raise EngineError(
            f"a Dask task failed: {type(exc).__name__}: {reason}",
            hint="install the same timeline wheel (with [dask]) on the scheduler and every worker, "
            "and the spaCy model on every worker",
        ) from exc


def _check_shard(shard_ids: list[str], extracted: list[tuple[str, bytes]]) -> None:
    """Refuse a shard's result that is not one extraction per article (ids given), in order (never a silent gap)."""
    got = [article_id for article_id, _ in extracted]
    if got != shard_ids:
        raise EngineError(
            f"a Dask worker returned {len(got)} extractions for a shard of {len(shard_ids)} articles",
            hint="install the same timeline wheel on every worker, then build again",
        )
