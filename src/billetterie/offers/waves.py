"""Waves: an allocation run over what associations still need, then published as offers.

The allocation app computes runs on a frozen instance; this module builds that instance from the
remaining demand (which only the offers know) and turns a reviewed run into offers.
"""

from billetterie.allocation.instance import instance_for_campaign
from billetterie.allocation.models import AllocationRun, RunScope
from billetterie.allocation.services import (
    SCOPE_CHANNELS,
    run_create,
    run_lock_for_publication,
    run_mark_published,
)
from billetterie.core.usecase import Actor, use_case
from billetterie.offers.models import Offer
from billetterie.offers.selectors import remaining_demand
from billetterie.offers.services import offers_create


def campaign_instance(
    *, campaign, games=None, packs=None, exclude_associations=(), channels=None, name: str = ""
) -> dict:
    """The engine's instance for the campaign's pool (or `packs`) and what associations still need."""
    return instance_for_campaign(
        campaign=campaign,
        remaining=remaining_demand(campaign=campaign),
        games=games,
        packs=packs,
        exclude_associations=exclude_associations,
        channels=channels,
        name=name,
    )


def wave_run_start(
    *, campaign, actor: Actor, games=None, scope=RunScope.ALL, **options
) -> AllocationRun:
    """Freeze the pool and the remaining demand now, and queue the computation.

    `options` are the run's own (wave, seed, time_limit): see `allocation.services.run_create`.
    """
    instance = campaign_instance(campaign=campaign, games=games, channels=SCOPE_CHANNELS[scope])
    return run_create(
        campaign=campaign, instance=instance, actor=actor, games=games, scope=scope, **options
    )


def wave_publish(*, run: AllocationRun, actor: Actor) -> list[Offer]:
    """Turn a reviewed run into offers (packs locked and re-checked in `offers_create`).

    A run already published returns [] (a replayed form does nothing).
    """
    with use_case():
        locked = run_lock_for_publication(run=run)
        if locked is None:
            return []
        pairs = list(
            locked.assignments.order_by("pack_id").values_list("pack_id", "association_id")
        )
        offers = offers_create(campaign=locked.campaign, pairs=pairs, run=locked, actor=actor)
        run_mark_published(
            run=locked, actor=actor, offers=len(offers), associations=len({a for _, a in pairs})
        )
    return offers
