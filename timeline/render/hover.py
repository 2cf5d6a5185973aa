"""Hover texts of the chart's marks, written into the figure for the embed and the static images.

The report's page builds the same texts in its script from its data block instead (`report.js`),
so a big timeline does not carry them twice. Plotly renders a subset of HTML in hover labels, tick
labels and legend names, so every article-derived string shown there is HTML-escaped first.
"""

from __future__ import annotations

import html

from timeline.models import CanonicalEvent, Claim, Conflict, DateInterval, Provenance
from timeline.render.rows import claim_label
from timeline.render.values import readable_anchor, source_label, timex_value


def esc(text: str) -> str:
    """Escape text for plotly's HTML-subset labels (hover, ticks, legend)."""
    return html.escape(text, quote=False)


def span_text(interval: DateInterval) -> str:
    """Return ``value (granularity)`` plus the inclusive bounds when it is more than a day."""
    value = timex_value(interval)
    if interval.days == 1:
        return f"{value} ({interval.granularity})"
    return f"{value} ({interval.granularity}: {interval.earliest} to {interval.latest})"


def kind_line(kind: str) -> list[str]:
    """Return the hover line naming an event's kind, or nothing for a plainly asserted or reported event."""
    return [] if kind in ("asserted", "reported") else [f"kind: {kind}"]


WRITTEN_SHOWN = 3
"""Distinct date words listed in an event's hover text (the page's script uses the same number)."""


def written_line(event: CanonicalEvent) -> str:
    """Return the hover line with the date words the sources used: "date as written: Thursday; 8 February"."""
    words = list(dict.fromkeys(p.time_text for p in event.provenance if p.time_text))
    shown = "; ".join(words[:WRITTEN_SHOWN]) + ("; …" if len(words) > WRITTEN_SHOWN else "")
    return f"date as written: {esc(shown or '(no date words)')}"


def merged_hover(event: CanonicalEvent, conflict_text: str, kind: str) -> str:
    """Hover text of an event drawn once at its reconciled date (merged lane, actor and kind lanes)."""
    lines = [
        f"<b>{esc(event.title)}</b>",
        written_line(event),
        f"resolved: {esc(span_text(event.interval))}",
        f"{event.n_sources} source(s), {event.n_mentions} mention(s)",
        *kind_line(kind),
    ]
    if conflict_text:
        lines.append(f"conflicting dates: {esc(conflict_text)}")
    return "<br>".join(lines)


def source_hover(event: CanonicalEvent, prov: Provenance, interval: DateInterval) -> str:
    """Hover text of one source's mark: the date as that source wrote it."""
    words = prov.time_text or "(no date words)"
    published = prov.published.isoformat() if prov.published else "unknown"
    return "<br>".join(
        (
            f"<b>{esc(event.title)}</b>",
            f"date as written: {esc(words)}",
            f"resolved: {esc(span_text(interval))}",
            f"source: {esc(source_label(prov.source, prov.article_id))}, "
            f"published {published} ({prov.published_origin})",
            *kind_line(prov.factuality),
            f"{event.n_sources} source(s) for this event",
        )
    )


def claim_hover(title: str, claim: Claim, kept: bool) -> str:
    """Hover text of one claim of a conflict."""
    return "<br>".join(
        (
            f"<b>Conflicting dates: {esc(title)}</b>",
            f"{esc(claim_label(claim))} says: {esc(claim.words)}",
            f"resolved: {esc(span_text(claim.interval))}",
            esc(readable_anchor(claim.anchor)),
            "this date was kept" if kept else "this date was not kept",
        )
    )


def cut(text: str, limit: int) -> str:
    """Return text cut to at most ``limit`` characters, at a word when one is near, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: max(1, limit - 1)]
    if " " in head[limit // 2 :]:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:-") + "…"


def conflict_text(title: str, conflict: Conflict, source_chars: int = 20) -> tuple[str, str]:
    """A conflict's line on the key chart: the event's title, and who says which date, the kept one marked.

    Returns ``(title, claims)``, plain text: ("Minister resigns", "Translated copy 2024-01-04 vs
    The Globe and Mail 2024-02-08 (kept)"), claims in date order, sources cut to ``source_chars``.
    """
    parts = []
    for claim in sorted(conflict.claims, key=lambda c: (c.interval.earliest, claim_label(c))):
        kept = " (kept)" if claim.article_id == conflict.chosen_article_id else ""
        parts.append(f"{cut(claim_label(claim), source_chars)} {timex_value(claim.interval)}{kept}")
    return title, " vs ".join(parts)
