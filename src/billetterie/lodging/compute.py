"""The lodging matching, run by the task worker: read the instance, solve it, write the drafts."""

import logging

from django.db import transaction
from django.utils import timezone

from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.lodging.instance import instance_build, pk_of
from billetterie.lodging.matching import check, solve
from billetterie.lodging.models import MatchingRun, Placement, PlacementStatus, RunStatus

logger = logging.getLogger(__name__)
PROGRESS_MAX = 200


def _progress(run_id: int, line: str) -> None:
    # Its own short write, outside any long transaction, so the page shows it while we compute;
    # each line is also a sign of life (see `run_stuck`).
    MatchingRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
        progress=line[:PROGRESS_MAX], heartbeat_at=timezone.now()
    )


def run_execute(*, run_id: int) -> MatchingRun:
    """Build the instance now, solve it, store the result and the draft placements. A run that
    is not waiting (already computed, abandoned, another worker on it) is left as it is."""
    claimed = MatchingRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, error="", heartbeat_at=timezone.now()
    )
    run = MatchingRun.objects.select_related("campaign").get(pk=run_id)
    if not claimed:
        return run
    try:
        _progress(run_id, "Lecture des besoins et des offres")
        instance = instance_build(run.campaign)
        MatchingRun.objects.filter(pk=run_id).update(instance=instance)
        result = solve(
            instance,
            method="milp",
            time_limit=run.time_limit,
            progress=lambda line: _progress(run_id, line),
        )
        problems = check(instance, result)
        if problems:
            raise RuntimeError("; ".join(problems[:5]))
        _progress(run_id, "Enregistrement de la proposition")
        with transaction.atomic():
            run = MatchingRun.objects.select_for_update(of=("self",)).get(pk=run_id)
            if run.status != RunStatus.RUNNING:  # abandoned meanwhile
                return run
            Placement.objects.filter(run=run, status=PlacementStatus.DRAFT).delete()
            Placement.objects.bulk_create(
                Placement(
                    campaign_id=run.campaign_id,
                    run=run,
                    need_id=pk_of(p["group"]),
                    offer_id=pk_of(p["host"]),
                    distance_km=p.get("distance_km"),
                    status=PlacementStatus.DRAFT,
                )
                for p in result["placements"]
            )
            run.instance, run.result = instance, result
            run.status, run.progress = RunStatus.DONE, "Terminé"
            run.finished_at = clock.now()
            run.save(update_fields=["instance", "result", "status", "progress", "finished_at"])
            audit_log(
                action="lodging.run_finished",
                subject=run,
                campaign_id=run.campaign_id,
                details={
                    "groups": result["groups"],
                    "placements": result["groups_placed"],
                    "person_nights": result["person_nights"],
                    "person_nights_requested": result["person_nights_requested"],
                },
            )
    except Exception as exc:
        logger.exception("lodging matching run %s failed", run_id)
        with transaction.atomic():
            failed = MatchingRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
                status=RunStatus.FAILED,
                progress="Échec",
                error=str(exc)[:2000],
                finished_at=clock.now(),
            )
            if failed:  # else failed as stuck, or abandoned, meanwhile: left as it is
                audit_log(
                    action="lodging.run_failed",
                    subject=run,
                    campaign_id=run.campaign_id,
                    details={"error": type(exc).__name__},
                )
        raise
    return run
