"""The allocation computation, run by the task worker: solve a run's frozen instance, store it."""

import json
import logging
import time

from django.db import transaction

from billetterie.allocation.engine import solve, validate_instance
from billetterie.allocation.instance import association_pk, pack_pk
from billetterie.allocation.methods import BASELINES, METHOD_LABELS
from billetterie.allocation.models import AllocationRun, ReplayStatus, RunAssignment, RunStatus
from billetterie.core import clock
from billetterie.core.audit import audit_log

logger = logging.getLogger(__name__)


def _progress(run_id: int, percent: int, label: str) -> None:
    # Its own short write, outside any long transaction, so the page can show it while we compute.
    AllocationRun.objects.filter(pk=run_id).update(progress=percent, progress_label=label)


def run_execute(*, run_id: int) -> AllocationRun:
    """Solve the run's instance with the rule and the baselines, store everything. Safe to retry."""
    run = AllocationRun.objects.select_related("campaign", "games").get(pk=run_id)
    # Compare-and-set: of two workers (or a worker and the command) only one computes.
    claimed = AllocationRun.objects.filter(
        pk=run_id, status__in=[RunStatus.QUEUED, RunStatus.FAILED]
    ).update(status=RunStatus.RUNNING, error="")
    if not claimed:
        return run
    try:
        _progress(run_id, 5, "Vérification des données (lots disponibles, demandes restantes)")
        instance = run.instance
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
            run = AllocationRun.objects.select_for_update(of=("self",)).get(pk=run_id)
            RunAssignment.objects.filter(run=run).delete()
            RunAssignment.objects.bulk_create(
                RunAssignment(
                    run=run,
                    pack_id=pack_pk(a["pack"]),
                    association_id=association_pk(a["organisation"]),
                )
                for a in result["assignments"]
            )
            run.instance_sha256, run.result, run.comparison = validated.sha256, result, comparison
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


def run_replay_execute(*, run_id: int) -> AllocationRun:
    """The worker's replay check: compare, store the verdict (identical / different). Safe to retry."""
    claimed = AllocationRun.objects.filter(
        pk=run_id, replay_status__in=[ReplayStatus.QUEUED, ReplayStatus.FAILED]
    ).update(replay_status=ReplayStatus.RUNNING)
    run = AllocationRun.objects.get(pk=run_id)
    if not claimed:
        return run
    try:
        identical = run_replay_matches(run=run)
    except Exception:
        logger.exception("replay of allocation run %s failed", run_id)
        AllocationRun.objects.filter(pk=run_id).update(replay_status=ReplayStatus.FAILED)
        raise
    verdict = ReplayStatus.IDENTICAL if identical else ReplayStatus.DIFFERENT
    with transaction.atomic():
        AllocationRun.objects.filter(pk=run_id).update(
            replay_status=verdict, replay_checked_at=clock.now()
        )
        audit_log(
            action="allocation.replay_checked",
            subject=run,
            campaign_id=run.campaign_id,
            details={"identical": identical},
        )
    run.refresh_from_db()
    return run


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
