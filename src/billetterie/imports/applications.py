"""Importing applications from the call (and late ones, which go to the waiting list)."""

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from billetterie.campaigns.models import CampaignGames
from billetterie.catalogue.models import Games, HostCity
from billetterie.imports import cells
from billetterie.imports.catalogue_rows import games_index, games_parse, place_key
from billetterie.imports.contracts import APPLICATIONS
from billetterie.imports.pipeline import duplicates_flag, fields_clean, importer
from billetterie.imports.reader import Table
from billetterie.imports.results import ImportResult, RowErrors
from billetterie.members.models import Association
from billetterie.requests.models import Application, ApplicationCity, Channel

BATCH = 1000


@dataclass
class ApplicationRecord:
    line: int
    association: Association
    games: Games
    youth: int
    supervisors: int
    cities: list[HostCity]
    impossible_dates: list[dt.date]
    lodging_needed: bool
    received_on: dt.date


class _Lookups:
    def __init__(self, campaign):
        self.games = games_index()
        self.campaign_games = set(
            CampaignGames.objects.filter(campaign=campaign).values_list("games_id", flat=True)
        )
        self.associations = {
            a.identifier: a for a in Association.objects.filter(operator=campaign.operator)
        }
        self.cities = {place_key(city.name): city for city in HostCity.objects.all()}

    def association(self, value) -> Association:
        identifier = cells.text(value)
        association = self.associations.get(identifier)
        if association is None:
            raise cells.CellError(
                f"association inconnue « {identifier} » : importez d'abord le fichier des associations"
            )
        if not association.is_member:
            raise cells.CellError(
                f"l'association « {association.name} » n'est pas adhérente : elle ne peut pas candidater"
            )
        return association

    def games_for_campaign(self, value) -> Games:
        games = games_parse(value, self.games)
        if self.campaign_games and games.pk not in self.campaign_games:
            raise cells.CellError(f"les {games.short_name} ne font pas partie de cette campagne")
        return games

    def host_cities(self, value) -> list[HostCity]:
        if isinstance(value, str):
            names = [name.strip() for name in re.split(r"[;,\n]", value) if name.strip()]
        else:
            names = [cells.text(value)] if not cells.is_blank(value) else []
        found, unknown, repeated = [], [], []
        for name in names:
            city = self.cities.get(place_key(name))
            if city is None:
                unknown.append(name)
            elif city in found:
                repeated.append(city.name)
            else:
                found.append(city)
        if unknown:
            listed = ", ".join(f"« {name} »" for name in unknown)
            raise cells.CellError(f"ville(s) hôte(s) inconnue(s) : {listed}")
        if repeated:
            raise cells.CellError(f"ville citée deux fois : « {repeated[0]} »")
        return found


def _parse(row, errors: RowErrors, lookups: _Lookups) -> ApplicationRecord | None:
    fields = {
        "identifier": (True, lookups.association),
        "games": (True, lookups.games_for_campaign),
        "youth": (False, lambda v: cells.integer(v, maximum=100_000)),
        "supervisors": (False, lambda v: cells.integer(v, maximum=100_000)),
        "cities": (False, lookups.host_cities),
        "impossible_dates": (False, cells.dates),
        "lodging_needed": (False, cells.boolean),
        "received_on": (True, cells.date),
    }
    parsed: dict = {}
    failed = not errors.parse(row.line, row.values, fields, parsed)
    youth, supervisors = parsed.get("youth", 0), parsed.get("supervisors", 0)
    if not failed and youth + supervisors == 0:
        errors.add(
            row.line,
            "youth",
            "la candidature doit demander au moins un billet (jeunes ou encadrants)",
        )
        failed = True
    if failed:
        return None
    return ApplicationRecord(
        line=row.line,
        association=parsed["identifier"],
        games=parsed["games"],
        youth=youth,
        supervisors=supervisors,
        cities=parsed.get("cities", []),
        impossible_dates=parsed.get("impossible_dates", []),
        lodging_needed=parsed.get("lodging_needed", False),
        received_on=parsed["received_on"],
    )


def _validate(*, table: Table, errors: RowErrors, campaign) -> dict:
    lookups = _Lookups(campaign)
    records = [record for row in table.rows if (record := _parse(row, errors, lookups)) is not None]
    duplicates_flag(
        rows=table.rows,
        errors=errors,
        column="identifier",
        key=lambda row: (
            cells.text(row.values.get("identifier")),
            games_parse(row.values.get("games"), lookups.games).short_name,
        ),
        describe=lambda value: f"la candidature de « {value[0]} » aux {value[1]}",
    )
    existing = {
        (application.association_id, application.games_id): application
        for application in Application.objects.select_for_update(of=("self",))
        .filter(campaign=campaign, association_id__in={r.association.pk for r in records})
        .order_by("pk")
    }
    return {"records": records, "existing": existing}


def channel_for(*, campaign, received_on: dt.date) -> int:
    """The call if received by its close date (or when it has none), else the waiting list."""
    if campaign.call_closes_on is None or received_on <= campaign.call_closes_on:
        return Channel.CALL
    return Channel.WAITING_LIST


def _write(*, records: dict, result: ImportResult, campaign) -> None:
    """New and changed applications and their ranked cities, in a few bulk queries."""
    existing: dict = records["existing"]
    current: dict[int, list[int]] = defaultdict(list)
    for application_id, city_id in (
        ApplicationCity.objects.filter(application__in=list(existing.values()))
        .order_by("application_id", "rank")
        .values_list("application_id", "host_city_id")
    ):
        current[application_id].append(city_id)
    now = timezone.now()  # what `auto_now` would set on save()
    new: list[Application] = []
    changed_applications: list[Application] = []
    changed_fields: set[str] = {"updated_at"}
    rankings: list[tuple[Application, list[int]]] = []
    replaced: list[int] = []  # applications whose ranked cities are replaced
    for record in records["records"]:
        wanted = {
            "youth": record.youth,
            "supervisors": record.supervisors,
            "lodging_needed": record.lodging_needed,
            "impossible_dates": [day.isoformat() for day in record.impossible_dates],
            "received_on": record.received_on,
            "channel": channel_for(campaign=campaign, received_on=record.received_on),
        }
        application = existing.get((record.association.pk, record.games.pk))
        created = application is None
        if created:
            application = Application(
                campaign=campaign, association=record.association, games=record.games
            )
        changed = [name for name, value in wanted.items() if getattr(application, name) != value]
        for name in changed:
            setattr(application, name, wanted[name])
        if created or changed:
            fields_clean(application, relations=("campaign", "association", "games"))
        if created:
            new.append(application)
        elif changed:
            application.updated_at = now
            changed_applications.append(application)
            changed_fields.update(changed)
        ranked = [city.pk for city in record.cities]
        before = [] if created else current[application.pk]
        if ranked != before:
            rankings.append((application, ranked))
            if not created:
                replaced.append(application.pk)
        result.count_row(created=created, changed=bool(changed) or ranked != before)
    Application.objects.bulk_create(new, batch_size=BATCH)
    if changed_applications:
        Application.objects.bulk_update(
            changed_applications, sorted(changed_fields), batch_size=BATCH
        )
    for start in range(0, len(replaced), BATCH):
        ApplicationCity.objects.filter(application_id__in=replaced[start : start + BATCH]).delete()
    ApplicationCity.objects.bulk_create(
        (
            ApplicationCity(application=application, host_city_id=pk, rank=rank)
            for application, ranked in rankings
            for rank, pk in enumerate(ranked, start=1)
        ),
        batch_size=BATCH,
    )


applications_import = importer(
    contract=APPLICATIONS,
    validate=_validate,
    write=_write,
    doc="Create or update applications (one per association and Games) with their ranked cities.",
)
