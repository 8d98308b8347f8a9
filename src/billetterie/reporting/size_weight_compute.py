"""The size-weight preview, computed by the task worker: the run's frozen instance solved with the
campaign's rule for each α asked, each solve bounded by the run's own time limit."""

import logging

from django.db import transaction

from billetterie.allocation.engine import solve, validate_instance
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.reporting.models import PreviewStatus, SizeWeightPreview

logger = logging.getLogger(__name__)


def _progress(preview_id: int, percent: int, label: str) -> None:
    # Its own short write, outside any long transaction, so the page can show it while we compute.
    SizeWeightPreview.objects.filter(pk=preview_id).update(progress=percent, progress_label=label)


def alpha_solve(*, instance: dict, alpha: float, seed: int, time_limit: float, validated=None):
    """The campaign's rule on `instance` with the size weight `alpha`: (result, summary)."""
    validated = validated if validated is not None else validate_instance(instance)
    result = solve(
        validated.with_alpha(float(alpha)),
        method="nash",
        seed=seed,
        time_limit=time_limit,
        timing=False,
    )
    tiers = result["objective"]["tiers"]
    gaps = [t["gap"] for t in tiers if t.get("gap") is not None]
    return result, {
        "alpha": float(alpha),
        "status": result["status"],
        "gap": max(gaps) if gaps else None,
        "stopped_by_time_limit": any(t.get("stopped_by_time_limit") for t in tiers),
        "metrics": result["metrics"],
    }


def size_weight_preview_execute(*, preview_id: int) -> SizeWeightPreview:
    """Solve the run's instance for each α of the preview, store the figures. Safe to retry."""
    claimed = SizeWeightPreview.objects.filter(
        pk=preview_id, status__in=[PreviewStatus.QUEUED, PreviewStatus.FAILED]
    ).update(status=PreviewStatus.RUNNING, error="")
    preview = SizeWeightPreview.objects.select_related("run").get(pk=preview_id)
    if not claimed:
        return preview
    run = preview.run
    try:
        _progress(preview_id, 5, "Vérification des données du calcul")
        validated = validate_instance(run.instance)
        results = []
        alphas = [float(a) for a in preview.alphas]
        for i, alpha in enumerate(alphas):
            _progress(
                preview_id,
                10 + (85 * i) // len(alphas),
                f"Calcul avec α = {f'{alpha:g}'.replace('.', ',')} ({i + 1} sur {len(alphas)})",
            )
            _, summary = alpha_solve(
                instance=run.instance,
                alpha=alpha,
                seed=run.seed,
                time_limit=run.time_limit,
                validated=validated,
            )
            results.append(summary)
        with transaction.atomic():
            preview = SizeWeightPreview.objects.select_for_update(of=("self",)).get(pk=preview_id)
            preview.results = results
            preview.status, preview.progress, preview.progress_label = (
                PreviewStatus.DONE,
                100,
                "Terminé",
            )
            preview.finished_at = clock.now()
            preview.save()
            audit_log(
                action="reporting.size_weight_preview_finished",
                subject=run,
                campaign_id=run.campaign_id,
                details={"run": run.number, "alphas": alphas},
            )
    except Exception as exc:
        logger.exception("size-weight preview %s failed", preview_id)
        with transaction.atomic():
            SizeWeightPreview.objects.filter(pk=preview_id).update(
                status=PreviewStatus.FAILED,
                progress=100,
                progress_label="Échec",
                error=type(exc).__name__,
            )
            audit_log(
                action="reporting.size_weight_preview_failed",
                subject=run,
                campaign_id=run.campaign_id,
                details={"run": run.number, "error": type(exc).__name__},
            )
        raise
    return preview
