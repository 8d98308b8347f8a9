"""Writes on applications: submit during the call or to the waiting list, correct, set eligibility."""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.formats import date_format

from billetterie.campaigns.rules import youth_per_supervisor
from billetterie.catalogue.models import HostCity
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.plural import plural
from billetterie.core.usecase import use_case
from billetterie.members.models import Association
from billetterie.requests.models import Application, ApplicationCity, Channel
from billetterie.requests.notifications import (
    application_corrected_queue,
    application_eligibility_queue,
    application_received_queue,
)
from billetterie.requests.selectors import (
    NOT_MEMBER_MESSAGE,
    application_edit_block,
    call_not_open_message,
    call_status,
    games_period,
    host_cities_for_games,
)

CORRECTABLE = (
    "youth",
    "supervisors",
    "city_ids_ranked",
    "impossible_dates",
    "lodging_needed",
    "comment",
    "channel",
    "received_on",
)


@dataclass(frozen=True)
class ApplicationOutcome:
    """The application after the write, and what the person should be told besides success."""

    application: Application
    created: bool
    changed: bool = True
    notices: list[str] = field(default_factory=list)


def _day(value: dt.date) -> str:
    return date_format(value, "d/m/Y")


def _check_counts(*, youth: int, supervisors: int) -> None:
    errors = {}
    if youth is None or youth < 1:
        errors["youth"] = "Indiquez au moins un jeune."
    if supervisors is None or supervisors < 0:
        errors["supervisors"] = "Le nombre d'encadrants ne peut pas être négatif."
    if errors:
        raise ValidationError(errors)


def _check_cities(*, games, city_ids_ranked: list[int]) -> list[HostCity]:
    """The ranked host cities, or a French error: at least one, no duplicate, only cities of the Games."""
    if not city_ids_ranked:
        raise ValidationError({"host_cities": "Choisissez au moins une ville hôte."})
    if len(set(city_ids_ranked)) != len(city_ids_ranked):
        raise ValidationError(
            {"host_cities": "Une même ville hôte ne peut être choisie qu'une fois."}
        )
    allowed = {c.pk: c for c in host_cities_for_games(games=games).filter(pk__in=city_ids_ranked)}
    unknown = [pk for pk in city_ids_ranked if pk not in allowed]
    if unknown:
        names = (
            ", ".join(HostCity.objects.filter(pk__in=unknown).values_list("name", flat=True))
            or "inconnue"
        )
        raise ValidationError(
            {"host_cities": f"Aucune épreuve des {games} n'a lieu dans cette ville hôte : {names}."}
        )
    return [allowed[pk] for pk in city_ids_ranked]


def _check_dates(*, games, impossible_dates: list[dt.date]) -> list[str]:
    """The impossible dates as sorted ISO strings, each within the Games' period."""
    days = sorted(set(impossible_dates))
    if not days:
        return []
    period = games_period(games=games)
    if period is None:
        raise ValidationError(
            {
                "impossible_dates": f"Les dates des {games} ne sont pas encore connues : laissez ce champ vide."
            }
        )
    first, last = period
    outside = [d for d in days if not first <= d <= last]
    if outside:
        listed = ", ".join(_day(d) for d in outside)
        raise ValidationError(
            {
                "impossible_dates": (
                    f"Date hors de la période des {games} (du {_day(first)} au {_day(last)}) : {listed}."
                )
            }
        )
    return [d.isoformat() for d in days]


def _ratio_notice(*, campaign, youth: int, supervisors: int) -> str | None:
    per = youth_per_supervisor(campaign=campaign)
    allowed = max(1, math.ceil(youth / per))
    if supervisors <= allowed:
        return None
    return (
        f"Vous demandez {plural(supervisors, 'encadrant')} pour {plural(youth, 'jeune')} : la "
        f"règle est d'au plus 1 encadrant pour {plural(per, 'jeune')} (soit {allowed} ici). Ce "
        "n'est pas bloquant à ce stade ; "
        "le taux d'encadrement sera vérifié lors de l'attribution nominative."
    )


def _set_cities(application: Application, cities: list[HostCity]) -> None:
    application.city_choices.all().delete()
    ApplicationCity.objects.bulk_create(
        ApplicationCity(application=application, host_city=city, rank=rank)
        for rank, city in enumerate(cities, start=1)
    )


def _city_names(application: Application) -> list[str]:
    return [
        c.host_city.name
        for c in application.city_choices.select_related("host_city").order_by("rank")
    ]


def _snapshot(application: Application) -> dict:
    """The application's fields as audited: figures, cities, dates; the comment only as "present"."""
    return {
        "youth": application.youth,
        "supervisors": application.supervisors,
        "host_cities": _city_names(application),
        "impossible_dates": list(application.impossible_dates),
        "lodging_needed": application.lodging_needed,
        "comment": application.comment,
        "channel": application.channel,
        "received_on": str(application.received_on),
    }


def _changes(before: dict, after: dict) -> dict:
    """Before/after of the changed fields; free text is never copied into the journal."""
    changes = {}
    for key, old in before.items():
        new = after[key]
        if old == new:
            continue
        changes[key] = "changed" if key == "comment" else {"before": old, "after": new}
    return changes


def application_submit(
    *,
    campaign,
    association: Association,
    games,
    youth: int,
    supervisors: int,
    city_ids_ranked: list[int],
    impossible_dates: list[dt.date],
    lodging_needed: bool,
    comment: str,
    actor,
) -> ApplicationOutcome:
    """Create or update the association's application for this campaign and Games.

    During the call it is a call application; after the close a new request joins the waiting
    list, and a call application may still be edited but not raised above its request.
    """
    today = clock.today()
    with use_case():
        # One submission at a time per association: two referents clicking at once never create two.
        association = Association.objects.select_for_update(of=("self",)).get(pk=association.pk)
        if not association.is_member:
            raise ValidationError(NOT_MEMBER_MESSAGE, code="not_member")
        if association.operator_id != campaign.operator_id:
            raise ValidationError(
                "Cette campagne n'est pas celle de votre opérateur.", code="wrong_operator"
            )
        if not campaign.games_settings.filter(games=games).exists():
            raise ValidationError(
                f"Cette campagne ne distribue pas de billets pour les {games}.", code="games"
            )
        status = call_status(campaign=campaign, today=today)
        if status.state in ("unscheduled", "upcoming"):
            raise ValidationError(call_not_open_message(status), code="call_not_open")
        existing = (
            Application.objects.select_for_update(of=("self",))
            .filter(campaign=campaign, association=association, games=games)
            .first()
        )
        if existing is not None:
            block = application_edit_block(application=existing, today=today)
            if block:
                raise ValidationError(block, code="not_editable")
        _check_counts(youth=youth, supervisors=supervisors)
        cities = _check_cities(games=games, city_ids_ranked=list(city_ids_ranked))
        dates = _check_dates(games=games, impossible_dates=list(impossible_dates))
        notices = []
        if existing is not None and existing.channel == Channel.CALL and not status.is_open:
            ceiling = existing.tickets_requested
            if youth + supervisors > ceiling:
                raise ValidationError(
                    f"L'appel à candidatures est clos depuis le {_day(status.closes_on)} : votre "
                    f"candidature garde sa priorité, mais ne peut plus dépasser les {ceiling} billets "
                    "demandés. Pour davantage de places, écrivez à l'opérateur.",
                    code="raise_after_close",
                )
        values = {
            "youth": youth,
            "supervisors": supervisors,
            "impossible_dates": dates,
            "lodging_needed": bool(lodging_needed),
            "comment": (comment or "").strip(),
        }
        if existing is None:
            channel = Channel.CALL if status.is_open else Channel.WAITING_LIST
            application = Application(
                campaign=campaign,
                association=association,
                games=games,
                channel=channel,
                received_on=today,
                **values,
            )
            application.full_clean()
            application.save()
            _set_cities(application, cities)
            if channel == Channel.WAITING_LIST:
                notices.append(
                    f"L'appel à candidatures est clos depuis le {_day(status.closes_on)} : votre demande "
                    "est inscrite sur la liste d'attente. Elle sera examinée après les candidatures "
                    "reçues pendant l'appel, selon les places restantes."
                )
            snapshot = _snapshot(application)
            audit_log(
                action="application.submitted",
                actor=actor,
                subject=application,
                details={**_audit_view(snapshot), "games": games.code},
            )
            application_received_queue(application=application, cities=snapshot["host_cities"])
            created, changed = True, True
        else:
            application = existing
            before = _snapshot(application)
            for name, value in values.items():
                setattr(application, name, value)
            application.full_clean()
            application.save()
            _set_cities(application, cities)
            changes = _changes(before, _snapshot(application))
            if changes:
                audit_log(
                    action="application.updated",
                    actor=actor,
                    subject=application,
                    details={"games": games.code, "changes": changes},
                )
            created, changed = False, bool(changes)
        ratio = _ratio_notice(campaign=campaign, youth=youth, supervisors=supervisors)
        if ratio:
            notices.append(ratio)
    return ApplicationOutcome(
        application=application, created=created, changed=changed, notices=notices
    )


def _audit_view(snapshot: dict) -> dict:
    return {**snapshot, "comment": "renseigné" if snapshot["comment"] else ""}


def application_correct(
    *, application: Application, actor, reason: str, **fields
) -> ApplicationOutcome:
    """The operator corrects any field of an application; the reason and each change are audited."""
    unknown = set(fields) - set(CORRECTABLE)
    if unknown:
        raise TypeError(f"not correctable: {sorted(unknown)}")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Indiquez le motif de la correction."})
    with use_case():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("games")
            .get(pk=application.pk)
        )
        games = application.games
        before = _snapshot(application)
        youth = fields.get("youth", application.youth)
        supervisors = fields.get("supervisors", application.supervisors)
        _check_counts(youth=youth, supervisors=supervisors)
        application.youth, application.supervisors = youth, supervisors
        if "impossible_dates" in fields:
            application.impossible_dates = _check_dates(
                games=games, impossible_dates=fields["impossible_dates"]
            )
        if "lodging_needed" in fields:
            application.lodging_needed = bool(fields["lodging_needed"])
        if "comment" in fields:
            application.comment = (fields["comment"] or "").strip()
        if "channel" in fields:
            application.channel = Channel(fields["channel"])
        if "received_on" in fields:
            application.received_on = fields["received_on"]
        application.full_clean()
        application.save()
        if "city_ids_ranked" in fields:
            _set_cities(
                application,
                _check_cities(games=games, city_ids_ranked=list(fields["city_ids_ranked"])),
            )
        changes = _changes(before, _snapshot(application))
        if changes:
            entry = audit_log(
                action="application.corrected",
                actor=actor,
                subject=application,
                details={"games": games.code, "reason": reason, "changes": changes},
            )
            application_corrected_queue(
                application=application, changes=changes, reason=reason, decision_id=entry.pk
            )
    return ApplicationOutcome(application=application, created=False, changed=bool(changes))


def application_set_eligibility(
    *, application: Application, eligible: bool, reason: str, actor
) -> ApplicationOutcome:
    """Mark an application not eligible (reason required) or eligible again; audited."""
    reason = (reason or "").strip()
    if not eligible and not reason:
        raise ValidationError({"reason": "Indiquez pourquoi cette candidature n'est pas éligible."})
    with use_case():
        application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if application.is_eligible == eligible:
            return ApplicationOutcome(application=application, created=False, changed=False)
        previous_reason = application.ineligibility_reason
        application.is_eligible = eligible
        application.ineligibility_reason = "" if eligible else reason[:255]
        application.save(update_fields=["is_eligible", "ineligibility_reason", "updated_at"])
        entry = audit_log(
            action="application.eligible" if eligible else "application.ineligible",
            actor=actor,
            subject=application,
            details={
                "reason": reason,
                **({"previous_reason": previous_reason} if eligible else {}),
            },
        )
        application_eligibility_queue(application=application, reason=reason, decision_id=entry.pk)
    return ApplicationOutcome(application=application, created=False, changed=True)
