"""Writes on associations: the operator corrects an association's details from the back office."""

from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, use_case
from billetterie.members.geography import coordinates_from_postal_code
from billetterie.members.models import Association
from billetterie.members.selectors import departement_of

EDITABLE_FIELDS = ("name", "is_member", "postal_code", "town", "youth_followed")


def association_update(*, association: Association, actor: Actor, **fields) -> dict[str, dict]:
    """Correct an association's details; the département and the map position follow its postal
    code (they weigh the host cities in the allocation). Returns the changes made."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    with use_case():
        association = Association.objects.select_for_update(of=("self",)).get(pk=association.pk)
        changes = {
            name: {"before": getattr(association, name), "after": value}
            for name, value in fields.items()
            if getattr(association, name) != value
        }
        if "postal_code" in changes:
            association.departement = departement_of(fields["postal_code"])
            place = coordinates_from_postal_code(fields["postal_code"])
            association.latitude, association.longitude = place if place else (None, None)
        for name, value in fields.items():
            setattr(association, name, value)
        association.full_clean()
        association.save()
        if changes:
            audit_log(
                action="association.updated",
                actor=actor,
                subject=association,
                association_id=association.pk,
                details={"changes": changes},
            )
    return changes
