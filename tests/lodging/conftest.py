"""Fixtures of the lodging portal tests: a far guest and an Île-de-France host, each with a
referent, in a campaign where lodging is open."""

import pytest

from billetterie.accounts.models import Role, User
from tests.conftest import PASSWORD
from tests.lodging import portal_world as w


@pytest.fixture
def guest(campaign, make_association):
    return make_association(
        name="Sauvegarde de la Gironde", postal_code="33000", town="Bordeaux", departement="33"
    )


@pytest.fixture
def host(campaign, make_association):
    return make_association(
        name="Maison d'enfants de Vincennes",
        postal_code="94300",
        town="Vincennes",
        departement="94",
        is_member=False,
        latitude=48.847,
        longitude=2.439,
    )


@pytest.fixture
def guest_user(guest):
    return User.objects.create_user(
        "guest@example.org",
        PASSWORD,
        role=Role.REFERENT,
        association=guest,
        first_name="Gaëlle",
        last_name="Référente",
        phone="06 11 22 33 44",
    )


@pytest.fixture
def host_user(host):
    return User.objects.create_user(
        "host@example.org", PASSWORD, role=Role.REFERENT, association=host
    )


@pytest.fixture
def lodging(campaign):
    return w.lodging_open(campaign)


@pytest.fixture
def paris_pack(campaign, guest, lodging):
    """The guest holds a pack of a session in Paris on 27 July: nights 26 and 27 are allowed."""
    return w.accepted_pack(campaign, guest, day="2024-07-27")


@pytest.fixture
def operator_client(client, operator_user):
    """The test client signed in as the campaign's operator staff."""
    client.force_login(operator_user)
    return client
