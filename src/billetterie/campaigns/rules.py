"""The campaign's rules, read in the words people use (docs/rules.md)."""

from decimal import Decimal


def youth_per_supervisor(*, campaign) -> int:
    """The campaign's ratio as "1 supervisor for N youth" (0.333 → 3)."""
    return youth_for_ratio(campaign.max_supervisors_per_youth)


def youth_for_ratio(ratio) -> int:
    """The stored ratio as N, the youth one supervisor may accompany (0.25 → 4)."""
    ratio = Decimal(ratio)
    return max(1, round(1 / ratio)) if ratio > 0 else 1


def supervisors_per_youth(*, youth: int) -> Decimal:
    """ "1 supervisor for N youth" as the stored ratio (4 → 0.250, 3 → 0.333)."""
    return (Decimal(1) / Decimal(youth)).quantize(Decimal("0.001"))


def ratio_words(*, youth: int) -> str:
    """The ratio as people say it: « au plus 1 encadrant pour 4 jeunes »."""
    return f"au plus 1 encadrant pour {youth} jeune{'s' if youth > 1 else ''}"
