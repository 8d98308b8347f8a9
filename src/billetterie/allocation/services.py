"""Allocation runs: start, compute (in a worker), adjust by hand, publish as offers, replay."""

import json
import logging
import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from billetterie.allocation.engine import solve, validate_instance
from billetterie.allocation.instance import (
    association_pk,
    instance_for_campaign,
    org_key,
    pack_key,
    pack_pk,
)
from billetterie.allocation.methods import BASELINES, METHOD_LABELS
from billetterie.allocation.models import AllocationRun, RunAssignment, RunScope, RunStatus
from billetterie.allocation.proposal import MoveRefused, move_check, proposal_scores
from billetterie.allocation.selectors import run_pairs
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.requests.models import Channel

logger = logging.getLogger(__name__)


def _progress(run_id: int, percent: int, label: str) -> None:
    # Its own short write, outside any long transaction, so the page can show it while we compute.
    AllocationRun.objects.filter(pk=run_id).update(progress=percent, progress_label=label)


SCOPE_CHANNELS = {
    RunScope.ALL: None,
    RunScope.CALL: [Channel.CALL],
    RunScope.WAITING_LIST: [Channel.WAITING_LIST],
}


def run_create(
    *,
    campaign,
    actor,
    games=None,
    wave=None,
    scope=RunScope.ALL,
    seed: int = 0,
    time_limit: float = 60.0,
) -> AllocationRun:
    """Queue a run over the current pool; the computation happens in the background task."""
    from billetterie.allocation.tasks import allocation_run_execute

    with transaction.atomic():
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
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
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
            },
        )
        run_id = run.pk
        transaction.on_commit(lambda: allocation_run_execute.enqueue(run_id))
    return run


def run_execute(*, run_id: int) -> AllocationRun:
    """Build the instance, solve with the rule and the baselines, store everything. Safe to retry."""
    run = AllocationRun.objects.select_related("campaign", "games").get(pk=run_id)
    # Compare-and-set: of two workers (or a worker and the command) only one computes.
    claimed = AllocationRun.objects.filter(
        pk=run_id, status__in=[RunStatus.QUEUED, RunStatus.FAILED]
    ).update(status=RunStatus.RUNNING, error="")
    if not claimed:
        return run
    try:
        _progress(run_id, 5, "Préparation des données (lots disponibles, demandes restantes)")
        instance = instance_for_campaign(
            campaign=run.campaign,
            games=run.games,
            channels=SCOPE_CHANNELS[run.scope],
            name=f"{run.campaign.name} — calcul n° {run.number}",
        )
        # Validated once, then shared by the four methods; the engine's own hash names the instance.
        validated = validate_instance(instance)
        _progress(run_id, 15, "Calcul de l'attribution selon la règle de la campagne")
        result = solve(
            validated, method="nash", seed=run.seed, time_limit=run.time_limit, timing=False
        )
        comparison = {"nash": _summary(result, seconds=None)}
        for i, method in enumerate(BASELINES):
            _progress(run_id, 60 + 12 * i, f"Comparaison : {METHOD_LABELS[method].lower()}")
            started = time.monotonic()
            other = solve(
                validated, method=method, seed=run.seed, time_limit=run.time_limit, timing=False
            )
            comparison[method] = _summary(other, seconds=time.monotonic() - started)
        _progress(run_id, 97, "Enregistrement de la proposition")
        with transaction.atomic():
            run = AllocationRun.objects.select_for_update().get(pk=run_id)
            RunAssignment.objects.filter(run=run).delete()
            RunAssignment.objects.bulk_create(
                RunAssignment(
                    run=run,
                    pack_id=pack_pk(a["pack"]),
                    association_id=association_pk(a["organisation"]),
                )
                for a in result["assignments"]
            )
            run.instance, run.instance_sha256, run.result, run.comparison = (
                instance,
                validated.sha256,
                result,
                comparison,
            )
            run.metrics = result["metrics"]
            run.status, run.progress, run.progress_label = RunStatus.READY, 100, "Terminé"
            run.finished_at = clock.now()
            run.save()
            audit_log(
                action="allocation.run_finished",
                subject=run,
                campaign_id=run.campaign_id,
                details={
                    k: result["metrics"].get(k)
                    for k in ("tickets_offered", "tickets_allocated", "organisations_served")
                },
            )
    except Exception as exc:
        logger.exception("allocation run %s failed", run_id)
        with transaction.atomic():
            AllocationRun.objects.filter(pk=run_id).update(
                status=RunStatus.FAILED, progress=100, progress_label="Échec", error=str(exc)[:2000]
            )
            audit_log(
                action="allocation.run_failed",
                subject=run,
                campaign_id=run.campaign_id,
                details={"error": type(exc).__name__},
            )
        raise
    return run


def _summary(result: dict, *, seconds: float | None) -> dict:
    tiers = result["objective"]["tiers"]
    gaps = [t["gap"] for t in tiers if t.get("gap") is not None]
    return {
        **result["metrics"],
        "status": result["status"],
        "gap": max(gaps) if gaps else None,
        "seconds": round(seconds, 2) if seconds is not None else None,
    }


def run_move_pack(
    *, run: AllocationRun, pack_id: int, association_id: int | None, reason: str, actor
) -> AllocationRun:
    """Give a pack of the run to another association (or to nobody), with a reason; metrics recomputed."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Indiquez le motif du déplacement.")
    with transaction.atomic():
        run = AllocationRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.READY:
            raise ValidationError("Ce calcul ne peut plus être modifié.")
        pack_id_key = pack_key(pack_id)
        if pack_id_key not in {p["id"] for p in run.instance["packs"]}:
            raise ValidationError("Ce lot ne fait pas partie de ce calcul.")
        current = RunAssignment.objects.filter(run=run, pack_id=pack_id).first()
        pairs = [(p, o) for p, o in run_pairs(run) if p != pack_id_key]
        if association_id is not None:
            org_id_key = org_key(association_id)
            try:
                move_check(
                    instance=run.instance, pairs=pairs, pack_id=pack_id_key, org_id=org_id_key
                )
            except MoveRefused as exc:
                raise ValidationError(str(exc)) from exc
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


def run_publish(*, run: AllocationRun, actor) -> list:
    """Turn the proposal into offers (pack locks and pool re-check happen in offers_create)."""
    from billetterie.offers.services import offers_create

    with transaction.atomic():
        run = AllocationRun.objects.select_for_update().select_related("campaign").get(pk=run.pk)
        if run.status == RunStatus.PUBLISHED:
            return []  # a replayed form: already done
        if run.status != RunStatus.READY:
            raise ValidationError("Seul un calcul terminé et relu peut être publié.")
        pairs = list(run.assignments.order_by("pack_id").values_list("pack_id", "association_id"))
        offers = offers_create(campaign=run.campaign, pairs=pairs, run=run, actor=actor)
        run.status, run.published_at = RunStatus.PUBLISHED, clock.now()
        run.published_by = actor if getattr(actor, "is_authenticated", False) else None
        run.save(update_fields=["status", "published_at", "published_by"])
        audit_log(
            action="allocation.published",
            actor=actor,
            subject=run,
            campaign_id=run.campaign_id,
            details={"offers": len(offers), "associations": len({a for _, a in pairs})},
        )
    return offers


def run_discard(*, run: AllocationRun, actor) -> None:
    with transaction.atomic():
        run = AllocationRun.objects.select_for_update().get(pk=run.pk)
        if run.status in (RunStatus.PUBLISHED, RunStatus.DISCARDED):
            return
        run.status = RunStatus.DISCARDED
        run.save(update_fields=["status"])
        audit_log(
            action="allocation.discarded", actor=actor, subject=run, campaign_id=run.campaign_id
        )


def run_replay_matches(*, run: AllocationRun) -> bool:
    """Solve the frozen instance again with the frozen seed: the result must be byte-identical."""
    if run.instance is None or run.result is None:
        return False
    again = solve(
        run.instance, method="nash", seed=run.seed, time_limit=run.time_limit, timing=False
    )
    # PostgreSQL's jsonb reorders object keys: compare the canonical form, byte for byte.
    return _canonical(again) == _canonical(run.result)


def _canonical(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
