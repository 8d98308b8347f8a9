"""`pluralize` as French counts: 0 and 1 take the singular (« 0 lot », « 1 lot », « 2 lots »).

Installed as a template builtin (settings.TEMPLATES), it replaces Django's `pluralize`, whose
English rule wrote « 0 lots » next to every French word. Same arguments as Django's filter.
"""

from django import template
from django.template.defaultfilters import pluralize as english_pluralize

register = template.Library()


@register.filter(is_safe=False)
def pluralize(value, arg="s"):
    try:
        many = abs(float(value)) >= 2
    except (TypeError, ValueError):
        try:
            many = len(value) >= 2
        except TypeError:
            return english_pluralize(value, arg)
    # Django's filter gives the plural for 2 and the singular for 1, with the same arguments.
    return english_pluralize(2 if many else 1, arg)
