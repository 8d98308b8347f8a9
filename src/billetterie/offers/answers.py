"""Answering several offers at once: the totals offered against requested per Games, what a
selection would change (reads), and the answers themselves in one transaction — all or nothing.

Each answer goes through the same write as a single one (`offer_accept_write`,
`offer_decline_write`): same rules, locks, journal entries, hooks and continuous mode. The selected
offers are locked first, in key order, then their packs, in key order: two batches that overlap (two
referents, two tabs) wait for each other instead of deadlocking, and the second one finds the packs
already answered — it changes nothing unless it asked for the very same answers.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from billetterie.core.usecase import Actor, use_case
from billetterie.inventory.models import Pack, PackStatus
from billetterie.offers.conditions import conditions_of_use
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.selectors import offers_of_association
from billetterie.offers.services import offer_accept_write, offer_decline_write
from billetterie.requests.models import Application

# More than any association is offered in a wave; a bound on what one form may ask.
MAX_SELECTION = 500


@dataclass
class Tally:
    packs: int = 0
    tickets: int = 0

    def add(self, offer: Offer) -> None:
        self.packs += 1
        self.tickets += offer.pack.size

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.packs + other.packs, self.tickets + other.tickets)


@dataclass
class GamesTotals:
    """One Games of one campaign: the tickets requested, and the packs offered by where they stand
    (plus, for a selection, what it accepts and declines)."""

    campaign: object
    games: object
    requested: int | None = None  # tickets asked in the application; None: no application
    accepted: Tally = field(default_factory=Tally)
    to_answer: Tally = field(default_factory=Tally)
    accepting: Tally = field(default_factory=Tally)
    declining: Tally = field(default_factory=Tally)

    @property
    def key(self) -> str:
        """How a page names this group (« tout sélectionner »): campaign and Games keys."""
        return f"{self.campaign.pk}-{self.games.pk}"

    @property
    def offered(self) -> Tally:
        """Offered and still held: accepted, or awaiting an answer."""
        return self.accepted + self.to_answer

    @property
    def after(self) -> Tally:
        """Accepted once the selection is confirmed."""
        return self.accepted + self.accepting


def _games_key(offer: Offer) -> tuple[int, int]:
    return (offer.campaign_id, offer.pack.session.games_id)


def _when(offer: Offer):
    session = offer.pack.session
    return (session.date, session.start_time or dt.time.min, offer.pack.reference)


def games_totals(*, association, offers: Iterable[Offer], now: dt.datetime) -> list[GamesTotals]:
    """The totals per campaign and Games of these offers of the association (accepted, still to
    answer by `Offer.can_be_answered`), with the tickets its application requested; one query for
    the applications. Groups with nothing accepted nor to answer are left out."""
    groups: dict[tuple[int, int], GamesTotals] = {}
    for offer in offers:
        key = _games_key(offer)
        if key not in groups:
            groups[key] = GamesTotals(campaign=offer.campaign, games=offer.pack.session.games)
        if offer.status == OfferStatus.ACCEPTED:
            groups[key].accepted.add(offer)
        elif offer.can_be_answered(now):
            groups[key].to_answer.add(offer)
    groups = {k: g for k, g in groups.items() if g.offered.packs}
    applications = Application.objects.filter(
        association=association, campaign_id__in={c for c, _ in groups}
    ).values_list("campaign_id", "games_id", "youth", "supervisors")
    for campaign_id, games_id, youth, supervisors in applications:
        if (campaign_id, games_id) in groups:
            groups[(campaign_id, games_id)].requested = youth + supervisors
    return sorted(groups.values(), key=lambda g: (g.campaign.pk, g.games.code))


@dataclass
class GamesToAnswer:
    """The board's offers still awaiting an answer, for one Games of one campaign."""

    totals: GamesTotals
    cards: list
    conditions: list[str]


def to_answer_by_games(*, board: dict, totals: list[GamesTotals]) -> list[GamesToAnswer]:
    """The board's « to answer » cards grouped like `totals`, each group in the board's order."""
    groups = {(t.campaign.pk, t.games.pk): GamesToAnswer(t, [], []) for t in totals}
    for card in board["to_answer"]:
        group = groups[_games_key(card.offer)]
        group.cards.append(card)
        group.conditions = card.conditions or group.conditions
    return [g for g in groups.values() if g.cards]


def answerable_in_games(*, association, campaign_id: int, games_id: int, now) -> list[int]:
    """The association's offers of one campaign and Games that can still be answered (the
    « tout sélectionner » of a group), in key order."""
    return list(
        Offer.objects.filter(
            association=association,
            campaign_id=campaign_id,
            pack__session__games_id=games_id,
            status=OfferStatus.PENDING,
            expires_at__gt=now,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _selection(accept_ids, decline_ids) -> tuple[list[int], list[int]]:
    accept, decline = sorted(set(accept_ids)), sorted(set(decline_ids))
    if not accept and not decline:
        raise ValidationError(
            "Aucun lot n'est sélectionné : cochez les lots auxquels vous voulez répondre.",
            code="empty",
        )
    if set(accept) & set(decline):
        raise ValidationError(
            "Un lot ne peut pas être à la fois accepté et décliné : refaites la sélection.",
            code="both_answers",
        )
    if len(accept) + len(decline) > MAX_SELECTION:
        raise ValidationError(
            "Au plus %(max)s lots à la fois : répondez en plusieurs fois.",
            code="too_many",
            params={"max": MAX_SELECTION},
        )
    return accept, decline


def _why_not(offer: Offer, *, accept: bool, now: dt.datetime) -> str:
    """Why a selected offer cannot take this answer now, in the referent's words."""
    if offer.status == OfferStatus.ACCEPTED:
        return (
            "déjà accepté : rien ne changera"
            if accept
            else "déjà accepté : pour le libérer, utilisez « Rendre le lot »"
        )
    if offer.status == OfferStatus.DECLINED:
        if accept:
            return "vous vous en êtes désisté : il ne peut plus être accepté"
        return "désistement déjà enregistré : rien ne changera"
    if offer.status == OfferStatus.GIVEN_BACK:
        return "lot déjà rendu"
    if offer.status == OfferStatus.EXPIRED or not offer.can_be_answered(now):
        return "le délai de réponse est passé"
    return "lot retiré par l'opérateur"


@dataclass
class AnswersPreview:
    """What confirming a selection would do; nothing is written."""

    to_accept: list[Offer]
    to_decline: list[Offer]
    cannot: list[tuple[Offer, str]]  # selected, but no longer open to that answer, and why
    totals: list[GamesTotals]  # the Games the selection touches
    left_to_answer: list[Offer]  # the other offers of these Games still awaiting an answer
    commitments: list[tuple[object, list[str]]]  # (campaign, conditions) of the packs accepted

    @property
    def answered_count(self) -> int:
        return len(self.to_accept) + len(self.to_decline)

    @property
    def accepting(self) -> Tally:
        return sum((t.accepting for t in self.totals), Tally())

    @property
    def declining(self) -> Tally:
        return sum((t.declining for t in self.totals), Tally())


def answers_preview(*, association, accept_ids, decline_ids, now: dt.datetime) -> AnswersPreview:
    """Read what confirming would accept and decline, with the totals of the Games it touches.

    An id that is not one of the association's offers → Offer.DoesNotExist (the page: 404), as
    the write would; a selection that is empty, too long or answers a pack twice → ValidationError.
    """
    accept, decline = _selection(accept_ids, decline_ids)
    wanted = dict.fromkeys(accept, True) | dict.fromkeys(decline, False)
    mine = offers_of_association(association=association)
    selected = list(mine.filter(pk__in=list(wanted)))
    if len(selected) != len(wanted):
        raise Offer.DoesNotExist("Une proposition sélectionnée n'est pas à cette association.")
    keys = {_games_key(o) for o in selected}
    same_games = [
        o
        for o in mine.filter(
            campaign_id__in={c for c, _ in keys},
            pack__session__games_id__in={g for _, g in keys},
        )
        if _games_key(o) in keys
    ]
    totals = games_totals(association=association, offers=same_games, now=now)
    by_key = {(t.campaign.pk, t.games.pk): t for t in totals}
    to_accept, to_decline, cannot = [], [], []
    for offer in sorted(selected, key=_when):
        accept = wanted[offer.pk]
        if not offer.can_be_answered(now) or offer.pack.status != PackStatus.OFFERED:
            cannot.append((offer, _why_not(offer, accept=accept, now=now)))
            continue
        (to_accept if accept else to_decline).append(offer)
        totals_of = by_key[_games_key(offer)]
        (totals_of.accepting if accept else totals_of.declining).add(offer)
    left = sorted(
        (o for o in same_games if o.pk not in wanted and o.can_be_answered(now)), key=_when
    )
    campaigns = {o.campaign_id: o.campaign for o in to_accept}
    commitments = [
        (campaigns[pk], conditions_of_use(campaign=campaigns[pk])) for pk in sorted(campaigns)
    ]
    return AnswersPreview(
        to_accept=to_accept,
        to_decline=to_decline,
        cannot=cannot,
        totals=[t for t in totals if t.accepting.packs or t.declining.packs],
        left_to_answer=left,
        commitments=commitments,
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class AnswerRefused(ValidationError):
    """One answer of a selection was refused, so none was written; the message names the pack."""

    def __init__(self, *, reference: str, reason: ValidationError):
        self.reference = reference
        super().__init__(
            "Lot %(reference)s : %(reason)s Aucune réponse de cette sélection n'a été enregistrée.",
            code=reason.code,
            params={"reference": reference, "reason": _lower_first(" ".join(reason.messages))},
        )


@dataclass(frozen=True)
class AnswersOutcome:
    accepted: list[Offer]
    declined: list[Offer]
    unchanged: list[Offer]  # already answered that way (a form sent twice): nothing done


def offers_answer(
    *, association, accept_ids, decline_ids, actor: Actor, commitment: bool
) -> AnswersOutcome:
    """Accept and decline several of the association's offers at once: every answer, or none.

    One commitment covers every pack accepted. An offer of another association →
    Offer.DoesNotExist; any answer refused (deadline passed, pack withdrawn, already answered the
    other way) → `AnswerRefused` naming its pack, and nothing is written. The same selection sent
    twice changes nothing the second time (`unchanged`).
    """
    accept, decline = _selection(accept_ids, decline_ids)
    if accept and not commitment:
        raise ValidationError(
            "Pour accepter ces lots, cochez l'engagement à respecter les conditions d'utilisation.",
            code="commitment_required",
        )
    wanted = dict.fromkeys(accept, True) | dict.fromkeys(decline, False)
    accepted, declined, unchanged = [], [], []
    with use_case():
        offers = list(
            Offer.objects.select_for_update(of=("self",))
            .filter(pk__in=list(wanted), association=association)
            .select_related("pack")
            .order_by("pk")
        )
        if len(offers) != len(wanted):
            raise Offer.DoesNotExist("Une proposition sélectionnée n'est pas à cette association.")
        list(
            Pack.objects.select_for_update(of=("self",))
            .filter(pk__in=[o.pack_id for o in offers])
            .order_by("pk")
            .only("pk")
        )
        for offer in offers:
            try:
                if wanted[offer.pk]:
                    outcome = offer_accept_write(
                        offer_id=offer.pk,
                        association=association,
                        actor=actor,
                        commitment=commitment,
                    )
                else:
                    outcome = offer_decline_write(
                        offer_id=offer.pk, association=association, actor=actor
                    )
            except ValidationError as exc:
                raise AnswerRefused(reference=offer.pack.reference, reason=exc) from exc
            if not outcome.changed:
                unchanged.append(outcome.offer)
            else:
                (accepted if wanted[offer.pk] else declined).append(outcome.offer)
    return AnswersOutcome(accepted=accepted, declined=declined, unchanged=unchanged)
