"""Reads on applications, always scoped to one association when a referent asks."""

from django.db.models import Prefetch, QuerySet

from billetterie.requests.models import Application, ApplicationCity


def applications_of_association(*, association) -> QuerySet[Application]:
    """An association's own applications, with their ranked cities; never another's."""
    return (
        Application.objects.filter(association=association)
        .select_related("campaign", "games")
        .prefetch_related(Prefetch("city_choices", queryset=ApplicationCity.objects.select_related("host_city")))
        .order_by("-campaign__created_at", "games__code")
    )
