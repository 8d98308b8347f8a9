"""Permission-matrix rows of the « Messages » pages (another operator's campaign → 404) and of the
providers' receipts (no sign-in: a GET is 405 for everyone; the token is tested in
tests/callbacks)."""

from tests.attendees.permission_rows import BACKOFFICE_OWN

ROLES = ["anonymous", "referent", "operator", "other_operator", "jury", "admin"]


def _campaign(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _message(ctx):
    """A failed message of the ctx campaign."""
    if "message" not in ctx:
        from django.utils import timezone

        from billetterie.outbox.models import Message, Status

        ctx["message"] = Message.objects.create(
            kind="account.invitation",
            channel="email",
            recipient="quelquun@example.org",
            campaign=ctx["campaign"],
            operator=ctx["campaign"].operator,
            subject="Invitation",
            body_text="Bonjour",
            idempotency_key="permissions:1",
            status=Status.FAILED,
            attempts=8,
            created_at=timezone.now(),
        )
    return {**_campaign(ctx), "message_id": ctx["message"].pk}


# POST only: a GET is refused (405) once the role and the campaign are checked.
POST_ONLY = {**BACKOFFICE_OWN, "operator": 405, "admin": 405}

MESSAGES_MATRIX = {
    "backoffice:messages": (_campaign, BACKOFFICE_OWN),
    "backoffice:messages_resend_failed": (_campaign, BACKOFFICE_OWN),
    "backoffice:message": (_message, BACKOFFICE_OWN),
    "backoffice:message_resend": (_message, POST_ONLY),
    "callbacks:sms_receipt": (lambda ctx: {}, dict.fromkeys(ROLES, 405)),
    "callbacks:email_receipt": (lambda ctx: {}, dict.fromkeys(ROLES, 405)),
}
