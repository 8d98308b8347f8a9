"""Reads on associations for the back office: the operator's list, one association, and what a
correction of its details would change."""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from billetterie.core.changes import Change, yes_no
from billetterie.members.geography import departement_from_postal_code, departement_get
from billetterie.members.models import Association

UNKNOWN_POSTAL_CODE = "Ce code postal ne correspond à aucun département connu."


def associations_of_operator(
    *, operator, search: str = "", is_member: bool | None = None
) -> QuerySet[Association]:
    """The operator's associations by name, found by name, identifier, town or postal code."""
    qs = Association.objects.filter(operator=operator).order_by("name", "identifier")
    if search:
        qs = qs.filter(
            Q(name__icontains=search)
            | Q(identifier__icontains=search)
            | Q(town__icontains=search)
            | Q(postal_code__startswith=search)
        )
    if is_member is not None:
        qs = qs.filter(is_member=is_member)
    return qs


def association_of_operator(*, operator, association_id: int) -> Association:
    """One association of the operator; another operator's → Association.DoesNotExist."""
    return Association.objects.get(operator=operator, pk=association_id)


def departement_of(postal_code: str) -> str:
    """The département code of a postal code, or a refusal on the postal code field."""
    code = departement_from_postal_code(postal_code)
    if code is None:
        raise ValidationError({"postal_code": UNKNOWN_POSTAL_CODE})
    return code


def departement_words(code: str) -> str:
    """« Essonne (91) »; the bare code for one the data does not name."""
    known = departement_get(code)
    return f"{known.name} ({known.code})" if known else code


ASSOCIATION_WORDS = {
    "name": "Nom",
    "is_member": "Adhérente",
    "postal_code": "Code postal",
    "town": "Commune",
    "youth_followed": "Jeunes accompagnés",
}


def association_changes_preview(*, association: Association, values: dict) -> list[Change]:
    """What saving an association's details would change, with the consequences.

    A new postal code shows its département (which places the association on the map); an unknown
    one is refused here, as the service would refuse it. Nothing is written.
    """
    changes = []
    for name, after in values.items():
        before = getattr(association, name)
        if before == after:
            continue
        warnings: tuple[str, ...] = ()
        shown_before, shown_after = str(before), str(after)
        if name == "is_member":
            shown_before, shown_after = yes_no(before), yes_no(after)
            warnings = (
                (
                    "L'association pourra candidater, et ses candidatures éligibles compteront "
                    "dans les prochains calculs d'attribution.",
                )
                if after
                else (
                    "Une association non adhérente ne peut plus candidater ni modifier ses "
                    "candidatures, et ses candidatures sont écartées des prochains calculs "
                    "d'attribution. Les lots déjà proposés ou acceptés ne changent pas.",
                )
            )
        if name == "postal_code":
            new = departement_of(after)
            shown_before = f"{before} — {departement_words(association.departement)}"
            shown_after = f"{after} — {departement_words(new)}"
            if new != association.departement:
                warnings = (
                    f"L'association passe du département {departement_words(association.departement)} "
                    f"au département {departement_words(new)} : sa position sur la carte suit, et "
                    "avec elle le poids des villes hôtes de ses candidatures dans les prochains "
                    "calculs d'attribution.",
                )
        changes.append(Change(name, ASSOCIATION_WORDS[name], shown_before, shown_after, warnings))
    return changes
