"""The prestige packs go to the contest's winners, in rank order, through the usual offers.

The rule (docs/contest.md, « Lots prestige »):
- the queue is the deliberation's ranking, once it is closed: every ranked entry whose association
  has not withdrawn, rank 1 first;
- a pack of N tickets goes to a group of N people or more: a pack **fits** a winner when its size
  is at most the group size the association declared when it confirmed its participation;
- each winner, in rank order, gets the **best** available prestige pack that fits: the largest;
  among packs of that size, a final before a semi-final before a quarter-final before the rest,
  then the earliest session, then the pack reference (so the choice is always the same);
- until the stock is used: the tickets held by winners (offered or accepted) never exceed the
  prestige tickets of the contest's settings (or every prestige pack when none is set);
- an offer declined, let expire or given back frees its pack and its tickets: the winners who
  have no pack yet are served again in rank order (the one who let it go is not served again).

Offers are made by `offers.services.offer_single`: same delay, message, commitment and answer page
as any pack; the contest hears of the answers through the `offer_closed` hook.
"""

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from billetterie.catalogue.models import Phase
from billetterie.contest.models import (
    AwardStatus,
    ContestSettings,
    Deliberation,
    PrestigeAward,
)
from billetterie.contest.selectors import deliberation_ranking
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, use_case
from billetterie.inventory.models import Pack, PackStatus
from billetterie.offers.models import Offer
from billetterie.offers.services import PRESTIGE_SOURCE, offer_single

PHASE_ORDER = {
    Phase.FINAL: 0,
    Phase.SEMI_FINAL: 1,
    Phase.QUARTER_FINAL: 2,
    Phase.PRELIMINARY: 3,
    Phase.OTHER: 4,
}
# A winner who holds a pack (waiting for its answer, or accepted) is served; one who let a pack go
# is not served again; the others are still in line.
HOLDING = (AwardStatus.OFFERED, AwardStatus.ACCEPTED)
IN_LINE = (AwardStatus.WAITING, AwardStatus.NO_PACK)


# The rule, pure (no database): what the property tests exercise.


@dataclass(frozen=True)
class PackOption:
    key: int
    size: int
    phase: str
    day: dt.date
    reference: str

    def preference(self) -> tuple:
        """Smaller is better: the largest pack, then final > semi-final > …, then the earliest."""
        return (-self.size, PHASE_ORDER.get(self.phase, len(PHASE_ORDER)), self.day, self.reference)


@dataclass(frozen=True)
class Winner:
    key: int
    rank: int
    group_size: int


def prestige_plan(
    *, winners: Iterable[Winner], packs: Iterable[PackOption], tickets_left: int | None
) -> dict[int, PackOption]:
    """Winner key → the pack it gets: in rank order, the best pack that fits and that the
    tickets left can still cover (`None`: no limit). Winners with no pack are absent."""
    available = sorted(packs, key=PackOption.preference)
    left = tickets_left
    plan: dict[int, PackOption] = {}
    for winner in sorted(winners, key=lambda w: (w.rank, w.key)):
        for option in available:
            if option.size <= winner.group_size and (left is None or option.size <= left):
                plan[winner.key] = option
                available.remove(option)
                if left is not None:
                    left -= option.size
                break
    return plan


# Reads


def closed_deliberation(*, campaign) -> Deliberation | None:
    return Deliberation.objects.filter(campaign=campaign, closed_at__isnull=False).first()


def ranked_participations(*, campaign) -> list[tuple[int, object]]:
    """(rank, participation) of the closed deliberation, best first; withdrawn ones left out."""
    return [(p.contest_rank, p) for p in deliberation_ranking(campaign) if p.withdrawn_at is None]


def prestige_tickets_in_play(*, campaign) -> int:
    """The prestige tickets in play: the settings' figure, else every prestige pack's tickets."""
    settings = ContestSettings.objects.filter(campaign=campaign).first()
    if settings is not None and settings.prestige_tickets is not None:
        return settings.prestige_tickets
    return sum(
        Pack.objects.filter(campaign=campaign, is_prestige=True)
        .exclude(status=PackStatus.WITHDRAWN)
        .values_list("size", flat=True)
    )


def _options(*, campaign) -> list[PackOption]:
    return [
        PackOption(p.pk, p.size, p.session.phase, p.session.date, p.reference)
        for p in Pack.objects.filter(
            campaign=campaign, is_prestige=True, status=PackStatus.AVAILABLE
        ).select_related("session")
    ]


@dataclass
class QueueRow:
    rank: int
    association: object
    group_size: int
    status: str
    status_label: str
    pack: Pack | None = None
    offer: Offer | None = None


@dataclass
class PrestigeBoard:
    """What the « Lots prestige » page shows."""

    closed: bool
    started: bool
    stock: int
    held: int  # tickets offered or accepted
    accepted: int
    packs_available: int
    tickets_available: int
    rows: list[QueueRow]
    planned: list[QueueRow]  # what the button would offer now, to whom
    token: str

    @property
    def left(self) -> int:
        return max(0, self.stock - self.held)

    @property
    def planned_tickets(self) -> int:
        return sum(row.pack.size for row in self.planned)

    @property
    def left_after(self) -> int:
        return max(0, self.left - self.planned_tickets)


def _token(planned: list[QueueRow]) -> str:
    text = ";".join(f"{r.rank}:{r.association.pk}:{r.pack.pk}" for r in planned)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def prestige_board(*, campaign) -> PrestigeBoard:
    """The queue as it stands and, without writing anything, what « Proposer » would offer now."""
    closed = closed_deliberation(campaign=campaign) is not None
    awards = list(
        PrestigeAward.objects.filter(campaign=campaign)
        .select_related("participation__association", "pack__session__venue")
        .order_by("rank", "pk")
    )
    offers = {
        o.pk: o for o in Offer.objects.filter(pk__in=[a.offer_id for a in awards if a.offer_id])
    }
    stock = prestige_tickets_in_play(campaign=campaign)
    held = sum(a.pack.size for a in awards if a.status in HOLDING and a.pack)
    accepted = sum(a.pack.size for a in awards if a.status == AwardStatus.ACCEPTED and a.pack)
    if awards:
        line = [
            (
                a.rank,
                a.participation,
                a.status,
                a.get_status_display(),
                a.pack,
                offers.get(a.offer_id),
            )
            for a in awards
        ]
    else:
        line = [
            (rank, p, AwardStatus.WAITING, AwardStatus.WAITING.label, None, None)
            for rank, p in ranked_participations(campaign=campaign)
        ]
    rows = [
        QueueRow(rank, p.association, p.group_size, status, label, pack, offer)
        for rank, p, status, label, pack, offer in line
    ]
    options = _options(campaign=campaign)
    planned: list[QueueRow] = []
    if closed:
        waiting = [
            Winner(n, row.rank, row.group_size)
            for n, row in enumerate(rows)
            if row.status in IN_LINE
        ]
        plan = prestige_plan(winners=waiting, packs=options, tickets_left=max(0, stock - held))
        packs = Pack.objects.select_related("session__venue").in_bulk(
            [o.key for o in plan.values()]
        )
        for n, option in sorted(plan.items(), key=lambda item: rows[item[0]].rank):
            row = rows[n]
            planned.append(
                QueueRow(
                    rank=row.rank,
                    association=row.association,
                    group_size=row.group_size,
                    status=row.status,
                    status_label=row.status_label,
                    pack=packs[option.key],
                )
            )
    return PrestigeBoard(
        closed=closed,
        started=bool(awards),
        stock=stock,
        held=held,
        accepted=accepted,
        packs_available=len(options),
        tickets_available=sum(o.size for o in options),
        rows=rows,
        planned=planned,
        token=_token(planned),
    )


# Writes


@dataclass(frozen=True)
class PrestigeOutcome:
    queued: int  # winners put in the queue by this call (0 when it already existed)
    offers: list[Offer]


def _lock_deliberation(*, campaign) -> Deliberation | None:
    """The campaign's one lock for the prestige queue: every write on it takes this row first."""
    return Deliberation.objects.select_for_update(of=("self",)).filter(campaign=campaign).first()


def _closed_locked(*, campaign) -> Deliberation:
    deliberation = _lock_deliberation(campaign=campaign)
    if deliberation is None or deliberation.closed_at is None:
        raise ValidationError(
            "La délibération du jury n'est pas close : les lots prestige ne peuvent pas encore "
            "être proposés aux lauréats.",
            code="deliberation_open",
        )
    return deliberation


def _queue_create(*, campaign) -> int:
    now = clock.now()
    awards = [
        PrestigeAward(campaign=campaign, participation=p, rank=rank, updated_at=now)
        for rank, p in ranked_participations(campaign=campaign)
    ]
    PrestigeAward.objects.bulk_create(awards)
    return len(awards)


def _serve(*, campaign, actor: Actor) -> list[Offer]:
    """Inside the caller's transaction, the deliberation locked: offer the available prestige packs
    to the winners in line, by the rule; mark the others waiting (or without a pack that fits)."""
    awards = list(
        PrestigeAward.objects.select_for_update(of=("self",))
        .filter(campaign=campaign)
        .select_related("participation__association", "pack")
        .order_by("pk")
    )
    held = sum(a.pack.size for a in awards if a.status in HOLDING and a.pack)
    in_line = [a for a in awards if a.status in IN_LINE]
    plan = prestige_plan(
        winners=[Winner(a.pk, a.rank, a.participation.group_size) for a in in_line],
        packs=_options(campaign=campaign),
        tickets_left=max(0, prestige_tickets_in_play(campaign=campaign) - held),
    )
    sizes = list(
        Pack.objects.filter(campaign=campaign, is_prestige=True)
        .exclude(status=PackStatus.WITHDRAWN)
        .values_list("size", flat=True)
    )
    now = clock.now()
    offers = []
    for award in sorted(in_line, key=lambda a: (a.rank, a.pk)):
        option = plan.get(award.pk)
        if option is None:
            status = (
                AwardStatus.WAITING
                if any(s <= award.participation.group_size for s in sizes)
                else AwardStatus.NO_PACK
            )
            if award.status != status:
                award.status, award.updated_at = status, now
                award.save(update_fields=["status", "updated_at"])
            continue
        pack = Pack.objects.select_related("campaign").get(pk=option.key)
        offer = offer_single(
            pack=pack,
            association=award.participation.association,
            actor=actor,
            source=PRESTIGE_SOURCE,
        )
        award.pack, award.offer_id, award.status, award.updated_at = (
            pack,
            offer.pk,
            AwardStatus.OFFERED,
            now,
        )
        award.save(update_fields=["pack", "offer_id", "status", "updated_at"])
        audit_log(
            action="contest.prestige_offered",
            actor=actor,
            subject=award,
            association_id=award.participation.association_id,
            details={
                "rank": award.rank,
                "pack": pack.reference,
                "size": pack.size,
                "group_size": award.participation.group_size,
                "offer": offer.pk,
            },
        )
        offers.append(offer)
    return offers


def prestige_start(*, campaign, actor: Actor) -> PrestigeOutcome:
    """The operator offers the prestige packs to the winners, once the deliberation is closed.

    The first call builds the queue from the ranking; every call offers what is available to the
    winners in line, so a repeated click offers nothing more (and says so)."""
    with use_case():
        _closed_locked(campaign=campaign)
        queued = 0
        if not PrestigeAward.objects.filter(campaign=campaign).exists():
            queued = _queue_create(campaign=campaign)
            if not queued:
                raise ValidationError(
                    "Le classement de la délibération ne compte aucun lauréat : aucun lot prestige "
                    "n'a été proposé.",
                    code="no_winner",
                )
        offers = _serve(campaign=campaign, actor=actor)
        audit_log(
            action="contest.prestige_started",
            actor=actor,
            campaign_id=campaign.pk,
            details={
                "winners": queued,
                "offers": len(offers),
                "tickets": sum(o.pack.size for o in offers),
                "stock": prestige_tickets_in_play(campaign=campaign),
            },
        )
    return PrestigeOutcome(queued=queued, offers=offers)


def on_offer_closed(*, offer_id: int, pack_id: int, outcome: str, actor: Actor) -> None:
    """Receiver of `offers` → `offer_closed`, inside the answer's transaction: a prestige offer
    accepted is recorded; declined, expired or given back, its pack goes to the next winner."""
    award = PrestigeAward.objects.filter(offer_id=offer_id).only("pk", "campaign_id").first()
    if award is None:
        return
    campaign = award.campaign
    _lock_deliberation(campaign=campaign)
    award = (
        PrestigeAward.objects.select_for_update(of=("self",))
        .select_related("participation", "pack")
        .get(pk=award.pk)
    )
    now = clock.now()
    if outcome == "accepted":
        award.status, award.updated_at = AwardStatus.ACCEPTED, now
        award.save(update_fields=["status", "updated_at"])
        audit_log(
            action="contest.prestige_accepted",
            actor=actor,
            subject=award,
            association_id=award.participation.association_id,
            details={"rank": award.rank, "pack": award.pack.reference if award.pack else ""},
        )
        return
    award.status, award.updated_at = AwardStatus.PASSED, now
    award.save(update_fields=["status", "updated_at"])
    audit_log(
        action="contest.prestige_passed",
        actor=actor,
        subject=award,
        association_id=award.participation.association_id,
        details={
            "rank": award.rank,
            "pack": award.pack.reference if award.pack else "",
            "outcome": outcome,
        },
    )
    _serve(campaign=campaign, actor=actor)
