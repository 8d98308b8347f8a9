"""Messages to an association's referents about its offers, queued in the decision's transaction.

Each function is called inside the use case that took the decision (offers made, a reminder due, a
deadline extended, an offer expired); the outbox writes one message per referent, delivered after
commit, and the decision's key never queues the same message twice.
"""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from billetterie.core.changes import plural
from billetterie.offers.conditions import conditions_of_use
from billetterie.offers.models import Offer
from billetterie.outbox.referents import referent_mobiles, referents_tell
from billetterie.outbox.services import message_queue, site_link


def _when(moment: dt.datetime, pattern: str) -> str:
    """A moment in French, Paris time (« lundi 18 mars 2024 à 10:00 »)."""
    with translation.override("fr"), timezone.override(settings.TIME_ZONE):
        return formats.date_format(timezone.localtime(moment), pattern)


def _session_when(session) -> str:
    """« dimanche 28 juillet 2024 à 17:00 »."""
    with translation.override("fr"):
        when = formats.date_format(session.date, "l j F Y")
        if session.start_time:
            when += f" à {formats.time_format(session.start_time, 'H:i')}"
    return when


def _session_words(session) -> str:
    return f"{session.event_name} ({session.games}, épreuve {session.code})"


def _lots(offers: list[Offer]) -> str:
    """The packs, three lines each: reference and event, date and venue, tickets."""
    return "\n".join(
        f"- Lot {o.pack.reference} : {_session_words(o.pack.session)}\n"
        f"  {_session_when(o.pack.session)}, {o.pack.session.venue}, "
        f"{o.pack.session.venue.host_city}\n"
        f"  {plural(o.pack.size, 'billet')}"
        for o in offers
    )


def _loaded(offer_ids: list[int]) -> list[Offer]:
    return list(
        Offer.objects.filter(pk__in=offer_ids)
        .select_related(
            "association",
            "campaign__operator",
            "pack__session__games",
            "pack__session__venue__host_city",
        )
        .order_by(
            "expires_at", "pack__session__date", "pack__session__start_time", "pack__reference"
        )
    )


def _about_offers(offers: list[Offer]) -> dict[str, str]:
    deadline = min(o.expires_at for o in offers)
    return {
        "association": offers[0].association.name,
        "lots": _lots(offers),
        "nombre": f"{plural(len(offers), 'lot')}, {plural(sum(o.pack.size for o in offers), 'billet')}",
        "echeance": _when(deadline, "l j F Y à H:i"),
        "echeance_jour": _when(deadline, "j F"),
        "heure": _when(deadline, "H:i"),
        "lien": site_link(reverse("portal:offers")),
    }


def _tell(*, code: str, offers: list[Offer], values: dict, key: str) -> int:
    first = offers[0]
    return len(
        referents_tell(
            code=code,
            association_id=first.association_id,
            values=values,
            key=key,
            campaign=first.campaign,
            about=first,
        )
    )


def offers_made_queue(*, offers: list[Offer]) -> int:
    """One message per association listing the packs just offered to it (any number of them)."""
    by_association: dict[int, list[Offer]] = {}
    for offer in _loaded([o.pk for o in offers]):
        by_association.setdefault(offer.association_id, []).append(offer)
    queued = 0
    for _, mine in sorted(by_association.items()):
        one = len(mine) == 1
        values = {
            **_about_offers(mine),
            "propositions": (
                "1 lot vous est proposé" if one else f"{len(mine)} lots vous sont proposés"
            ),
            "conditions": "\n".join(f"- {c}" for c in conditions_of_use(campaign=mine[0].campaign)),
        }
        queued += _tell(
            code="offers.made",
            offers=mine,
            values=values,
            key=f"offers.made:{min(o.pk for o in mine)}",
        )
    return queued


def reminder_queue(*, offer_ids: list[int], kind: str) -> int:
    """The reminder of an association's offers still waiting for an answer ("early" two days
    before the deadline, "last_day" on its day — then by SMS too, to the referents' mobiles)."""
    offers = _loaded(offer_ids)
    if not offers:
        return 0
    n = len(offers)
    values = {
        **_about_offers(offers),
        "en_attente": "1 lot attend" if n == 1 else f"{n} lots attendent",
    }
    deadline = min(o.expires_at for o in offers)
    key = f"offers.{kind}:{min(offer_ids)}:{deadline:%Y%m%dT%H%M}"
    code = "offers.last_day" if kind == "last_day" else "offers.reminder"
    queued = _tell(code=code, offers=offers, values=values, key=key)
    if kind == "last_day":
        first = offers[0]
        sms = message_queue(
            code="offers.last_day_sms",
            recipients=referent_mobiles(association_id=first.association_id),
            values=values,
            key=key,
            campaign=first.campaign,
            association_id=first.association_id,
            about=first,
        )
        queued += len(sms)
    return queued


def _one_offer(offer: Offer) -> dict[str, str]:
    [offer] = _loaded([offer.pk])
    return {
        "association": offer.association.name,
        "lot": offer.pack.reference,
        "epreuve": (
            f"{_session_words(offer.pack.session)}, {_session_when(offer.pack.session)}, "
            f"{offer.pack.session.venue}"
        ),
        "billets": plural(offer.pack.size, "billet"),
        "lien": site_link(reverse("portal:offers")),
    }


def offer_extended_queue(*, offer: Offer, previous: dt.datetime, reason: str) -> int:
    values = {
        **_one_offer(offer),
        "echeance": _when(offer.expires_at, "l j F Y à H:i"),
        "echeance_jour": _when(offer.expires_at, "j F"),
        "ancienne_echeance": _when(previous, "l j F Y à H:i"),
        "motif": reason,
    }
    key = f"offers.extended:{offer.pk}:{offer.expires_at:%Y%m%dT%H%M}"
    return _tell(code="offers.extended", offers=[offer], values=values, key=key)


def offer_expired_queue(*, offer: Offer) -> int:
    values = {**_one_offer(offer), "echeance": _when(offer.expires_at, "l j F Y à H:i")}
    return _tell(
        code="offers.expired", offers=[offer], values=values, key=f"offers.expired:{offer.pk}"
    )
