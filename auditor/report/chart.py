"""Geometry of the executive summary's horizontal bar chart (drawn as SVG by the template)."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.report.model import Bar, Chart

LABEL_WIDTH = 150.0
PLOT_WIDTH = 330.0
VALUE_WIDTH = 40.0
BAR_HEIGHT = 11.0
ROW_HEIGHT = 16.0
AXIS_HEIGHT = 16.0
MAX_LABEL = 28


def band(score: float | None) -> str:
    """A colour band for a score; the thresholds are presentation only."""
    if score is None:
        return "none"
    if score >= 80:
        return "good"
    return "fair" if score >= 50 else "poor"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def bar_chart(rows: Sequence[tuple[str, float | None, str]]) -> Chart:
    """One bar per (label, score, score text); scores run 0 to 100 on the x axis."""
    scale = PLOT_WIDTH / 100
    bars = tuple(
        Bar(
            label=_short(label),
            value=value_text,
            y=index * ROW_HEIGHT,
            width=0.0 if score is None else max(0.0, min(score, 100.0)) * scale,
            band=band(score),
        )
        for index, (label, score, value_text) in enumerate(rows)
    )
    return Chart(
        width=LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        height=len(bars) * ROW_HEIGHT + AXIS_HEIGHT,
        label_width=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        scale=scale,
        ticks=tuple((tick * scale, str(tick)) for tick in (0, 25, 50, 75, 100)),
        bars=bars,
    )
