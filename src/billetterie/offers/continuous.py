"""Continuous mode: which association a released pack goes to next, by the allocation rule itself."""

import logging

from billetterie.allocation.engine import solve
from billetterie.allocation.instance import association_pk, instance_for_campaign, pack_pk
from billetterie.inventory.models import Pack, PackStatus
from billetterie.offers.models import Offer
from billetterie.offers.selectors import remaining_demand

logger = logging.getLogger(__name__)

# One pack: the engine answers in milliseconds; the cap keeps a lock from being held for long.
REOFFER_TIME_LIMIT = 2.0


def released_pack_fate(*, campaign) -> str:
    """What becomes of a pack an association declines or gives back, as the referent reads it.

    In continuous mode the rule offers it at once to the next association (if one can take it);
    otherwise it waits in the pool for the operator's next wave. No page promises more than that.
    """
    if campaign.continuous_mode:
        return (
            "il est aussitôt proposé à une autre association qui attend encore des billets, "
            "choisie par la règle de répartition (s'il n'y en a aucune, il retourne dans le "
            "vivier de l'opérateur)"
        )
    return (
        "il retourne dans le vivier de l'opérateur, qui pourra le proposer à une autre "
        "association lors d'une prochaine vague"
    )


def next_association_for(*, pack_id: int, campaign) -> int | None:
    """The association the rule gives this released pack to, or None (it stays in the pool).

    Every association that already held an offer of this pack is left out, so a pack never
    comes back to one that declined, let expire or gave it back. Reads only; the caller writes.
    """
    if not campaign.continuous_mode:
        return None
    pack = Pack.objects.select_related("session__games", "session__venue__host_city").get(
        pk=pack_id
    )
    if pack.is_prestige or pack.status != PackStatus.AVAILABLE:
        return None
    former = sorted(
        set(Offer.objects.filter(pack_id=pack_id).values_list("association_id", flat=True))
    )
    instance = instance_for_campaign(
        campaign=campaign,
        remaining=remaining_demand(campaign=campaign),
        games=pack.session.games,
        packs=[pack],
        exclude_associations=former,
    )
    if not instance["organisations"]:
        return None
    try:
        result = solve(instance, method="nash", seed=0, time_limit=REOFFER_TIME_LIMIT, timing=False)
    except Exception:
        # The release itself must not fail because the re-offer could not be computed.
        logger.exception("continuous mode: no re-offer computed for pack %s", pack_id)
        return None
    for assignment in result.get("assignments", []):
        if pack_pk(assignment["pack"]) == pack_id:
            return association_pk(assignment["organisation"])
    return None
