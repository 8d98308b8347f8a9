"""Template filters for French number display."""

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
    """A list of ISO dates → « 27/07/2024, 28/07/2024 »."""
    out = []
    for v in values or []:
        parts = str(v).split("-")
        out.append(f"{parts[2]}/{parts[1]}/{parts[0]}" if len(parts) == 3 else str(v))
    return ", ".join(out)
