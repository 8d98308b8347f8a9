"""The operator's decisions on derogations, letters and name changes, told to the association's
referents: queued inside the decision's transaction (`decisions.decide(tell=…)`), once per decision.

Nothing here names a person: a group is told by its event and packs, a ticket by its number.
"""

from django.urls import reverse
from django.utils import timezone

from billetterie.attendees.models import (
    CommitmentLetter,
    Decision,
    DecisionStatus,
    Derogation,
    GroupPack,
    Holder,
    NameChange,
)
from billetterie.core.changes import day, plural
from billetterie.outbox.referents import referents_tell
from billetterie.outbox.services import site_link


def session_words(session) -> str:
    """« épreuve ATH05 (Athlétisme, 30 juillet 2024) »."""
    return f"épreuve {session.code} ({session.event_name}, {day(session.date)})"


def attendees_link(campaign, name: str = "portal:attendees_campaign", **kwargs) -> str:
    return site_link(reverse(name, kwargs={"campaign_slug": campaign.slug, **kwargs}))


def _tell(decision: Decision, *, code: str, values: dict) -> int:
    granted = decision.status != DecisionStatus.REFUSED
    reason = decision.decision_reason
    words = (
        {"commentaire": f"Commentaire de l'opérateur : {reason}" if reason else ""}
        if granted
        else {"motif": reason}
    )
    kind = type(decision)._meta.model_name
    return len(
        referents_tell(
            code=code,
            association_id=decision.association_id,
            values={"association": decision.association.name, **words, **values},
            key=f"attendees.{kind}_decided:{decision.pk}",
            campaign=decision.campaign,
            about=decision,
        )
    )


def derogation_tell(derogation: Derogation) -> int:
    group = derogation.group
    references = list(
        GroupPack.objects.filter(group=group)
        .order_by("pack__reference")
        .values_list("pack__reference", flat=True)
    )
    packs = ", ".join(references)
    values = {
        "groupe": f"votre groupe de l'{session_words(group.session)}, "
        f"{'lots' if len(references) > 1 else 'lot'} {packs}",
        "encadrants": plural(derogation.supervisors, "encadrant"),
        "lien": attendees_link(derogation.campaign, "portal:attendees_group", group_id=group.pk),
    }
    granted = derogation.status == DecisionStatus.GRANTED
    code = "attendees.derogation_granted" if granted else "attendees.derogation_refused"
    return _tell(derogation, code=code, values=values)


def letter_tell(letter: CommitmentLetter) -> int:
    values = {
        "depose_le": day(timezone.localdate(letter.uploaded_at)),
        "lien": attendees_link(letter.campaign, "portal:attendees_letter"),
    }
    validated = letter.status == CommitmentLetter.GRANTED
    code = "attendees.letter_validated" if validated else "attendees.letter_refused"
    return _tell(letter, code=code, values=values)


def name_change_tell(change: NameChange) -> int:
    ticket = change.ticket
    holder = Holder.objects.filter(ticket_id=ticket.pk).only("group_id").first()
    link = (
        attendees_link(change.campaign, "portal:attendees_group", group_id=holder.group_id)
        if holder is not None
        else attendees_link(change.campaign)
    )
    values = {
        "billet": f"le billet n° {ticket.number} du lot {ticket.pack.reference}",
        "epreuve": session_words(ticket.pack.session),
        "lien": link,
    }
    approved = change.status == DecisionStatus.GRANTED
    code = "attendees.name_change_approved" if approved else "attendees.name_change_refused"
    return _tell(change, code=code, values=values)
