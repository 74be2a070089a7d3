"""Bar charts as inline SVG: no script, no network, every label escaped."""

from __future__ import annotations

from markupsafe import Markup, escape

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 230
BAR_WIDTH = 320
VALUE_WIDTH = 50
LABEL_CHARS = 34


def bar_chart(title: str, items: list[tuple[str, int, str]]) -> Markup:
    """Horizontal bars of (label, value, css class); the largest value spans the width."""
    if not items:
        return Markup("")
    top = max(v for _, v, _ in items) or 1
    height = len(items) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    rows = []
    for i, (label, value, cls) in enumerate(items):
        y = GAP + i * (BAR_HEIGHT + GAP)
        w = max(1, round(BAR_WIDTH * value / top))
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        rows.append(
            f"<g><title>{escape(label)}: {value}</title>"
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 5}" text-anchor="end">{escape(short)}</text>'
            f'<rect class="bar {escape(cls)}" x="{LABEL_WIDTH}" y="{y}" width="{w}" height="{BAR_HEIGHT}"/>'
            f'<text x="{LABEL_WIDTH + w + 4}" y="{y + BAR_HEIGHT - 5}">{value}</text></g>'
        )
    return Markup(
        f'<figure class="chart"><figcaption>{escape(title)}</figcaption>'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">{"".join(rows)}</svg></figure>'
    )
