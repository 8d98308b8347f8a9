"""Two-factor sign-in: who must have it, how a second factor is set up, checked and replaced.

- Operator staff and platform administrators must sign in with a second factor: they can read every
  child's name. Referents and jury members may turn it on; an operator may require it of all its
  associations' referents (`Operator.referents_second_factor`).
- Two kinds of second factor (django-otp devices): an authenticator app (TOTP, RFC 6238), or a
  code sent by e-mail (the simple path). Either comes with ten single-use recovery codes.
- A code is checked by the device itself, which slows down repeated wrong guesses.
"""

import base64
import secrets

import segno
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from billetterie.accounts.models import Role
from billetterie.core.audit import audit_log
from billetterie.core.usecase import use_case

RECOVERY_CODES = 10
TOTP_NAME = "Application d'authentification"
EMAIL_NAME = "Code par e-mail"
RECOVERY_NAME = "Codes de secours"


def second_factor_forced(user) -> bool:
    """Required by the person's role, or by their operator for its referents."""
    if user.is_superuser or user.role in (Role.OPERATOR_STAFF, Role.PLATFORM_ADMIN):
        return True
    return bool(
        user.role == Role.REFERENT
        and user.association_id
        and user.association.operator.referents_second_factor
    )


def second_factor_required(user) -> bool:
    """Must this person pass a second factor before any page past the sign-in?

    Yes when it is forced on them, or when they turned it on themselves.
    """
    return user.is_authenticated and (second_factor_forced(user) or has_second_factor(user))


def has_second_factor(user) -> bool:
    return any(not isinstance(d, StaticDevice) for d in devices_for_user(user, confirmed=True))


def second_factor_methods(user) -> list[str]:
    """The confirmed ways this person can pass the second factor: "totp", "email", "recovery"."""
    kinds = {
        TOTPDevice: "totp",
        EmailDevice: "email",
        StaticDevice: "recovery",
    }
    return sorted({kinds[type(d)] for d in devices_for_user(user, confirmed=True)})


def second_factor_check(user, code: str):
    """The device the code belongs to (an authenticator, an e-mailed or a recovery code), or None."""
    code = "".join((code or "").split()).lower()
    if not code or len(code) > 16:
        return None
    return match_token(user, code)


def email_code_send(user) -> bool:
    """Send a fresh code to the person's address (confirmed e-mail device); False if none."""
    device = EmailDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return False
    device.generate_challenge()
    return True


# --- Setting up -------------------------------------------------------------------------------


def totp_pending(user) -> TOTPDevice:
    """The authenticator waiting for its first code (a new secret, or the one being set up)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def totp_qr_svg(device: TOTPDevice) -> str:
    """The QR code an authenticator app scans, as inline SVG (no external image)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1a1a1a")


def totp_secret_display(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing it in by hand."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def email_pending(user) -> EmailDevice:
    """An e-mail device waiting for its first code; a code is sent now."""
    device = EmailDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = EmailDevice.objects.create(user=user, name=EMAIL_NAME, confirmed=False)
    device.generate_challenge()
    return device


def second_factor_confirm(user, *, kind: str, code: str) -> tuple[object, list[str]] | None:
    """Confirm the pending device with its first code: (the device, fresh recovery codes), or None.

    Any other device of the same kind is replaced: a person has one authenticator and one address.
    """
    model = {"totp": TOTPDevice, "email": EmailDevice}[kind]
    code = "".join((code or "").split())
    with use_case():
        device = (
            model.objects.select_for_update(of=("self",)).filter(user=user, confirmed=False).first()
        )
        if device is None or not device.verify_token(code):
            return None
        model.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_write(user)
        audit_log(
            action="user.second_factor_enabled",
            actor=user,
            subject=user,
            details={"kind": kind},
        )
    return device, codes


def recovery_codes_regenerate(user) -> list[str]:
    """New recovery codes; the old ones stop working."""
    with use_case():
        codes = _recovery_codes_write(user)
        audit_log(action="user.recovery_codes_renewed", actor=user, subject=user)
    return codes


def second_factor_disable(user) -> bool:
    """Remove every second factor of a person on whom it is not forced; False if it is."""
    if second_factor_forced(user):
        return False
    with use_case():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        audit_log(action="user.second_factor_disabled", actor=user, subject=user)
    return True


def _recovery_codes_write(user) -> list[str]:
    """Inside the caller's transaction: ten new single-use codes (8 characters, no look-alikes)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = ["".join(secrets.choice(alphabet) for _ in range(8)) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes
