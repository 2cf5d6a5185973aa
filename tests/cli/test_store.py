"""The corpus store (`--store`): only new articles are extracted, and the output is the same bytes."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from cli_support import run, stderr_lines

from timeline.artifacts import render_extractions_jsonl
from timeline.compact import pack
from timeline.errors import InputError
from timeline.pipeline import extract_inputs
from timeline.store import Engine, Store, article_hash

DATED = (
    "---\npublished: 2024-02-09\nsource: Wire\n---\n"
    "Blinken left the Middle East after talks with Israeli leaders on Thursday.\n"
    "Hamas delivered its response to the ceasefire proposal from Egypt and Qatar on Tuesday.\n"
    "Israeli planes bombed houses in Rafah, killing eleven people, on Wednesday.\n"
)
UNDATED = (
    "---\nsource: Daily\n---\n"
    "Blinken left the Middle East on Thursday after talks with Israeli leaders.\n"
    "On Tuesday Hamas delivered its response to the ceasefire proposal from Egypt and Qatar.\n"
    "Israeli planes bombed houses in Rafah on Wednesday, killing eleven people.\n"
)
LATER = (
    "---\npublished: 2024-02-10\nsource: Post\n---\n"
    "Negotiators met again in Cairo on Friday to discuss a pause in the fighting.\n"
)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dated.txt").write_text(DATED, encoding="utf-8")
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    return folder


def _extract(folder: Path, store: Path | None) -> tuple[list[int], str]:
    started: list[int] = []
    ingest, extractions = extract_inputs([folder], store=store, on_start=started.append)
    return started, render_extractions_jsonl(extractions, ingest.issues)


def test_a_second_run_extracts_nothing_and_a_new_article_alone(story: Path, tmp_path: Path) -> None:
    db = tmp_path / "story.db"
    _, plain = _extract(story, None)
    assert "E202" in plain  # the undated article was re-read at an inferred date
    first, stored = _extract(story, db)
    assert first == [2] and stored == plain
    again, cached = _extract(story, db)
    assert again == [0] and cached == plain  # the re-read at the inferred date is stored too
    (story / "later.txt").write_text(LATER, encoding="utf-8")
    added, grown = _extract(story, db)
    assert added == [1] and grown == _extract(story, None)[1]


def test_the_undated_article_is_stored_twice_under_two_hashes(story: Path, tmp_path: Path) -> None:
    db = tmp_path / "story.db"
    _extract(story, db)
    with Store(db, write=False) as opened:
        listed = {article.id: article for article in opened.articles()}
    assert listed["undated"].extractions == 2  # as read (undated) and at its inferred date
    assert listed["dated"].extractions == 1


def test_another_engine_never_serves_a_stored_result(story: Path, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "story.db"
    _extract(story, db)
    monkeypatch.setattr("timeline.store.code_digest", lambda: "changed-tagger")
    started, _ = _extract(story, db)
    assert started == [2]


def test_an_edited_article_is_extracted_again(story: Path, tmp_path: Path) -> None:
    db = tmp_path / "story.db"
    _extract(story, db)
    (story / "dated.txt").write_text(DATED.replace("eleven", "twelve"), encoding="utf-8")
    started, text = _extract(story, db)
    assert started == [1] and "twelve" in text


def test_build_with_a_store_writes_the_same_bytes(story: Path, tmp_path: Path) -> None:
    plain, stored, again = tmp_path / "plain", tmp_path / "stored", tmp_path / "again"
    db = tmp_path / "story.db"
    assert run("build", story, "--out", plain, "-q", "--plotlyjs", "cdn").exit_code == 0
    for out in (stored, again):
        result = run("build", story, "--out", out, "-q", "--plotlyjs", "cdn", "--store", db)
        assert result.exit_code == 0, result.output
    for name in ("timeline.json", "extractions.jsonl", "timeline.html", "events.csv", "mentions.csv"):
        assert (stored / name).read_bytes() == (plain / name).read_bytes() == (again / name).read_bytes(), name


def test_a_two_job_rebuild_writes_the_same_bytes(story: Path, tmp_path: Path) -> None:
    """The rebuild's flow: a worker extracts the new article, extractions.jsonl is written by a process forked
    before the merge, timeline.json and the CSVs by the output stage's processes, all into the staging folder."""
    plain, stored, again = tmp_path / "plain", tmp_path / "stored", tmp_path / "again"
    db = tmp_path / "story.db"
    assert run("build", story, "--out", stored, "-q", "--plotlyjs", "cdn", "--store", db, "--jobs", "2").exit_code == 0
    (story / "later.txt").write_text(LATER, encoding="utf-8")
    assert run("build", story, "--out", plain, "-q", "--plotlyjs", "cdn", "--jobs", "1").exit_code == 0
    for out in (stored, again):
        result = run("build", story, "--out", out, "-q", "--plotlyjs", "cdn", "--store", db, "--jobs", "2")
        assert result.exit_code == 0, result.output
    for name in ("timeline.json", "extractions.jsonl", "timeline.html", "events.csv", "mentions.csv"):
        assert (stored / name).read_bytes() == (plain / name).read_bytes() == (again / name).read_bytes(), name
    assert not [path.name for path in tmp_path.iterdir() if ".new-" in path.name]  # no staging folder left


def test_the_build_command_starts_a_rebuilds_worker_before_the_pipeline(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`timeline build` starts the early worker before importing the pipeline; `pipeline.build` uses that one."""
    import multiprocessing

    from cli.commands import build as build_module
    from timeline import pipeline
    from timeline import store as store_module

    (story / "undated.txt").unlink()
    db = tmp_path / "story.db"
    happened: list[str] = []
    start, build, apart = store_module.ApartWorker.__init__, pipeline.build, store_module.extract_apart

    def started(self, settings) -> None:  # noqa: ANN001
        happened.append("worker")
        start(self, settings)

    def built(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        happened.append("build")
        return build(*args, **kwargs)

    def extracted(articles, settings, meanwhile, worker, **options):  # noqa: ANN001, ANN003, ANN202
        happened.append(f"{len(articles)} apart" + (" by the early worker" if worker is not None else ""))
        assert options["idle"] is build_module.import_renderers  # imported while the build would wait
        return apart(articles, settings, meanwhile, worker, **options)

    monkeypatch.setattr(store_module.ApartWorker, "__init__", started)
    monkeypatch.setattr(pipeline, "build", built)
    monkeypatch.setattr(store_module, "extract_apart", extracted)

    def rebuild(*options: str) -> list[str]:
        happened.clear()
        result = run("build", story, "--out", tmp_path / "out", "-q", "--plotlyjs", "cdn", "--store", db, *options)
        assert result.exit_code == 0, result.output
        assert multiprocessing.active_children() == []  # no worker left behind
        return happened[:]

    assert rebuild("--jobs", "2") == ["build", "1 apart"]  # a new store: no worker started early
    assert rebuild("--jobs", "2") == ["worker", "build"]  # nothing new: ended unused
    (story / "later.txt").write_text(LATER, encoding="utf-8")
    assert rebuild("--jobs", "2") == ["worker", "build", "1 apart by the early worker"]
    (story / "last.txt").write_text(LATER.replace("Friday", "Saturday"), encoding="utf-8")
    assert rebuild("--jobs", "1") == ["build"]  # one process: extracted here


def _rebuild_spied(story: Path, db: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], object]:
    """Rebuild with two workers; return what happened in order (the early worker, ingest, extraction, its end)."""
    import multiprocessing

    from timeline import pipeline
    from timeline import store as store_module
    from timeline.config import Settings

    happened: list[str] = []
    start, close, ingest = store_module.ApartWorker.__init__, store_module.ApartWorker.close, pipeline.stream_articles
    apart, lookup = store_module.extract_apart, store_module.extract_with_store

    def started(self, settings) -> None:  # noqa: ANN001
        start(self, settings)
        happened.append("worker" if self.pool is not None else "no worker")

    def closed(self) -> None:  # noqa: ANN001
        if self.pool is not None:  # closing again does nothing
            happened.append("worker ended")
        close(self)

    def extracted(articles, settings, meanwhile, worker, **options):  # noqa: ANN001, ANN003, ANN202
        happened.append(f"{len(articles)} apart")
        return apart(articles, settings, meanwhile, worker, **options)

    def looked_up(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        found = lookup(*args, **kwargs)
        happened.append("looked up")
        return found

    monkeypatch.setattr(store_module.ApartWorker, "__init__", started)
    monkeypatch.setattr(store_module.ApartWorker, "close", closed)
    monkeypatch.setattr(pipeline, "stream_articles", lambda *a, **k: (happened.append("ingest"), ingest(*a, **k))[1])
    monkeypatch.setattr(store_module, "extract_apart", extracted)
    monkeypatch.setattr(store_module, "extract_with_store", looked_up)
    result = pipeline.build([story], store=db, settings=Settings(workers=2))
    assert multiprocessing.active_children() == []  # no worker left behind
    return happened, result


def test_a_rebuilds_worker_loads_spacy_while_the_inputs_are_read(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.config import Settings
    from timeline.pipeline import build

    (story / "undated.txt").unlink()
    db = tmp_path / "story.db"
    happened, _ = _rebuild_spied(story, db, monkeypatch)
    assert happened == ["ingest", "1 apart", "looked up"]  # a new store: no worker started ahead of ingest
    happened, _ = _rebuild_spied(story, db, monkeypatch)
    assert happened == ["worker", "ingest", "worker ended", "looked up"]  # nothing new: ended at once, unused
    (story / "later.txt").write_text(LATER, encoding="utf-8")
    happened, rebuilt = _rebuild_spied(story, db, monkeypatch)
    assert happened == ["worker", "ingest", "1 apart", "worker ended", "looked up"]
    fresh = build([story], settings=Settings(workers=2))
    assert rebuilt.timeline == fresh.timeline
    assert render_extractions_jsonl(rebuilt.extractions, rebuilt.ingest.issues) == render_extractions_jsonl(
        fresh.extractions, fresh.ingest.issues
    )


def test_a_failed_rebuild_ends_its_early_worker(story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    from timeline import store as store_module
    from timeline.config import Settings
    from timeline.pipeline import build

    db = tmp_path / "story.db"
    _extract(story, db)
    started: list[object] = []
    start = store_module.ApartWorker.__init__

    def spied(self, settings) -> None:  # noqa: ANN001
        start(self, settings)
        started.append(self.pool)

    monkeypatch.setattr(store_module.ApartWorker, "__init__", spied)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no articles found"):
        build([empty], store=db, settings=Settings(workers=2))  # ingest fails while the worker loads spaCy
    assert started and started[0] is not None
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("failure", ["cannot start", "dies"])
def test_a_rebuild_whose_early_worker_fails_extracts_here_the_same(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    import signal

    import timeline.extract as extract_module
    from timeline import store as store_module
    from timeline.config import Settings
    from timeline.pipeline import build

    db = tmp_path / "story.db"
    build([story], store=db, settings=Settings(workers=2))
    (story / "later.txt").write_text(LATER, encoding="utf-8")
    if failure == "cannot start":

        def no_pool(*args):  # noqa: ANN002, ANN202
            raise OSError("no processes allowed here")

        monkeypatch.setattr(extract_module, "_start_pool", no_pool)
    else:
        start = store_module.ApartWorker.__init__

        def killed(self, settings) -> None:  # noqa: ANN001
            start(self, settings)
            for process in list(self.pool._processes.values()):
                os.kill(process.pid, signal.SIGKILL)

        monkeypatch.setattr(store_module.ApartWorker, "__init__", killed)
    happened, rebuilt = _rebuild_spied(story, db, monkeypatch)
    assert happened[:3] == ["no worker" if failure == "cannot start" else "worker", "ingest", "1 apart"]
    fresh = build([story], settings=Settings(workers=2))
    assert rebuilt.timeline == fresh.timeline
    assert render_extractions_jsonl(rebuilt.extractions, rebuilt.ingest.issues) == render_extractions_jsonl(
        fresh.extractions, fresh.ingest.issues
    )


def test_the_caller_prepares_while_the_worker_extracts(story: Path) -> None:
    """`extract_apart` calls ``idle`` after ``meanwhile`` while its worker is busy; the results are the same."""
    from timeline.config import Settings
    from timeline.extract import extract_articles
    from timeline.ingest import read_articles
    from timeline.store import extract_apart

    articles = list(read_articles([story]).articles)
    happened: list[str] = []
    packed = extract_apart(
        articles, Settings(workers=2), lambda: happened.append("meanwhile"), idle=lambda: happened.append("idle")
    )
    assert happened == ["meanwhile", "idle"]  # a worker started now loads spaCy first: busy when meanwhile ends
    assert packed == [pack(extraction) for extraction in extract_articles(articles)]


def test_one_writer_at_a_time_and_readers_meanwhile(story: Path, tmp_path: Path) -> None:
    db = tmp_path / "story.db"
    _extract(story, db)
    with Store(db, write=True):
        with pytest.raises(InputError, match=r"another timeline command \(pid \d+\) is writing this store"):
            Store(db, write=True)
        with Store(db, write=False) as reader:
            assert reader.info().articles == 2
        result = run("extract", story, "--out", tmp_path / "x.jsonl", "--store", db, "-q")
        assert result.exit_code == 1
        assert stderr_lines(result) == [
            f"error: {db}: another timeline command (pid {os.getpid()}) is writing this store; "
            "wait for it to finish, or give another --store"
        ]
    with Store(db, write=True):  # released
        pass


@pytest.mark.parametrize("kind", ["garbage", "foreign"])
def test_a_file_that_is_not_a_store_is_one_line(story: Path, tmp_path: Path, kind: str) -> None:
    db = tmp_path / "story.db"
    if kind == "garbage":
        db.write_bytes(b"SQLite format 3\x00" + b"\x07" * 2000)
    else:
        with sqlite3.connect(db) as other:
            other.execute("CREATE TABLE notes (body TEXT)")
    before = db.read_bytes()
    for command in (["build", story, "--out", tmp_path / "out", "-q"], ["store", "info", db], ["store", "list", db]):
        if command[0] == "build":
            command += ["--store", db]
        result = run(*command)
        assert result.exit_code == 1, result.output
        (line,) = stderr_lines(result)
        assert line.startswith(f"error: {db}: not a timeline store"), line
    assert db.read_bytes() == before
    assert not (tmp_path / "out").exists()


def test_store_info_list_and_remove(story: Path, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "story.db"
    _extract(story, db)
    info = run("store", "info", db)
    assert info.exit_code == 0, info.output
    assert "articles: 2\n" in info.stdout and "extractions: 3\n" in info.stdout
    assert "(this engine, default settings)" in info.stdout
    listed = run("store", "list", db)
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["id", "dated", "undated"]
    removed = run("store", "remove", db, "undated")
    assert removed.exit_code == 0 and removed.stdout == "removed 1 article and 0 stale extractions\n"
    started, _ = _extract(story, db)
    assert started == [1]
    monkeypatch.setattr("timeline.store.code_digest", lambda: "new-code")
    stale = run("store", "remove", db, "--stale")
    assert stale.stdout == "removed 0 articles and 3 stale extractions\n"
    assert run("store", "remove", db).exit_code == 2


def test_the_key_holds_the_whole_article_and_the_engine() -> None:
    from timeline.config import Settings
    from timeline.models import Article

    article = Article(id="a", text="Text.", published=None)
    redated = article.model_copy(update={"published": date(2024, 2, 8)})
    assert article_hash(article) != article_hash(redated)
    assert Engine.current(Settings()).key != Engine.current(Settings(link_threshold=0.5)).key
    assert Engine.current(Settings()).key == Engine.current(Settings(workers=4)).key


def test_packed_extractions_are_the_same_and_small(story: Path) -> None:
    from timeline.compact import PackedExtractions

    ingest, listed = extract_inputs([story])
    _, packed = extract_inputs([story], packed=True)
    assert isinstance(packed, PackedExtractions) and isinstance(listed, list)
    assert list(packed) == listed  # the undated article's re-read at its inferred date included
    assert render_extractions_jsonl(packed, ingest.issues) == render_extractions_jsonl(listed, ingest.issues)


def test_a_damaged_stored_extraction_is_one_clear_error(story: Path, tmp_path: Path) -> None:
    db = tmp_path / "story.db"
    _extract(story, db)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE extractions SET data = x'00010203'")
    with pytest.raises(InputError, match="a stored extraction is damaged") as caught:
        _extract(story, db)
    assert str(db) in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("undated", [False, True])
def test_a_rebuild_decodes_the_stored_while_a_worker_extracts_the_new(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, undated: bool
) -> None:
    from timeline import store as store_module
    from timeline.config import Settings
    from timeline.pipeline import build

    if not undated:
        (story / "undated.txt").unlink()  # else the re-read undated article is decoded again, not ahead
    settings = Settings(workers=2)
    db = tmp_path / "story.db"
    build([story], store=db, settings=settings)
    (story / "later.txt").write_text(LATER, encoding="utf-8")
    apart = store_module.extract_apart
    calls: list[int] = []
    workers: list[object] = []

    def spy(articles, settings, meanwhile, worker, **options):  # noqa: ANN001, ANN003, ANN202
        calls.append(len(articles))
        workers.append(worker.pool)  # the worker started before ingest
        return apart(articles, settings, lambda: (calls.append(0), meanwhile()), worker, **options)

    monkeypatch.setattr(store_module, "extract_apart", spy)
    counted: list[object] = []
    rebuilt = build([story], store=db, settings=settings, on_article=counted.append)
    assert calls == [1, 0] and len(counted) == 1  # the new article, in a worker, counted for the progress bar
    assert workers[0] is not None
    fresh = build([story], settings=settings)
    assert rebuilt.timeline == fresh.timeline
    assert render_extractions_jsonl(rebuilt.extractions, rebuilt.ingest.issues) == render_extractions_jsonl(
        fresh.extractions, fresh.ingest.issues
    )


def test_a_rebuild_reads_each_stored_extraction_once(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored ones are kept in input order as they are decoded, the new one put in its place between them."""
    from timeline.config import Settings
    from timeline.pipeline import build

    (story / "undated.txt").unlink()
    (story / "b.txt").write_text(DATED.replace("Wire", "Bulletin"), encoding="utf-8")  # sorts before later.txt
    (story / "z.txt").write_text(DATED.replace("Wire", "Zeitung"), encoding="utf-8")  # and this one after it
    settings = Settings(workers=2)
    db = tmp_path / "story.db"
    build([story], store=db, settings=settings)
    (story / "later.txt").write_text(LATER, encoding="utf-8")
    read: list[str] = []
    cached = Store.cached

    def counted(self, hashes, engine):  # noqa: ANN001, ANN202
        hashes = list(hashes)
        read.extend(hashes)
        return cached(self, hashes, engine)

    monkeypatch.setattr(Store, "cached", counted)
    rebuilt = build([story], store=db, settings=settings)
    assert sorted(read) == sorted(set(read)) and len(read) == 3  # b, dated and z: each once, the new one never
    fresh = build([story], settings=settings)
    assert [extraction.article.id for extraction in rebuilt.extractions] == ["b", "dated", "later", "z"]
    assert render_extractions_jsonl(rebuilt.extractions, rebuilt.ingest.issues) == render_extractions_jsonl(
        fresh.extractions, fresh.ingest.issues
    )
