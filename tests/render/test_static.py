from __future__ import annotations

import pytest

from tests.factories import make_timeline
from timeline.render.static import IMAGE_WIDTH, KEY, render_chart_image, static_figure


def test_static_figure_is_titled_without_range_slider() -> None:
    fig = static_figure(make_timeline(), title="Budget <b>leak</b> & fallout").to_dict()
    layout = fig["layout"]
    assert layout["title"]["text"] == "Budget &lt;b&gt;leak&lt;/b&gt; &amp; fallout"
    assert layout["xaxis"]["rangeslider"]["visible"] is False
    assert layout["width"] == IMAGE_WIDTH
    assert any(a["text"] == KEY for a in layout["annotations"])
    assert all("hovertext" in t for t in fig["data"])


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="png"):
        render_chart_image(make_timeline(), "pdf", browser="/usr/bin/chromium", title="x")  # type: ignore[arg-type]
