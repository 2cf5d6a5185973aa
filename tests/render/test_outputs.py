"""The batch of output files: the same bytes whether rendered in one process or two."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.factories import make_timeline
from timeline import compact
from timeline.display import BIDI_CONTROLS, displayable, has_bidi
from timeline.models import Issue, Timeline
from timeline.output_folder import Staged
from timeline.render import exports, outputs, report, views
from timeline.render.exports import render_events_csv, render_mentions_csv, render_timeline_json
from timeline.render.outputs import render_output_files
from timeline.render.report import render_embed, render_report

needs_fork = pytest.mark.skipif(not outputs.CAN_FORK, reason="the JSON and CSVs are rendered apart only where fork is")


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return make_timeline()


@needs_fork
def test_two_processes_give_the_same_files(timeline: Timeline, tmp_path: Path) -> None:
    alone = render_output_files(timeline, tmp_path, plotlyjs="cdn", embed=True)
    forked = render_output_files(timeline, tmp_path, plotlyjs="cdn", embed=True, jobs=2)
    assert list(forked) == list(alone)
    assert forked == alone


@needs_fork
def test_the_forked_processes_write_their_files_into_the_stage(timeline: Timeline, tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    stage.mkdir()
    alone = render_output_files(timeline, tmp_path, plotlyjs="cdn")
    staged = render_output_files(timeline, tmp_path, plotlyjs="cdn", jobs=2, stage=stage)
    written = ("events.csv", "mentions.csv", "timeline.json")
    assert list(staged) == list(alone)
    assert {path.name for path, content in staged.items() if isinstance(content, Staged)} == set(written)
    assert staged[tmp_path / "timeline.html"] == alone[tmp_path / "timeline.html"]
    assert sorted(path.name for path in stage.iterdir()) == sorted(written)
    for name in written:
        assert (stage / name).read_bytes() == alone[tmp_path / name].encode("utf-8")  # type: ignore[union-attr]


def test_one_process_returns_every_file_even_with_a_stage(timeline: Timeline, tmp_path: Path) -> None:
    files = render_output_files(timeline, tmp_path, plotlyjs="cdn", stage=tmp_path)
    assert not any(isinstance(content, Staged) for content in files.values())
    assert sorted(path.name for path in tmp_path.iterdir()) == []


@needs_fork
def test_a_forked_process_that_cannot_write_its_file_fails_the_batch(timeline: Timeline, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        render_output_files(timeline, tmp_path, plotlyjs="cdn", jobs=2, stage=tmp_path / "gone")
    assert gc.isenabled()


@needs_fork
def test_an_error_in_the_forked_process_is_raised_here(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_: Timeline) -> str:
        raise ValueError("cannot encode this timeline")

    monkeypatch.setattr(outputs, "render_timeline_json", broken)  # the forked process inherits it
    with pytest.raises(ValueError, match="cannot encode this timeline"):
        render_output_files(timeline, tmp_path, plotlyjs="cdn", jobs=2)
    assert gc.isenabled()


@needs_fork
def test_an_error_in_the_report_ends_the_forked_process(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[outputs.Forked] = []
    child = outputs.Forked

    def remembered(*args: object) -> outputs.Forked:
        started.append(child(*args))  # type: ignore[arg-type]
        return started[-1]

    def broken(*_: object, **__: object) -> str:
        raise ValueError("cannot draw this timeline")

    monkeypatch.setattr(outputs, "Forked", remembered)
    monkeypatch.setattr(outputs, "report_page", broken)
    with pytest.raises(ValueError, match="cannot draw this timeline"):
        render_output_files(timeline, tmp_path, plotlyjs="cdn", jobs=2)
    assert len(started) == 2  # timeline.json's, and the CSVs' and lane charts'
    assert not any(child.alive for child in started)
    assert gc.isenabled()


@needs_fork
def test_an_error_in_the_second_forked_process_is_raised_here(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> str:
        raise ValueError("cannot draw these lanes")

    monkeypatch.setattr(outputs, "deflated_figures", broken)  # the forked process inherits it
    with pytest.raises(ValueError, match="cannot draw these lanes"):
        render_output_files(timeline, tmp_path, plotlyjs="cdn", jobs=2)
    assert gc.isenabled()


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=needs_fork)])
def test_the_rows_are_computed_once_for_the_page_and_the_csvs(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    calls: list[str] = []
    for module in (outputs, views, exports, report):
        for name in ("event_rows", "mention_rows", "placed_mention_rows", "unplaced_mention_rows"):
            if hasattr(module, name):
                original = getattr(module, name)
                monkeypatch.setattr(module, name, _counted(original, name, calls, with_args=True))
    columns = exports.unplaced_mention_columns
    monkeypatch.setattr(exports, "unplaced_mention_columns", _counted(columns, "unplaced_mention_columns", calls))
    render_output_files(timeline, tmp_path, plotlyjs="cdn", jobs=jobs)
    page = ["event_rows()", "placed_mention_rows()", f"unplaced_mention_rows({views.UNPLACED_SHOWN})"]
    # the unplaced mentions' cells, all of them for the CSV (no rows): here, or in the forked process (not counted)
    assert sorted(calls) == sorted(page + ["unplaced_mention_columns"] if jobs == 1 else page)


@needs_fork
def test_the_page_data_and_its_about_filter_are_built_in_the_second_process(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(views, "about_choices", _counted(views.about_choices, "about_choices", calls))
    monkeypatch.setattr(report, "page_data", _counted(report.page_data, "page_data", calls))
    forked = render_output_files(timeline, tmp_path, plotlyjs="cdn", jobs=2)
    assert calls == []  # the forked process's calls are not counted
    alone = render_output_files(timeline, tmp_path, plotlyjs="cdn")
    assert calls == ["page_data", "about_choices"]
    assert forked == alone


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=needs_fork)])
def test_each_file_is_what_its_own_function_renders(tmp_path: Path, jobs: int) -> None:
    """Also with bidi controls in the text: the page shows the neutralised text, the CSVs neutralise theirs."""
    article = make_timeline().articles[0]
    shown = article.model_copy(update={"title": "\u202egnp.exe", "source": "Globe \u2067x"})
    bidi = make_timeline(articles=(shown, *make_timeline().articles[1:]))
    assert "\ufffd" in render_mentions_csv(bidi)
    for timeline in (make_timeline(), bidi):
        files = render_output_files(timeline, tmp_path, plotlyjs="cdn", embed=True, lanes="actor", jobs=jobs)
        assert files[tmp_path / "timeline.html"] == render_report(timeline, plotlyjs="cdn", lanes="actor")
        assert files[tmp_path / "embed.html"] == render_embed(timeline, plotlyjs="cdn", lanes="actor")
        assert files[tmp_path / "events.csv"] == render_events_csv(timeline)
        assert files[tmp_path / "mentions.csv"] == render_mentions_csv(timeline)
        assert files[tmp_path / "timeline.json"] == render_timeline_json(timeline)


def _with_control(where: str) -> Timeline:
    """The sample timeline with a right-to-left override (U+202E) in one string: ``where`` says which."""
    timeline = make_timeline()
    event, issue, article = timeline.events[0], timeline.issues[0], timeline.articles[0]
    if where == "sentence":
        provenance = event.provenance[0]
        sentence = provenance.sentence.replace("inquiry", "\u202einquiry")
        provenance = provenance.model_copy(update={"sentence": sentence})
        event = event.model_copy(update={"provenance": (provenance, *event.provenance[1:])})
    elif where == "actor":
        actor = event.actors[0].model_copy(update={"name": "Oppo\u202esition"})
        event = event.model_copy(update={"actors": (actor, *event.actors[1:])})
    elif where == "issue":
        issue = issue.model_copy(update={"message": "read from a \u202eheader line"})
    else:
        article = article.model_copy(update={"title": "Minister \u202eresigns"})
    return timeline.model_copy(
        update={
            "events": (event, *timeline.events[1:]),
            "issues": (issue, *timeline.issues[1:]),
            "articles": (article, *timeline.articles[1:]),
        }
    )


CONTROLS_AT = ("sentence", "actor", "issue", "title")


@pytest.mark.parametrize("where", CONTROLS_AT)
def test_timeline_json_holds_every_control_as_it_is(where: str) -> None:
    """What lets the output stage decide from timeline.json's text alone whether the page must neutralise."""
    timeline = _with_control(where)
    assert displayable(timeline) != timeline
    assert "\u202e" in render_timeline_json(timeline)
    assert outputs._json_output(timeline, None) == (render_timeline_json(timeline), True)
    assert outputs._json_output(make_timeline(), None) == (render_timeline_json(make_timeline()), False)


@pytest.mark.parametrize("where", CONTROLS_AT)
def test_timeline_json_written_in_pieces_tells_a_control_too(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a stage, timeline.json is written piece after piece (`exports.timeline_json_pieces`), each searched."""
    monkeypatch.setattr(compact, "PIECE_LINES", 1)
    for timeline, controls in ((_with_control(where), True), (make_timeline(), False)):
        stage = tmp_path / f"{where}-{controls}"
        stage.mkdir()
        staged, found = outputs._json_output(timeline, stage)
        assert isinstance(staged, Staged)
        assert found is controls
        assert (stage / "timeline.json").read_bytes() == render_timeline_json(timeline).encode("utf-8")


@pytest.mark.parametrize("control", BIDI_CONTROLS)
def test_timeline_json_writes_each_control_unescaped(control: str) -> None:
    """In a string of its own, a short one written in place, and one shared through the strings table."""
    timeline = make_timeline()
    alone = (Issue(code="I120", stage="ingest", message=f"a{control}b"),)
    shared = (
        Issue(code="I120", stage="ingest", message=control, hint=f"shared {control}"),
        Issue(code="I120", stage="ingest", message="x", hint=f"shared {control}"),
    )
    assert has_bidi(render_timeline_json(timeline.model_copy(update={"issues": alone})))
    text = render_timeline_json(timeline.model_copy(update={"issues": shared}))
    assert text.count(f"shared {control}") == 1  # written once, in the strings table
    assert has_bidi(text.replace(f"shared {control}", ""))  # the short one, where it stands
    assert not has_bidi(render_timeline_json(timeline))


@pytest.mark.parametrize("where", CONTROLS_AT)
def test_a_control_anywhere_gives_the_same_files_in_one_process_and_two(where: str, tmp_path: Path) -> None:
    """Two processes render the page first as the text is, and again neutralised once timeline.json holds a control."""
    timeline = _with_control(where)
    alone = render_output_files(timeline, tmp_path, plotlyjs="cdn", embed=True, lanes="actor")
    assert alone[tmp_path / "timeline.html"] == render_report(timeline, plotlyjs="cdn", lanes="actor")
    assert alone[tmp_path / "embed.html"] == render_embed(timeline, plotlyjs="cdn", lanes="actor")
    assert alone[tmp_path / "events.csv"] == render_events_csv(timeline)
    assert alone[tmp_path / "mentions.csv"] == render_mentions_csv(timeline)
    assert alone[tmp_path / "timeline.json"] == render_timeline_json(timeline)
    assert "\u202e" not in str(alone[tmp_path / "timeline.html"])
    if outputs.CAN_FORK:
        assert render_output_files(timeline, tmp_path, plotlyjs="cdn", embed=True, lanes="actor", jobs=2) == alone
        stage = tmp_path / "stage"
        stage.mkdir()
        staged = render_output_files(timeline, tmp_path, plotlyjs="cdn", lanes="actor", jobs=2, stage=stage)
        assert staged[tmp_path / "timeline.html"] == alone[tmp_path / "timeline.html"]
        for name in ("events.csv", "mentions.csv", "timeline.json"):
            assert isinstance(staged[tmp_path / name], Staged)
            assert (stage / name).read_bytes() == alone[tmp_path / name].encode("utf-8")  # type: ignore[union-attr]


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=needs_fork)])
def test_without_controls_the_timeline_is_not_serialised_again(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(outputs, "displayable", _counted(displayable, "displayable", calls))
    render_output_files(timeline, tmp_path, plotlyjs="cdn", jobs=jobs)
    assert calls == []
    render_output_files(_with_control("issue"), tmp_path, plotlyjs="cdn", jobs=jobs)
    assert calls == ["displayable"]


@needs_fork
def test_the_lane_charts_are_drawn_in_the_second_process(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(report, "figure_data", _counted(report.figure_data, "figure_data", calls))
    render_output_files(timeline, tmp_path, plotlyjs="cdn", jobs=2)
    assert calls == ["figure_data"]  # the key chart, here; the three lane charts in the forked process
    calls.clear()
    render_output_files(timeline, tmp_path, plotlyjs="cdn")
    assert len(calls) == 4


def _counted(
    function: Callable[..., Any], name: str, calls: list[str], *, with_args: bool = False
) -> Callable[..., Any]:
    """``function``, appending its name to ``calls`` at each call (``with_args``: and its arguments after the first)."""

    def counted(*args: Any, **options: Any) -> Any:
        calls.append(f"{name}({', '.join(map(repr, [*args[1:], *options.values()]))})" if with_args else name)
        return function(*args, **options)

    return counted


def test_one_process_renders_everything_here(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork(*_: object) -> None:
        raise AssertionError("jobs=1 must not fork")

    monkeypatch.setattr(outputs, "Forked", no_fork)
    files = render_output_files(timeline, tmp_path, plotlyjs="cdn")
    assert sorted(path.name for path in files) == ["events.csv", "mentions.csv", "timeline.html", "timeline.json"]
    assert gc.isenabled()
