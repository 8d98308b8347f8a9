"""Hosts invited by the operator: a new structure (a non-member association with a referent
account), or an association already on the platform told that it may offer beds."""

import re

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower

from billetterie.accounts.models import Role, User
from billetterie.core.audit import audit_log
from billetterie.core.phones import phone_display, phone_parse
from billetterie.core.usecase import Actor, use_case
from billetterie.lodging.links import lodging_link
from billetterie.lodging.messages import HOST_INVITATION
from billetterie.lodging.models import LodgingSettings
from billetterie.lodging.selectors.backoffice import day_words
from billetterie.members.geography import (
    coordinates_from_postal_code,
    departement_from_postal_code,
    departement_get,
)
from billetterie.members.models import Association
from billetterie.outbox.invitations import invitations_send
from billetterie.outbox.referents import referents_tell
from billetterie.outbox.services import referent_addresses

IDENTIFIER_PREFIX = "HEB-"


def _deadline_words(campaign) -> str:
    settings = LodgingSettings.objects.filter(campaign=campaign).first()
    if settings is None or settings.offers_deadline is None:
        return ""
    return f"Vous pouvez le faire jusqu'au {day_words(settings.offers_deadline)}."


def _invitation_values(campaign, association) -> dict:
    return {
        "association": association.name,
        "date_limite": _deadline_words(campaign),
        "lien": lodging_link(campaign),
    }


def _next_identifier(operator) -> str:
    numbers = [
        int(m.group(1))
        for ident in Association.objects.filter(
            operator=operator, identifier__startswith=IDENTIFIER_PREFIX
        ).values_list("identifier", flat=True)
        if (m := re.fullmatch(rf"{IDENTIFIER_PREFIX}(\d+)", ident))
    ]
    return f"{IDENTIFIER_PREFIX}{max(numbers, default=0) + 1}"


def _lodging_open_check(campaign) -> None:
    """The invitation's link leads to the portal's lodging page, which the settings open."""
    if not LodgingSettings.objects.filter(campaign=campaign).exists():
        raise ValidationError(
            "Enregistrez d'abord les réglages de l'hébergement : ce sont eux qui ouvrent la page "
            "« Hébergement » du portail, où mène l'invitation. Rien n'a été envoyé."
        )


def host_invite(
    *,
    campaign,
    name: str,
    postal_code: str,
    town: str,
    departement: str,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    actor: Actor,
) -> Association:
    """Create a non-member structure and its referent, send the account invitation and the
    lodging invitation. An e-mail that already has an account changes nothing and says so."""
    _lodging_open_check(campaign)
    errors = {}
    name, town = name.strip(), town.strip()
    postal_code = postal_code.strip()
    if not name:
        errors["name"] = "Indiquez le nom de la structure."
    if not town:
        errors["town"] = "Indiquez la commune."
    from_code = departement_from_postal_code(postal_code)
    if from_code is None:
        errors["postal_code"] = "Indiquez un code postal français à 5 chiffres."
    departement = (departement or "").strip().upper() or from_code
    if departement and departement_get(departement) is None:
        errors["departement"] = "Ce département n'existe pas : indiquez son numéro (« 93 »)."
    number = phone_parse(phone) if phone.strip() else None
    if phone.strip() and number is None:
        errors["phone"] = "Ce numéro de téléphone n'est pas valable."
    email = User.objects.normalize_email(email.strip()).lower()
    existing = (
        User.objects.annotate(e=Lower("email")).filter(e=email).select_related("association")
    ).first()
    if existing is not None:
        if existing.role == Role.REFERENT and existing.association is not None:
            errors["email"] = (
                f"Cette adresse est déjà celle du référent de « {existing.association.name} » : "
                "rien n'a été créé. Pour lui proposer d'héberger, utilisez « Inviter une "
                "association déjà inscrite »."
            )
        else:
            errors["email"] = (
                "Cette adresse e-mail est déjà celle d'un compte de la plateforme qui n'est pas "
                "un référent : rien n'a été créé."
            )
    if errors:
        raise ValidationError(errors)
    coordinates = coordinates_from_postal_code(postal_code)
    with use_case():
        association = Association(
            operator=campaign.operator,
            identifier=_next_identifier(campaign.operator),
            name=name,
            is_member=False,
            postal_code=postal_code,
            town=town,
            departement=departement,
            latitude=coordinates[0] if coordinates else None,
            longitude=coordinates[1] if coordinates else None,
        )
        association.full_clean()
        association.save()
        user = User(
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            phone=phone_display(number) if number is not None else "",
            role=Role.REFERENT,
            association=association,
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        invitations_send(users=[user], actor=actor, campaign=campaign)
        referents_tell(
            code=HOST_INVITATION,
            association_id=association.pk,
            values=_invitation_values(campaign, association),
            key=f"lodging.host_invitation:{campaign.pk}:{association.pk}",
            campaign=campaign,
            about=association,
        )
        audit_log(
            action="lodging.host_invited",
            actor=actor,
            subject=association,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"identifier": association.identifier, "name": association.name},
        )
    return association


def host_invite_existing(*, campaign, association_id: int, actor: Actor) -> Association:
    """Tell an association of the operator that it may offer beds (once per campaign)."""
    association = Association.objects.get(operator=campaign.operator, pk=association_id)
    _lodging_open_check(campaign)
    if not referent_addresses(association_id=association.pk):
        raise ValidationError(
            f"« {association.name} » n'a pas de référent actif : personne ne recevrait "
            "l'invitation. Rien n'a été envoyé."
        )
    with use_case():
        queued = referents_tell(
            code=HOST_INVITATION,
            association_id=association.pk,
            values=_invitation_values(campaign, association),
            key=f"lodging.host_invitation:{campaign.pk}:{association.pk}",
            campaign=campaign,
            about=association,
        )
        if not queued:
            raise ValidationError(
                f"« {association.name} » a déjà reçu l'invitation à proposer un hébergement "
                "pour cette campagne : rien n'a été envoyé de plus."
            )
        audit_log(
            action="lodging.host_invitation_sent",
            actor=actor,
            subject=association,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"messages": len(queued)},
        )
    return association
