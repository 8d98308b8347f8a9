"""E-mails to an association's referents about its offers: built from primary keys after commit."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from billetterie.accounts.models import Role, User
from billetterie.offers.models import Offer, OfferStatus

logger = logging.getLogger(__name__)


def referent_emails(*, association_id: int) -> list[str]:
    """The association's active referents, who receive every e-mail about its offers."""
    return list(
        User.objects.filter(association_id=association_id, role=Role.REFERENT, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
    )


def _offers(offer_ids: list[int]):
    return list(
        Offer.objects.filter(pk__in=offer_ids)
        .select_related(
            "association", "campaign", "pack__session__games", "pack__session__venue__host_city"
        )
        .order_by(
            "expires_at", "pack__session__date", "pack__session__start_time", "pack__reference"
        )
    )


def _lots(n: int) -> str:
    return f"{n} lot" if n == 1 else f"{n} lots"


def _send(*, template: str, subject: str, offers: list[Offer], extra: dict) -> int:
    association = offers[0].association
    recipients = referent_emails(association_id=association.pk)
    if not recipients:
        logger.warning("no active referent for association %s: e-mail not sent", association.pk)
        return 0
    context = {
        "association": association,
        "campaign": offers[0].campaign,
        "offers": offers,
        "tickets": sum(o.pack.size for o in offers),
        "deadline": min(o.expires_at for o in offers),
        "link": settings.SITE_URL + reverse("portal:offers"),
        **extra,
    }
    text = render_to_string(f"offers/email/{template}.txt", context)
    html = render_to_string(f"offers/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=recipients)
    message.attach_alternative(html, "text/html")
    return message.send()


def offers_made_send(*, offer_ids: list[int]) -> int:
    """One e-mail listing the packs just offered to one association."""
    offers = _offers(offer_ids)
    if not offers:
        return 0
    with translation.override("fr"), timezone.override(settings.TIME_ZONE):
        deadline = min(o.expires_at for o in offers)
        verb = "vous est proposé" if len(offers) == 1 else "vous sont proposés"
        subject = (
            f"Billetterie populaire : {_lots(len(offers))} {verb} — réponse avant le "
            f"{formats.date_format(timezone.localtime(deadline), 'j F')}"
        )
        return _send(template="offers_made", subject=subject, offers=offers, extra={})


def reminder_send(*, offer_ids: list[int], kind: str) -> int:
    """One reminder e-mail for an association's offers still waiting for an answer."""
    offers = [o for o in _offers(offer_ids) if o.status == OfferStatus.PENDING]
    if not offers:
        return 0
    with translation.override("fr"), timezone.override(settings.TIME_ZONE):
        deadline = timezone.localtime(min(o.expires_at for o in offers))
        verb = "attend" if len(offers) == 1 else "attendent"
        if kind == "last_day":
            subject = (
                f"Billetterie populaire : dernier jour — {_lots(len(offers))} {verb} votre "
                f"réponse avant {formats.date_format(deadline, 'H:i')} aujourd'hui"
            )
        else:
            subject = (
                f"Billetterie populaire : rappel — {_lots(len(offers))} {verb} votre réponse "
                f"avant le {formats.date_format(deadline, 'j F')}"
            )
        return _send(
            template="reminder",
            subject=subject,
            offers=offers,
            extra={"last_day": kind == "last_day"},
        )
