"""Template filters of the applications: impossible dates as the French read them."""

import datetime as dt

from django import template

register = template.Library()


@register.filter
def french_dates(values) -> str:
    """["2024-08-01", "2024-07-27"] → "27/07/2024, 01/08/2024"; "aucune" when empty."""
    days = sorted(dt.date.fromisoformat(str(v)) for v in values or [])
    return ", ".join(d.strftime("%d/%m/%Y") for d in days) or "aucune"
