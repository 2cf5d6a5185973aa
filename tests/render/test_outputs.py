"""The batch of output files: the same bytes whether rendered in one process or two."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from tests.factories import make_timeline
from timeline.models import Timeline
from timeline.render import outputs
from timeline.render.outputs import render_output_files

needs_fork = pytest.mark.skipif(not outputs._CAN_FORK, reason="the JSON and CSVs are rendered apart only where fork is")


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
    started: list[outputs._Child] = []
    child = outputs._Child

    def remembered(*args: object) -> outputs._Child:
        started.append(child(*args))  # type: ignore[arg-type]
        return started[-1]

    def broken(*_: object, **__: object) -> str:
        raise ValueError("cannot draw this timeline")

    monkeypatch.setattr(outputs, "_Child", remembered)
    monkeypatch.setattr(outputs, "render_report", broken)
    with pytest.raises(ValueError, match="cannot draw this timeline"):
        render_output_files(timeline, tmp_path, plotlyjs="cdn", jobs=2)
    assert len(started) == 1
    assert not started[0]._process.is_alive()
    assert gc.isenabled()


def test_one_process_renders_everything_here(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork(*_: object) -> None:
        raise AssertionError("jobs=1 must not fork")

    monkeypatch.setattr(outputs, "_Child", no_fork)
    files = render_output_files(timeline, tmp_path, plotlyjs="cdn")
    assert sorted(path.name for path in files) == ["events.csv", "mentions.csv", "timeline.html", "timeline.json"]
    assert gc.isenabled()
