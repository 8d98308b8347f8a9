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


def size_weight_words(alpha) -> str:
    """The size weight α as an operator can weigh it: what a four times bigger request counts for.

    Each association's weight in the rule is its request to the power α (docs/allocation.md):
    « 0,50 : une demande 4 fois plus grande pèse 2 fois plus ».
    """
    value = Decimal(str(alpha))
    shown = str(value.normalize() if value == value.to_integral() else value).replace(".", ",")
    if value <= 0:
        return f"{shown} : chaque association pèse autant, quelle que soit la taille de sa demande"
    factor = f"{4 ** float(value):.1f}".removesuffix(".0").replace(".", ",")
    if value >= 1:
        return (
            f"{shown} : le poids suit la demande (une demande 4 fois plus grande pèse 4 fois plus)"
        )
    return (
        f"{shown} : une demande 4 fois plus grande pèse {factor} fois plus "
        "(0 : toutes pèsent autant ; 1 : le poids suit la demande)"
    )


def supervision_words(ratio) -> str:
    """The stored supervision ratio in words: 0.333 → « au plus 1 encadrant pour 3 jeunes »."""
    return ratio_words(youth=youth_for_ratio(ratio))


def reminder_due(*, days, days_left: int) -> int | None:
    """The reminder due when `days_left` days remain before a date, among reminders set `days`
    before it (the campaign's [14, 7, 2]): the nearest one at or above `days_left` — 14 from 14 to
    8 days left, 7 from 7 to 3, 2 from 2 to the day itself. A run missed on the 14th day still
    reminds on the 13th; each reminder goes once (its key carries this number). None outside.
    """
    if days_left < 0:
        return None
    due = [n for n in days if n >= days_left]
    return min(due) if due else None


def days_left_words(days_left: int) -> str:
    """« aujourd'hui », « demain », « dans 7 jours »."""
    if days_left <= 0:
        return "aujourd'hui"
    return "demain" if days_left == 1 else f"dans {days_left} jours"


def reminder_days_words(days) -> str:
    """[14, 7, 2] → « 14, 7 et 2 jours avant » ; [] → « aucun rappel »."""
    days = sorted(days or [], reverse=True)
    if not days:
        return "aucun rappel"
    listed = ", ".join(map(str, days[:-1])) + " et " if len(days) > 1 else ""
    return f"{listed}{days[-1]} jour{'s' if days[-1] > 1 or len(days) > 1 else ''} avant"
