"""The campaign's rules, read in the words people use (docs/rules.md)."""

from decimal import Decimal


def youth_per_supervisor(*, campaign) -> int:
    """The campaign's ratio as "1 supervisor for N youth" (0.333 → 3)."""
    ratio = Decimal(campaign.max_supervisors_per_youth)
    return max(1, round(1 / ratio)) if ratio > 0 else 1
