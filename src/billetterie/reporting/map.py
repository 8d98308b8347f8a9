"""The map of associations and host cities: mainland France (with Corsica) and overseas insets,
drawn as SVG on the server from the outlines in `outlines.py` (no tiles, no network).

Projection: equirectangular, each frame scaled by the cosine of its middle latitude (at the scale
of a country, the difference with a conformal projection does not show). An association is a dot
whose area grows with the tickets it was allotted (offered and waiting for an answer, or
accepted); associations at the same coordinates (the prefecture of their département: see
members/geography.py) share one dot. Host cities are black diamonds with their name when it
fits. An association without coordinates, or outside every frame, is counted in a sentence.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from billetterie.reporting import outlines
from billetterie.reporting.charts import (
    FONT,
    INK,
    MUTED,
    PAD,
    PALETTE,
    SMALL,
    WIDTH,
    Chart,
    Table,
    _svg,
    esc,
    fit,
    fmt_int,
)

LAND = "#e9ebf2"
COAST = "#6b6b78"
DOT = PALETTE[0]


@dataclass(frozen=True)
class Frame:
    key: str
    name: str
    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float
    shapes: tuple  # polygons of (lon, lat)
    box: tuple[float, float, float, float]  # x, y, width, height in the SVG

    def contains(self, lat: float, lon: float, margin: float = 0.0) -> bool:
        return (
            self.lon_min - margin <= lon <= self.lon_max + margin
            and self.lat_min - margin <= lat <= self.lat_max + margin
        )

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        """(x, y) in the SVG, inside this frame's box (centred, proportions kept)."""
        k = math.cos(math.radians((self.lat_min + self.lat_max) / 2))
        dx, dy = (self.lon_max - self.lon_min) * k, self.lat_max - self.lat_min
        bx, by, bw, bh = self.box
        inner_top = 16 if self.key != "mainland" else 0  # room for the inset's name
        scale = min((bw - 4) / dx, (bh - inner_top - 4) / dy)
        ox = bx + (bw - dx * scale) / 2
        oy = by + inner_top + (bh - inner_top - dy * scale) / 2
        return ox + (lon - self.lon_min) * k * scale, oy + (self.lat_max - lat) * scale


MAIN_H = 330
INSET_W = (WIDTH - 2 * PAD - 2 * 6) / 3
INSET_H = 84
INSETS_Y = PAD + MAIN_H + 8


def _inset_box(n: int) -> tuple[float, float, float, float]:
    return (PAD + (n % 3) * (INSET_W + 6), INSETS_Y + (n // 3) * (INSET_H + 6), INSET_W, INSET_H)


FRAMES = [
    Frame(
        "mainland", "France métropolitaine", -5.3, 9.7, 41.2, 51.2,
        (outlines.MAINLAND, outlines.CORSICA), (PAD, PAD, WIDTH - 2 * PAD, MAIN_H),
    ),
    Frame("971", "Guadeloupe", -61.85, -61.10, 15.82, 16.55, tuple(outlines.GUADELOUPE), _inset_box(0)),
    Frame("972", "Martinique", -61.28, -60.78, 14.36, 14.92, (outlines.MARTINIQUE,), _inset_box(1)),
    Frame("973", "Guyane", -54.70, -51.50, 2.00, 5.85, (outlines.GUYANE,), _inset_box(2)),
    Frame("974", "La Réunion", 55.17, 55.89, -21.44, -20.82, (outlines.REUNION,), _inset_box(3)),
    Frame("976", "Mayotte", 44.98, 45.33, -13.03, -12.60, tuple(outlines.MAYOTTE), _inset_box(4)),
    Frame(
        "987", "Polynésie (Tahiti)", -149.68, -149.10, -17.92, -17.45,
        (outlines.TAHITI,), _inset_box(5),
    ),
]  # fmt: skip
MAP_HEIGHT = INSETS_Y + 2 * (INSET_H + 6)


def frame_of(lat: float, lon: float) -> Frame | None:
    """The frame a point is drawn in (small islands get a margin of a few kilometres)."""
    for frame in FRAMES:
        if frame.contains(lat, lon, margin=0.0 if frame.key == "mainland" else 0.3):
            return frame
    return None


def project(lat: float, lon: float) -> tuple[str, float, float] | None:
    """(frame key, x, y) of a point on the map, or None when no frame holds it."""
    frame = frame_of(lat, lon)
    if frame is None:
        return None
    x, y = frame.project(lat, lon)
    return frame.key, x, y


@dataclass(frozen=True)
class AssociationPlace:
    region: str  # where it is counted in the text and the table (its administrative region)
    latitude: float | None
    longitude: float | None
    tickets: int


@dataclass(frozen=True)
class HostCityPlace:
    name: str
    latitude: float | None
    longitude: float | None
    tickets: int


def _polygon(frame: Frame, shape) -> str:
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (frame.project(la, lo) for lo, la in shape))
    return f'<polygon points="{points}" fill="{LAND}" stroke="{COAST}" stroke-width="0.8"/>'


def _diamond(x: float, y: float, size: float = 5) -> str:
    return (
        f'<path d="M{x:.1f},{y - size:.1f} L{x + size:.1f},{y:.1f} L{x:.1f},{y + size:.1f} '
        f'L{x - size:.1f},{y:.1f} Z" fill="{INK}" stroke="#fff" stroke-width="1"/>'
    )


def _overlaps(box, boxes) -> bool:
    x0, y0, x1, y1 = box
    return any(not (x1 < a0 or x0 > a1 or y1 < b0 or y0 > b1) for a0, b0, a1, b1 in boxes)


def france_map(
    *,
    chart_id: str,
    title: str,
    associations: list[AssociationPlace],
    host_cities: list[HostCityPlace],
) -> Chart:
    placed: dict[tuple[float, float], list[AssociationPlace]] = defaultdict(list)
    unknown = outside = 0
    by_region: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in associations:
        by_region[a.region or "Région inconnue"][0] += 1
        by_region[a.region or "Région inconnue"][1] += a.tickets
        if a.latitude is None or a.longitude is None:
            unknown += 1
        elif frame_of(a.latitude, a.longitude) is None:
            outside += 1
        else:
            placed[(round(a.latitude, 3), round(a.longitude, 3))].append(a)
    regions = sorted(by_region.items(), key=lambda item: (-item[1][0], item[0]))
    table = Table(
        caption=f"{title} — associations par région",
        headers=["Région", "Associations", "Billets attribués"],
        rows=[[name, fmt_int(n), fmt_int(t)] for name, (n, t) in regions],
    )
    cities_table = Table(
        caption=f"{title} — villes hôtes",
        headers=["Ville hôte", "Billets de la campagne"],
        rows=[[c.name, fmt_int(c.tickets)] for c in sorted(host_cities, key=lambda c: c.name)],
    )
    notes = []
    if unknown:
        s = "s" if unknown > 1 else ""
        notes.append(
            f"{fmt_int(unknown)} association{s} sans position connue "
            f"(comptée{s} dans le tableau, pas sur la carte)."
        )
    if outside:
        notes.append(
            f"{fmt_int(outside)} association{'s' if outside > 1 else ''} hors des cadres de la "
            "carte (autre collectivité d'outre-mer), comptée"
            f"{'s' if outside > 1 else ''} dans le tableau."
        )
    if not associations and not host_cities:
        message = "Aucune association ni ville hôte à placer sur la carte pour l'instant."
        return Chart(chart_id, title, message, "", table, empty_message=message)

    parts = []
    for frame in FRAMES:
        bx, by, bw, bh = frame.box
        if frame.key != "mainland":
            parts.append(
                f'<rect x="{bx:.1f}" y="{by:.1f}" width="{bw:.1f}" height="{bh:.1f}" fill="#fff" '
                f'stroke="{MUTED}" stroke-width="0.8"/>'
                f'<text x="{bx + 4:.1f}" y="{by + 12:.1f}" font-size="{SMALL - 1}" fill="{MUTED}">'
                f"{esc(fit(frame.name, 20))}</text>"
            )
        parts += [_polygon(frame, shape) for shape in frame.shapes]

    top = max([sum(a.tickets for a in group) for group in placed.values()] or [0])

    def radius(tickets: int) -> float:
        return 3 + 9 * math.sqrt(tickets / top) if top and tickets else 3

    # Biggest dots first, so that small ones stay visible on top.
    for (lat, lon), group in sorted(
        placed.items(), key=lambda item: -sum(a.tickets for a in item[1])
    ):
        _, x, y = project(lat, lon)
        tickets = sum(a.tickets for a in group)
        r = radius(tickets)
        tip = (
            f"{len(group)} association{'s' if len(group) > 1 else ''} ({group[0].region}) : "
            f"{fmt_int(tickets)} billet{'s' if tickets > 1 else ''} attribué{'s' if tickets > 1 else ''}"
        )
        fill = f'fill="{DOT}" fill-opacity="0.75"' if tickets else 'fill="#fff"'
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {fill} stroke="{DOT}" '
            f'stroke-width="1.2"><title>{esc(tip)}</title></circle>'
        )

    labels: list[tuple[float, float, float, float]] = []
    cities_on_map = 0
    for city in sorted(host_cities, key=lambda c: (-c.tickets, c.name)):
        if city.latitude is None or city.longitude is None:
            continue
        spot = project(city.latitude, city.longitude)
        if spot is None:
            continue
        cities_on_map += 1
        _, x, y = spot
        parts.append(
            f"<g><title>{esc(city.name)} (ville hôte) : {esc(fmt_int(city.tickets))} billets"
            f"</title>{_diamond(x, y)}</g>"
        )
        text = fit(city.name, 18)
        w = len(text) * SMALL * 0.56
        for lx, anchor in ((x + 7, "start"), (x - 7, "end")):
            box = (
                lx if anchor == "start" else lx - w,
                y - 9,
                (lx + w) if anchor == "start" else lx,
                y + 3,
            )
            if box[0] >= 0 and box[2] <= WIDTH and not _overlaps(box, labels):
                labels.append(box)
                parts.append(
                    f'<text x="{lx:.1f}" y="{y + 3:.1f}" font-size="{SMALL}" text-anchor="{anchor}" '
                    f'stroke="#fff" stroke-width="3" paint-order="stroke">{esc(text)}</text>'
                )
                break

    # Legend, under the insets.
    ly = MAP_HEIGHT + 4
    legend = [
        f'<circle cx="{PAD + 8}" cy="{ly + 8}" r="7" fill="{DOT}" fill-opacity="0.75" '
        f'stroke="{DOT}" stroke-width="1.2"/>'
        f'<text x="{PAD + 22}" y="{ly + 12}" font-size="{SMALL}">Associations, selon leurs billets '
        f"(au plus {esc(fmt_int(top))})</text>",
        f'<circle cx="{PAD + 8}" cy="{ly + 28}" r="3" fill="#fff" stroke="{DOT}" stroke-width="1.2"/>'
        f'<text x="{PAD + 22}" y="{ly + 32}" font-size="{SMALL}">Association sans billet attribué</text>',
        _diamond(PAD + 8, ly + 48)
        + f'<text x="{PAD + 22}" y="{ly + 52}" font-size="{SMALL}">Ville hôte</text>',
    ]
    height = ly + 62
    on_map = sum(len(g) for g in placed.values())
    desc = (
        f"Carte de la France métropolitaine et de {len(FRAMES) - 1} territoires d'outre-mer en "
        f"encarts : {fmt_int(on_map)} association{'s' if on_map > 1 else ''} placée"
        f"{'s' if on_map > 1 else ''}, {fmt_int(cities_on_map)} ville{'s' if cities_on_map > 1 else ''}"
        f" hôte{'s' if cities_on_map > 1 else ''}. Par région : "
        + " ; ".join(
            f"{name} {fmt_int(n)} association{'s' if n > 1 else ''} ({fmt_int(t)} billets)"
            for name, (n, t) in regions
        )
        + "."
        + (" " + " ".join(notes) if notes else "")
    )
    svg = _svg(chart_id, title, desc, height, "".join(parts) + "".join(legend))
    summary = (
        f"{fmt_int(on_map)} association{'s' if on_map > 1 else ''} sur la carte et "
        f"{fmt_int(cities_on_map)} ville{'s' if cities_on_map > 1 else ''} hôte"
        f"{'s' if cities_on_map > 1 else ''}."
    )
    chart = Chart(chart_id, title, summary, svg, table, notes=notes)
    return _with_tables(chart, [cities_table])


@dataclass(frozen=True)
class MapChart(Chart):
    more_tables: tuple = ()

    def html(self) -> str:
        base = super().html()
        if self.is_empty:
            return base
        extra = "".join(t.html() for t in self.more_tables)
        return base.replace("</details></figure>", f"{extra}</details></figure>")


def _with_tables(chart: Chart, tables: list[Table]) -> MapChart:
    return MapChart(
        chart.chart_id, chart.title, chart.summary, chart.svg, chart.table,
        chart.empty_message, chart.notes, tuple(tables),
    )  # fmt: skip


__all__ = ["FONT", "AssociationPlace", "HostCityPlace", "france_map", "frame_of", "project"]
