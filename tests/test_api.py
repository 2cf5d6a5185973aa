"""The Python API: `timeline.build` and the `Timeline` methods for notebooks (rows, pandas, Jupyter's chart)."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

import timeline
from tests.factories import make_timeline
from timeline.api import NotebookTimeline
from timeline.render.exports import EVENT_COLUMNS, MENTION_COLUMNS, render_events_csv, render_mentions_csv, safe_cell
from timeline.render.report import embed_chart_id

GAZA = Path(__file__).resolve().parents[1] / "samples" / "gaza-ceasefire-2024-02"
ORIGINAL = "000_ed205d56d064a430"
COPY = "001_c8628ad196c7de24"
HOSTILE = "<script>alert('title')</script>"


@pytest.fixture(scope="module")
def gaza() -> timeline.Timeline:
    return timeline.build(str(GAZA))


def _csv_dicts(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_build_returns_the_timeline_of_the_cli(gaza: timeline.Timeline) -> None:
    assert isinstance(gaza, timeline.Timeline)
    assert {article.id for article in gaza.articles} == {ORIGINAL, COPY}
    assert len(gaza.events) > 10


def test_build_takes_paths_and_published_dates() -> None:
    built = timeline.build([GAZA], published={COPY: date(2024, 2, 8)}, top=5, jobs=1)
    dates = {article.id: (article.published, article.published_origin) for article in built.articles}
    assert dates[COPY] == (date(2024, 2, 8), "cli")
    # --top 5 keeps the events of the 5 key days, and an info issue says how many were left out
    assert len({event.interval.earliest for event in built.events if event.interval}) <= 5
    assert any(issue.code == "M302" for issue in built.issues)


def test_bad_input_raises_one_line_input_error(tmp_path: Path) -> None:
    with pytest.raises(timeline.InputError) as missing:
        timeline.build(tmp_path / "nothing-here")
    assert "no articles found" in str(missing.value) and "\n" not in str(missing.value)
    with pytest.raises(timeline.InputError, match=r"published\['x'\]: '2024-02-30' is not a valid date"):
        timeline.build(GAZA, published={"x": "2024-02-30"})
    with pytest.raises(ValueError, match="jobs must be between 1 and 64"):
        timeline.build(GAZA, jobs=0)


def test_problems_with_single_files_stay_in_issues(tmp_path: Path) -> None:
    (tmp_path / "talks.txt").write_text("date 2024-02-08\n\nNegotiators met in Cairo on Thursday.\n")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    built = timeline.build(tmp_path)
    assert [article.id for article in built.articles] == ["talks"]
    assert "I112" in {issue.code for issue in built.issues}


def test_rows_hold_what_the_csvs_say(gaza: timeline.Timeline) -> None:
    rows = gaza.rows()
    assert len(rows) == len(gaza.events)
    assert all(list(row) == list(EVENT_COLUMNS) for row in rows)
    assert [{k: safe_cell(v) for k, v in row.items()} for row in rows] == _csv_dicts(render_events_csv(gaza))
    assert isinstance(rows[0]["start"], date) and isinstance(rows[0]["n_sources"], int)
    mentions = gaza.mention_rows()
    assert all(list(row) == list(MENTION_COLUMNS) for row in mentions)
    assert [{k: safe_cell(v) for k, v in row.items()} for row in mentions] == _csv_dicts(render_mentions_csv(gaza))


def test_to_pandas(gaza: timeline.Timeline) -> None:
    pytest.importorskip("pandas")
    frame = gaza.to_pandas()
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert frame["event_id"].tolist() == [event.id for event in gaza.events]
    assert frame["n_sources"].tolist() == [row["n_sources"] for row in gaza.rows()]
    mentions = gaza.to_pandas(mentions=True)
    assert list(mentions.columns) == list(MENTION_COLUMNS) and len(mentions) == len(gaza.mention_rows())


def test_to_pandas_without_pandas_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    with pytest.raises(ImportError, match=r"needs pandas.*pip install pandas") as err:
        NotebookTimeline.of(make_timeline()).to_pandas()
    assert "\n" not in str(err.value)


def test_repr_html_shows_the_chart_offline_and_escaped() -> None:
    plain = make_timeline()
    first = plain.events[0].model_copy(update={"title": HOSTILE})
    hostile = NotebookTimeline.of(plain.model_copy(update={"events": (first, *plain.events[1:])}))
    html = hostile._repr_html_()
    assert f'id="{embed_chart_id(hostile, "key")}"' in html
    assert "plotly.js (basic - minified)" in html and not re.search(r"<script[^>]*\ssrc=", html)  # offline
    assert "Plotly.newPlot" in html
    assert HOSTILE not in html and "alert(" in html  # the title is there, escaped


def test_methods_leave_the_json_unchanged() -> None:
    value = NotebookTimeline.of(make_timeline())
    data = json.loads(value.model_dump_json())
    assert sorted(data) == sorted(timeline.Timeline.model_fields)
    assert sorted(data) == [
        "actors",
        "articles",
        "conflicts",
        "engine_version",
        "events",
        "issues",
        "settings_digest",
        "unplaced",
    ]
    assert value.model_dump_json() == make_timeline().model_dump_json()
    assert NotebookTimeline.model_validate_json(value.model_dump_json()) == value


def test_load_reads_a_timeline_json_with_the_methods(gaza: timeline.Timeline, tmp_path: Path) -> None:
    path = tmp_path / "timeline.json"
    path.write_text(gaza.model_dump_json(), encoding="utf-8")
    loaded = timeline.load(path)
    assert isinstance(loaded, timeline.Timeline) and loaded.rows() == gaza.rows()
    with pytest.raises(timeline.InputError, match="not a timeline file"):
        path.write_text("{}", encoding="utf-8")
        timeline.load(path)


def test_the_data_model_does_not_depend_on_the_renderers() -> None:
    assert not hasattr(timeline.Timeline, "rows")
