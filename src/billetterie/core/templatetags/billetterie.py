"""Template filters for French display of numbers and dates."""

import datetime as dt

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value, digits: int = 0):
    """0.846 → « 85 % » (French spacing)."""
    if value is None or value == "":
        return "—"
    try:
        return f"{number_format(float(value) * 100, decimal_pos=int(digits))}\u00a0%"
    except (TypeError, ValueError):
        return "—"


@register.filter
def french_dates(values):
    """["2024-08-01", "2024-07-27"] → « 27/07/2024, 01/08/2024 »; « aucune » when empty."""
    days = []
    for value in values or []:
        try:
            days.append(dt.date.fromisoformat(str(value)))
        except ValueError:
            continue  # never stored by the services; shown as nothing rather than a broken page
    return ", ".join(d.strftime("%d/%m/%Y") for d in sorted(days)) or "aucune"
