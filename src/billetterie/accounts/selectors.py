"""Reading accounts: the people of a campaign (operator staff, jury, referents) and where their
invitation stands."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from billetterie.accounts.invitations import invitation_expires_at
from billetterie.accounts.models import Role, User

# Where an account's invitation stands, for the « Comptes » page.
SIGNED_IN, NOT_INVITED, PENDING, EXPIRED = "signed_in", "not_invited", "pending", "expired"


def accounts_of_campaign(*, campaign) -> QuerySet:
    """Operator staff of the campaign's operator, its jury members, the referents of the
    operator's associations."""
    return User.objects.filter(
        Q(role=Role.OPERATOR_STAFF, operator_id=campaign.operator_id)
        | Q(role=Role.JURY, jury_campaign_id=campaign.pk)
        | Q(role=Role.REFERENT, association__operator_id=campaign.operator_id)
    ).select_related("association")


def account_of_campaign(*, campaign, user_id: int) -> User:
    """One account of the campaign (User.DoesNotExist otherwise: another operator's, say)."""
    return accounts_of_campaign(campaign=campaign).get(pk=user_id)


def referents_of_campaign(*, campaign, search: str = "", never_signed_in: bool = False) -> QuerySet:
    accounts = accounts_of_campaign(campaign=campaign).filter(role=Role.REFERENT)
    if search:
        accounts = accounts.filter(
            Q(email__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(association__name__icontains=search)
            | Q(association__identifier__icontains=search)
        )
    if never_signed_in:
        accounts = accounts.filter(last_login__isnull=True)
    return accounts.order_by("association__name", "email")


def invitation_state(user, *, now=None) -> str:
    """Signed in already, never invited, invited with a link that works, or whose link expired
    (real time, like the link itself)."""
    if user.last_login is not None:
        return SIGNED_IN
    expires_at = invitation_expires_at(user)
    if expires_at is None:
        return NOT_INVITED
    return PENDING if (now or timezone.now()) <= expires_at else EXPIRED


def never_signed_in_count(*, campaign) -> int:
    return accounts_of_campaign(campaign=campaign).filter(last_login__isnull=True).count()
