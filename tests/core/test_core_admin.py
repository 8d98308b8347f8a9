"""Operator staff get the Django admin, limited to their operator's rows, every change audited."""

from django.urls import reverse

from billetterie.core.models import AuditEntry


def test_operator_staff_sees_only_their_associations(
    client, operator_user, association, make_association
):
    from billetterie.campaigns.services import campaign_create

    other = campaign_create(slug="autre", name="Autre", operator_name="Autre opérateur")
    foreign = make_association(operator=other.operator, name="Association d'ailleurs")
    client.force_login(operator_user)
    page = client.get(reverse("admin:members_association_changelist")).content.decode()
    assert association.name.replace("'", "&#x27;") in page
    assert "Association d&#x27;ailleurs" not in page
    response = client.get(reverse("admin:members_association_change", args=[foreign.pk]))
    assert response.status_code == 302  # the admin answers "not found" by going back to the index


def test_admin_change_is_audited(client, operator_user, association):
    client.force_login(operator_user)
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
    assert entry.actor == operator_user
    assert set(entry.details["fields"]) == {"name", "youth_followed"}


def test_staff_cannot_move_an_association_to_another_operator(client, operator_user, association):
    client.force_login(operator_user)
    page = client.get(
        reverse("admin:members_association_change", args=[association.pk])
    ).content.decode()
    assert 'name="operator"' not in page


def test_referent_has_no_admin(client, referent_user):
    client.force_login(referent_user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
