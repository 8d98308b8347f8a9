"""Charts drawn on the server as SVG markup: no JavaScript, no library, nothing from a CDN.

Each builder takes plain data (already read) and returns a `Chart`: the SVG (with `role="img"`,
a `<title>` and a `<desc>` that says what the chart shows in words), the table behind it, and a
one-line summary. `Chart.html()` gives the figure as the pages show it: the drawing, then the
table under « Voir le tableau ». Empty data gives a plain sentence instead of an empty drawing.

Drawing rules, so that a chart reads on a phone and without colour:
- a narrow viewBox (360 units) scaled to the width of the page: on a phone the text keeps about
  the size of the page's small print; labels sit above their bar instead of beside it;
- presentation attributes only (`fill=…`), never `style=…`: the Content-Security-Policy refuses
  inline styles;
- colours dark enough on white (contrast of 4.5:1 or more), and each series also carries a
  pattern (stacked bars) or a line style and marker (lines), with its name written in a legend or
  at the end of its line;
- every text drawn comes from `esc()`: names are data typed by people.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from html import escape

WIDTH = 360
PAD = 8
FONT = 13
SMALL = 11
INK = "#1b1b1f"
MUTED = "#55555f"
GRID = "#c9c9d2"
NUM = ' class="num"'
# Dark enough on white for text and shapes (contrast ≥ 4.5:1 each), distinct in hue.
PALETTE = ["#1d3f91", "#9c4a00", "#17673a", "#7a1f66", "#3f3f46", "#a1261d", "#005f73"]
# One fill pattern per series, so that colour is not the only carrier of meaning.
PATTERNS = ["solid", "diagonal", "dots", "cross", "horizontal", "vertical", "backdiagonal"]


# Characters XML 1.0 refuses anywhere (control characters, lone surrogates, non-characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def esc(text) -> str:
    """Text safe inside SVG/XML elements and attributes (what XML refuses is dropped)."""
    return escape(_NOT_XML.sub("", str(text)), quote=True)


def fmt_int(value: int | float) -> str:
    """1234567 → « 1 234 567 » (narrow no-break spaces, as French writes thousands)."""
    return f"{round(value):,}".replace(",", "\u202f")


def fmt_percent(ratio: float) -> str:
    """0.8125 → « 81 % » (rounded to the unit, no-break space before the sign)."""
    return f"{fmt_int(round(ratio * 100))}\u202f%"


def fit(text: str, max_chars: int) -> str:
    """Shorten a label to fit its line; the full text stays in the table and in the tooltip."""
    text = str(text)
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


@dataclass(frozen=True)
class Table:
    """The data behind a chart: the first cell of each row is its heading (th scope=row)."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)

    def html(self) -> str:
        numeric = self.numeric or [False] + [True] * (len(self.headers) - 1)
        head = "".join(
            f'<th scope="col"{NUM if numeric[i] else ""}>{esc(h)}</th>'
            for i, h in enumerate(self.headers)
        )
        body = []
        for row in self.rows:
            cells = [f'<th scope="row">{esc(row[0])}</th>']
            cells += [
                f"<td{NUM if numeric[i] else ''}>{esc(v)}</td>"
                for i, v in enumerate(row[1:], start=1)
            ]
            body.append(f"<tr>{''.join(cells)}</tr>")
        return (
            # Focusable: a table wider than a phone scrolls with the keyboard too.
            f'<div class="table-scroll" tabindex="0" role="region" '
            f'aria-label="Tableau : {esc(self.caption)}"><table><caption>{esc(self.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    summary: str
    svg: str
    table: Table
    empty_message: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.svg

    def html(self) -> str:
        """The figure as a page shows it (markup already escaped: mark it safe in a template)."""
        if self.is_empty:
            return f'<p class="chart-empty">{esc(self.empty_message)}</p>'
        notes = "".join(f"<p>{esc(n)}</p>" for n in self.notes)
        return (
            f'<figure class="chart" id="{esc(self.chart_id)}-figure">{self.svg}'
            f"<figcaption>{esc(self.summary)}</figcaption>{notes}"
            f"<details><summary>Voir le tableau</summary>{self.table.html()}</details></figure>"
        )


def _svg(chart_id: str, title: str, desc: str, height: float, body: str, defs: str = "") -> str:
    cid = esc(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {WIDTH} {height:g}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" '
        f'font-size="{FONT}" fill="{INK}">'
        f'<title id="{cid}-title">{esc(title)}</title><desc id="{cid}-desc">{esc(desc)}</desc>'
        f"{f'<defs>{defs}</defs>' if defs else ''}{body}</svg>"
    )


def _pattern(pattern_id: str, kind: str, colour: str) -> str:
    """A tile: the series' colour, with white marks for its pattern."""
    marks = {
        "solid": "",
        "diagonal": '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#fff" stroke-width="1.5"/>',
        "backdiagonal": '<path d="M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2" stroke="#fff" stroke-width="1.5"/>',
        "dots": '<circle cx="3" cy="3" r="1.3" fill="#fff"/>',
        "cross": '<path d="M0,3 h6 M3,0 v6" stroke="#fff" stroke-width="1.2"/>',
        "horizontal": '<path d="M0,3 h6" stroke="#fff" stroke-width="1.5"/>',
        "vertical": '<path d="M3,0 v6" stroke="#fff" stroke-width="1.5"/>',
    }[kind]
    return (
        f'<pattern id="{esc(pattern_id)}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{colour}"/>{marks}</pattern>'
    )


def _empty(chart_id, title, table, message) -> Chart:
    return Chart(chart_id, title, message, "", table, empty_message=message)


# ---------------------------------------------------------------- sorted horizontal bars


def sorted_bars(
    *,
    chart_id: str,
    title: str,
    items: list[tuple[str, float]],
    label_header: str = "Association",
    value_header: str = "Satisfaction",
    extra_headers: tuple[str, ...] = (),
    extra_cells: dict[str, list[str]] | None = None,
    empty_message: str = "Aucune donnée à représenter pour l'instant.",
) -> Chart:
    """One bar per item (a ratio, 0.81 → 81 %), from the lowest value to the highest, ties by
    name. Each label sits above its bar, its value after the bar's end."""
    ordered = sorted(items, key=lambda item: (item[1], item[0].casefold()))
    extra_cells = extra_cells or {}
    table = Table(
        caption=title,
        headers=[label_header, value_header, *extra_headers],
        rows=[[label, fmt_percent(value), *extra_cells.get(label, [])] for label, value in ordered],
    )
    if not ordered:
        return _empty(chart_id, title, table, empty_message)
    top = max(1.0, max(value for _, value in ordered))
    value_room = 46
    bar_room = WIDTH - 2 * PAD - value_room
    row_h = 34
    axis_h = 22
    parts = []
    # Gridlines at 0, 50 % and 100 % (and the top when some exceed 100 %).
    ticks = sorted({0.0, 0.5, 1.0, top})
    height = axis_h + row_h * len(ordered) + PAD
    for tick in ticks:
        x = PAD + bar_room * tick / top
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_h - 4}" x2="{x:.1f}" y2="{height - PAD}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{axis_h - 8}" font-size="{SMALL}" fill="{MUTED}" '
            f'text-anchor="{"start" if tick == 0 else "middle"}">{esc(fmt_percent(tick))}</text>'
        )
    for i, (label, value) in enumerate(ordered):
        y = axis_h + i * row_h
        w = max(1.5, bar_room * value / top) if value > 0 else 0
        parts.append(
            f"<g><title>{esc(label)} : {esc(fmt_percent(value))}</title>"
            f'<text x="{PAD}" y="{y + 12}">{esc(fit(label, 44))}</text>'
            f'<rect x="{PAD}" y="{y + 16}" width="{w:.1f}" height="12" fill="{PALETTE[0]}"/>'
            f'<text x="{PAD + w + 4:.1f}" y="{y + 27}" font-weight="700">'
            f"{esc(fmt_percent(value))}</text></g>"
        )
    low, high = ordered[0], ordered[-1]
    desc = (
        f"{len(ordered)} barres, de la plus basse à la plus haute : de {fmt_percent(low[1])} "
        f"({low[0]}) à {fmt_percent(high[1])} ({high[0]})."
    )
    return Chart(chart_id, title, desc, _svg(chart_id, title, desc, height, "".join(parts)), table)


# ---------------------------------------------------------------- stacked bars


def stacked_bars(
    *,
    chart_id: str,
    title: str,
    categories: list[str],
    series: list[tuple[str, str]],
    values: dict[str, dict[str, int]],
    category_header: str = "Ville hôte",
    unit: str = "billets",
    empty_message: str = "Aucune donnée à représenter pour l'instant.",
) -> Chart:
    """One bar per category (in the order given), split into series (key, label); a series that is
    zero everywhere is left out of the drawing and the legend, never out of the table."""
    totals = {c: sum(values.get(c, {}).get(k, 0) for k, _ in series) for c in categories}
    table = Table(
        caption=title,
        headers=[category_header, *(label for _, label in series), "Total"],
        rows=[
            [c, *(fmt_int(values.get(c, {}).get(k, 0)) for k, _ in series), fmt_int(totals[c])]
            for c in categories
        ],
    )
    if not categories or not any(totals.values()):
        return _empty(chart_id, title, table, empty_message)
    shown = [
        (i, key, label)
        for i, (key, label) in enumerate(series)
        if any(values.get(c, {}).get(key, 0) for c in categories)
    ]
    defs = "".join(
        _pattern(f"{chart_id}-p{i}", PATTERNS[i % len(PATTERNS)], PALETTE[i % len(PALETTE)])
        for i, _, _ in shown
    )
    # Legend: two columns of swatches, in the order of the stack (left to right).
    legend = []
    col_w = (WIDTH - 2 * PAD) / 2
    for n, (i, _, label) in enumerate(shown):
        x = PAD + (n % 2) * col_w
        y = PAD + (n // 2) * 20
        legend.append(
            f'<rect x="{x:.1f}" y="{y}" width="14" height="14" fill="url(#{esc(chart_id)}-p{i})" '
            f'stroke="{INK}" stroke-width="0.5"/>'
            f'<text x="{x + 20:.1f}" y="{y + 12}">{esc(fit(label, 22))}</text>'
        )
    legend_h = PAD + 20 * math.ceil(len(shown) / 2) + 4
    top = max(totals.values())
    value_room = 54
    bar_room = WIDTH - 2 * PAD - value_room
    row_h = 36
    parts = []
    for r, category in enumerate(categories):
        y = legend_h + r * row_h
        x = PAD
        segments = []
        for i, key, label in shown:
            v = values.get(category, {}).get(key, 0)
            if not v:
                continue
            w = bar_room * v / top
            segments.append(
                f'<rect x="{x:.2f}" y="{y + 16}" width="{w:.2f}" height="14" '
                f'fill="url(#{esc(chart_id)}-p{i})"><title>{esc(category)}, {esc(label)} : '
                f"{esc(fmt_int(v))} {esc(unit)}</title></rect>"
            )
            x += w
        parts.append(
            f'<g><text x="{PAD}" y="{y + 12}">{esc(fit(category, 44))}</text>{"".join(segments)}'
            f'<text x="{x + 4:.1f}" y="{y + 27}" font-weight="700">'
            f"{esc(fmt_int(totals[category]))}</text></g>"
        )
    height = legend_h + row_h * len(categories) + PAD
    biggest = max(categories, key=lambda c: (totals[c], c))
    desc = (
        f"{len(categories)} barres empilées, une par {category_header.lower()} ; "
        f"{fmt_int(sum(totals.values()))} {unit} en tout, dont {fmt_int(totals[biggest])} "
        f"à {biggest}. Parts : "
        + " ; ".join(
            f"{label} {fmt_int(sum(values.get(c, {}).get(key, 0) for c in categories))}"
            for _, key, label in shown
        )
        + "."
    )
    body = "".join(legend) + "".join(parts)
    return Chart(chart_id, title, desc, _svg(chart_id, title, desc, height, body, defs), table)


# ---------------------------------------------------------------- step lines


LINE_STYLES = [
    # (dash pattern, marker): solid with circles, dashed with squares, dotted with triangles.
    ("", "circle"),
    ("6 4", "square"),
    ("2 3", "triangle"),
]


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    return (
        f'<path d="M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y + 4:.1f} L{x - 5:.1f},{y + 4:.1f} Z" '
        f'fill="{colour}"/>'
    )


def step_lines(
    *,
    chart_id: str,
    title: str,
    steps: list[tuple[str, str]],
    series: list[tuple[str, str]],
    values: dict[str, list[int]],
    step_header: str = "Vague",
    unit: str = "billets",
    empty_message: str = "Aucune donnée à représenter pour l'instant.",
) -> Chart:
    """Cumulative counts after each step (steps: (label, date or detail)); one line per series
    (key, label), as a staircase, each with its own dash pattern and marker and its name written
    at its end."""
    table = Table(
        caption=title,
        headers=[step_header, "Date", *(label for _, label in series)],
        rows=[
            [label, when, *(fmt_int(values[key][n]) for key, _ in series)]
            for n, (label, when) in enumerate(steps)
        ],
        numeric=[False, False, *([True] * len(series))],
    )
    if not steps or not any(any(values[key]) for key, _ in series):
        return _empty(chart_id, title, table, empty_message)
    top = max(max(values[key]) for key, _ in series)
    # A round top for the axis: 1, 2 or 5 × a power of ten.
    magnitude = 10 ** math.floor(math.log10(top)) if top > 0 else 1
    axis_top = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= top)
    left, right, top_y = 44, WIDTH - PAD - 8, 20
    plot_h = 170
    bottom = top_y + plot_h
    n = len(steps)
    slot = (right - left) / n

    def y_of(v):
        return bottom - plot_h * v / axis_top

    parts = []
    for t in range(5):
        v = axis_top * t / 4
        y = y_of(v)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="{SMALL}" fill="{MUTED}" '
            f'text-anchor="end">{esc(fmt_int(v))}</text>'
        )
    for i, (label, when) in enumerate(steps):
        x = left + slot * (i + 0.5)
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle">{esc(fit(label, 14))}</text>'
            f'<text x="{x:.1f}" y="{bottom + 30}" text-anchor="middle" font-size="{SMALL}" '
            f'fill="{MUTED}">{esc(fit(when, 14))}</text>'
        )
    end_labels = []
    for s, (key, label) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        dash, marker = LINE_STYLES[s % len(LINE_STYLES)]
        points = []
        previous = 0
        for i, v in enumerate(values[key]):
            x0, x1 = left + slot * i, left + slot * (i + 1)
            points += [(x0, y_of(previous)), (x0, y_of(v)), (x1, y_of(v))]
            previous = v
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        for i, v in enumerate(values[key]):
            x = left + slot * (i + 0.5)
            parts.append(
                f"<g><title>{esc(label)}, {esc(steps[i][0])} : {esc(fmt_int(v))} {esc(unit)}"
                f"</title>{_marker(marker, x, y_of(v), colour)}</g>"
            )
        end_labels.append((y_of(values[key][-1]), label, values[key][-1], colour))
    # Names at the end of the lines, pushed apart when they would overlap.
    end_labels.sort()
    placed = []
    for y, label, v, colour in end_labels:
        y = max(y - 8, top_y - 6)
        if placed and y - placed[-1] < 15:
            y = placed[-1] + 15
        placed.append(y)
        parts.append(
            f'<text x="{right}" y="{y:.1f}" text-anchor="end" font-weight="700" fill="{colour}">'
            f"{esc(label)} : {esc(fmt_int(v))}</text>"
        )
    height = bottom + 38
    desc = (
        f"Cumul après chacune des {n} étapes. "
        + " ; ".join(
            f"{label} : {', '.join(fmt_int(v) for v in values[key])}" for key, label in series
        )
        + "."
    )
    return Chart(chart_id, title, desc, _svg(chart_id, title, desc, height, "".join(parts)), table)
