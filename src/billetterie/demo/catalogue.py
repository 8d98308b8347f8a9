"""The Paris 2024 catalogue of the demo: host cities, venues, real Olympic sessions, illustrative Paralympic ones."""

import csv
import datetime as dt
import re
from collections import defaultdict
from importlib import resources

from billetterie.catalogue.models import Games, HostCity, Phase, Session, Venue
from billetterie.catalogue.naming import OLYMPIC_SPORTS
from billetterie.demo.places import HOST_CITY_DEPARTEMENTS

PARALYMPIC_FIRST_DAY = dt.date(2024, 8, 28)
PARALYMPIC_LAST_DAY = dt.date(2024, 9, 8)
MORNING, EVENING = dt.time(10, 0), dt.time(19, 0)

# Highest stage wins when a session mixes rounds. A bronze-medal match is the « petite finale ».
_PHASE_KEYWORDS = (
    (Phase.FINAL, ("Final", "Gold medal", "Bronze medal")),
    (Phase.SEMI_FINAL, ("Semifinal",)),
    (Phase.QUARTER_FINAL, ("Quarterfinal",)),
    (
        Phase.PRELIMINARY,
        (
            "Preliminary round",
            "Heats",
            "Group/pool stage",
            "Qualification",
            "Elimination rounds",
            "Ranking round",
            "Repechage",
            "Rounds",
        ),
    ),
)
# Paralympic team and racket sports end with semi-finals then finals; the others award
# medals every evening.
PARALYMPIC_BRACKET_SPORTS = frozenset(
    {"WBK", "WRU", "BDM", "FBB", "WTE", "GBL", "VBS", "BOC", "TTE"}
)
_SPORT_PATTERN = re.compile(r"\s*([^,]+?)\s*\(([A-Z0-9]+)\)")
_CEREMONIES = frozenset({"OCC", "POC", "PCC"})


def read_rows(*, name: str) -> list[dict[str, str]]:
    """Rows of a CSV shipped in `billetterie/demo/data`."""
    text = resources.files("billetterie.demo.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def phase_from_label(*, label: str) -> str:
    labels = {part.strip() for part in label.split(";")}
    for phase, keywords in _PHASE_KEYWORDS:
        if labels.intersection(keywords):
            return phase
    return Phase.OTHER


def catalogue_ensure(
    *, games_by_code: dict[str, Games]
) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Create what is missing of the Paris 2024 catalogue (safe to repeat).

    Return the counts and the demo's session codes per Games code.
    """
    venue_rows = read_rows(name="venues.csv")
    cities = _host_cities_ensure(venue_rows=venue_rows)
    venues = _venues_ensure(venue_rows=venue_rows, cities=cities)
    og = _olympic_sessions(games=games_by_code["OG"], venues=venues)
    pg = _paralympic_sessions(games=games_by_code["PG"], venue_rows=venue_rows, venues=venues)
    codes = {}
    for key, sessions in (("OG", og), ("PG", pg)):
        known = set(Session.objects.filter(games=games_by_code[key]).values_list("code", flat=True))
        Session.objects.bulk_create([s for s in sessions if s.code not in known], batch_size=500)
        codes[key] = {s.code for s in sessions}
    counts = {
        "host_cities": len(cities),
        "venue_rows": len(venue_rows),
        "venues": len({row["venue"] for row in venue_rows}),
        "sessions_og": len(codes["OG"]),
        "sessions_pg": len(codes["PG"]),
    }
    return counts, codes


def _host_cities_ensure(*, venue_rows: list[dict[str, str]]) -> dict[str, HostCity]:
    points: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for row in venue_rows:
        points.setdefault(row["city"], {})  # every city, even one whose venues lack coordinates
        if row["lat"] and row["lon"]:
            points[row["city"]][row["venue"]] = (float(row["lat"]), float(row["lon"]))
    cities = {}
    for name, by_venue in points.items():
        coords = list(by_venue.values())
        lat = round(sum(p[0] for p in coords) / len(coords), 6) if coords else None
        lon = round(sum(p[1] for p in coords) / len(coords), 6) if coords else None
        city, created = HostCity.objects.get_or_create(
            name=name,
            defaults={
                "departement": HOST_CITY_DEPARTEMENTS.get(name, ""),
                "latitude": lat,
                "longitude": lon,
            },
        )
        if not created and (city.latitude is None or not city.departement):
            city.latitude, city.longitude = city.latitude or lat, city.longitude or lon
            city.departement = city.departement or HOST_CITY_DEPARTEMENTS.get(name, "")
            city.save(update_fields=["latitude", "longitude", "departement"])
        cities[name] = city
    return cities


def _venues_ensure(
    *, venue_rows: list[dict[str, str]], cities: dict[str, HostCity]
) -> dict[str, Venue]:
    """One venue per site; the Olympic and Paralympic rows of a site share its code."""
    venues = {}
    for row in venue_rows:
        if row["code"] in venues:
            continue
        venue, _ = Venue.objects.get_or_create(
            name=row["venue"],
            defaults={
                "code": row["code"],
                "host_city": cities[row["city"]],
                "commune": row["commune"],
                "latitude": float(row["lat"]) if row["lat"] else None,
                "longitude": float(row["lon"]) if row["lon"] else None,
            },
        )
        venues[row["code"]] = venue
    return venues


def _olympic_sessions(*, games: Games, venues: dict[str, Venue]) -> list[Session]:
    sessions = []
    for row in read_rows(name="sessions.csv"):
        description = row["description"]
        if len(description) > 255:
            description = description[:254] + "…"
        sessions.append(
            Session(
                games=games,
                code=row["code"],
                sport=OLYMPIC_SPORTS.get(row["code"][:3], row["sport"]),
                date=dt.date.fromisoformat(row["date"]),
                start_time=dt.time.fromisoformat(row["start"]) if row["start"] else None,
                venue=venues[row["venue_code"]],
                phase=phase_from_label(label=row["phase"]),
                description=description,
            )
        )
    return sessions


def _paralympic_sessions(
    *, games: Games, venue_rows: list[dict[str, str]], venues: dict[str, Venue]
) -> list[Session]:
    """Two illustrative sessions a day per venue (morning, evening) over the venue's dates."""
    sessions: list[Session] = []
    numbers: dict[tuple[str, dt.date], int] = defaultdict(int)

    def add(
        *, code: str, sport: str, day: dt.date, time: dt.time, venue: Venue, phase: str
    ) -> None:
        numbers[(code, day)] += 1
        slot = "matin" if time < dt.time(14, 0) else "soir"
        sessions.append(
            Session(
                games=games,
                code=f"PARA-{code}-{day:%m%d}-{numbers[(code, day)]}",
                sport=sport,
                date=day,
                start_time=time,
                venue=venue,
                phase=phase,
                description=f"Session illustrative — {slot}, {Phase(phase).label.lower()}",
            )
        )

    for row in venue_rows:
        if row["games"] != "PG" or not row["start_date"]:
            continue
        first = max(dt.date.fromisoformat(row["start_date"]), PARALYMPIC_FIRST_DAY)
        last = min(dt.date.fromisoformat(row["end_date"]), PARALYMPIC_LAST_DAY)
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        regular = []
        for label, odf_code in _SPORT_PATTERN.findall(row["sports"]):
            code = odf_code[1:] if odf_code.startswith("P") else odf_code
            if odf_code in _CEREMONIES or "départ" in label:
                continue  # ceremonies are not competitions; a marathon is sold at its finish
            if "Marathon" in label:
                add(
                    code=code,
                    sport="Para athlétisme (marathon)",
                    day=last,
                    time=dt.time(8, 0),
                    venue=venues[row["code"]],
                    phase=Phase.FINAL,
                )
                continue
            regular.append((code, label))
        for index, day in enumerate(days):
            for slot, time in enumerate((MORNING, EVENING)):
                if not regular:
                    break
                code, label = regular[(index * 2 + slot) % len(regular)]
                add(
                    code=code,
                    sport=label,
                    day=day,
                    time=time,
                    venue=venues[row["code"]],
                    phase=_paralympic_phase(
                        code=code, days_left=len(days) - 1 - index, evening=slot == 1
                    ),
                )
    return sessions


def _paralympic_phase(*, code: str, days_left: int, evening: bool) -> str:
    if code in PARALYMPIC_BRACKET_SPORTS:
        return {0: Phase.FINAL, 1: Phase.SEMI_FINAL, 2: Phase.QUARTER_FINAL}.get(
            days_left, Phase.PRELIMINARY
        )
    return Phase.FINAL if evening else Phase.PRELIMINARY
