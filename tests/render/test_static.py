from __future__ import annotations

import pytest

from tests.factories import make_timeline
from timeline.render.lanes import LANE_NOTES
from timeline.render.static import IMAGE_WIDTH, KEY, render_chart_image, static_figure


def test_static_figure_is_titled_without_range_slider() -> None:
    fig = static_figure(make_timeline(), title="Budget <b>leak</b> & fallout").to_dict()
    layout = fig["layout"]
    assert layout["title"]["text"] == "Budget &lt;b&gt;leak&lt;/b&gt; &amp; fallout"
    assert layout["xaxis"]["rangeslider"]["visible"] is False
    assert layout["width"] == IMAGE_WIDTH
    assert any(a["text"] == f"{KEY}<br>{LANE_NOTES['key']}" for a in layout["annotations"])
    assert "planned" in KEY and "conflicting dates" in KEY
    assert all("hovertext" in t for t in fig["data"] if "customdata" in t)  # leader lines have no hover


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="png"):
        render_chart_image(make_timeline(), "pdf", browser="/usr/bin/chromium", title="x")  # type: ignore[arg-type]


def test_static_figure_in_actor_lanes_keys_them() -> None:
    fig = static_figure(make_timeline(), title="x", lanes="actor").to_dict()
    key = next(a["text"] for a in fig["layout"]["annotations"] if a["text"].startswith(KEY))
    assert key.endswith(LANE_NOTES["actor"])
    assert "no actor" not in fig["layout"]["yaxis"]["ticktext"]  # every sample event names an actor
