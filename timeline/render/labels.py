"""Where the key events' titles go on the chart: rows above the markers, no label over another.

A printed brief has no hover, so the chart names its key events itself. Each label sits in a row
above the event's marker, to the right of a vertical leader line that drops to the marker (to its
left near the right edge, where a label would run off the chart), and the rows are chosen greedily
in an order that keeps leaders clear of boxes (labels right of their marker from right to left,
then the others from left to right; labels at one date most salient first): a label takes the lowest row where

* its box does not overlap another label's box in that row;
* no other label's leader line passes through its box (a leader crosses every row below its label);
* of its two sides, it takes the one covering fewer markers of labels still to place (their
  leaders will rise from there), then the one with the lower row;
* its own leader does not pass through a label below it (when every row would, because another
  label covers its marker, this last rule gives way: a leader behind a box is better than a stack of
  boxes with no end).

Positions are in pixels at a given plot width. A label is anchored at its event's date, so zooming
in only spreads labels apart: what does not overlap at the initial zoom never overlaps when zoomed
in. Text widths are estimated from the number of characters (the figure is built without a
browser), on the generous side. The result depends only on the inputs: the same boxes give the
same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Side = Literal["right", "left"]

CHAR_PX = 7.0
"""Estimated width of one character of a 12 px label (system sans-serif averages about 6.3)."""

BOX_PAD_PX = 8.0
"""A label box's padding and border, both sides together."""

LEADER_GAP_PX = 4.0
"""Space between a leader line and its label's box."""

GAP_PX = 8.0
"""Least space between two labels of a row, and between a label and a leader line."""


def label_width(text: str) -> float:
    """Return the estimated width of a label box, in pixels."""
    return len(text) * CHAR_PX + BOX_PAD_PX


@dataclass(frozen=True, slots=True)
class LabelBox:
    """A label to place: its key, the x of its marker and its width, in pixels."""

    key: str
    x: float
    width: float


@dataclass(frozen=True, slots=True)
class Placed:
    """A placed label: its row (1 is the row just above the markers) and its side of the leader."""

    key: str
    row: int
    side: Side
    left: float
    right: float
    x: float


def _box(label: LabelBox, side: Side) -> tuple[float, float]:
    if side == "right":
        return label.x + LEADER_GAP_PX, label.x + LEADER_GAP_PX + label.width
    return label.x - LEADER_GAP_PX - label.width, label.x - LEADER_GAP_PX


def _sides(label: LabelBox, plot_px: float) -> list[Side]:
    """The sides a label fits on inside the plot, right first; both when it fits on neither."""
    fits: list[Side] = [s for s in ("right", "left") if 0 <= _box(label, s)[0] and _box(label, s)[1] <= plot_px]
    return fits or ["right", "left"]


def _free(placed: Sequence[Placed], row: int, left: float, right: float, x: float, *, own_leader: bool) -> bool:
    for other in placed:
        if other.row == row and other.left < right + GAP_PX and left - GAP_PX < other.right:
            return False  # boxes overlap
        if other.row > row and left - GAP_PX / 2 < other.x < right + GAP_PX / 2:
            return False  # the other label's leader crosses this box
        if own_leader and other.row < row and other.left - GAP_PX / 2 < x < other.right + GAP_PX / 2:
            return False  # this label's leader crosses the other box
    return True


def _lowest_row(placed: Sequence[Placed], left: float, right: float, x: float) -> int:
    """The lowest free row (when the marker sits under a lower label whatever the row: free of boxes and leaders)."""
    top = max((p.row for p in placed), default=0) + 1
    for own_leader in (True, False):
        for row in range(1, top + 1):
            if _free(placed, row, left, right, x, own_leader=own_leader):
                return row
    return top


def _order(labels: Sequence[LabelBox], plot_px: float) -> list[LabelBox]:
    """The placing order: labels that fit right of their marker from the right, then the others from the left.

    A label right of its marker placed after the labels to its right keeps its leader clear of them
    (and the mirror image on the left), so stacks of labels need no crossing leader lines. Labels at
    one x keep the given order (most important nearest the axis).
    """
    rank = {id(label): i for i, label in enumerate(labels)}
    right = [label for label in labels if "right" in _sides(label, plot_px)[:1]]
    left = [label for label in labels if "right" not in _sides(label, plot_px)[:1]]
    right.sort(key=lambda label: (-label.x, rank[id(label)]))
    left.sort(key=lambda label: (label.x, rank[id(label)]))
    return right + left


def place_labels(labels: Sequence[LabelBox], plot_px: float) -> list[Placed]:
    """Place labels in rows above their markers, in the given order (see the module docstring).

    Args:
        labels: the labels, most important first; ``x`` in pixels from the plot's left edge.
        plot_px: the plot's width in pixels.

    Returns:
        One `Placed` per label, in placing order.
    """
    placed: list[Placed] = []
    order = _order(labels, plot_px)
    for i, label in enumerate(order):
        pending = [other.x for other in order[i + 1 :] if other.x != label.x]
        best: tuple[int, int, Placed] | None = None
        for side in _sides(label, plot_px):
            left, right = _box(label, side)
            covered = sum(1 for other in pending if left - GAP_PX / 2 < other < right + GAP_PX / 2)
            row = _lowest_row(placed, left, right, label.x)
            if best is None or (covered, row) < best[:2]:
                best = (covered, row, Placed(label.key, row, side, left, right, label.x))
        assert best is not None
        placed.append(best[2])
    return placed
