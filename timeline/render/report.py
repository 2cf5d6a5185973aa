r"""The HTML report: one self-contained page a journalist can open, search, print or send.

Everything article-derived is untrusted text (titles, sentences and source names come from
scraped pages), so the page is built to make injection structurally impossible rather than
filtered case by case:

* markup comes from a Jinja2 template with ``autoescape=True``; the only `Markup` values are the
  plotly figure (plotly serialises trace data as JSON with ``<``, ``>`` and ``/`` escaped, which a
  test checks) and the JSON data block below;
* the data the detail panel needs goes in ``<script type="application/json">`` with ``<``, ``>``
  and ``&`` written as ``\u003c`` etc., so no article text can close the script element;
* the page's script reads that JSON and inserts text with ``textContent`` only, never ``innerHTML``;
* links are made only from ``http://`` and ``https://`` URLs (no ``javascript:``).

The output is a pure function of the timeline and the arguments: same input, same bytes (fixed
plotly div id, sorted JSON keys, no timestamps).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Literal

import plotly.io as pio
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from timeline.models import Timeline
from timeline.render.plot import build_figure
from timeline.render.views import counts, page_context, story_span

PlotlyJs = Literal["inline", "cdn"]

CHART_DIV_ID = "timeline-chart"
"""Fixed id of the chart element (plotly would otherwise pick a random one)."""

DEFAULT_TITLE = "Story timeline"

PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "filename": "timeline", "scale": 2},
}

_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def plural(count: int, word: str) -> str:
    """Return ``word`` with an "s" unless ``count`` is 1 (all the report's nouns are regular)."""
    return word if count == 1 else word + "s"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Return the Jinja2 environment that loads the package templates."""
    env = Environment(
        loader=PackageLoader("timeline.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plural"] = plural
    return env


def script_json(payload: object) -> Markup:
    r"""Serialise data for a ``<script type="application/json">`` element.

    Keys are sorted for determinism; ``<``, ``>``, ``&`` and the JavaScript line separators are
    written as ``\uXXXX`` escapes, which JSON.parse reads back unchanged but which can never form
    ``</script>`` or ``<!--`` in the HTML.

    Args:
        payload: JSON-serialisable data.

    Returns:
        The JSON text, marked safe for the template.
    """
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.translate(_JSON_ESCAPES))


def figure_html(timeline: Timeline, plotlyjs: PlotlyJs) -> Markup:
    """Return the chart as an HTML fragment (a div and its scripts).

    Args:
        timeline: the merged timeline.
        plotlyjs: "inline" embeds plotly.js (works offline, ~4.8 MB); "cdn" loads it from cdn.plot.ly.

    Returns:
        The fragment, marked safe: plotly writes trace data as JSON with ``<``, ``>`` and ``/``
        escaped, so article text in hover labels cannot close its script element.

    Raises:
        ValueError: if ``plotlyjs`` is neither "inline" nor "cdn".
    """
    if plotlyjs not in ("inline", "cdn"):
        raise ValueError(f"plotlyjs must be 'inline' or 'cdn', not {plotlyjs!r}")
    fragment = pio.to_html(
        build_figure(timeline),
        full_html=False,
        include_plotlyjs=True if plotlyjs == "inline" else "cdn",
        div_id=CHART_DIV_ID,
        config=PLOTLY_CONFIG,
    )
    return Markup(fragment)


def render_report(timeline: Timeline, *, plotlyjs: PlotlyJs = "inline", title: str | None = None) -> str:
    """Render the full, self-contained HTML report.

    The page has a header (story span and counts), the chart, a searchable events table (source
    and "conflicts only" filters also dim the chart), a detail panel per event listing every
    source's sentence with the date words highlighted and how the date was anchored, and sections
    for conflicts, unplaced mentions, articles (with where each publication date came from) and
    issues.

    Args:
        timeline: the merged timeline.
        plotlyjs: "inline" (default) embeds plotly.js so the page works offline; "cdn" keeps the
            file small but loads plotly.js from cdn.plot.ly.
        title: page title; defaults to "Story timeline".

    Returns:
        The HTML document; byte-identical for identical arguments.
    """
    context = page_context(timeline)
    context["title"] = title or DEFAULT_TITLE
    context["chart_html"] = figure_html(timeline, plotlyjs)
    context["data_json"] = script_json(context.pop("panel_data"))
    return _environment().get_template("report.html.j2").render(context)


def render_embed(timeline: Timeline, *, plotlyjs: PlotlyJs = "cdn") -> str:
    """Render the chart and a one-paragraph legend as an HTML fragment for a research brief.

    Args:
        timeline: the merged timeline.
        plotlyjs: "cdn" (default) or "inline".

    Returns:
        A ``<figure>`` fragment, no ``<html>``/``<body>``.
    """
    context = {
        "title": DEFAULT_TITLE,
        "span": story_span(timeline),
        "counts": counts(timeline),
        "chart_html": figure_html(timeline, plotlyjs),
    }
    return _environment().get_template("embed.html.j2").render(context)
