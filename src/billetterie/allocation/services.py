"""Allocation runs: queue one on a frozen instance, adjust it by hand, mark it published, replay it.

The instance a run solves is built by the caller (the offers app knows what each association still
needs) and frozen in the run at creation; the task worker computes it (`compute.py`). Publishing a
run as offers belongs to the offers app, which calls `run_mark_published` in its transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from billetterie.allocation.engine.limits import time_limit_for
from billetterie.allocation.instance import org_key, pack_key
from billetterie.allocation.models import (
    AllocationRun,
    ReplayStatus,
    RunAssignment,
    RunScope,
    RunStatus,
)
from billetterie.allocation.proposal import MoveRefused, move_check, proposal_scores
from billetterie.allocation.selectors import run_pairs
from billetterie.allocation.tasks import allocation_replay_execute, allocation_run_execute
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, actor_user, use_case
from billetterie.requests.models import Channel

# Which applications a run serves: all (the call before the waiting list), or one channel only.
SCOPE_CHANNELS = {
    RunScope.ALL: None,
    RunScope.CALL: [Channel.CALL],
    RunScope.WAITING_LIST: [Channel.WAITING_LIST],
}


def run_create(
    *,
    campaign,
    instance: dict,
    actor: Actor,
    games=None,
    wave=None,
    scope=RunScope.ALL,
    seed: int = 0,
    time_limit: float | None = None,
) -> AllocationRun:
    """Queue a run on `instance` (frozen now); the task worker computes it.

    `time_limit` (seconds, per method): None is automatic, from the size of the instance
    (`engine.limits.time_limit_for`); the value is stored on the run, so a replay uses the same.
    """
    automatic = time_limit is None
    if automatic:
        time_limit = time_limit_for(instance)
    with use_case():
        number = (
            AllocationRun.objects.filter(campaign=campaign).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        run = AllocationRun.objects.create(
            campaign=campaign,
            number=number,
            games=games,
            wave=wave,
            scope=scope,
            seed=seed,
            time_limit=time_limit,
            instance={**instance, "name": f"{campaign.name} — calcul n° {number}"},
            created_by=actor_user(actor),
            created_at=clock.now(),
            progress_label="En attente d'un travailleur",
        )
        audit_log(
            action="allocation.run_started",
            actor=actor,
            subject=run,
            campaign_id=campaign.pk,
            details={
                "number": number,
                "games": games.short_name if games else "tous",
                "scope": scope,
                "seed": seed,
                "time_limit": time_limit,
                "time_limit_auto": automatic,
                "packs": len(instance["packs"]),
                "organisations": len(instance["organisations"]),
            },
        )
        run_id = run.pk
        transaction.on_commit(lambda: allocation_run_execute.enqueue(run_id))
    return run


def run_move_pack(
    *, run: AllocationRun, pack_id: int, association_id: int | None, reason: str, actor: Actor
) -> AllocationRun:
    """Give a pack of the run to another association (or to nobody), with a reason; metrics recomputed.

    A refusal names the input it is about (`pack`, `association`, `reason`), so that a form shows it
    beside that field."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Indiquez le motif du déplacement."})
    with use_case():
        run = AllocationRun.objects.select_for_update(of=("self",)).get(pk=run.pk)
        if run.status != RunStatus.READY:
            raise ValidationError("Ce calcul ne peut plus être modifié.")
        pack_id_key = pack_key(pack_id)
        if pack_id_key not in {p["id"] for p in run.instance["packs"]}:
            raise ValidationError({"pack": "Ce lot ne fait pas partie de ce calcul."})
        current = RunAssignment.objects.filter(run=run, pack_id=pack_id).first()
        pairs = [(p, o) for p, o in run_pairs(run) if p != pack_id_key]
        if association_id is not None:
            org_id_key = org_key(association_id)
            try:
                move_check(
                    instance=run.instance, pairs=pairs, pack_id=pack_id_key, org_id=org_id_key
                )
            except MoveRefused as exc:
                raise ValidationError({"association": str(exc)}) from exc
            pairs.append((pack_id_key, org_id_key))
        previous = current.association_id if current else None
        RunAssignment.objects.filter(run=run, pack_id=pack_id).delete()
        if association_id is not None:
            RunAssignment.objects.create(
                run=run,
                pack_id=pack_id,
                association_id=association_id,
                moved_by_hand=True,
                reason=reason,
            )
        run.metrics = proposal_scores(instance=run.instance, pairs=pairs)["metrics"]
        run.save(update_fields=["metrics"])
        audit_log(
            action="allocation.pack_moved",
            actor=actor,
            subject=run,
            campaign_id=run.campaign_id,
            details={"pack_id": pack_id, "from": previous, "to": association_id, "reason": reason},
        )
    return run


def run_lock_for_publication(*, run: AllocationRun) -> AllocationRun | None:
    """Inside the caller's transaction: the run, locked, if it can be published; None if it was.

    A run already published returns None (a replayed form: nothing to do); any other state than
    "ready" is refused.
    """
    run = (
        AllocationRun.objects.select_for_update(of=("self",))
        .select_related("campaign")
        .get(pk=run.pk)
    )
    if run.status == RunStatus.PUBLISHED:
        return None
    if run.status != RunStatus.READY:
        raise ValidationError("Seul un calcul terminé et relu peut être publié.")
    return run


def run_mark_published(*, run: AllocationRun, actor: Actor, offers: int, associations: int) -> None:
    """Inside the caller's transaction, after the offers were created: the run is frozen."""
    run.status, run.published_at = RunStatus.PUBLISHED, clock.now()
    run.published_by = actor_user(actor)
    run.save(update_fields=["status", "published_at", "published_by"])
    audit_log(
        action="allocation.published",
        actor=actor,
        subject=run,
        campaign_id=run.campaign_id,
        details={"offers": offers, "associations": associations},
    )


def run_discard(*, run: AllocationRun, actor: Actor) -> None:
    with use_case():
        run = AllocationRun.objects.select_for_update(of=("self",)).get(pk=run.pk)
        if run.is_final:
            return
        run.status = RunStatus.DISCARDED
        run.save(update_fields=["status"])
        audit_log(
            action="allocation.discarded", actor=actor, subject=run, campaign_id=run.campaign_id
        )


def run_replay_request(*, run: AllocationRun, actor: Actor) -> AllocationRun:
    """Queue the replay check: the worker solves the frozen instance again and compares."""
    with use_case():
        run = AllocationRun.objects.select_for_update(of=("self",)).get(pk=run.pk)
        if run.instance is None or run.result is None:
            raise ValidationError("Ce calcul n'a pas encore de résultat à vérifier.")
        if run.replay_status in (ReplayStatus.QUEUED, ReplayStatus.RUNNING):
            return run
        run.replay_status, run.replay_checked_at = ReplayStatus.QUEUED, None
        run.save(update_fields=["replay_status", "replay_checked_at"])
        audit_log(
            action="allocation.replay_requested",
            actor=actor,
            subject=run,
            campaign_id=run.campaign_id,
        )
        run_id = run.pk
        transaction.on_commit(lambda: allocation_replay_execute.enqueue(run_id))
    return run
