"""The allocation's shredder: the reason an operator typed when moving a pack by hand."""

from billetterie.allocation.models import RunAssignment


def _reasons(campaign):
    return RunAssignment.objects.filter(run__campaign=campaign).exclude(reason="")


def allocation_personal_data_held(*, campaign) -> bool:
    return _reasons(campaign).exists()


def allocation_personal_data_purge(*, campaign, now) -> dict[str, int]:
    return {"move_reasons": _reasons(campaign).update(reason="")}
