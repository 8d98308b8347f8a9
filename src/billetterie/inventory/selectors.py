"""Reads on packs: the pool an allocation wave may hand out."""

from django.db.models import QuerySet

from billetterie.inventory.models import Pack, PackStatus


def pack_pool(*, campaign, games=None) -> QuerySet[Pack]:
    """Packs never offered, or declined, expired or given back; prestige packs are kept for the contest."""
    qs = Pack.objects.filter(campaign=campaign, status=PackStatus.AVAILABLE, is_prestige=False)
    if games is not None:
        qs = qs.filter(session__games=games)
    return qs.select_related("session__games", "session__venue__host_city").order_by("reference")
