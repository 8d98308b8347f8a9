"""Permission-matrix rows of the help pages (back office and portal) and of the operator's contact.

Another operator's campaign answers 404 (BACKOFFICE_OWN); another operator's question answers 404
too (see tests/campaigns/test_help_pages.py). Moving a question is a POST: a GET answers 405 once the role and the
campaign are checked.
"""

from tests.attendees.permission_rows import BACKOFFICE_OWN, FORBIDDEN, LOGIN, NOT_FOUND, PORTAL


def _campaign(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _entry(ctx):
    from billetterie.campaigns.models import HelpEntry

    if "help_entry" not in ctx:
        ctx["help_entry"] = HelpEntry.objects.create(
            operator=ctx["campaign"].operator, question="Une question ?", answer="Une réponse."
        )
    return {**_campaign(ctx), "entry_id": ctx["help_entry"].pk}


POST_ONLY = {
    "anonymous": LOGIN,
    "referent": FORBIDDEN,
    "operator": 405,
    "other_operator": NOT_FOUND,
    "jury": FORBIDDEN,
    "admin": 405,
}

HELP_MATRIX = {
    "backoffice:help": (_campaign, BACKOFFICE_OWN),
    "backoffice:help_new": (_campaign, BACKOFFICE_OWN),
    "backoffice:help_edit": (_entry, BACKOFFICE_OWN),
    "backoffice:help_delete": (_entry, BACKOFFICE_OWN),
    "backoffice:help_move": (_entry, POST_ONLY),
    "backoffice:operator_contact": (_campaign, BACKOFFICE_OWN),
    "portal:help": (lambda ctx: {}, PORTAL),
}
