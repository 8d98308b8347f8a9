"""Completion of the named holders by association and Games, and the back office's counts."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Sum

from billetterie.attendees.models import (
    CommitmentLetter,
    DecisionStatus,
    Derogation,
    Holder,
    LetterStatus,
    NameChange,
    Submission,
)
from billetterie.attendees.rules import violations
from billetterie.attendees.selectors.association import nominations
from billetterie.attendees.selectors.deadlines import edit_state, games_deadlines
from billetterie.catalogue.models import Games
from billetterie.core import clock
from billetterie.members.models import Association
from billetterie.offers.models import Offer, OfferStatus


@dataclass(frozen=True)
class CompletionRow:
    association_id: int
    association_name: str
    games_id: int
    games: str
    tickets: int
    named: int
    deadline: object
    submitted: bool
    editable: bool

    @property
    def to_name(self) -> int:
        return self.tickets - self.named

    @property
    def done(self) -> bool:
        return self.submitted

    @property
    def late(self) -> bool:
        """Past the deadline and not sent: the operator chases these first."""
        return not self.submitted and not self.editable

    @property
    def percent(self) -> int:
        return round(100 * self.named / self.tickets) if self.tickets else 100


def completion_rows(*, campaign, association_ids=None) -> list[CompletionRow]:
    offers = Offer.objects.filter(campaign=campaign, status=OfferStatus.ACCEPTED)
    # Only holders on packs the association still holds (a pack given back keeps no names).
    holders = Holder.objects.filter(
        campaign=campaign,
        ticket__pack__offers__association_id=F("association_id"),
        ticket__pack__offers__status=OfferStatus.ACCEPTED,
    )
    if association_ids is not None:
        offers = offers.filter(association_id__in=association_ids)
        holders = holders.filter(association_id__in=association_ids)
    tickets = {
        (r["association_id"], r["pack__session__games_id"]): r["n"]
        for r in offers.values("association_id", "pack__session__games_id").annotate(
            n=Sum("pack__size")
        )
    }
    named = {
        (r["association_id"], r["session__games_id"]): r["n"]
        for r in holders.values("association_id", "session__games_id").annotate(n=Count("id"))
    }
    sent = set(
        Submission.objects.filter(campaign=campaign).values_list("association_id", "games_id")
    )
    names = dict(
        Association.objects.filter(pk__in={a for a, _g in tickets}).values_list("pk", "name")
    )
    games = dict(Games.objects.values_list("pk", "short_name"))
    deadlines = games_deadlines(campaign_id=campaign.pk)
    today = clock.today()
    rows = []
    for (a, g), n in tickets.items():
        state = edit_state(
            campaign_id=campaign.pk,
            association_id=a,
            games_id=g,
            today=today,
            deadlines=deadlines,
            submitted_games={gid for aid, gid in sent if aid == a},
        )
        rows.append(
            CompletionRow(
                a,
                names.get(a, ""),
                g,
                games.get(g, ""),
                n or 0,
                named.get((a, g), 0),
                deadlines.get(g),
                (a, g) in sent,
                state.editable,
            )
        )
    return sorted(rows, key=lambda r: (not r.late, r.done, r.association_name, r.games))


def games_totals(rows: list[CompletionRow]) -> list[dict]:
    totals: dict[str, Counter] = {}
    for r in rows:
        c = totals.setdefault(r.games, Counter())
        c["tickets"] += r.tickets
        c["named"] += r.named
        c["associations"] += 1
        c["submitted"] += r.submitted
        c["late"] += r.late
    return [
        {"games": g, **c, "to_name": c["tickets"] - c["named"]} for g, c in sorted(totals.items())
    ]


def violation_counts(*, campaign) -> dict[int, int]:
    """Association id → rules broken now (attestation aside, it is asked at submission)."""
    return {a: len(violations(n)) for a, n in nominations(campaign=campaign, attested=True).items()}


def pending_counts(*, campaign) -> dict[str, int]:
    return {
        "derogations": Derogation.objects.filter(
            campaign=campaign, status=DecisionStatus.PENDING
        ).count(),
        "letters": CommitmentLetter.objects.filter(
            campaign=campaign, status=LetterStatus.PENDING
        ).count(),
        "name_changes": NameChange.objects.filter(
            campaign=campaign, status=DecisionStatus.PENDING
        ).count(),
        "to_export": NameChange.objects.filter(
            campaign=campaign, status=DecisionStatus.GRANTED, exported_at=None
        ).count(),
    }


def named_tickets_count(*, campaign) -> int:
    """How many tickets of the campaign already have a holder: a stricter rule may break them."""
    return Holder.objects.filter(campaign=campaign).count()
