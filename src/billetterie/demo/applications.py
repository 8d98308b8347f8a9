"""The demo's applications: what each member asked for during the call, and the late waiting list."""

import datetime as dt
import random

from billetterie.campaigns.models import Campaign
from billetterie.catalogue.models import Games, HostCity, Session
from billetterie.demo.places import (
    HOST_CITY_DEPARTEMENTS,
    ILE_DE_FRANCE,
    OVERSEAS,
    distance_km,
    is_far_from_paris,
)
from billetterie.demo.roster import REFERENT_ASSOCIATIONS, WAITING_LIST_ONLY
from billetterie.members.models import Association
from billetterie.requests.models import Application, ApplicationCity, Channel

TARGET_CALL_TICKETS = 7900
CALL_OPENS, CALL_CLOSES = dt.date(2023, 9, 1), dt.date(2023, 10, 15)
WAITING_LIST_FROM, WAITING_LIST_UNTIL = dt.date(2023, 11, 6), dt.date(2024, 3, 12)
GAMES_PERIODS = {
    "OG": (dt.date(2024, 7, 24), dt.date(2024, 8, 11)),
    "PG": (dt.date(2024, 8, 29), dt.date(2024, 9, 8)),
}
# How far an association looks for a host city outside Île-de-France (km, as the crow flies).
PROVINCE_RADIUS_KM = 300
CITY_RADIUS_KM = {"Châteauroux": 150, "Teahupo'o (Tahiti)": 0}
COMMENTS = (
    "Séjour envisagé en Île-de-France sur trois jours avec deux groupes.",
    "Groupes constitués d'enfants de MECS et de jeunes suivis en AEMO.",
    "Priorité aux jeunes qui n'ont jamais assisté à un événement sportif.",
    "Plusieurs jeunes en situation de handicap : accès PMR nécessaire.",
    "Nous pouvons nous adapter à d'autres dates si nécessaire.",
    "Déplacement en minibus de l'association.",
)


def _day_between(*, rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def cities_ranked(
    *, rng: random.Random, association: Association, cities: list[HostCity]
) -> list[HostCity]:
    """Host cities near the association first; Paris and Saint-Denis for those far away."""
    point = (association.latitude, association.longitude)
    by_name = {c.name: c for c in cities}
    core = [by_name[n] for n in ("Paris", "Saint-Denis") if n in by_name]

    def distance(city: HostCity) -> float:
        return distance_km(a=point, b=(city.latitude, city.longitude))

    idf = [c for c in cities if HOST_CITY_DEPARTEMENTS.get(c.name) in ILE_DE_FRANCE]
    if association.departement in OVERSEAS:
        ranked = core + (
            [by_name["Nanterre"]] if "Nanterre" in by_name and rng.random() < 0.3 else []
        )
    elif association.departement in ILE_DE_FRANCE:
        ranked = sorted(idf, key=distance)[: rng.randint(2, 4)]
        if core and core[0] not in ranked:
            ranked.append(core[0])
    else:
        near = [
            c
            for c in cities
            if c not in idf and distance(c) <= CITY_RADIUS_KM.get(c.name, PROVINCE_RADIUS_KM)
        ]
        ranked = sorted(near, key=distance)[:2] + core
    return ranked


def _youth_and_supervisors(*, rng: random.Random, youth: int) -> tuple[int, int]:
    # Most ask within the 1-for-3 ratio; some round up and will need a derogation.
    supervisors = -(-youth // 3) if rng.random() < 0.2 else max(1, youth // 3)
    return youth, supervisors


def applications_create(
    *,
    rng: random.Random,
    campaign: Campaign,
    associations: list[Association],
    games_by_code: dict[str, Games],
    session_codes: dict[str, set[str]],
) -> dict[str, int]:
    """Create the call's applications and the waiting-list requests; return their counts."""
    cities_by_games = {}
    for code, games in games_by_code.items():
        ids = Session.objects.filter(games=games, code__in=session_codes[code]).values_list(
            "venue__host_city", flat=True
        )
        cities_by_games[code] = list(HostCity.objects.filter(pk__in=ids).order_by("name"))

    # (association, games code, raw youth, channel)
    plans: list[tuple[Association, str, float, int]] = []
    members = [a for a in associations if a.is_member]
    for association in members:
        if association.name in WAITING_LIST_ONLY:
            continue
        wants_og = association.name in REFERENT_ASSOCIATIONS or rng.random() < 0.9
        wants_pg = (
            association.name == REFERENT_ASSOCIATIONS[0] or rng.random() < 0.38 or not wants_og
        )
        if wants_og:
            plans.append(
                (
                    association,
                    "OG",
                    association.youth_followed * rng.uniform(0.10, 0.30),
                    Channel.CALL,
                )
            )
        if wants_pg:
            plans.append(
                (
                    association,
                    "PG",
                    association.youth_followed * rng.uniform(0.04, 0.12),
                    Channel.CALL,
                )
            )
    scale = TARGET_CALL_TICKETS / sum(raw * 4 / 3 for _, _, raw, _ in plans)
    plans = [(a, g, raw * scale, ch) for a, g, raw, ch in plans]
    for association in members:
        if association.name in WAITING_LIST_ONLY:
            plans.append(
                (
                    association,
                    "PG" if association.departement == "76" else "OG",
                    rng.randint(8, 36),
                    Channel.WAITING_LIST,
                )
            )
    # One call applicant comes back later for the Paralympics.
    late = next(
        a
        for a in members
        if a.name not in REFERENT_ASSOCIATIONS
        and a.departement in ILE_DE_FRANCE
        and {g for b, g, _, _ in plans if b is a} == {"OG"}
    )
    plans.append((late, "PG", 24, Channel.WAITING_LIST))

    applications, choices = [], []
    for association, code, raw, channel in plans:
        youth, supervisors = _youth_and_supervisors(
            rng=rng, youth=min(association.youth_followed, max(4, round(raw)))
        )
        cities = cities_ranked(rng=rng, association=association, cities=cities_by_games[code])
        point = (association.latitude, association.longitude)
        needs_idf = any(HOST_CITY_DEPARTEMENTS.get(c.name) in ILE_DE_FRANCE for c in cities)
        lodging = association.departement in OVERSEAS or (
            needs_idf
            and is_far_from_paris(departement=association.departement, point=point)
            and rng.random() < 0.85
        )
        first, last = GAMES_PERIODS[code]
        impossible = []
        if rng.random() < 0.35:
            impossible = sorted(
                {
                    _day_between(rng=rng, first=first, last=last).isoformat()
                    for _ in range(rng.randint(1, 4))
                }
            )
        received = (
            _day_between(rng=rng, first=CALL_OPENS, last=CALL_CLOSES)
            if channel == Channel.CALL
            else _day_between(rng=rng, first=WAITING_LIST_FROM, last=WAITING_LIST_UNTIL)
        )
        application = Application(
            campaign=campaign,
            association=association,
            games=games_by_code[code],
            youth=youth,
            supervisors=supervisors,
            lodging_needed=lodging,
            impossible_dates=impossible,
            received_on=received,
            channel=channel,
            comment=rng.choice(COMMENTS) if rng.random() < 0.25 else "",
        )
        applications.append(application)
        choices.append(cities)
    applications = Application.objects.bulk_create(applications)
    if any(a.pk is None for a in applications):
        by_key = {
            (a.association_id, a.games_id): a for a in Application.objects.filter(campaign=campaign)
        }
        applications = [by_key[(a.association_id, a.games_id)] for a in applications]
    ApplicationCity.objects.bulk_create(
        [
            ApplicationCity(application=application, host_city=city, rank=rank)
            for application, cities in zip(applications, choices, strict=True)
            for rank, city in enumerate(cities, start=1)
        ]
    )
    return {
        "applications": len(applications),
        "applications_og": sum(1 for a in applications if a.games_id == games_by_code["OG"].pk),
        "applications_pg": sum(1 for a in applications if a.games_id == games_by_code["PG"].pk),
        "tickets_requested": sum(a.youth + a.supervisors for a in applications),
        "waiting_list": sum(1 for a in applications if a.channel == Channel.WAITING_LIST),
    }
