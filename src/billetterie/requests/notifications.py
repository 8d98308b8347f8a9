"""Messages to an association's referents about its applications, queued in the decision's
transaction: received (the referent's own submission), corrected, ineligible or eligible again."""

import datetime as dt

from django.urls import reverse

from billetterie.core.changes import day, plural, yes_no
from billetterie.outbox.referents import referents_tell
from billetterie.outbox.services import site_link
from billetterie.requests.models import Application, Channel

FIELD_WORDS = {
    "youth": "jeunes",
    "supervisors": "encadrants",
    "host_cities": "villes hôtes, par ordre de préférence",
    "impossible_dates": "dates impossibles",
    "lodging_needed": "hébergement en Île-de-France nécessaire",
    "comment": "commentaire",
    "channel": "voie",
    "received_on": "reçue le",
}


def _value_words(field: str, value) -> str:
    if field == "host_cities":
        return ", ".join(value) or "aucune"
    if field == "impossible_dates":
        return ", ".join(day(dt.date.fromisoformat(d)) for d in value) or "aucune"
    if field == "lodging_needed":
        return yes_no(value)
    if field == "channel":
        return Channel(value).label.lower()
    if field == "received_on":
        return day(dt.date.fromisoformat(value))
    return str(value)


def changes_words(changes: dict) -> str:
    """The audited changes as people read them, one per line; free text only as « modifié »."""
    lines = []
    for field, change in changes.items():
        label = FIELD_WORDS.get(field, field)
        if not isinstance(change, dict):
            lines.append(f"- {label} : modifié")
            continue
        before = _value_words(field, change["before"])
        after = _value_words(field, change["after"])
        lines.append(f"- {label} : {before} → {after}")
    return "\n".join(lines)


def _tell(application: Application, *, code: str, key: str, values: dict) -> int:
    link = reverse("portal:application", kwargs={"application_id": application.pk})
    return len(
        referents_tell(
            code=code,
            association_id=application.association_id,
            values={
                "association": application.association.name,
                "jeux": str(application.games),
                "lien": site_link(link),
                **values,
            },
            key=key,
            campaign=application.campaign,
            about=application,
        )
    )


def application_received_queue(*, application: Application, cities: list[str]) -> int:
    tickets = application.youth + application.supervisors
    request = [
        f"- {plural(application.youth, 'jeune')} et {plural(application.supervisors, 'encadrant')}"
        f" ({plural(tickets, 'billet')})",
        f"- villes hôtes, par ordre de préférence : {', '.join(cities)}",
        f"- hébergement en Île-de-France nécessaire : {yes_no(application.lodging_needed)}",
    ]
    if application.channel == Channel.CALL:
        closes = application.campaign.call_closes_on
        after = (
            "Elle sera examinée avec les candidatures reçues pendant l'appel"
            + (f", ouvert jusqu'au {day(closes)} inclus" if closes else "")
            + ". Vous pouvez la modifier tant qu'aucun lot ne vous est proposé pour ces Jeux."
        )
    else:
        after = (
            "L'appel à candidatures étant clos, la demande est inscrite sur la liste d'attente : "
            "elle sera examinée après les candidatures reçues pendant l'appel, selon les places "
            "restantes."
        )
    return _tell(
        application,
        code="application.received",
        key=f"application.received:{application.pk}",
        values={
            "recue_le": day(application.received_on),
            "demande": "\n".join(request),
            "suite": after,
        },
    )


def application_corrected_queue(
    *, application: Application, changes: dict, reason: str, decision_id: int
) -> int:
    """`decision_id`: the audit entry of this correction (an application is corrected many times)."""
    return _tell(
        application,
        code="application.corrected",
        key=f"application.corrected:{decision_id}",
        values={"changements": changes_words(changes), "motif": reason},
    )


def application_eligibility_queue(
    *, application: Application, reason: str, decision_id: int
) -> int:
    """Marked ineligible (with the reason) or eligible again; `decision_id`: its audit entry."""
    if application.is_eligible:
        code = "application.eligible"
        values = {"commentaire": f"Commentaire de l'opérateur : {reason}" if reason else ""}
    else:
        code, values = "application.ineligible", {"motif": reason}
    return _tell(application, code=code, key=f"{code}:{decision_id}", values=values)
