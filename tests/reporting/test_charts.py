"""The SVG builders: well-formed, escaped, sorted, right values, plain words when empty; the map's
projection puts each place in its frame."""

from defusedxml import ElementTree as ET
from hypothesis import given
from hypothesis import strategies as st

from billetterie.reporting import charts
from billetterie.reporting.map import AssociationPlace, HostCityPlace, france_map, project

SVG = "{http://www.w3.org/2000/svg}"
NASTY = 'Les <Amis> & "Co" d\'Ivry'


def _texts(svg: str) -> list[str]:
    return [el.text for el in ET.fromstring(svg).iter(f"{SVG}text")]


def test_sorted_bars_are_sorted_escaped_and_labelled():
    chart = charts.sorted_bars(
        chart_id="sat",
        title="Satisfaction",
        items=[(NASTY, 0.52), ("Zèbre", 0.81), ("Abri", 0.1)],
    )
    root = ET.fromstring(chart.svg)  # well-formed despite < & " '
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "sat-title sat-desc"
    assert root.find(f"{SVG}title").text == "Satisfaction"
    texts = _texts(chart.svg)
    labels = [t for t in texts if t in (NASTY, "Zèbre", "Abri")]
    assert labels == ["Abri", NASTY, "Zèbre"]  # lowest first
    assert "52\u202f%" in texts and "81\u202f%" in texts
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths == sorted(widths)
    assert "&lt;Amis&gt; &amp; &quot;Co&quot; d&#x27;Ivry" in chart.html()
    assert "<Amis>" not in chart.html()
    # The table behind it: same order and values, under « Voir le tableau ».
    assert [row[:2] for row in chart.table.rows] == [
        ["Abri", "10\u202f%"],
        [NASTY, "52\u202f%"],
        ["Zèbre", "81\u202f%"],
    ]
    html = chart.html()
    assert "<summary>Voir le tableau</summary>" in html
    assert '<th scope="row">Abri</th>' in html and '<th scope="col">Association</th>' in html


def test_no_style_attribute_anywhere():
    chart = charts.stacked_bars(
        chart_id="c",
        title="Billets",
        categories=["Paris"],
        series=[("a", "A"), ("b", "B")],
        values={"Paris": {"a": 1, "b": 2}},
    )
    assert "style=" not in chart.html()


def test_stacked_bars_values_legend_and_patterns():
    chart = charts.stacked_bars(
        chart_id="cities",
        title="Billets par ville hôte",
        categories=["Paris", "Lille"],
        series=[("offered", "Proposés"), ("named", "Nommés"), ("withdrawn", "Retirés")],
        values={"Paris": {"offered": 1200, "named": 34}, "Lille": {"named": 8}},
    )
    root = ET.fromstring(chart.svg)
    texts = _texts(chart.svg)
    assert "1\u202f234" in texts and "8" in texts  # totals, French thousands
    assert "Retirés" not in texts  # zero everywhere: not drawn …
    assert chart.table.headers == ["Ville hôte", "Proposés", "Nommés", "Retirés", "Total"]
    assert chart.table.rows == [
        ["Paris", "1\u202f200", "34", "0", "1\u202f234"],
        ["Lille", "0", "8", "0", "8"],
    ]
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert patterns == {"cities-p0", "cities-p1"}
    # Segment widths proportional to their values (Paris: 1200 and 34 of the widest bar).
    segments = [r for r in root.iter(f"{SVG}rect") if (r.get("fill") or "").startswith("url(")]
    segments = [s for s in segments if s.find(f"{SVG}title") is not None]
    w = [float(s.get("width")) for s in segments]
    assert abs(w[0] / w[1] - 1200 / 34) < 0.01


def test_step_lines_cumulative_labels():
    chart = charts.step_lines(
        chart_id="w",
        title="Vagues",
        steps=[("Vague 1", "01/03/2024"), ("Vague 2", "15/03/2024")],
        series=[("o", "Proposés"), ("a", "Acceptés")],
        values={"o": [1500, 2100], "a": [300, 1800]},
    )
    ET.fromstring(chart.svg)
    texts = _texts(chart.svg)
    assert "Proposés : 2\u202f100" in texts and "Acceptés : 1\u202f800" in texts
    assert chart.table.rows[1] == ["Vague 2", "15/03/2024", "2\u202f100", "1\u202f800"]
    assert "1\u202f500, 2\u202f100" in ET.fromstring(chart.svg).find(f"{SVG}desc").text


def test_empty_data_gives_a_sentence_not_a_broken_chart():
    for chart in (
        charts.sorted_bars(chart_id="a", title="T", items=[], empty_message="Rien encore."),
        charts.stacked_bars(
            chart_id="b", title="T", categories=["Paris"], series=[("a", "A")],
            values={"Paris": {"a": 0}}, empty_message="Rien encore.",
        ),
        charts.step_lines(
            chart_id="c", title="T", steps=[], series=[("a", "A")], values={"a": []},
            empty_message="Rien encore.",
        ),
    ):  # fmt: skip
        assert chart.is_empty
        assert chart.html() == '<p class="chart-empty">Rien encore.</p>'
    empty_map = france_map(chart_id="m", title="Carte", associations=[], host_cities=[])
    assert empty_map.is_empty and "<svg" not in empty_map.html()


def test_projection_puts_places_in_their_frames():
    key, x, y = project(48.8566, 2.3522)  # Paris
    assert key == "mainland" and 8 < x < 352 and 8 < y < 338
    assert project(42.70, 9.45)[0] == "mainland"  # Bastia, Corsica
    key, x, y = project(-20.8821, 55.4507)  # Saint-Denis de La Réunion
    assert key == "974"
    from billetterie.reporting.map import FRAMES

    reunion = next(f for f in FRAMES if f.key == "974")
    bx, by, bw, bh = reunion.box
    assert bx < x < bx + bw and by < y < by + bh
    assert project(-17.847, -149.267)[0] == "987"  # Teahupo'o
    assert project(4.9224, -52.3135)[0] == "973"  # Cayenne
    assert project(46.78, -56.18) is None  # Saint-Pierre-et-Miquelon: no frame
    # Brest is west of Strasbourg, Lille north of Marseille.
    assert project(48.39, -4.49)[1] < project(48.58, 7.75)[1]
    assert project(50.63, 3.06)[2] < project(43.30, 5.37)[2]


def test_map_counts_unplaced_associations_and_escapes_names():
    chart = france_map(
        chart_id="m",
        title="Carte",
        associations=[
            AssociationPlace("Île-de-France", 48.8566, 2.3522, 40),
            AssociationPlace("Île-de-France", 48.8566, 2.3522, 10),
            AssociationPlace("La Réunion", -20.8821, 55.4507, 0),
            AssociationPlace("", None, None, 0),
            AssociationPlace("", None, None, 5),
            AssociationPlace("Saint-Pierre-et-Miquelon", 46.78, -56.18, 4),
        ],
        host_cities=[HostCityPlace(NASTY, 43.2965, 5.3698, 70)],
    )
    root = ET.fromstring(chart.svg)
    assert "2 associations sans position connue (comptées dans le tableau, pas sur la carte)." in (
        chart.notes
    )
    assert any("hors des cadres" in n for n in chart.notes)
    circles = [c for c in root.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]
    assert len(circles) == 2  # Paris' two associations share a dot; La Réunion has one
    assert "2 associations (Île-de-France) : 50 billets attribués" in [
        c.find(f"{SVG}title").text for c in circles
    ]
    assert charts.fit(NASTY, 18) in _texts(chart.svg)  # shortened on the map, whole in the table
    assert ["Île-de-France", "2", "50"] in chart.table.rows
    html = chart.html()
    assert "Villes hôtes" in html or "villes hôtes" in html
    assert "Les &lt;Amis&gt;" in html


@given(st.lists(st.tuples(st.text(min_size=1, max_size=60), st.floats(0, 3)), max_size=30))
def test_any_bars_are_well_formed_and_sorted(items):
    chart = charts.sorted_bars(chart_id="h", title="T", items=items)
    if not items:
        assert chart.is_empty
        return
    root = ET.fromstring(chart.svg)
    values = [v for _, v in items]
    assert [r[1] for r in chart.table.rows] == [charts.fmt_percent(v) for v in sorted(values)]
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths == sorted(widths)
    assert all(w <= charts.WIDTH for w in widths)
