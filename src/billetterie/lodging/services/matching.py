"""The operator's matching: launch a run, adjust its drafts, publish them, abandon it; cancel a
live placement.

One run at a time per campaign is computed (the campaign row is locked to start one). A run whose
worker stopped (`run_stuck`: no worker took it, or silent well past its time limit) no longer
blocks: launching a new run marks it failed, and it may be abandoned. Edits and
publication lock the run; publication also locks the campaign, so that two publications never
give the same beds twice, and refuses a run whose instance no longer holds (`run_staleness`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from billetterie.campaigns.models import Campaign
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.plural import plural
from billetterie.core.usecase import Actor, actor_user, use_case
from billetterie.lodging.instance import host_id, need_id
from billetterie.lodging.links import lodging_link
from billetterie.lodging.matching.model import distance_km, group_from, host_from
from billetterie.lodging.messages import (
    PLACEMENT_CANCELLED,
    PLACEMENT_PROPOSED_GUEST,
    PLACEMENT_PROPOSED_HOST,
)
from billetterie.lodging.models import (
    LIVE,
    HostOffer,
    MatchingRun,
    Need,
    Placement,
    PlacementStatus,
    RunStatus,
)
from billetterie.lodging.nights import stay_words
from billetterie.lodging.selectors.backoffice import (
    RUNNING,
    STUCK_ERROR,
    TIME_LIMITS,
    placement_refusal,
    run_staleness,
    run_stuck,
)
from billetterie.lodging.tasks import lodging_run_execute
from billetterie.outbox.referents import referents_tell

REASON_MAX = 300


def run_start(*, campaign, time_limit: int, actor: Actor) -> MatchingRun:
    """Queue a matching run; the worker reads the needs and offers when it starts."""
    if time_limit not in TIME_LIMITS:
        raise ValidationError({"time_limit": "Choisissez 10, 30 ou 60 secondes."})
    with use_case():
        Campaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
        waiting = MatchingRun.objects.select_for_update(of=("self",)).filter(
            campaign=campaign, status__in=RUNNING
        )
        for previous in waiting:
            if not run_stuck(previous):
                raise ValidationError(
                    "Un calcul est déjà en cours pour cette campagne : attendez qu'il se termine."
                )
            _fail_stuck(previous, actor=actor)
        run = MatchingRun.objects.create(
            campaign=campaign,
            time_limit=float(time_limit),
            progress="En attente d'un travailleur",
            created_by=actor_user(actor),
            created_at=clock.now(),
            heartbeat_at=timezone.now(),
        )
        audit_log(
            action="lodging.run_started",
            actor=actor,
            subject=run,
            campaign_id=campaign.pk,
            details={"time_limit": time_limit},
        )
        run_id = run.pk
        transaction.on_commit(lambda: lodging_run_execute.enqueue(run_id))
    return run


def _fail_stuck(run: MatchingRun, *, actor: Actor) -> None:
    """A stuck run (locked) is failed, so that it blocks nothing; its worker, should it come
    back, finds it no longer waiting or computing and leaves it."""
    run.status, run.progress, run.error = RunStatus.FAILED, "Échec", STUCK_ERROR
    run.finished_at = clock.now()
    run.save(update_fields=["status", "progress", "error", "finished_at"])
    audit_log(
        action="lodging.run_failed",
        actor=actor,
        subject=run,
        campaign_id=run.campaign_id,
        details={"error": "ne répond plus"},
    )


def _locked_run(run: MatchingRun, *, statuses=(RunStatus.DONE,)) -> MatchingRun:
    locked = MatchingRun.objects.select_for_update(of=("self",)).get(pk=run.pk)
    if locked.status not in statuses:
        raise ValidationError(
            f"Ce calcul est « {locked.get_status_display().lower()} » : il ne se modifie plus."
        )
    return locked


def _draft(run: MatchingRun, placement_id: int) -> Placement:
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .filter(run=run, status=PlacementStatus.DRAFT, pk=placement_id)
        .first()
    )
    if placement is None:
        raise ValidationError("Cette proposition n'est plus dans le calcul : rien n'a changé.")
    return placement


def _offer_of(run: MatchingRun, offer_id: int) -> HostOffer:
    offer = HostOffer.objects.filter(campaign_id=run.campaign_id, pk=offer_id).first()
    if offer is None:
        raise ValidationError({"offer": "Choisissez un hébergeur de la liste."})
    return offer


def _refuse_if_impossible(run, need_pk: int, offer: HostOffer, *, excluding=None) -> None:
    reason = placement_refusal(run, need_id(need_pk), host_id(offer.pk), excluding=excluding)
    if reason is not None:
        raise ValidationError(
            {"offer": f"« {offer.place_name} » ne peut pas accueillir ce groupe : {reason}."}
        )


def placement_move(*, run: MatchingRun, placement_id: int, offer_id: int, actor: Actor):
    """Move a draft to another host of the run that can take the group."""
    with use_case():
        run = _locked_run(run)
        placement = _draft(run, placement_id)
        offer = _offer_of(run, offer_id)
        if offer.pk == placement.offer_id:
            raise ValidationError({"offer": "Le groupe est déjà chez cet hébergeur."})
        _refuse_if_impossible(run, placement.need_id, offer, excluding=placement.pk)
        before = placement.offer_id
        placement.offer = offer
        placement.distance_km = _distance(run, placement.need_id, offer.pk)
        placement.save(update_fields=["offer", "distance_km"])
        audit_log(
            action="lodging.placement_moved",
            actor=actor,
            subject=placement,
            campaign_id=run.campaign_id,
            details={"need": placement.need_id, "from": before, "to": offer.pk},
        )
    return placement


def placement_remove(*, run: MatchingRun, placement_id: int, actor: Actor) -> None:
    with use_case():
        run = _locked_run(run)
        placement = _draft(run, placement_id)
        details = {"need": placement.need_id, "host_offer": placement.offer_id}
        audit_log(
            action="lodging.placement_removed",
            actor=actor,
            subject=run,
            campaign_id=run.campaign_id,
            details=details,
        )
        placement.delete()


def placement_add(*, run: MatchingRun, need_pk: int, offer_id: int, actor: Actor) -> Placement:
    """Put a group the run left unplaced with a host that can take it."""
    with use_case():
        run = _locked_run(run)
        groups = {g["id"] for g in (run.instance or {}).get("groups", [])}
        if need_id(need_pk) not in groups:
            raise ValidationError("Ce besoin ne faisait pas partie de ce calcul.")
        if run.placements.filter(status=PlacementStatus.DRAFT, need_id=need_pk).exists():
            raise ValidationError("Ce groupe est déjà placé dans ce calcul : déplacez-le plutôt.")
        offer = _offer_of(run, offer_id)
        _refuse_if_impossible(run, need_pk, offer)
        placement = Placement.objects.create(
            campaign_id=run.campaign_id,
            run=run,
            need_id=need_pk,
            offer=offer,
            distance_km=_distance(run, need_pk, offer.pk),
            status=PlacementStatus.DRAFT,
        )
        audit_log(
            action="lodging.placement_added",
            actor=actor,
            subject=placement,
            campaign_id=run.campaign_id,
            details={"need": need_pk, "host_offer": offer.pk},
        )
    return placement


def _distance(run: MatchingRun, need_pk: int, offer_pk: int) -> float | None:
    from_instance = {g["id"]: g for g in (run.instance or {}).get("groups", [])}
    hosts = {h["id"]: h for h in (run.instance or {}).get("hosts", [])}
    group, host = from_instance.get(need_id(need_pk)), hosts.get(host_id(offer_pk))
    if group is None or host is None:
        return None
    km = distance_km(group_from(group), host_from(host))
    return None if km is None else round(km, 1)


def run_abandon(*, run: MatchingRun, actor: Actor) -> None:
    """Drop a run and its drafts (hand adjustments included): a computed or failed run, one
    still waiting for a worker, or a stuck one. Published placements are not touched."""
    with use_case():
        locked = MatchingRun.objects.select_for_update(of=("self",)).get(pk=run.pk)
        statuses = (RunStatus.QUEUED, RunStatus.DONE, RunStatus.FAILED)
        run = locked if run_stuck(locked) else _locked_run(locked, statuses=statuses)
        drafts = run.placements.filter(status=PlacementStatus.DRAFT)
        count = drafts.count()
        drafts.delete()
        run.status = RunStatus.ABANDONED
        run.save(update_fields=["status"])
        audit_log(
            action="lodging.run_abandoned",
            actor=actor,
            subject=run,
            campaign_id=run.campaign_id,
            details={"placements": count},
        )


def _stay(need) -> str:
    return f"{stay_words(need.first_night, need.last_night)}, {plural(need.persons, 'personne')}"


def _ages(need) -> str:
    if not need.youth:
        return plural(need.supervisors, "encadrant")
    return (
        f"{plural(need.youth, 'jeune')} de {need.age_min} à {need.age_max} ans et "
        f"{plural(need.supervisors, 'encadrant')}"
    )


def run_publish(*, run: MatchingRun, actor: Actor) -> dict:
    """Drafts → pending, one message to each association on each side. Refused when the run's
    instance no longer holds (the list of what changed is the error)."""
    with use_case():
        Campaign.objects.select_for_update(of=("self",)).get(pk=run.campaign_id)
        run = _locked_run(run)
        drafts = list(
            run.placements.filter(status=PlacementStatus.DRAFT).select_related(
                "need", "need__association", "offer", "offer__association"
            )
        )
        if not drafts:
            raise ValidationError("Ce calcul ne propose aucun hébergement : rien à publier.")
        # The rows the guests' and hosts' own changes lock (a stay edited or withdrawn, beds
        # lowered, an offer withdrawn): they wait for this publication, or it waits for them and
        # then sees what they changed.
        list(
            Need.objects.select_for_update(of=("self",))
            .filter(pk__in=sorted({p.need_id for p in drafts}))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        list(
            HostOffer.objects.select_for_update(of=("self",))
            .filter(pk__in=sorted({p.offer_id for p in drafts}))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        changes = run_staleness(run)
        if changes:
            raise ValidationError(
                [
                    "Ce calcul n'est plus à jour : rien n'a été publié. Depuis le calcul :",
                    *changes,
                    "Lancez un nouveau calcul.",
                ],
                code="stale",
            )
        now = clock.now()
        Placement.objects.filter(pk__in=[p.pk for p in drafts]).update(
            status=PlacementStatus.PENDING, published_at=now
        )
        run.status, run.published_at, run.published_by = RunStatus.PUBLISHED, now, actor_user(actor)
        run.save(update_fields=["status", "published_at", "published_by"])
        link = lodging_link(run.campaign)
        guests: dict[int, list] = {}
        hosts: dict[int, list] = {}
        for p in drafts:
            guests.setdefault(p.need.association_id, []).append(p)
            hosts.setdefault(p.offer.association_id, []).append(p)
        messages = 0
        for association_id, placements in guests.items():
            lines = [
                f"- {_stay(p.need)} : « {p.offer.place_name} », {p.offer.town}" for p in placements
            ]
            messages += len(
                referents_tell(
                    code=PLACEMENT_PROPOSED_GUEST,
                    association_id=association_id,
                    values={
                        "association": placements[0].need.association.name,
                        "sejours": "\n".join(lines),
                        "lien": link,
                    },
                    key=f"lodging.proposed_guest:{run.pk}:{association_id}",
                    campaign=run.campaign,
                    about=run,
                )
            )
        for association_id, placements in hosts.items():
            lines = [
                f"- « {p.offer.place_name} » : {stay_words(p.need.first_night, p.need.last_night)}, "
                f"{_ages(p.need)}, venus de {p.need.association.town}"
                for p in placements
            ]
            messages += len(
                referents_tell(
                    code=PLACEMENT_PROPOSED_HOST,
                    association_id=association_id,
                    values={
                        "association": placements[0].offer.association.name,
                        "groupes": "\n".join(lines),
                        "lien": link,
                    },
                    key=f"lodging.proposed_host:{run.pk}:{association_id}",
                    campaign=run.campaign,
                    about=run,
                )
            )
        weight = {
            "placements": len(drafts),
            "associations": len(guests),
            "hosts": len(hosts),
            "messages": messages,
        }
        audit_log(
            action="lodging.run_published",
            actor=actor,
            subject=run,
            campaign_id=run.campaign_id,
            details=weight,
        )
    return weight


def placement_cancel(*, campaign, placement_id: int, reason: str, actor: Actor) -> Placement:
    """The operator cancels a live placement (pending or accepted): both sides are told, the
    beds are free again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Indiquez le motif de l'annulation : les deux côtés le liront."}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"Le motif tient en {REASON_MAX} caractères au plus."})
    with use_case():
        placement = (
            Placement.objects.select_for_update(of=("self",))
            .select_related("need", "need__association", "offer", "offer__association")
            .get(campaign=campaign, pk=placement_id)
        )
        if placement.status not in LIVE:
            raise ValidationError(
                f"Cette proposition est « {placement.get_status_display().lower()} » : "
                "elle ne s'annule plus."
            )
        before = placement.status
        placement.status, placement.closed_at = PlacementStatus.CANCELLED, clock.now()
        placement.refusal_reason = reason
        placement.save(update_fields=["status", "closed_at", "refusal_reason"])
        need, offer = placement.need, placement.offer
        stay = f"{_stay(need)}, {offer.town}"
        link = lodging_link(campaign)
        for association in (need.association, offer.association):
            referents_tell(
                code=PLACEMENT_CANCELLED,
                association_id=association.pk,
                values={
                    "association": association.name,
                    "sejour": stay,
                    "motif": reason,
                    "lien": link,
                },
                key=f"lodging.cancelled:{placement.pk}:{association.pk}",
                campaign=campaign,
                about=placement,
            )
        audit_log(
            action="lodging.placement_cancelled",
            actor=actor,
            subject=placement,
            campaign_id=campaign.pk,
            details={"status": before, "reason": reason},
        )
    return placement
