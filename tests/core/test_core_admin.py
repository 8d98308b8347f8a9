"""The Django admin belongs to platform administrators: operators use the back office.

Operator staff (even with is_staff) and referents are sent to the admin's login; an administrator
cannot move a row to another owner nor change a pack's state there; every change is audited; the
children's data are not in the admin at all.
"""

import pytest
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import PackStatus
from billetterie.offers.services import offers_create
from tests import factories as f


@pytest.fixture
def admin_user(db):
    return User.objects.create_user(
        "admin@example.org", "x" * 16, role=Role.PLATFORM_ADMIN, is_staff=True, is_superuser=True
    )


@pytest.mark.parametrize("who", ["operator_user", "referent_user"])
def test_operators_and_referents_have_no_admin(client, request, association, who):
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("admin:index"),
        reverse("admin:members_association_change", args=[association.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url


def test_an_administrator_cannot_move_a_row_to_another_owner(client, admin_user, association):
    client.force_login(admin_user)
    page = client.get(reverse("admin:members_association_change", args=[association.pk]))
    assert page.status_code == 200
    assert 'name="operator"' not in page.content.decode()


def test_a_pack_held_by_an_association_keeps_its_status_and_size(
    client, admin_user, campaign, association
):
    pack = f.pack(campaign=campaign, size=8)
    offers_create(campaign=campaign, pairs=[(pack.pk, association.pk)], actor=None)
    client.force_login(admin_user)
    url = reverse("admin:inventory_pack_change", args=[pack.pk])
    page = client.get(url).content.decode()
    assert 'name="status"' not in page and 'name="size"' not in page
    client.post(url, {"reference": pack.reference, "is_prestige": ""})
    pack.refresh_from_db()
    assert (pack.status, pack.size) == (PackStatus.OFFERED, 8)


def test_an_admin_change_is_audited(client, admin_user, association):
    client.force_login(admin_user)
    url = reverse("admin:members_association_change", args=[association.pk])
    data = {
        "identifier": association.identifier,
        "name": "Nouveau nom",
        "is_member": "on",
        "postal_code": association.postal_code,
        "town": association.town,
        "departement": association.departement,
        "youth_followed": 41,
        "establishments-TOTAL_FORMS": 0,
        "establishments-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="admin.changed")
    assert entry.actor == admin_user
    assert set(entry.details["fields"]) == {"name", "youth_followed"}


def test_childrens_data_are_not_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:index")).content.decode()
    assert "attendees" not in page and "Personne" not in page
