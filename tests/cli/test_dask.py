"""The Dask engine (`--engine dask`) on a 2-worker LocalCluster: the bytes of a local build, a lost worker
survived, one clear line when the scheduler cannot be reached.

One cluster serves the whole module (starting one takes seconds); shards of one article make the seven
articles seven tasks, so results really come back from both workers and out of order.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest
from cli_support import GAZA, REPO_ROOT, run, stderr_lines

distributed = pytest.importorskip("distributed")

from timeline import dask_engine  # noqa: E402
from timeline.artifacts import render_extractions_jsonl  # noqa: E402
from timeline.dask_engine import DaskEngine  # noqa: E402
from timeline.pipeline import extract_inputs  # noqa: E402
from timeline.store import Store  # noqa: E402

APPLE = REPO_ROOT / "samples" / "apple-iphone4-2010"
UNDATED = (
    "---\nsource: Daily\n---\n"
    "Blinken left the Middle East on Thursday after talks with Israeli leaders.\n"
    "On Tuesday Hamas delivered its response to the ceasefire proposal from Egypt and Qatar.\n"
)
BUILD_FILES = ("timeline.html", "events.csv", "mentions.csv", "timeline.json", "extractions.jsonl")


@pytest.fixture(scope="module")
def cluster():
    """A 2-worker LocalCluster (processes, one thread each), as `--engine dask` starts one."""
    import logging

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as started:
        yield started


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The two samples (six articles) and an undated article, re-read at its inferred date: a second extraction."""
    folder = tmp_path_factory.mktemp("undated")
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    return [GAZA, APPLE, folder]


@pytest.fixture(scope="module")
def local(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples built on this machine in one process (`--jobs 1`): the bytes every engine must give."""
    out = tmp_path_factory.mktemp("local") / "out"
    assert run("build", *inputs, "--out", out, "--jobs", "1", "--quiet").exit_code == 0
    return out


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_engine, "SHARD_ARTICLES", 1)


def test_build_on_dask_gives_the_bytes_of_a_local_build(cluster, inputs, local, small_shards, tmp_path):
    out = tmp_path / "out"
    result = run("build", *inputs, "--out", out, "--engine", "dask", "--scheduler", cluster.scheduler_address, "-q")
    assert result.exit_code == 0, result.output
    for name in BUILD_FILES:
        assert (out / name).read_bytes() == (local / name).read_bytes(), name


def test_extract_on_dask_streams_into_the_store(cluster, inputs, local, small_shards, tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_DASK_SCHEDULER", cluster.scheduler_address)  # the CLI reads it, not the library
    out, store = tmp_path / "extractions.jsonl", tmp_path / "story.db"
    result = run("extract", *inputs, "--out", out, "--engine", "dask", "--store", store, "-q")
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (local / "extractions.jsonl").read_bytes()
    with Store(store, write=False) as opened:
        assert opened.info().extractions == 8  # seven articles, and the undated one at its inferred date


def test_a_worker_with_other_extraction_code_is_one_line(cluster, tmp_path, monkeypatch):
    import timeline.store

    monkeypatch.setattr(timeline.store, "code_digest", lambda: "0123456789abcdef")  # as if this client were newer
    out = tmp_path / "x.jsonl"
    result = run("extract", GAZA, "--out", out, "--engine", "dask", "--scheduler", cluster.scheduler_address, "-q")
    assert result.exit_code == 1
    [line] = stderr_lines(result)
    assert line.startswith("error: a Dask worker runs other extraction code: timeline ")
    assert line.endswith(
        "(the client has 0123456789abcdef); install the same timeline wheel and spaCy model on every worker"
    )
    assert not out.exists()


class KillOnce(distributed.WorkerPlugin):
    """Kill the worker process that starts a given shard, the first time only (a marker file says so)."""

    def __init__(self, shard: int, marker: str) -> None:
        self.prefix = f"timeline-extract-{shard}-"
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):  # noqa: ANN001
        if finish == "executing" and str(key).startswith(self.prefix):
            try:
                os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return
            os._exit(1)  # as a killed machine: no goodbye to the scheduler


def test_a_lost_worker_loses_and_repeats_nothing(cluster, inputs, local, tmp_path):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[KillOnce.__module__])  # workers cannot import this file
    marker = tmp_path / "killed"
    seen: list[str] = []
    with DaskEngine(cluster.scheduler_address, shard_articles=1) as engine:
        engine.client.register_plugin(KillOnce(4, str(marker)), name="kill-once")
        try:  # `timeline extract`'s way: the workers' packed extractions kept as they come
            ingest, extractions = extract_inputs(
                inputs, extract=engine, packed=True, on_article=lambda e: seen.append(e.article.id)
            )
        finally:
            engine.client.unregister_worker_plugin("kill-once")
    assert marker.exists()  # a worker really died as it started shard 4 of 7
    assert seen == [article.id for article in ingest.articles]  # each article handed on once, in order
    assert render_extractions_jsonl(extractions, ingest.issues) == (local / "extractions.jsonl").read_text("utf-8")


def test_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 1.0)
    address = f"tcp://127.0.0.1:{port}"
    result = run("build", GAZA, "--out", tmp_path / "out", "--engine", "dask", "--scheduler", address, "-q")
    assert result.exit_code == 1
    assert stderr_lines(result) == [
        f"error: cannot reach the Dask scheduler at {address} within 1 s; start one with `dask scheduler` "
        "and check the address (host:port, default port 8786)"
    ]
    assert not (tmp_path / "out" / "timeline.html").exists()
