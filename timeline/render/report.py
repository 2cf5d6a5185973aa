r"""The HTML report: one self-contained page a journalist can open, search, print or send.

Everything article-derived is untrusted text (titles, sentences and source names come from
scraped pages), so the page is built to make injection structurally impossible rather than
filtered case by case:

* markup comes from a Jinja2 template with ``autoescape=True``; the only `Markup` values are
  plotly.js itself, the embed's plotly figure (plotly serialises trace data as JSON with ``<``,
  ``>`` and ``/`` escaped, which a test checks) and the JSON data blocks below;
* the data (events, mentions, conflicts, articles) and the chart's figures (one per lane layout) go in
  ``<script>`` data blocks: JSON with ``<``, ``>`` and ``&`` written as ``\u003c`` etc., so no
  article text can close the script element, and all but the chart the page opens on deflated and
  base64-encoded (`deflated_json`), which holds no ``<`` at all;
* the page's script reads that JSON, builds the events table and the detail panel with
  ``textContent`` only, never ``innerHTML``, and HTML-escapes the hover texts it gives plotly;
* links are made only from ``http://`` and ``https://`` URLs (no ``javascript:``);
* bidirectional control characters (a right-to-left override that shows "\u202egnp.exe" as
  "exe.png") are replaced by U+FFFD in every text before anything is built (`timeline.display`).

Each fact is in the page once: the script renders the events table (a page of rows at a time) and
the chart's hover texts from the data block. The data block and the charts of all events (in lanes
by source, actor or kind: drawn only when the reader asks) are deflated, about a tenth of their
JSON, and inflated by the browser's own ``DecompressionStream`` (no network, no library), so the
report of 2,452 articles fits in 10 MB (`make bench-scale`) and a timeline of 5,000 events is
interactive in under 3 s (`make bench-report`). With ``plotlyjs="inline"`` the page embeds plotly.js's *basic*
bundle (scatter and bar traces, all the chart needs: 1.2 MB instead of 4.8 MB), vendored as
``templates/plotly-basic.min.js`` at the version plotly.py bundles (a test checks they match).

The output is a pure function of the timeline and the arguments: same input, same bytes (fixed
plotly div id, sorted JSON keys, no timestamps).
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import plotly.io as pio
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from plotly.offline import get_plotlyjs, get_plotlyjs_version
from pydantic_core import PydanticSerializationError, to_json

from timeline.display import displayable, neutralise_bidi
from timeline.models import Timeline
from timeline.render.figure import build_figure, figure_json
from timeline.render.lanes import CHART_MODES, LANE_MODES, LANE_NOTES, LANE_TITLES, ChartMode, event_index
from timeline.render.rows import EventRow, MentionRow, event_rows, placed_mention_rows
from timeline.render.views import counts, page_context, page_data, story_span

PLOTLY_BASIC_FILE = "plotly-basic.min.js"
"""plotly.js's basic bundle (npm ``plotly.js-basic-dist-min``), in ``templates/``, MIT licence."""

PLOTLY_BASIC_VERSION = "4.1.1"
"""Its version: the plotly.js version plotly.py bundles (update both together)."""

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

_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


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
    for char, escape in _JSON_ESCAPES:  # replace, not str.translate: 20 times faster on the page's 20 MB of JSON
        if char in text:
            text = text.replace(char, escape)
    return Markup(text)


_UTF8_ESCAPES = tuple((char.encode("utf-8"), escape.encode("ascii")) for char, escape in _JSON_ESCAPES)
"""`_JSON_ESCAPES` as UTF-8 bytes: a character's bytes occur in UTF-8 only where it does (self-synchronising)."""

_ASCII_ESCAPES = tuple((char, escape) for char, escape in _UTF8_ESCAPES if char.isascii())
"""Those that ASCII text can hold (``<``, ``>``, ``&``: not the line separators)."""


def script_json_bytes(payload: object, *, in_key_order: bool = False) -> bytes:
    """Return `script_json` of the payload as UTF-8 bytes.

    With ``in_key_order`` (the caller built every object with its keys in sorted order, as `views.page_data`
    does), pydantic-core's serialiser writes it: the same bytes as ``json.dumps`` for JSON's strings,
    integers, booleans and null, a fifth of the time. The escapes are replaced in the bytes, which are
    half the size of the text's characters.
    """
    data = None
    if in_key_order:
        try:
            data = to_json(payload)
        except PydanticSerializationError:  # text that UTF-8 cannot hold: json.dumps says why
            data = None
    if data is None:
        data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return _escaped(data)


def _escaped(data: bytes) -> bytes:
    """Return JSON's UTF-8 bytes with `_JSON_ESCAPES` replaced (`script_json`)."""
    # ASCII (most stories' JSON, asked in a quick pass) holds no line separator: the two searches for their
    # three bytes (15 ms each over the page's 20 MB, slower than memchr's one byte) are skipped
    for char, escape in _ASCII_ESCAPES if data.isascii() else _UTF8_ESCAPES:
        if char in data:
            data = data.replace(char, escape)
    return data


def deflated_json(payload: object, *, in_key_order: bool = False) -> Markup:
    """Serialise data as `script_json` does, deflated and base64-encoded.

    For the page's data block and the charts it does not draw when it opens: the script inflates them
    with the browser's ``DecompressionStream`` (a chart when the reader asks for it). The JSON shrinks
    five- to tenfold, and base64 has no character that could end a script element. Deterministic: zlib
    writes no timestamp. Level 6: level 9 takes four times as long for 4 % less. ``in_key_order``: as
    in `script_json_bytes`; then an object's JSON is written and deflated in pieces (`_json_pieces`).
    """
    if in_key_order and isinstance(payload, dict):
        deflate = zlib.compressobj(6)  # zlib.compress's settings: its stream, however the input is cut
        try:
            pieces = [deflate.compress(piece) for piece in _json_pieces(payload)]
        except PydanticSerializationError:  # text that UTF-8 cannot hold: json.dumps says why (below)
            pieces = None
        if pieces is not None:
            return Markup(base64.b64encode(b"".join([*pieces, deflate.flush()])).decode("ascii"))
    data = script_json_bytes(payload, in_key_order=in_key_order)
    return Markup(base64.b64encode(zlib.compress(data, 6)).decode("ascii"))


_PIECE_ITEMS = 1000
"""Items of a list in each piece of `_json_pieces`."""


def _json_pieces(payload: dict[str, Any]) -> Iterator[bytes | memoryview]:
    """Return `script_json_bytes` of an object in key order in pieces: each list it holds `_PIECE_ITEMS` at a time.

    The page's data block is 20 MB of JSON: whole, its bytes (written by pydantic-core, then copied into a
    Python object) and their copy with the escapes replaced were 60 MB of new memory, 12,000 page faults in
    the output stage's forked process. A piece is the JSON of its items (a list's JSON without its brackets:
    pydantic-core writes no space), so the pieces joined are the whole's bytes.

    Raises:
        PydanticSerializationError: a text that UTF-8 cannot hold.
    """
    yield b"{"
    for index, (key, value) in enumerate(payload.items()):
        yield (b"," if index else b"") + _escaped(to_json(key)) + b":"
        if not isinstance(value, list) or len(value) <= _PIECE_ITEMS:
            yield _escaped(to_json(value))
            continue
        yield b"["
        for start in range(0, len(value), _PIECE_ITEMS):
            if start:
                yield b","
            yield memoryview(_escaped(to_json(value[start : start + _PIECE_ITEMS])))[1:-1]  # without brackets
        yield b"]"
    yield b"}"


@lru_cache(maxsize=1)
def plotly_basic_js() -> str:
    """Return the vendored plotly.js basic bundle."""
    return (resources.files("timeline.render") / "templates" / PLOTLY_BASIC_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _cdn_integrity() -> str:
    """Return the subresource-integrity hash of the full plotly.js bundle plotly.py ships (= the CDN file)."""
    digest = hashlib.sha384(get_plotlyjs().encode("utf-8")).digest()
    return "sha384-" + base64.b64encode(digest).decode("ascii")


def plotly_loader(plotlyjs: PlotlyJs) -> Markup:
    """Return the ``<script>`` that loads plotly.js: the basic bundle inline, or the full one from the CDN.

    Raises:
        ValueError: if ``plotlyjs`` is neither "inline" nor "cdn".
    """
    config = "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n"
    if plotlyjs == "inline":
        return Markup(f"{config}<script>{plotly_basic_js()}</script>")
    if plotlyjs == "cdn":
        return Markup(
            f'{config}<script charset="utf-8" src="{pio_cdn_url()}" integrity="{_cdn_integrity()}" '
            'crossorigin="anonymous"></script>'
        )
    raise ValueError(f"plotlyjs must be 'inline' or 'cdn', not {plotlyjs!r}")


def pio_cdn_url() -> str:
    """Return the CDN address of the plotly.js version plotly.py bundles (as plotly's own HTML export)."""
    return f"https://cdn.plot.ly/plotly-{get_plotlyjs_version()}.min.js"


def figure_data(timeline: Timeline, lanes: ChartMode = "key") -> dict[str, Any]:
    """Return the report's chart in one lane mode as ``{"data", "layout", "config"}`` for ``Plotly.newPlot``.

    The figure has no hover texts (see `build_figure`'s ``hover``): the page's script builds them.
    Marks name their event by its index in ``timeline.events`` (the page's data block has the events
    in that order) instead of its id, in ``customdata`` and in ``meta.stacks``; the script puts the
    ids back before drawing. With a figure per lane layout in the page, this keeps a 5,000-event
    report well under its size bar.
    """
    figure = figure_json(timeline, hover=False, lanes=lanes)
    index = event_index(timeline)
    for trace in figure["data"]:
        ids = trace.get("customdata")
        if ids is not None:  # an id not in the timeline stays as it is; None (a gap) too: no event has that id
            trace["customdata"] = list(map(index.get, ids, ids))
        stacks = trace.get("meta", {}).get("stacks")
        if stacks:
            _index_stacks(stacks, index)
    return {"data": figure["data"], "layout": figure["layout"], "config": PLOTLY_CONFIG}


def _index_stacks(stacks: dict[str, list[list[Any]]], index: dict[str, int]) -> None:
    """Name the events of a trace's ``meta.stacks`` by index, in place.

    Each ``[event id, provenance index]`` pair is a list of its own, built for this figure: its id is
    replaced where it is, not copied into a new pair (a big story's charts stack 130,000 events).
    """
    for pairs in stacks.values():
        for pair in pairs:
            event_id = pair[0]
            pair[0] = index.get(event_id, event_id)


def embed_chart_id(timeline: Timeline, lanes: ChartMode) -> str:
    """Return the embed's chart id: ``timeline-chart-`` and a digest of the events and the lane mode.

    A brief may hold several embeds; each needs its own element id for plotly to draw into, and the
    same timeline must still give the same bytes.
    """
    key = "\n".join([lanes, *(event.id for event in timeline.events), *(c.id for c in timeline.conflicts)])
    return f"{CHART_DIV_ID}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def figure_html(timeline: Timeline, plotlyjs: PlotlyJs, lanes: ChartMode = "key", div_id: str = CHART_DIV_ID) -> Markup:
    """Return the chart as an HTML fragment (a div and its scripts), as in the embed.

    Args:
        timeline: the merged timeline.
        plotlyjs: "inline" embeds plotly.js's basic bundle (works offline, 1.2 MB), as the report
            does; "cdn" loads the full bundle from cdn.plot.ly.
        lanes: "key" (the key events, titled) or what the chart's lanes are: "source", "actor", "kind".
        div_id: the chart element's id.

    Returns:
        The fragment, marked safe: plotly writes trace data as JSON with ``<``, ``>`` and ``/``
        escaped, so article text in hover labels cannot close its script element.

    Raises:
        ValueError: if ``plotlyjs`` is neither "inline" nor "cdn".
    """
    if plotlyjs not in ("inline", "cdn"):
        raise ValueError(f"plotlyjs must be 'inline' or 'cdn', not {plotlyjs!r}")
    fragment = pio.to_html(
        build_figure(timeline, lanes=lanes),
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config=PLOTLY_CONFIG,
    )
    return Markup(plotly_loader(plotlyjs) + Markup(fragment))


def check_lanes(lanes: str) -> ChartMode:
    """Return the chart mode, or raise ValueError naming the valid ones."""
    if lanes not in CHART_MODES:
        raise ValueError(f"lanes must be one of {', '.join(CHART_MODES)}, not {lanes!r}")
    return lanes  # type: ignore[return-value]


def render_report(
    timeline: Timeline, *, plotlyjs: PlotlyJs = "inline", title: str | None = None, lanes: ChartMode = "key"
) -> str:
    """Render the full, self-contained HTML report.

    The page has a header (story span, counts, and a one-line summary of the conflicts with their
    explanations), the chart (opening on the key events, titled, `keyview`) with a control that
    shows all events in lanes by source, actor or event kind,
    the conflicts, a searchable events table (source and "conflicts only" filters also dim the
    chart), a detail panel per event listing every source's sentence with the date words
    highlighted and how the date was anchored, and sections for unplaced mentions, articles (with
    where each publication date came from) and issues.

    The chart of every mode is in the page (one JSON block each, parsed when first shown), so
    switching needs no network and no Python.

    Args:
        timeline: the merged timeline.
        plotlyjs: "inline" (default) embeds plotly.js's basic bundle (1.2 MB) so the page works
            offline; "cdn" keeps the file small but loads plotly.js from cdn.plot.ly.
        title: page title; defaults to "Story timeline".
        lanes: what the chart opens on: "key" (default: the key events, titled) or all events in
            lanes by "source", "actor" or "kind".

    Returns:
        The HTML document; byte-identical for identical arguments.

    Raises:
        ValueError: for an unknown ``plotlyjs`` or ``lanes``.
    """
    lanes = check_lanes(lanes)
    shown = displayable(timeline)
    events, mentions = event_rows(shown), placed_mention_rows(shown)
    return report_page(shown, events, mentions, plotlyjs=plotlyjs, title=title, lanes=lanes)


def drawn_elsewhere(lanes: ChartMode) -> tuple[ChartMode, ...]:
    """Return the chart modes whose deflated figure `report_page` can take already drawn (`deflated_figures`).

    All but the one the page opens on (written as JSON) and the key chart (whose labels the header counts).
    """
    return tuple(mode for mode in CHART_MODES if mode not in (lanes, "key"))


def deflated_figures(shown: Timeline, modes: Sequence[ChartMode]) -> dict[ChartMode, Markup]:
    """Return the page's deflated chart (`figure_data`, `deflated_json`) of each mode, of a `displayable` timeline.

    The output stage draws them in another process while this one builds the rest of the page.
    """
    return {mode: deflated_json(figure_data(shown, mode)) for mode in modes}


def report_page(
    shown: Timeline,
    events: Sequence[EventRow],
    mentions: Sequence[MentionRow],
    *,
    plotlyjs: PlotlyJs = "inline",
    title: str | None = None,
    lanes: ChartMode = "key",
    drawn: Callable[[], Mapping[ChartMode, Markup]] | None = None,
    data: Callable[[], Markup] | None = None,
) -> str:
    """Render the report (`render_report`) of a timeline already `displayable`, from its rows.

    Args:
        shown: the timeline, as `displayable` returns it.
        events: its `event_rows`.
        mentions: its `placed_mention_rows` (or all its `mention_rows`).
        plotlyjs: "inline" or "cdn".
        title: page title; defaults to "Story timeline".
        lanes: the chart the page opens on.
        drawn: returns the deflated charts of the `drawn_elsewhere` modes (`deflated_figures`), called
            once the rest of the page is built; None draws them here.
        data: returns the page's data block (`data_block` of ``shown`` and the rows), called once the rest
            of the page is built; None builds it here.

    Returns:
        The HTML document, the bytes `render_report` returns.
    """
    lanes = check_lanes(lanes)
    loader = plotly_loader(plotlyjs)
    title = neutralise_bidi(title or DEFAULT_TITLE)
    own = CHART_MODES if drawn is None else tuple(m for m in CHART_MODES if m not in drawn_elsewhere(lanes))
    figures = {mode: figure_data(shown, mode) for mode in own}
    charts = {mode: script_json(figures[lanes]) if mode == lanes else deflated_json(figures[mode]) for mode in own}
    context = page_context(shown, mentions, events)
    context["title"] = title
    context["chart_id"] = CHART_DIV_ID
    context["chart_height"] = figures[lanes]["layout"]["height"]
    context["plotly_loader"] = loader
    context["lanes"] = lanes
    context["show_all"] = lanes != "key"
    context["lane_choice"] = lanes if lanes != "key" else LANE_MODES[0]
    labels = figures["key"]["layout"].get("annotations", ())
    context["key_count"] = sum(1 for a in labels if a.get("name", "").startswith("key:"))
    context["data_json"] = data_block(shown, events, mentions, context["conflicts"]) if data is None else data()
    if drawn is not None:
        charts.update(drawn())
    context["lane_modes"] = [
        {
            "mode": mode,
            "title": LANE_TITLES[mode],
            "note": LANE_NOTES[mode],
            "deflated": mode != lanes,
            "json": charts[mode],
        }
        for mode in CHART_MODES
    ]
    return _environment().get_template("report.html.j2").render(context)


def data_block(
    shown: Timeline,
    events: Sequence[EventRow],
    mentions: Sequence[MentionRow],
    conflicts: Sequence[dict[str, Any]] | None = None,
) -> Markup:
    """Return the page's data block: `views.page_data` (with the About filter) deflated (`deflated_json`).

    Of a `displayable` timeline, from its `event_rows` and `placed_mention_rows` (``conflicts``: the page's
    conflict views, when built). Half the page's work on a big story (the views of 30,000 mentions, the
    About filter, 20 MB of JSON to deflate) and self-contained: the output stage builds it in another process.
    """
    return deflated_json(page_data(shown, conflicts, mentions, events), in_key_order=True)


def render_embed(
    timeline: Timeline, *, plotlyjs: PlotlyJs = "cdn", lanes: ChartMode = "key", title: str | None = None
) -> str:
    """Render the chart and a one-paragraph legend as an HTML fragment for a research brief.

    Args:
        timeline: the merged timeline.
        plotlyjs: "cdn" (default) or "inline".
        lanes: "key" (default: the key events, titled, as the page opens) or what the chart's lanes
            are: "source", "actor" or "kind".
        title: the caption's title; defaults to "Story timeline".

    Returns:
        A ``<figure>`` fragment, no ``<html>``/``<body>``; its chart's id is `embed_chart_id`, so two
        embeds of different timelines can share a page.

    Raises:
        ValueError: for an unknown ``plotlyjs`` or ``lanes``.
    """
    return embed_fragment(displayable(timeline), plotlyjs=plotlyjs, lanes=lanes, title=title)


def embed_fragment(
    shown: Timeline, *, plotlyjs: PlotlyJs = "cdn", lanes: ChartMode = "key", title: str | None = None
) -> str:
    """Render the embed (`render_embed`) of a timeline already `displayable` (the output stage has it)."""
    lanes = check_lanes(lanes)
    context = {
        "title": neutralise_bidi(title or DEFAULT_TITLE),
        "span": story_span(shown),
        "counts": counts(shown),
        "lanes": lanes,
        "chart_html": figure_html(shown, plotlyjs, lanes, embed_chart_id(shown, lanes)),
        "lane_note": LANE_NOTES[lanes][:1].upper() + LANE_NOTES[lanes][1:],
    }
    return _environment().get_template("embed.html.j2").render(context)
