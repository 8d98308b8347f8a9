"""Games, phases, host cities, venues and sessions as named in import files."""

import datetime as dt
import re
from dataclasses import dataclass

from billetterie.campaigns.services import games_ensure_defaults
from billetterie.catalogue.models import Games, HostCity, Phase, Session, Venue
from billetterie.core.text import fold
from billetterie.imports import cells
from billetterie.imports.reader import Row
from billetterie.imports.results import ImportResult, RowErrors
from billetterie.members.geography import host_city_place

GAMES_WORDS = {
    "jo": "OG",
    "og": "OG",
    "olympiques": "OG",
    "jeux olympiques": "OG",
    "jp": "PG",
    "pg": "PG",
    "paralympiques": "PG",
    "jeux paralympiques": "PG",
}

# Checked in this order: "demi-finale" and "quart de finale" both contain "finale".
PHASE_PATTERNS = (
    (Phase.SEMI_FINAL, r"\b(demi|semi|1 2)\b|semifinal"),
    (Phase.QUARTER_FINAL, r"\b(quarts?|quarter|1 4)\b|quarterfinal"),
    (
        Phase.PRELIMINARY,
        r"huitieme|round of|prelim|group|poule|qualif|heat|serie|elimin|repechage|\brounds?\b|\btours?\b|ranking",
    ),
    (Phase.FINAL, r"\bfinale?s?\b|\bgold\b|\bbronze\b|medal|medaille"),
)
PHASE_RANK = [Phase.OTHER, Phase.PRELIMINARY, Phase.QUARTER_FINAL, Phase.SEMI_FINAL, Phase.FINAL]


def games_index() -> dict[str, Games]:
    games_ensure_defaults()
    return {games.code: games for games in Games.objects.all()}


def games_parse(value, index: dict[str, Games]) -> Games:
    code = GAMES_WORDS.get(fold(cells.text(value)))
    if code is None or code not in index:
        raise cells.CellError(f"« {cells.text(value)} » : écrivez JO ou JP")
    return index[code]


def phase_parse(value) -> str:
    """The highest stage named in a label such as "Demi-finale", "Semifinal; Final" or "Poules"."""
    best = Phase.OTHER
    for part in re.split(r"[;,+]", cells.text(value)):
        label = fold(part)
        for phase, pattern in PHASE_PATTERNS:
            if label and re.search(pattern, label):
                if PHASE_RANK.index(phase) > PHASE_RANK.index(best):
                    best = phase
                break
    return best


def place_key(name: str) -> str:
    """Names compared whatever their case, accents or hyphens; "St" is "Saint"."""
    words = fold(name).split()
    return " ".join({"st": "saint", "ste": "sainte"}.get(word, word) for word in words)


def session_code(value) -> str:
    code = cells.text(value, max_length=24).upper()
    if not code:
        raise cells.CellError("code d'épreuve obligatoire")
    return code


@dataclass
class SessionSpec:
    """A session as one file row describes it."""

    line: int
    games: Games
    code: str
    sport: str
    date: dt.date
    start_time: dt.time | None
    venue: str
    city: str


def session_spec_parse(row: Row, errors: RowErrors, games: dict[str, Games]) -> SessionSpec | None:
    """Parse the session columns shared by the sessions and packs files."""
    parsed = {}
    parsers = {
        "games": lambda v: games_parse(v, games),
        "code": session_code,
        "sport": lambda v: cells.text(v, max_length=80),
        "date": cells.date,
        "time": cells.time,
        "venue": lambda v: cells.text(v, max_length=160),
        "city": lambda v: cells.text(v, max_length=120),
    }
    for key, parse in parsers.items():
        value = row.values.get(key)
        if key not in ("time",) and cells.is_blank(value):
            errors.add(row.line, key, "valeur obligatoire")
            continue
        try:
            parsed[key] = parse(value)
        except cells.CellError as error:
            errors.add(row.line, key, str(error))
    if len(parsed) < len(parsers):
        return None
    return SessionSpec(
        line=row.line,
        games=parsed["games"],
        code=parsed["code"],
        sport=parsed["sport"],
        date=parsed["date"],
        start_time=parsed["time"],
        venue=parsed["venue"],
        city=parsed["city"],
    )


class Places:
    """Host cities and venues known to the database, and those the file will create."""

    def __init__(self):
        self.cities = {place_key(city.name): city for city in HostCity.objects.all()}
        self.venues = {
            place_key(venue.name): venue for venue in Venue.objects.select_related("host_city")
        }
        self._seen: dict[str, tuple[int, str]] = {}

    def city_name(self, name: str) -> str:
        city = self.cities.get(place_key(name))
        return city.name if city else name

    def check(self, spec: SessionSpec, errors: RowErrors) -> None:
        """A venue belongs to one host city, in the database and across the file."""
        key = place_key(spec.venue)
        venue = self.venues.get(key)
        seen = self._seen.setdefault(key, (spec.line, spec.city))
        if venue is not None and place_key(venue.host_city.name) != place_key(spec.city):
            errors.add(
                spec.line,
                "city",
                f"le site « {venue.name} » est déjà rattaché à la ville hôte « {venue.host_city.name} »",
            )
        elif place_key(seen[1]) != place_key(spec.city):
            errors.add(
                spec.line,
                "city",
                f"le site « {spec.venue} » est rattaché à la ville « {seen[1]} » à la ligne {seen[0]}",
            )

    def venue_for(self, spec: SessionSpec, result: ImportResult) -> Venue:
        """The venue named by the row, created with its host city when new."""
        city_key = place_key(spec.city)
        city = self.cities.get(city_key)
        if city is None:
            place = host_city_place(spec.city)
            city = HostCity.objects.create(
                name=spec.city,
                departement=place.departement if place else "",
                latitude=place.latitude if place else None,
                longitude=place.longitude if place else None,
            )
            self.cities[city_key] = city
            result.add("host_cities_created")
        venue_key = place_key(spec.venue)
        venue = self.venues.get(venue_key)
        if venue is None:
            venue = Venue.objects.create(name=spec.venue, host_city=city)
            self.venues[venue_key] = venue
            result.add("venues_created")
        return venue


def sessions_existing(specs: list[SessionSpec]) -> dict[tuple[int, str], Session]:
    codes = {spec.code for spec in specs}
    sessions = Session.objects.filter(code__in=codes).select_related("venue__host_city", "games")
    return {(session.games_id, session.code): session for session in sessions}
