"""Every URL × every role: anonymous → sign-in, wrong role → 403, another's object → 404.

A meta-test fails when a named URL is missing from the matrix, so a new page cannot ship
without its permission rule being proven.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from billetterie.accounts.models import Role, User
from billetterie.campaigns.services import campaign_create
from tests.attendees.permission_rows import ATTENDEES_MATRIX
from tests.backoffice.account_rows import ACCOUNTS_MATRIX
from tests.backoffice.help_permission_rows import HELP_MATRIX
from tests.backoffice.messages_permission_rows import MESSAGES_MATRIX
from tests.backoffice.permission_rows import SETTINGS_MATRIX
from tests.backoffice.texts_permission_rows import TEXTS_MATRIX
from tests.conftest import PASSWORD
from tests.contest.entries_permission_rows import CONTEST_ENTRIES_MATRIX
from tests.contest.prestige_permission_rows import PRESTIGE_MATRIX
from tests.delivery.attendance_permission_rows import ATTENDANCE_MATRIX
from tests.delivery.export_permission_rows import EXPORTS_MATRIX
from tests.delivery.links_permission_rows import LINKS_MATRIX
from tests.jury.permission_rows import JURY_MATRIX
from tests.leaders.permission_rows import LEADERS_MATRIX
from tests.lodging.backoffice_permission_rows import LODGING_BACKOFFICE_MATRIX
from tests.lodging.portal_permission_rows import LODGING_PORTAL_MATRIX
from tests.lodging.travel_permission_rows import TRAVEL_MATRIX
from tests.reporting.charts_permission_rows import CHARTS_MATRIX
from tests.reporting.dashboard_permission_rows import DASHBOARD_MATRIX
from tests.reporting.explanation_permission_rows import EXPLANATION_MATRIX
from tests.reporting.exports_permission_rows import EXPORTS_MATRIX as LIST_EXPORTS_MATRIX

SKIPPED_NAMESPACES = {"admin"}
PUBLIC = {
    "health",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:invitation",
    "set_language",
}

OK, LOGIN, FORBIDDEN, NOT_FOUND, REDIRECT = 200, "login", 403, 404, 302

# name → (kwargs factory, {role: expected})
ROLES = ["anonymous", "referent", "operator", "other_operator", "jury", "admin"]


def _campaign(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _other_campaign(ctx):
    return {"campaign_slug": ctx["other_campaign"].slug}


BACKOFFICE = {
    "anonymous": LOGIN,
    "referent": FORBIDDEN,
    "operator": OK,
    "other_operator": OK,
    "jury": FORBIDDEN,
    "admin": OK,
}
BACKOFFICE_OWN = {
    "anonymous": LOGIN,
    "referent": FORBIDDEN,
    "operator": OK,
    "other_operator": NOT_FOUND,
    "jury": FORBIDDEN,
    "admin": OK,
}
PORTAL = {
    "anonymous": LOGIN,
    "referent": OK,
    "operator": FORBIDDEN,
    "other_operator": FORBIDDEN,
    "jury": FORBIDDEN,
    "admin": FORBIDDEN,
}


def _offer_in(ctx, *, own: bool):
    """An offer of the ctx campaign, to the referent's association (own) or to another one."""
    key = "own_offer" if own else "other_offer"
    if key not in ctx:
        import datetime as dt

        from billetterie.catalogue.models import Games, HostCity, Session, Venue
        from billetterie.core import clock
        from billetterie.inventory.models import Pack, PackStatus
        from billetterie.members.models import Association
        from billetterie.offers.models import Offer

        campaign = ctx["campaign"]
        if own:
            association = ctx["users"]["referent"].association
        else:
            association = Association.objects.create(
                operator=campaign.operator,
                identifier="AUTRE-OFFRE",
                name="Association d'à côté",
                postal_code="69001",
                town="Lyon",
                departement="69",
            )
        city, _ = HostCity.objects.get_or_create(name="Lyon")
        venue, _ = Venue.objects.get_or_create(name="Stade de Lyon", defaults={"host_city": city})
        session = Session.objects.create(
            games=Games.objects.get(code="OG"),
            code=f"FBL-{key}",
            sport="Football",
            date=dt.date(2024, 7, 25),
            venue=venue,
        )
        pack = Pack.objects.create(
            campaign=campaign,
            reference=f"LOT-{key}",
            session=session,
            size=4,
            status=PackStatus.OFFERED,
        )
        now = clock.now()
        ctx[key] = Offer.objects.create(
            campaign=campaign,
            pack=pack,
            association=association,
            sent_at=now,
            expires_at=now + dt.timedelta(days=7),
        )
    return ctx[key]


def _other_association_offer(ctx):
    return {"offer_id": _offer_in(ctx, own=False).pk}


def _campaign_offer(ctx):
    return {"campaign_slug": ctx["campaign"].slug, "offer_id": _offer_in(ctx, own=False).pk}


def _campaign_kind(ctx):
    return {"campaign_slug": ctx["campaign"].slug, "kind": "packs"}


def _run(ctx):
    from billetterie.allocation.models import AllocationRun
    from billetterie.core import clock

    run = AllocationRun.objects.get_or_create(
        campaign=ctx["campaign"], number=1, defaults={"created_at": clock.now()}
    )[0]
    return {"campaign_slug": ctx["campaign"].slug, "number": run.number}


def _application_in(ctx, *, own: bool):
    """An application of the ctx campaign, of the referent's association (own) or of another one."""
    key = "own_application" if own else "other_application"
    if key not in ctx:
        from billetterie.members.models import Association
        from tests.factories import application

        if own:
            association = ctx["users"]["referent"].association
        else:
            association = Association.objects.create(
                operator=ctx["campaign"].operator,
                identifier="AUTRE-CAND",
                name="Association candidate",
                postal_code="13001",
                town="Marseille",
                departement="13",
            )
        ctx[key] = application(campaign=ctx["campaign"], association=association)
    return ctx[key]


def _other_association_application(ctx):
    return {"application_id": _application_in(ctx, own=False).pk}


def _campaign_application(ctx):
    return {
        "campaign_slug": ctx["campaign"].slug,
        "application_id": _application_in(ctx, own=False).pk,
    }


def _application_form(ctx):
    return {"campaign_slug": ctx["campaign"].slug, "games_code": "OG"}


MATRIX = {
    "home": (
        lambda ctx: {},
        {
            "anonymous": OK,
            "referent": REDIRECT,
            "operator": REDIRECT,
            "other_operator": REDIRECT,
            "jury": REDIRECT,
            "admin": REDIRECT,
        },
    ),
    "backoffice:home": (lambda ctx: {}, BACKOFFICE),
    "backoffice:campaign_new": (lambda ctx: {}, {**BACKOFFICE, "admin": FORBIDDEN}),
    "backoffice:campaign": (_campaign, BACKOFFICE_OWN),
    "backoffice:audit_log": (_campaign, BACKOFFICE_OWN),
    "portal:home": (lambda ctx: {}, PORTAL),
    "portal:offers": (lambda ctx: {}, PORTAL),
    # Several offers at once: with nothing selected the referent goes back to the offers (another
    # association's offer in the selection: 404, tests/offers/test_offers_answer_pages.py).
    "portal:offers_answer": (lambda ctx: {}, {**PORTAL, "referent": REDIRECT}),
    # Another association's offer: the referent gets 404, never a glimpse of it.
    "portal:offer_accept": (_other_association_offer, {**PORTAL, "referent": NOT_FOUND}),
    "portal:offer_decline": (_other_association_offer, {**PORTAL, "referent": NOT_FOUND}),
    "portal:offer_give_back": (_other_association_offer, {**PORTAL, "referent": NOT_FOUND}),
    "portal:applications": (lambda ctx: {}, PORTAL),
    # Another association's application: 404 for the referent.
    "portal:application": (_other_association_application, {**PORTAL, "referent": NOT_FOUND}),
    "portal:application_form": (_application_form, PORTAL),
    "backoffice:applications": (_campaign, BACKOFFICE_OWN),
    "backoffice:application": (_campaign_application, BACKOFFICE_OWN),
    "backoffice:application_correct": (_campaign_application, BACKOFFICE_OWN),
    "backoffice:application_eligibility": (_campaign_application, BACKOFFICE_OWN),
    "backoffice:import_index": (_campaign, BACKOFFICE_OWN),
    "backoffice:import_upload": (_campaign_kind, BACKOFFICE_OWN),
    "backoffice:import_template": (_campaign_kind, BACKOFFICE_OWN),
    "backoffice:runs": (_campaign, BACKOFFICE_OWN),
    "backoffice:run": (_run, BACKOFFICE_OWN),
    "backoffice:run_status": (_run, BACKOFFICE_OWN),
    # The hand-move page: GET lists the run's packs (a run not ready says so), POST moves one.
    "backoffice:run_move": (_run, BACKOFFICE_OWN),
    # POST-only actions: a GET is refused (405) once the role and the campaign are checked (another
    # operator's campaign is 404 whatever the method); POSTs are tested below.
    # Publishing and abandoning a run: a GET shows what would happen and to whom; a POST does it.
    "backoffice:run_publish": (_run, BACKOFFICE_OWN),
    "backoffice:run_discard": (_run, BACKOFFICE_OWN),
    "backoffice:run_replay": (
        _run,
        {**BACKOFFICE, "operator": 405, "other_operator": NOT_FOUND, "admin": 405},
    ),
    # The size-weight preview of a run (reporting): asked by POST, followed by its status.
    "backoffice:run_size_weight": (
        _run,
        {**BACKOFFICE, "operator": 405, "other_operator": NOT_FOUND, "admin": 405},
    ),
    "backoffice:run_size_weight_status": (_run, BACKOFFICE_OWN),
    "backoffice:offers": (_campaign, BACKOFFICE_OWN),
    "backoffice:offer_extend": (_campaign_offer, BACKOFFICE_OWN),
}


# Named attendees: their rows live beside their tests; another association's objects → 404.
MATRIX.update(ATTENDEES_MATRIX)
# Campaign settings, associations and packs: another operator's campaign → 404.
MATRIX.update(SETTINGS_MATRIX)
# Help and contact (back office and portal), message texts: another operator's campaign → 404.
MATRIX.update(HELP_MATRIX)
MATRIX.update(TEXTS_MATRIX)
# The « Messages » pages (another operator's campaign → 404) and the providers' receipts.
MATRIX.update(MESSAGES_MATRIX)
# The « Comptes » pages: another operator's campaign or account → 404.
MATRIX.update(ACCOUNTS_MATRIX)
# Attendance and reliability: another association's group, another operator's campaign → 404.
MATRIX.update(ATTENDANCE_MATRIX)
# The export for the ticket office: another operator's campaign or export → 404.
MATRIX.update(EXPORTS_MATRIX)
# Delivery to group leaders: tracking pages (own campaign, own association) and the leader's page.
MATRIX.update(LEADERS_MATRIX)
# Download links (back office): another operator's campaign → 404.
MATRIX.update(LINKS_MATRIX)
# The contest's settings and participation: another operator's campaign, another association's
# audio → 404.
MATRIX.update(CONTEST_ENTRIES_MATRIX)
# The jury's pages (only the campaign's jury; everyone else 404) and the operator's results page.
MATRIX.update(JURY_MATRIX)
# Prestige packs of the contest (back office): another operator's campaign → 404.
MATRIX.update(PRESTIGE_MATRIX)
# Each association's explanation: the referent's own only; another operator's campaign or
# association → 404.
MATRIX.update(EXPLANATION_MATRIX)
# Exports of every list (back office and portal): another operator's campaign, another
# person's export → 404.
MATRIX.update(LIST_EXPORTS_MATRIX)
# Reporting: the dashboard and the report for the funder (another operator's campaign → 404).
MATRIX.update(DASHBOARD_MATRIX)
# Reporting: the « Graphiques » page (another operator's campaign → 404).
MATRIX.update(CHARTS_MATRIX)
# Lodging in the portal: another association's need, host offer or proposal → 404.
MATRIX.update(LODGING_PORTAL_MATRIX)
# Lodging: travel times, corrections, the invitation (another operator's campaign → 404).
MATRIX.update(TRAVEL_MATRIX)
# Lodging: the back office's pages (settings, hosts, needs, matching runs)
MATRIX.update(LODGING_BACKOFFICE_MATRIX)


def _signed_in(want):
    """Every signed-in person has these pages (their own account); anonymous → sign-in."""
    return {role: (LOGIN if role == "anonymous" else want) for role in ROLES}


# The second factor's pages, seen once the sign-in is complete (see SignedInClient): the
# verification page sends back to the site, the codes page to the security page (no new codes).
MATRIX.update(
    {
        "accounts:second_factor": (lambda ctx: {}, _signed_in(REDIRECT)),
        "accounts:second_factor_setup": (lambda ctx: {}, _signed_in(OK)),
        "accounts:second_factor_totp": (lambda ctx: {}, _signed_in(OK)),
        "accounts:second_factor_email": (lambda ctx: {}, _signed_in(OK)),
        "accounts:second_factor_codes": (lambda ctx: {}, _signed_in(REDIRECT)),
        "accounts:security": (lambda ctx: {}, _signed_in(OK)),
    }
)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded letters are written under a temporary MEDIA_ROOT, never the real data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _named_urls():
    names = set()

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace
                if ns in SKIPPED_NAMESPACES:
                    continue
                walk(p.url_patterns, f"{prefix}{ns}:" if ns else prefix)
            elif isinstance(p, URLPattern) and p.name:
                names.add(prefix + p.name)

    walk(get_resolver().url_patterns, "")
    return names


def test_every_url_is_in_the_matrix():
    missing = _named_urls() - set(MATRIX) - PUBLIC
    assert not missing, f"URLs without a permission row: {sorted(missing)}"


@pytest.fixture
def ctx(campaign, referent_user, operator_user, jury_user, admin_user_):
    other_campaign = campaign_create(
        slug="autre-2024", name="Autre campagne", operator_name="Autre opérateur"
    )
    other_operator = User.objects.create_user(
        "autre-operateur@example.org",
        PASSWORD,
        role=Role.OPERATOR_STAFF,
        operator=other_campaign.operator,
    )
    return {
        "campaign": campaign,
        "other_campaign": other_campaign,
        "users": {
            "anonymous": None,
            "referent": referent_user,
            "operator": operator_user,
            "other_operator": other_operator,
            "jury": jury_user,
            "admin": admin_user_,
        },
    }


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_url_role(client, ctx, name, role):
    kwargs_factory, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs_factory(ctx))
    user = ctx["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    else:
        assert response.status_code == want, f"{name} as {role}: {response.status_code}"


@pytest.mark.parametrize(
    "name",
    [
        "backoffice:run_move",
        "backoffice:run_publish",
        "backoffice:run_discard",
        "backoffice:run_replay",
        "backoffice:run_size_weight",
    ],
)
def test_run_actions_of_another_operator_answer_404(client, ctx, name):
    client.force_login(ctx["users"]["other_operator"])
    response = client.post(reverse(name, kwargs=_run(ctx)))
    assert response.status_code == 404


def test_answering_another_associations_offer_among_several_answers_404(client, ctx):
    """The selection travels in the query and the form: an offer of another association in it is
    404 for the preview and for the confirmation, and nothing is answered."""
    from billetterie.offers.models import OfferStatus

    own, other = _offer_in(ctx, own=True), _offer_in(ctx, own=False)
    client.force_login(ctx["users"]["referent"])
    url = reverse("portal:offers_answer")
    both = {"lot": [own.pk, other.pk], "reponse": "accepter"}
    assert client.get(url, both).status_code == 404
    assert client.get(url, {"desister": [other.pk]}).status_code == 404
    confirm = {"accepter": [own.pk], "desister": [other.pk], "engagement": "on"}
    assert client.post(url, confirm).status_code == 404
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == other.status == OfferStatus.PENDING


JUNK_FORMS = [
    {},
    {
        "pack": "abc",
        "association": "-1",
        "reason": "x" * 5000,
        "games": "ZZ",
        "scope": "nulle",
        "wave": "9999",
    },
    {
        "youth": "-3",
        "supervisors": "1e9",
        "city_1": "0",
        "impossible_dates": "31/02/2024\n2024-13-01",
        "comment": "\x00",
    },
    {
        "engagement": "on",
        "new_deadline": "hier",
        "reason": "",
        "status": "n'importe",
        "person": "0",
        "file": "pas un fichier",
    },
]
JUNK_QUERY = "?page=abc&action=%00&games=ZZ&status=%27%22&association=-1&q=%3Cscript%3E&channel=9"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_no_input_produces_a_server_error(client, ctx, name):
    """Whatever a user sends to a page they may reach, the answer is never a 500."""
    kwargs_factory, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs_factory(ctx))
    client.raise_request_exception = False
    for role in ("operator", "referent", "admin"):
        if expected[role] not in (OK, REDIRECT, 405):
            continue
        client.force_login(ctx["users"][role])
        assert client.get(url + JUNK_QUERY).status_code < 500, f"GET {name} as {role}"
        for data in JUNK_FORMS:
            assert client.post(url, data).status_code < 500, (
                f"POST {name} as {role} with {sorted(data)}"
            )
