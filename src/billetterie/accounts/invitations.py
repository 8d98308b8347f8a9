"""The invitation link: choose one's first password, once, within `INVITATION_DAYS` days.

The token is Django's password-reset token with a salt of its own (a reset link never opens the
invitation page, nor the reverse). It hashes the password and the last sign-in, so it works once:
choosing the password, or signing in, spends it; it also hashes the number and date of the
invitation, so a renewed invitation replaces the previous link.

Its validity is counted in real time, never with the platform clock: the person reads the e-mail
in their real mailbox, and "valable 14 jours" means fourteen real days, even in a demonstration
standing at 15 March 2024. `User.invited_at` and `last_login` are real time too.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

DAY = 24 * 60 * 60
EPOCH = dt.datetime(2001, 1, 1, tzinfo=dt.UTC)
MICROSECOND = dt.timedelta(microseconds=1)


def invitation_days() -> int:
    return settings.INVITATION_DAYS


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "billetterie.accounts.invitations.InvitationTokenGenerator"

    def _now(self) -> dt.datetime:
        """Real time, in UTC (Django's own is the server's local time, which jumps at DST)."""
        return timezone.now().astimezone(dt.UTC).replace(tzinfo=None)

    def timeout(self) -> int:
        return invitation_days() * DAY

    def make_token_at(self, user, moment: dt.datetime) -> str:
        """The token of an invitation sent at `moment` (aware): it expires `timeout()` later."""
        naive = moment.astimezone(dt.UTC).replace(tzinfo=None)
        return self._make_token_with_timestamp(user, self._num_seconds(naive), self.secret)

    def _make_hash_value(self, user, timestamp) -> str:
        invited = "" if user.invited_at is None else (user.invited_at - EPOCH) // MICROSECOND
        return f"{super()._make_hash_value(user, timestamp)}{user.invitations_sent}-{invited}"

    def check_token(self, user, token) -> bool:
        """Django's check, with the invitation's own validity instead of PASSWORD_RESET_TIMEOUT."""
        if not (user and token):
            return False
        try:
            stamp, _ = token.split("-")
            timestamp = base36_to_int(stamp)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return self._num_seconds(self._now()) - timestamp <= self.timeout()


invitation_token = InvitationTokenGenerator()


def invitation_path(user, *, moment: dt.datetime) -> str:
    """The path of the page where this person chooses a password (to join to SITE_URL)."""
    return reverse(
        "accounts:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token.make_token_at(user, moment),
        },
    )


def invitation_expires_at(user) -> dt.datetime | None:
    """When the last invitation's link stops working (None: never invited)."""
    if user.invited_at is None:
        return None
    return user.invited_at + dt.timedelta(seconds=invitation_token.timeout())
