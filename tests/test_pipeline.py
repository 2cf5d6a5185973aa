"""Library-level invariants of `timeline.pipeline.build` on the real samples.

Conservation of event mentions, spans that point into the article files, merge independent of the
order of its inputs, and JSON round trips of every artifact.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from timeline import __version__
from timeline.artifacts import read_extractions, read_timeline, render_extractions_jsonl
from timeline.compact import load_timeline
from timeline.config import Settings
from timeline.merge import merge
from timeline.models import ArticleExtraction, Timeline
from timeline.pipeline import BuildResult, build, render_outputs
from timeline.render.exports import render_timeline_json

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
GAZA = SAMPLES / "gaza-ceasefire-2024-02"
APPLE = SAMPLES / "apple-iphone4-2010"
ORIGINAL = "000_ed205d56d064a430"
COPY = "001_c8628ad196c7de24"


@pytest.fixture(scope="module")
def gaza() -> BuildResult:
    return build([GAZA])


@pytest.fixture(scope="module")
def apple() -> BuildResult:
    return build([APPLE])


@pytest.fixture(params=["gaza", "apple"])
def built(request: pytest.FixtureRequest) -> BuildResult:
    return request.getfixturevalue(request.param)


class _Worker:
    """Stands for a `store.ApartWorker` handed to `build`: it only records that it was closed."""

    closed = False

    def close(self) -> None:
        self.closed = True


def test_a_worker_handed_to_a_build_that_cannot_use_it_is_closed(gaza: BuildResult, tmp_path: Path) -> None:
    without_store = _Worker()
    assert build([GAZA], worker=without_store).timeline == gaza.timeline  # type: ignore[arg-type]
    one_process = _Worker()
    build([GAZA], store=tmp_path / "gaza.db", settings=Settings(workers=1))  # the store exists now
    assert build([GAZA], store=tmp_path / "gaza.db", worker=one_process).timeline == gaza.timeline  # type: ignore[arg-type]
    assert without_store.closed and one_process.closed


def _mention_ids(timeline: Timeline) -> list[str]:
    placed = [item.mention_id for event in timeline.events for item in event.provenance]
    return placed + [mention.id for mention in timeline.unplaced]


def test_gaza_build_reads_both_articles(gaza: BuildResult) -> None:
    timeline = gaza.timeline
    assert [article.id for article in timeline.articles] == [ORIGINAL, COPY]
    assert [extraction.article.id for extraction in gaza.extractions] == [ORIGINAL, COPY]
    assert timeline.engine_version == __version__
    assert timeline.settings_digest == Settings().digest()
    assert len(timeline.events) >= 10
    assert len(timeline.conflicts) >= 5


def test_every_mention_is_placed_or_unplaced_exactly_once(built: BuildResult) -> None:
    ids = _mention_ids(built.timeline)
    extracted = [event.id for extraction in built.extractions for event in extraction.events]
    assert len(extracted) == len(set(extracted)), "extraction event ids are not unique"
    assert len(ids) == len(set(ids)), "a mention supports two events (or is both placed and unplaced)"
    assert set(ids) == set(extracted)


def test_event_counts_match_provenance(built: BuildResult) -> None:
    mentions = {event.id: event for extraction in built.extractions for event in extraction.events}
    for event in built.timeline.events:
        assert event.n_mentions == len(event.provenance), event.id
        assert event.n_sources == len({item.article_id for item in event.provenance}), event.id
        for item in event.provenance:
            mention = mentions[item.mention_id]
            assert (item.article_id, item.sentence, item.sentence_span) == (
                mention.article_id,
                mention.sentence,
                mention.sentence_span,
            )
            assert item.interval == (mention.time.interval if mention.time else None)


def test_conflicts_point_at_their_events(built: BuildResult) -> None:
    events = {event.id: event for event in built.timeline.events}
    for conflict in built.timeline.conflicts:
        event = events[conflict.event_id]
        assert event.conflict_id == conflict.id
        chosen = [claim for claim in conflict.claims if claim.article_id == conflict.chosen_article_id]
        assert chosen and chosen[0].interval == event.interval
    linked = {event.conflict_id for event in events.values() if event.conflict_id}
    assert linked == {conflict.id for conflict in built.timeline.conflicts}


def _file_offsets(built: BuildResult) -> dict[str, tuple[str, int]]:
    """Map each article id to its file's text and where the article's text starts in it."""
    offsets = {}
    for article in built.ingest.articles:
        assert article.path is not None
        file_text = Path(article.path).read_text(encoding="utf-8")
        start = file_text.find(article.text)
        assert start >= 0, f"{article.id}: article text is not a part of {article.path}"
        assert file_text[start + len(article.text) :].strip() == "", "text after the article was dropped"
        offsets[article.id] = (file_text, start)
    return offsets


def test_gaza_article_text_is_the_whole_file(gaza: BuildResult) -> None:
    for article in gaza.ingest.articles:
        assert article.text == Path(article.path or "").read_text(encoding="utf-8")


def test_every_span_slices_its_article_file(built: BuildResult) -> None:
    offsets = _file_offsets(built)
    checked = 0
    for extraction in built.extractions:
        file_text, start = offsets[extraction.article.id]
        length = extraction.article.n_chars

        def words(span, file_text=file_text, start=start, length=length) -> str:
            assert 0 <= span.start < span.end <= length
            return file_text[start + span.start : start + span.end]

        for expression in extraction.time_expressions:
            assert words(expression.span) == expression.text, expression.id
        for mention in extraction.mentions:
            assert words(mention.span) == mention.text, mention
        for event in extraction.events:
            assert words(event.trigger_span) == event.trigger, event.id
            assert words(event.sentence_span) == event.sentence, event.id
            if event.time is not None:
                assert words(event.time.span) == event.time.text, event.id
        checked += len(extraction.time_expressions) + len(extraction.mentions) + len(extraction.events)
    assert checked > 50


def test_article_info_matches_the_article(built: BuildResult) -> None:
    for article, extraction in zip(built.ingest.articles, built.extractions, strict=True):
        info = extraction.article
        assert (info.id, info.published, info.path, info.n_chars) == (
            article.id,
            article.published,
            article.path,
            len(article.text),
        )


def _shuffles(extractions: list[ArticleExtraction]) -> list[list[ArticleExtraction]]:
    """Deterministic reorderings: every permutation of the articles (capped), and reversed contents."""
    orders = [list(order) for order in itertools.islice(itertools.permutations(extractions), 24)]
    reversed_inside = [
        extraction.model_copy(
            update={
                "events": extraction.events[::-1],
                "actors": extraction.actors[::-1],
                "mentions": extraction.mentions[::-1],
                "issues": extraction.issues[::-1],
            }
        )
        for extraction in extractions[::-1]
    ]
    return [*orders, reversed_inside]


def test_merge_does_not_depend_on_input_order(built: BuildResult) -> None:
    extractions = list(built.extractions)
    issues = list(built.ingest.issues)
    expected = merge(extractions, issues=issues, engine_version=__version__).model_dump_json()
    assert expected == built.timeline.model_dump_json()
    shuffles = _shuffles(extractions)
    assert len(shuffles) >= 3
    for order in shuffles:
        assert merge(order, issues=issues[::-1], engine_version=__version__).model_dump_json() == expected


def test_timeline_json_round_trip(built: BuildResult, tmp_path: Path) -> None:
    timeline = built.timeline
    assert Timeline.model_validate_json(timeline.model_dump_json()) == timeline
    path = tmp_path / "timeline.json"
    path.write_text(render_timeline_json(timeline), encoding="utf-8")
    again = read_timeline(path)
    assert again == timeline
    assert render_timeline_json(again) == path.read_text(encoding="utf-8")


def test_extractions_jsonl_round_trip(built: BuildResult, tmp_path: Path) -> None:
    path = tmp_path / "extractions.jsonl"
    path.write_text(render_extractions_jsonl(built.extractions, built.ingest.issues), encoding="utf-8")
    extractions, issues = read_extractions(path)
    assert extractions == list(built.extractions)
    assert issues == list(built.ingest.issues)
    assert merge(extractions, issues=issues, engine_version=__version__) == built.timeline


def test_render_outputs_names_and_embed(gaza: BuildResult, tmp_path: Path) -> None:
    files = render_outputs(gaza.timeline, tmp_path, plotlyjs="cdn", embed=True)
    assert sorted(path.name for path in files) == sorted(
        ["timeline.html", "events.csv", "mentions.csv", "timeline.json", "embed.html"]
    )
    assert all(path.parent == tmp_path for path in files)
    assert load_timeline(json.loads(files[tmp_path / "timeline.json"])) == gaza.timeline


def test_too_large_file_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    small = "The senate passed the bill on 4 March 2024.\n"
    (tmp_path / "small.txt").write_text(small, encoding="utf-8")
    (tmp_path / "large.txt").write_text(small * 20, encoding="utf-8")
    result = build([tmp_path], settings=Settings(max_article_bytes=200), published={"small": "2024-03-05"})
    assert [article.id for article in result.timeline.articles] == ["small"]
    too_large = [issue for issue in result.timeline.issues if issue.code == "I113"]
    assert len(too_large) == 1
    assert (too_large[0].path, too_large[0].severity) == (str(tmp_path / "large.txt"), "error")
    assert "200-byte limit" in too_large[0].message


def test_merge_runs_with_the_garbage_collector_paused(gaza: BuildResult, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from timeline import pipeline

    seen: list[bool] = []

    def spy(*args: object, **kwargs: object) -> Timeline:
        seen.append(gc.isenabled())
        return merge(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "merge", spy)
    assert gc.isenabled()
    timeline = pipeline.merge_extractions(list(gaza.extractions), settings=Settings())
    assert seen == [False]
    assert gc.isenabled()  # on again afterwards
    assert timeline.events == gaza.timeline.events


def test_gc_paused_leaves_a_disabled_collector_disabled() -> None:
    import gc

    from timeline.collector import gc_paused

    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_gc_paused_freezes_what_the_block_built() -> None:
    """The models built in the block live on: no later full collection walks them again."""
    import gc

    from timeline.collector import gc_paused

    gc.unfreeze()
    try:
        with gc_paused():
            built = [[index] for index in range(1000)]
        assert gc.get_freeze_count() >= len(built)
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_build_hands_on_the_extractions_before_the_merge(
    gaza: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`timeline build` writes extractions.jsonl meanwhile: the same extractions and ingest Issues as the result's."""
    from timeline import pipeline

    steps: list[str] = []
    handed: list[tuple[list[ArticleExtraction], list[object]]] = []

    def spy(*args: object, **kwargs: object) -> Timeline:
        steps.append("merge")
        return merge(*args, **kwargs)  # type: ignore[arg-type]

    def extracted(extractions: list[ArticleExtraction], issues: list[object]) -> None:
        steps.append("extracted")
        handed.append((list(extractions), list(issues)))

    monkeypatch.setattr(pipeline, "merge", spy)
    for store in (None, tmp_path / "story.db"):
        steps.clear()
        handed.clear()
        result = pipeline.build([GAZA], store=store, on_extracted=extracted)
        assert steps == ["extracted", "merge"]
        assert handed == [(list(result.extractions), list(result.ingest.issues))]
        assert result.timeline == gaza.timeline
