"""Shared fixtures: a campaign with the default rules, users of each role."""

import os

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import settings as hypothesis_settings

from billetterie.accounts.models import Role, User
from billetterie.accounts.second_factor import second_factor_required
from billetterie.campaigns.services import campaign_create
from billetterie.members.models import Association

PASSWORD = "motdepasse-solide-2024"

# Property tests: random examples on a developer's machine (to find new cases), the same examples
# in CI (a red CI must be about the change, not about a draw), never a per-example time limit on
# a busy machine.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _postgresql_for_concurrency(request):
    """Tests marked `postgres` (real threads, row locks) need PostgreSQL; on SQLite they skip."""
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("tests de concurrence : PostgreSQL requis (DATABASE_URL=postgresql://…)")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Plain static storage (no collected manifest) and immediate background tasks in tests."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # What one test kept in the cache (a frozen run's preview) never reaches the next one.
    for cache in caches.all():
        cache.clear()


class SignedInClient(Client):
    """A test client whose sign-in is complete: a person who must pass a second factor has one
    (an authenticator app) and this session has passed it, as after the real two-step sign-in.
    The two steps themselves are tested in tests/accounts and in the browser."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if second_factor_required(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


@pytest.fixture
def client():
    return SignedInClient()


@pytest.fixture
def campaign(db):
    return campaign_create(
        slug="essai-2024", name="Campagne d'essai", operator_name="Fédération d'essai"
    )


@pytest.fixture
def make_association(campaign):
    counter = {"n": 0}

    def make(**fields):
        counter["n"] += 1
        defaults = {
            "operator": campaign.operator,
            "identifier": f"A{counter['n']:04d}",
            "name": f"Association {counter['n']}",
            "postal_code": "75011",
            "town": "Paris",
            "departement": "75",
            "youth_followed": 40,
        }
        defaults.update(fields)
        return Association.objects.create(**defaults)

    return make


@pytest.fixture
def association(make_association):
    return make_association(name="Sauvegarde de l'Essonne")


@pytest.fixture
def other_association(make_association):
    return make_association(
        name="Association voisine", postal_code="59000", town="Lille", departement="59"
    )


@pytest.fixture
def operator_user(campaign):
    return User.objects.create_user(
        "operateur@example.org",
        PASSWORD,
        role=Role.OPERATOR_STAFF,
        operator=campaign.operator,
        is_staff=True,
    )


@pytest.fixture
def referent_user(association):
    return User.objects.create_user(
        "referent@example.org", PASSWORD, role=Role.REFERENT, association=association
    )


@pytest.fixture
def make_referent(db):
    """Another referent of an association: make_referent(association, email, **fields)."""

    def make(association, email, **fields):
        return User.objects.create_user(
            email, PASSWORD, role=Role.REFERENT, association=association, **fields
        )

    return make


@pytest.fixture
def other_referent_user(other_association):
    return User.objects.create_user(
        "voisin@example.org", PASSWORD, role=Role.REFERENT, association=other_association
    )


@pytest.fixture
def jury_user(campaign):
    return User.objects.create_user(
        "jury@example.org", PASSWORD, role=Role.JURY, jury_campaign=campaign
    )


@pytest.fixture
def admin_user_(db):
    return User.objects.create_superuser("admin@example.org", PASSWORD)


@pytest.fixture
def new_referent(association):
    """A referent as the associations import creates them: no password, never signed in."""
    return User.objects.create_user(
        "nouvelle@example.org",
        None,
        role=Role.REFERENT,
        association=association,
        first_name="Inès",
        last_name="Martin",
    )
