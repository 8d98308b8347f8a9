"""Writing accounts: a new account (its password is chosen from the invitation), the first password
chosen from the invitation link."""

from django.core.exceptions import ValidationError

from billetterie.accounts.models import Role, User
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, use_case


def user_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    actor: Actor,
    operator_id: int | None = None,
    jury_campaign_id: int | None = None,
    campaign_id: int | None = None,
) -> User:
    """In the caller's transaction: an account with no password yet, audited.

    The caller sends the invitation (outbox.invitations) in the same transaction.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": "Cette adresse e-mail est déjà celle d'un compte de la plateforme."}
        )
    user = User(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        operator_id=operator_id,
        jury_campaign_id=jury_campaign_id,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_log(
        action="user.created",
        actor=actor,
        subject=user,
        campaign_id=campaign_id,
        details={"role": Role(role).label},
    )
    return user


def invitation_accept(*, form) -> User:
    """The invited person chose their password (a valid SetPasswordForm): saved, audited."""
    with use_case():
        user = form.save()
        audit_log(action="user.invitation_accepted", actor=user, subject=user)
    return user
