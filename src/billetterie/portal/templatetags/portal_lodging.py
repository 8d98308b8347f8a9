"""The portal's navigation shows « Hébergement » only to associations with lodging open."""

from django import template

from billetterie.lodging.selectors.portal import lodging_open_for

register = template.Library()


@register.simple_tag(takes_context=True)
def lodging_open(context) -> bool:
    association = getattr(context.get("request"), "association", None)
    return association is not None and lodging_open_for(association=association)
