"""Invitations: a new account's holder receives a link to choose their password.

An account created by the associations import (a referent), or by the operator on the « Comptes »
page (operator staff, a jury member), gets the message "account.invitation" with a single-use link
(`accounts.invitations`), valid `INVITATION_DAYS` days in real time. The operator may invite again
someone who never signed in: a renewal is a new message (key `invitation:<user>:<n>`) and replaces
the previous link, while a replayed import or a double click sends nothing more. Every sending is
audited ("user.invited"): one entry per person invited by hand, one with the count for an import.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from billetterie.accounts.invitations import invitation_path
from billetterie.accounts.models import Role, User
from billetterie.accounts.selectors import account_of_campaign
from billetterie.accounts.services import user_create
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, use_case
from billetterie.outbox.models import Message
from billetterie.outbox.services import Outgoing, messages_queue, site_link

KIND = "account.invitation"
# The roles the operator creates by hand; referents come with the associations import.
CREATABLE_ROLES = (Role.OPERATOR_STAFF, Role.JURY)
TOKEN_FIELDS = ("email", "password", "last_login", "invited_at", "invitations_sent")


def role_words(user) -> str:
    """The account's role in words, for the message: « référent de l'association X »…"""
    if user.role == Role.REFERENT:
        return f"référent de l'association « {user.association.name} »"
    if user.role == Role.OPERATOR_STAFF:
        return "membre de l'équipe de l'opérateur"
    if user.role == Role.JURY:
        return f"membre du jury de la campagne « {user.jury_campaign.name} »"
    return "administrateur de la plateforme"


def _invitable(user) -> None:
    if not user.is_active:
        raise ValidationError(f"Le compte de {user.email} est désactivé : aucune invitation.")
    if user.last_login is not None:
        raise ValidationError(
            f"{user.email} s'est déjà connecté à la plateforme : pas besoin d'invitation. "
            "Un mot de passe oublié se remplace avec « Mot de passe oublié ? » sur la page de "
            "connexion."
        )


def invitations_send(*, users, actor: Actor, campaign=None) -> list[Message]:
    """In the caller's transaction: invite each of these accounts (none has signed in yet), as
    they were just created or locked (the link hashes their password and invitation count).

    A few queries whatever their number (an import may invite thousands): the accounts' invitation
    date and count are updated together, the messages written together (each link holds the new
    date: earlier links stop working), one journal entry for them all.
    """
    users = list(users)
    for user in users:
        _invitable(user)
    if not users:
        return []
    now = timezone.now()
    counts: dict[int, list[int]] = {}
    for user in users:
        user.invited_at, user.invitations_sent = now, user.invitations_sent + 1
        counts.setdefault(user.invitations_sent, []).append(user.pk)
    for count, pks in counts.items():  # one query for an import's new accounts
        User.objects.filter(pk__in=pks).update(invited_at=now, invitations_sent=count)
    by_operator: dict = {}
    for user in users:
        operator = campaign.operator if campaign is not None else _operator_of(user)
        by_operator.setdefault(operator.pk, (operator, []))[1].append(
            Outgoing(
                recipients=[user.email],
                values={
                    "role": role_words(user),
                    "validite": str(settings.INVITATION_DAYS),
                    "email": user.email,
                    "lien": site_link(invitation_path(user, moment=now)),
                },
                key=f"invitation:{user.pk}:{user.invitations_sent}",
                association_id=user.association_id,
                about=user,
            )
        )
    queued = []
    for operator, outgoing in by_operator.values():
        queued += messages_queue(code=KIND, outgoing=outgoing, campaign=campaign, operator=operator)
    single = users[0] if len(users) == 1 else None
    audit_log(
        action="user.invited",
        actor=actor,
        subject=single,
        campaign_id=campaign.pk if campaign is not None else None,
        details={"number": single.invitations_sent} if single else {"count": len(users)},
    )
    return queued


def _operator_of(user):
    if user.role == Role.REFERENT:
        return user.association.operator
    if user.role == Role.JURY:
        return user.jury_campaign.operator
    return user.operator


def invitation_send(*, user, actor: Actor, campaign=None) -> Message | None:
    """In the caller's transaction: invite one account (see `invitations_send`), read again
    first: the link must hash what the database holds."""
    user.refresh_from_db(fields=TOKEN_FIELDS)
    queued = invitations_send(users=[user], actor=actor, campaign=campaign)
    return queued[0] if queued else None


def invitation_renew(*, user_id: int, seen: int, campaign, actor: Actor) -> Message | None:
    """The operator invites again someone of the campaign who never signed in.

    `seen` is the number of invitations the operator's page showed: if another one went out
    since (the same click sent twice, a colleague), nothing more is sent and None is returned.
    """
    with use_case():
        user = (
            User.objects.select_for_update(of=("self",))
            .select_related("association", "jury_campaign")
            .get(pk=account_of_campaign(campaign=campaign, user_id=user_id).pk)
        )
        if user.invitations_sent != seen:
            return None
        return invitation_send(user=user, actor=actor, campaign=campaign)


def account_create(
    *, campaign, role: str, email: str, first_name: str, last_name: str, actor: Actor
) -> User:
    """The operator opens an account for one of its staff or a jury member of the campaign; the
    person receives the invitation to choose a password."""
    if role not in CREATABLE_ROLES:
        raise ValidationError({"role": "Choisissez l'équipe de l'opérateur ou le jury."})
    with use_case():
        user = user_create(
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=role,
            actor=actor,
            operator_id=campaign.operator_id if role == Role.OPERATOR_STAFF else None,
            jury_campaign_id=campaign.pk if role == Role.JURY else None,
            campaign_id=campaign.pk,
        )
        user.operator = campaign.operator if role == Role.OPERATOR_STAFF else None
        user.jury_campaign = campaign if role == Role.JURY else None
        invitation_send(user=user, actor=actor, campaign=campaign)
    return user
