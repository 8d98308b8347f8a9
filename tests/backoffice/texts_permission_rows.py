"""Permission-matrix rows of the « Textes des messages » pages: another operator's campaign → 404
(an unknown kind → 404 too, see tests/outbox/test_wording_pages.py)."""

from tests.attendees.permission_rows import BACKOFFICE_OWN


def _campaign(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _kind(ctx):
    return {**_campaign(ctx), "code": "account.invitation"}


TEXTS_MATRIX = {
    "backoffice:message_texts": (_campaign, BACKOFFICE_OWN),
    "backoffice:message_text": (_kind, BACKOFFICE_OWN),
    "backoffice:message_text_reset": (_kind, BACKOFFICE_OWN),
}
