"""Permission-matrix rows of the back-office « Comptes » pages and of the invitation link.

Another operator's campaign answers 404 (BACKOFFICE_OWN); « Inviter de nouveau » is POST only (a GET
answers 405 once the role and the campaign are checked), and another operator's account answers
404 (see tests/backoffice/test_accounts_pages.py).
"""

from tests.attendees.permission_rows import BACKOFFICE_OWN, NOT_FOUND

# POST only: a GET is refused (405) once the role and the campaign are checked.
POST_ONLY = {**BACKOFFICE_OWN, "operator": 405, "admin": 405, "other_operator": NOT_FOUND}


def _campaign(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _account(ctx):
    """An account of the ctx campaign: a referent of one of its operator's associations."""
    return {**_campaign(ctx), "user_id": ctx["users"]["referent"].pk}


ACCOUNTS_MATRIX = {
    "backoffice:accounts": (_campaign, BACKOFFICE_OWN),
    "backoffice:account_new": (_campaign, BACKOFFICE_OWN),
    "backoffice:account_invite": (_account, POST_ONLY),
}
