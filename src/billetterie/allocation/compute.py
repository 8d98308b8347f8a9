"""The allocation computation, run by the task worker: solve a run's frozen instance, store it.

The campaign's rule and the proportional comparison are the two expensive methods. With two cores
or more, on a wave of 1,000 eligible pairs or more, they are solved at the same time in two child
processes, while the worker computes the two quick comparisons itself. The children are started
with `spawn` (the worker may hold threads and database connections, which a forked child would
inherit); they import only the pure engine and receive the validated instance. With one core, or
if the processes cannot be started, the four methods run one after the other in the worker. The
engine is deterministic, so both ways give the same results (unless the clock stops a method,
which the result says).
"""

import json
import logging
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from django.db import transaction

from billetterie.allocation.engine import solve, validate_instance
from billetterie.allocation.engine.limits import eligible_pairs
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
        results = _solve_methods(run, validated)
        result = results["nash"]
        comparison = {"nash": _summary(result, seconds=None)}
        for method in BASELINES:
            other = results[method]
            comparison[method] = _summary(other, seconds=other["metrics"].pop("seconds"))
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


#: Solved side by side in two child processes when the machine has two cores or more.
PARALLEL_METHODS = ("nash", "proportional")
#: Quick: solved in the worker itself meanwhile.
QUICK_METHODS = ("greedy", "lottery")


#: Below this many eligible (association, pack class) pairs a wave is solved in a fraction of a
#: second: starting two processes (most of a second) would cost more than it saves.
PARALLEL_MIN_PAIRS = 1_000


def parallel_possible(validated) -> bool:
    """Two cores or more, and a wave large enough for two processes to pay."""
    return (os.cpu_count() or 1) >= 2 and eligible_pairs(validated) >= PARALLEL_MIN_PAIRS


def _solve_methods(run: AllocationRun, validated) -> dict[str, dict]:
    """The four methods' results by method; a baseline's keeps its seconds in `metrics`."""
    results: dict[str, dict] = {}
    if parallel_possible(validated):
        _solve_in_parallel(run, validated, results)
    _solve_in_turn(run, validated, results)  # all of them, or those the children could not do
    return results


def _solve_kwargs(run: AllocationRun, method: str) -> dict:
    # The rule's result is stored and replayed byte for byte: no timing in it.
    return {
        "method": method,
        "seed": run.seed,
        "time_limit": run.time_limit,
        "timing": method != "nash",
    }


def _solve_in_turn(run: AllocationRun, validated, results: dict[str, dict]) -> None:
    """The methods not solved yet, one after the other in this process."""
    steps = [("nash", 15, "Calcul de l'attribution selon la règle de la campagne")] + [
        (method, 60 + 12 * i, f"Comparaison : {METHOD_LABELS[method].lower()}")
        for i, method in enumerate(BASELINES)
    ]
    for method, percent, label in steps:
        if method not in results:
            _progress(run.pk, percent, label)
            results[method] = solve(validated, **_solve_kwargs(run, method))


def _solve_in_parallel(run: AllocationRun, validated, results: dict[str, dict]) -> None:
    """The rule and the proportional comparison in two child processes, the quick ones here.

    Fills `results`; if the processes cannot be started (or die), says so in the log and leaves the
    missing methods to `_solve_in_turn`. An error of the engine itself is raised, as in turn.
    """
    try:
        pool = ProcessPoolExecutor(
            max_workers=len(PARALLEL_METHODS), mp_context=multiprocessing.get_context("spawn")
        )
    except (OSError, ValueError) as exc:
        _parallel_unavailable(run.pk, exc)
        return
    try:
        futures = {
            pool.submit(solve, validated, **_solve_kwargs(run, method)): method
            for method in PARALLEL_METHODS
        }
        _progress(
            run.pk,
            15,
            "Calcul en parallèle : règle de la campagne et comparaison proportionnelle "
            f"(limite {run.time_limit:.0f} s)",
        )
        for method in QUICK_METHODS:
            results[method] = solve(validated, **_solve_kwargs(run, method))
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                results[futures[future]] = future.result()
            if pending and "nash" in results:
                _progress(
                    run.pk,
                    60,
                    "Comparaison : proportionnelle aux demandes (la règle de la campagne est calculée)",
                )
            elif pending:
                _progress(
                    run.pk,
                    60,
                    "Calcul de l'attribution selon la règle de la campagne (comparaisons faites)",
                )
    except (OSError, BrokenProcessPool) as exc:
        _parallel_unavailable(run.pk, exc)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _parallel_unavailable(run_id: int, exc: BaseException) -> None:
    # The exception's type only: its message could quote the instance (names of associations).
    logger.warning(
        "allocation run %s: child processes unavailable (%s), methods computed one after the other",
        run_id,
        type(exc).__name__,
    )


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
