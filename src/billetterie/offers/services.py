"""Writes on offers: create, answer, extend, give back, expire and remind — each locked and audited;
what the association must hear of (offers made, extended, expired, reminders) is queued as a
message in the same transaction (`offers.notifications`)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone

from billetterie.core import clock, hooks
from billetterie.core.audit import audit_log
from billetterie.core.plural import shortened
from billetterie.core.usecase import Actor, actor_user, skip_busy, use_case
from billetterie.inventory.models import Pack, PackStatus
from billetterie.members.models import Association
from billetterie.offers import notifications
from billetterie.offers.continuous import next_association_for
from billetterie.offers.deadlines import can_be_given_back, give_back_deadline, reminder_due
from billetterie.offers.models import LIVE_STATUSES, Offer, OfferStatus
from billetterie.requests.models import Application

# The one source allowed to offer a prestige pack (see `offers_create`).
PRESTIGE_SOURCE = "contest"


class PoolChanged(ValidationError):
    """Some packs left the pool since the proposal was computed; nothing was written.

    The packs are named by their reference, the first ten of them, then how many more: a wave of
    600 packs that fails on 600 does not print 600 numbers."""

    def __init__(self, references: list[str]):
        self.references = references
        count = len(references)
        super().__init__(
            "%(what)s : %(refs)s. Aucune proposition n'a été envoyée ; relancez le calcul sur "
            "les lots restants.",
            code="pool_changed",
            params={
                "what": "Ce lot n'est plus disponible"
                if count == 1
                else f"Ces {count} lots ne sont plus disponibles",
                "refs": shortened(references, limit=10),
            },
        )


def _references_already_offered(pack_ids: list[int]) -> list[str]:
    """After the one-live-offer constraint refused a write: the packs that already had an offer
    (all of the packs, by reference, if none can be found: another transaction may hold them)."""
    offered = sorted(
        Offer.objects.filter(pack_id__in=pack_ids, status__in=LIVE_STATUSES).values_list(
            "pack__reference", flat=True
        )
    )
    return offered or sorted(
        Pack.objects.filter(pk__in=pack_ids).values_list("reference", flat=True)
    )


@dataclass(frozen=True)
class OfferOutcome:
    """The offer after the action; `changed` is False when the same action had already been done."""

    offer: Offer
    changed: bool


def _local(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y à H:i")


def _lock_offer(*, offer_id: int, **scope) -> Offer:
    """Lock one offer row, scoped (association or campaign); another's offer → Offer.DoesNotExist."""
    return Offer.objects.select_for_update(of=("self",)).get(pk=offer_id, **scope)


def offers_create(
    *,
    campaign,
    pairs: list[tuple[int, int]],
    run=None,
    actor: Actor,
    reoffer_of: Offer | None = None,
    source: str = "",
) -> list[Offer]:
    """Offer each pack to its association, inside the caller's transaction (a publish, a release).

    The packs are locked in primary-key order, then re-checked: every one must still be available
    in this campaign, or `PoolChanged` is raised and nothing is written. Prestige packs are kept
    for the contest: only an offer whose `source` is "contest" (`offer_single`) may carry one, so
    no wave, move or re-offer ever hands one out.
    """
    if not pairs:
        return []
    pack_ids = [pack_id for pack_id, _ in pairs]
    if len(set(pack_ids)) != len(pack_ids):
        raise ValidationError("Un même lot ne peut pas être proposé deux fois.", code="duplicate")
    association_ids = {association_id for _, association_id in pairs}
    known = set(
        Association.objects.filter(
            pk__in=association_ids, operator_id=campaign.operator_id
        ).values_list("pk", flat=True)
    )
    if association_ids - known:
        raise ValidationError(
            "Une association de la proposition n'appartient pas à cet opérateur.",
            code="unknown_association",
        )
    try:
        with transaction.atomic():
            locked = {
                p.pk: p
                for p in Pack.objects.select_for_update(of=("self",))
                .filter(pk__in=pack_ids)
                .order_by("pk")
            }
            gone = [
                locked[pk].reference if pk in locked else "un lot supprimé depuis"
                for pk in sorted(pack_ids)
                if pk not in locked
                or locked[pk].campaign_id != campaign.pk
                or locked[pk].status != PackStatus.AVAILABLE
                or (locked[pk].is_prestige and source != PRESTIGE_SOURCE)
            ]
            if gone:
                raise PoolChanged(gone)
            sent_at = clock.now()
            expires_at = sent_at + dt.timedelta(days=campaign.response_delay_days)
            offers = []
            for pack_id, association_id in sorted(pairs):
                offer = Offer.objects.create(
                    campaign=campaign,
                    pack_id=pack_id,
                    association_id=association_id,
                    run=run,
                    status=OfferStatus.PENDING,
                    sent_at=sent_at,
                    expires_at=expires_at,
                )
                offer.pack = locked[pack_id]
                offers.append(offer)
            Pack.objects.filter(pk__in=pack_ids).update(status=PackStatus.OFFERED)
            _applications_answered(campaign=campaign, pairs=pairs, sent_at=sent_at)
            for offer in offers:
                details = {
                    "pack": offer.pack.reference,
                    "association": offer.association_id,
                    "deadline": expires_at.isoformat(),
                }
                if run is not None:
                    details["run"] = run.pk
                if reoffer_of is not None:
                    details["after_offer"] = reoffer_of.pk
                    details["released_by"] = reoffer_of.association_id
                if source:
                    details["source"] = source
                audit_log(
                    action="offer.reoffered" if reoffer_of is not None else "offer.created",
                    actor=actor,
                    subject=offer,
                    details=details,
                )
            notifications.offers_made_queue(offers=offers)
    except IntegrityError as exc:
        # The one-live-offer-per-pack constraint: the backstop if a pack escaped the lock.
        raise PoolChanged(_references_already_offered(pack_ids)) from exc
    return offers


def offer_single(*, pack: Pack, association, actor: Actor, source: str) -> Offer:
    """Offer ONE given pack to ONE association outside any wave, inside the caller's transaction.

    The same offer as a wave's: the campaign's response delay, the « Lots proposés » message, the
    commitment to the conditions and the referent's answer on the usual page. `source` says who
    decided it ("contest": a prestige pack for a contest winner) and goes to the journal.
    """
    [offer] = offers_create(
        campaign=pack.campaign,
        pairs=[(pack.pk, association.pk)],
        actor=actor,
        source=source,
    )
    return offer


def _applications_answered(*, campaign, pairs, sent_at) -> None:
    """The applications these packs answer can no longer be edited by their associations."""
    games_of = dict(
        Pack.objects.filter(pk__in=[p for p, _ in pairs]).values_list("pk", "session__games_id")
    )
    for association_id, games_id in sorted({(a, games_of[p]) for p, a in pairs}):
        Application.objects.filter(
            campaign=campaign,
            association_id=association_id,
            games_id=games_id,
            first_offer_at__isnull=True,
        ).update(first_offer_at=sent_at)


def _release_to_pool(*, offer: Offer, from_status: str, actor: Actor, outcome: str) -> Offer | None:
    """The pack goes back to the pool; in continuous mode it is offered at once to the next one.
    Then the apps above hear that the offer ended (`offer_closed`: the contest passes a prestige
    pack to its next winner, which the continuous mode never does)."""
    Pack.objects.filter(pk=offer.pack_id, status=from_status).update(status=PackStatus.AVAILABLE)
    campaign = offer.campaign
    association_id = next_association_for(pack_id=offer.pack_id, campaign=campaign)
    new_offer = None
    if association_id is not None:
        [new_offer] = offers_create(
            campaign=campaign,
            pairs=[(offer.pack_id, association_id)],
            actor=actor,
            reoffer_of=offer,
        )
    hooks.offer_closed.fire(offer_id=offer.pk, pack_id=offer.pack_id, outcome=outcome, actor=actor)
    return new_offer


def _refuse_answer(offer: Offer, now: dt.datetime) -> None:
    """Raise the French reason why this offer cannot be answered any more."""
    if offer.status in (OfferStatus.PENDING, OfferStatus.EXPIRED):
        raise ValidationError(
            "Le délai est passé : la réponse était attendue avant le %(deadline)s.",
            code="deadline_passed",
            params={"deadline": _local(offer.expires_at)},
        )
    reasons = {
        OfferStatus.ACCEPTED: "Ce lot est déjà accepté. Pour le libérer, utilisez « Rendre ce lot ».",
        OfferStatus.DECLINED: "Vous vous êtes déjà désisté de ce lot : il ne peut plus être accepté.",
        OfferStatus.GIVEN_BACK: "Ce lot a déjà été rendu : il n'attend plus de réponse.",
    }
    raise ValidationError(reasons[offer.status], code="not_answerable")


def offer_accept(*, offer_id: int, association, actor: Actor, commitment: bool) -> OfferOutcome:
    """Accept one pack, whole, with the commitment to the conditions of use."""
    with use_case():
        return offer_accept_write(
            offer_id=offer_id, association=association, actor=actor, commitment=commitment
        )


def offer_accept_write(
    *, offer_id: int, association, actor: Actor, commitment: bool
) -> OfferOutcome:
    """The same, inside the caller's transaction (several answers at once: `offers.answers`)."""
    offer = _lock_offer(offer_id=offer_id, association=association)
    if offer.status == OfferStatus.ACCEPTED:
        return OfferOutcome(offer, changed=False)
    now = clock.now()
    if not offer.can_be_answered(now):
        _refuse_answer(offer, now)
    if not commitment:
        raise ValidationError(
            "Pour accepter ce lot, cochez l'engagement à respecter les conditions d'utilisation.",
            code="commitment_required",
        )
    moved = Pack.objects.filter(pk=offer.pack_id, status=PackStatus.OFFERED).update(
        status=PackStatus.ACCEPTED
    )
    if not moved:
        raise ValidationError(
            "Ce lot a été retiré par l'opérateur : il ne peut plus être accepté.",
            code="pack_withdrawn",
        )
    offer.status = OfferStatus.ACCEPTED
    offer.answered_at = now
    offer.answered_by = actor_user(actor)
    offer.commitment_accepted = True
    offer.save(update_fields=["status", "answered_at", "answered_by", "commitment_accepted"])
    audit_log(
        action="offer.accepted",
        actor=actor,
        subject=offer,
        details={"pack": offer.pack.reference, "commitment": True},
    )
    hooks.offer_closed.fire(
        offer_id=offer.pk, pack_id=offer.pack_id, outcome="accepted", actor=actor
    )
    return OfferOutcome(offer, changed=True)


def offer_decline(*, offer_id: int, association, actor: Actor) -> OfferOutcome:
    """Decline one pack: it returns to the pool (and, in continuous mode, goes to the next one)."""
    with use_case():
        return offer_decline_write(offer_id=offer_id, association=association, actor=actor)


def offer_decline_write(*, offer_id: int, association, actor: Actor) -> OfferOutcome:
    """The same, inside the caller's transaction (several answers at once: `offers.answers`)."""
    offer = _lock_offer(offer_id=offer_id, association=association)
    if offer.status == OfferStatus.DECLINED:
        return OfferOutcome(offer, changed=False)
    now = clock.now()
    if not offer.can_be_answered(now):
        if offer.status == OfferStatus.ACCEPTED:
            raise ValidationError(
                "Ce lot est déjà accepté. Pour le libérer, utilisez « Rendre ce lot ».",
                code="already_accepted",
            )
        _refuse_answer(offer, now)
    offer.status = OfferStatus.DECLINED
    offer.answered_at = now
    offer.answered_by = actor_user(actor)
    offer.save(update_fields=["status", "answered_at", "answered_by"])
    audit_log(
        action="offer.declined",
        actor=actor,
        subject=offer,
        details={"pack": offer.pack.reference},
    )
    _release_to_pool(offer=offer, from_status=PackStatus.OFFERED, actor=actor, outcome="declined")
    return OfferOutcome(offer, changed=True)


def offer_extend(
    *, offer_id: int, campaign, new_deadline: dt.datetime, actor: Actor, reason: str
) -> OfferOutcome:
    """The operator moves a pending offer's deadline; reminders are due again for the new one."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Indiquez le motif de la prolongation.", code="reason_required")
    if timezone.is_naive(new_deadline):
        new_deadline = timezone.make_aware(new_deadline)
    with use_case():
        offer = _lock_offer(offer_id=offer_id, campaign=campaign)
        if offer.status != OfferStatus.PENDING:
            raise ValidationError(
                "Seule une proposition en attente de réponse peut être prolongée.",
                code="not_pending",
            )
        if offer.expires_at == new_deadline:
            return OfferOutcome(offer, changed=False)
        if new_deadline <= clock.now():
            raise ValidationError(
                "La nouvelle échéance doit être postérieure à maintenant.", code="deadline_in_past"
            )
        previous = offer.expires_at
        offer.expires_at = new_deadline
        offer.reminder_early_sent_at = None
        offer.reminder_last_day_sent_at = None
        offer.save(
            update_fields=["expires_at", "reminder_early_sent_at", "reminder_last_day_sent_at"]
        )
        audit_log(
            action="offer.extended",
            actor=actor,
            subject=offer,
            details={
                "pack": offer.pack.reference,
                "previous_deadline": previous.isoformat(),
                "new_deadline": new_deadline.isoformat(),
                "reason": reason,
            },
        )
        notifications.offer_extended_queue(offer=offer, previous=previous, reason=reason)
    return OfferOutcome(offer, changed=True)


def offer_give_back(*, offer_id: int, association, actor: Actor, reason: str) -> OfferOutcome:
    """An association gives back an accepted pack before its Games' nominative deadline."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Indiquez pourquoi vous rendez ce lot.", code="reason_required")
    with use_case():
        offer = _lock_offer(offer_id=offer_id, association=association)
        if offer.status == OfferStatus.GIVEN_BACK:
            return OfferOutcome(offer, changed=False)
        if offer.status != OfferStatus.ACCEPTED:
            raise ValidationError("Seul un lot accepté peut être rendu.", code="not_accepted")
        deadline = give_back_deadline(offer=offer)
        if not can_be_given_back(offer=offer, today=clock.today(), deadline=deadline):
            raise ValidationError(
                "L'échéance des attributions nominatives (%(deadline)s) est passée : ce lot ne "
                "peut plus être rendu ici. Contactez l'opérateur.",
                code="nominative_deadline_passed",
                params={"deadline": formats.date_format(deadline, "j F Y")},
            )
        offer.status = OfferStatus.GIVEN_BACK
        offer.save(update_fields=["status"])
        audit_log(
            action="offer.given_back",
            actor=actor,
            subject=offer,
            details={"pack": offer.pack.reference, "reason": reason},
        )
        # Whatever higher apps attached to the pack for this association (names…) leaves with it.
        hooks.pack_left_association.fire(pack_id=offer.pack_id, actor=actor)
        _release_to_pool(
            offer=offer, from_status=PackStatus.ACCEPTED, actor=actor, outcome="given_back"
        )
    return OfferOutcome(offer, changed=True)


def _offer_expire(*, offer_id: int, now: dt.datetime) -> bool:
    with use_case():
        offer = Offer.objects.select_for_update(of=("self",)).filter(pk=offer_id).first()
        if offer is None or offer.status != OfferStatus.PENDING or offer.expires_at > now:
            return False
        offer.status = OfferStatus.EXPIRED
        offer.save(update_fields=["status"])
        audit_log(
            action="offer.expired",
            actor=None,
            subject=offer,
            details={"pack": offer.pack.reference, "deadline": offer.expires_at.isoformat()},
        )
        notifications.offer_expired_queue(offer=offer)
        _release_to_pool(offer=offer, from_status=PackStatus.OFFERED, actor=None, outcome="expired")
    return True


def offers_expire_due(*, now: dt.datetime) -> int:
    """Expire every pending offer past its deadline, one locked transaction each; safe to repeat."""
    due = Offer.objects.filter(status=OfferStatus.PENDING, expires_at__lte=now).order_by(
        "expires_at", "pk"
    )
    return sum(
        skip_busy(_offer_expire, offer_id=pk, now=now) for pk in due.values_list("pk", flat=True)
    )


def _association_remind(*, offer_ids: list[int], now: dt.datetime) -> bool:
    with use_case():
        offers = list(
            Offer.objects.select_for_update(of=("self",)).filter(pk__in=offer_ids).order_by("pk")
        )
        due = [(offer, reminder_due(offer=offer, now=now)) for offer in offers]
        due = [(offer, kind) for offer, kind in due if kind]
        if not due:
            return False
        for offer, kind in due:
            if kind == "last_day":
                # The last-day reminder supersedes an early one not yet sent.
                offer.reminder_last_day_sent_at = now
                offer.reminder_early_sent_at = offer.reminder_early_sent_at or now
            else:
                offer.reminder_early_sent_at = now
            offer.save(update_fields=["reminder_early_sent_at", "reminder_last_day_sent_at"])
            audit_log(
                action="offer.reminder_sent",
                actor=None,
                subject=offer,
                details={"pack": offer.pack.reference, "reminder": kind},
            )
        kind = "last_day" if any(k == "last_day" for _, k in due) else "early"
        notifications.reminder_queue(offer_ids=[o.pk for o, _ in due], kind=kind)
    return True


def offers_send_reminders(*, now: dt.datetime) -> int:
    """Queue the due reminders, one message per association; each reminder at most once.

    Returns the number of associations reminded.
    """
    candidates = Offer.objects.filter(
        status=OfferStatus.PENDING,
        expires_at__gt=now,
        expires_at__lte=now + dt.timedelta(days=2),
    ).order_by("campaign_id", "association_id", "pk")
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for offer in candidates:
        if reminder_due(offer=offer, now=now):
            groups[(offer.campaign_id, offer.association_id)].append(offer.pk)
    return sum(
        skip_busy(_association_remind, offer_ids=ids, now=now) for _, ids in sorted(groups.items())
    )
