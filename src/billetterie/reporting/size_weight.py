"""The size-weight preview: before choosing the campaign's α, the operator sees the same wave (the
run's frozen instance) solved with a few values of α, side by side.

Asking for it queues the computation (`size_weight_compute`, in the task worker); the run page
shows its progress, then the table. A preview is informative: nothing is published from it. To use
a value, the operator changes « Poids de la taille des demandes (α) » in the campaign's settings (its
preview and confirmation) and runs the wave again.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, actor_user, use_case
from billetterie.reporting.comparison import alpha_text, tradeoff_sentence
from billetterie.reporting.models import PreviewStatus, SizeWeightPreview
from billetterie.reporting.size_weight_tasks import size_weight_preview_task

DEFAULT_ALPHAS = (0.0, 0.5, 1.0)
MAX_ALPHAS = 4  # each value is one solve, bounded by the run's time limit


def alphas_parse(text: str) -> list[float]:
    """« 0 ; 0,5 ; 1 » → [0.0, 0.5, 1.0]: between 0 and 1, two decimals at most, sorted, distinct.

    Raises a French ValidationError naming the value at fault."""
    parts = [p.strip() for p in (text or "").replace(";", " ").split()]
    if not parts:
        raise ValidationError("Indiquez au moins une valeur de α, entre 0 et 1.")
    values = set()
    for part in parts:
        try:
            value = Decimal(part.replace(",", "."))
        except InvalidOperation:
            raise ValidationError(
                f"« {part} » n'est pas un nombre : écrivez par exemple 0 ; 0,5 ; 1."
            ) from None
        if not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
            raise ValidationError(f"« {part} » : α doit valoir entre 0 et 1.")
        if value != value.quantize(Decimal("0.01")):
            raise ValidationError(f"« {part} » : deux chiffres après la virgule au plus.")
        values.add(float(value))
    if len(values) > MAX_ALPHAS:
        raise ValidationError(
            f"{MAX_ALPHAS} valeurs de α au plus : chacune est un calcul complet de la vague."
        )
    return sorted(values)


def run_alpha(run: AllocationRun) -> float | None:
    """The α the run was computed with (frozen in its instance)."""
    return ((run.instance or {}).get("rules") or {}).get("size_weight_exponent")


def size_weight_preview_request(
    *, run: AllocationRun, alphas: list[float], actor: Actor
) -> SizeWeightPreview:
    """Queue the preview of `run`'s wave with each α (and the run's own α, for the comparison).

    A preview already waiting or running for this run is returned as it is."""
    with use_case():
        run = AllocationRun.objects.select_for_update(of=("self",)).get(pk=run.pk)
        if run.instance is None or run.status not in (RunStatus.READY, RunStatus.PUBLISHED):
            raise ValidationError(
                "Ce calcul n'est pas terminé : l'essai d'autres valeurs de α se fait sur un "
                "calcul prêt ou publié."
            )
        pending = SizeWeightPreview.objects.filter(
            run=run, status__in=[PreviewStatus.QUEUED, PreviewStatus.RUNNING]
        ).first()
        if pending is not None:
            return pending
        own = run_alpha(run)
        values = sorted({float(a) for a in alphas} | ({float(own)} if own is not None else set()))
        preview = SizeWeightPreview.objects.create(
            run=run,
            alphas=values,
            requested_by=actor_user(actor),
            requested_at=clock.now(),
            progress_label="En attente d'un travailleur",
        )
        audit_log(
            action="reporting.size_weight_preview_requested",
            actor=actor,
            subject=run,
            campaign_id=run.campaign_id,
            details={"run": run.number, "alphas": values},
        )
        preview_id = preview.pk
        transaction.on_commit(lambda: size_weight_preview_task.enqueue(preview_id))
    return preview


# Reads for the run page


def size_weight_preview_latest(*, run: AllocationRun) -> SizeWeightPreview | None:
    return SizeWeightPreview.objects.filter(run=run).order_by("-requested_at", "-pk").first()


def size_weight_preview_shown(*, preview: SizeWeightPreview, campaign_alpha) -> dict:
    """The table (one row per α, the engine's figures) and the trade-off sentences, each α
    against the α this run was computed with."""
    own = run_alpha(preview.run)
    rows = []
    for entry in preview.results or []:
        alpha = float(entry["alpha"])
        rows.append(
            {
                "alpha": alpha,
                "alpha_text": alpha_text(alpha),
                "is_run": own is not None and alpha == float(own),
                "is_campaign": campaign_alpha is not None and alpha == float(campaign_alpha),
                "stopped_by_time_limit": entry.get("stopped_by_time_limit", False),
                "gap": entry.get("gap"),
                **entry["metrics"],
            }
        )
    reference = next((r for r in rows if r["is_run"]), None)
    sentences = []
    if reference is not None:
        for row in rows:
            if row is reference:
                continue
            sentences.append(
                tradeoff_sentence(
                    row,
                    reference,
                    other_label=f"α = {reference['alpha_text']}, la valeur de ce calcul",
                    subject=f"α = {row['alpha_text']}",
                )
            )
    return {"rows": rows, "sentences": sentences, "reference": reference}
