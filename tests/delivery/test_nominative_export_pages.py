"""The « Export pour la billetterie » page: what the buttons would export, the export made and
listed, downloaded again (audited), another operator's export → 404."""

from html import unescape

import pytest
from django.urls import reverse

from billetterie.core.models import AuditEntry
from billetterie.delivery.models import NominativeExport
from tests.delivery.export_helpers import csv_table, stored


@pytest.fixture
def page(client, operator_user, campaign, association, accept, people, name_group):
    pack = accept(association, size=2, reference="JO-0007")
    kid, sup = people(1, 1)
    name_group(pack, [kid, sup], leader=sup)
    client.force_login(operator_user)
    return reverse("backoffice:nominative_exports", kwargs={"campaign_slug": campaign.slug})


def test_the_page_says_what_each_button_would_export(client, page):
    html = client.get(page).content.decode()
    assert "Exporter la liste complète (2 billets)" in html
    assert "Exporter les changements (premier export : 2 ajouts)" in html
    assert "Aucun export pour l'instant." in html


def test_export_then_download_again_then_changes(client, page, campaign, operator_user):
    response = client.post(page, {"scope": "full", "file_format": "csv", "seen_last": ""})
    assert response.status_code == 302
    export = NominativeExport.objects.get()
    html = unescape(client.get(page).content.decode())
    assert "Export n° 1 enregistré (2 lignes)" in html
    assert "Télécharger l'export n° 1" in html
    assert "Exporter les changements depuis l'export n° 1 (0 changement)" in html
    url = reverse(
        "backoffice:nominative_export_file",
        kwargs={"campaign_slug": campaign.slug, "number": 1},
    )
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Cache-Control"] == "private, no-store"
    assert (
        'filename="billetterie-essai-2024-export-001-liste-complete.csv"'
        in download["Content-Disposition"]
    )
    assert download.content == stored(export)
    assert len(csv_table(download.content)) == 3
    assert AuditEntry.objects.filter(action="delivery.nominative_export_downloaded").count() == 1
    # A page read before export n° 1 (seen_last empty) exports nothing and shows why.
    stale = client.post(page, {"scope": "changes", "file_format": "xlsx", "seen_last": ""})
    assert stale.status_code == 200
    assert "Un autre export a été fait entre-temps (export n° 1)" in stale.content.decode()
    assert NominativeExport.objects.count() == 1
    client.post(page, {"scope": "changes", "file_format": "xlsx", "seen_last": "1"})
    assert list(NominativeExport.objects.values_list("number", "scope", "rows")) == [
        (2, "changes", 0),
        (1, "full", 2),
    ]


def test_another_operators_export_is_not_found(client, page, campaign):
    from billetterie.accounts.models import Role, User
    from billetterie.campaigns.services import campaign_create
    from billetterie.delivery.exports import nominative_export_create

    other = campaign_create(slug="autre-2024", name="Autre", operator_name="Autre opérateur")
    nominative_export_create(campaign=campaign, scope="full", file_format="xlsx", actor=None)
    stranger = User.objects.create_user(
        "autre@example.org", "x-mot-de-passe-1", role=Role.OPERATOR_STAFF, operator=other.operator
    )
    client.force_login(stranger)
    url = reverse(
        "backoffice:nominative_export_file", kwargs={"campaign_slug": campaign.slug, "number": 1}
    )
    assert client.get(url).status_code == 404
    assert client.post(page, {"scope": "full", "file_format": "csv"}).status_code == 404
    assert NominativeExport.objects.count() == 1


def test_a_purged_export_is_listed_without_its_file(client, page, campaign, operator_user):
    from billetterie.core import clock
    from billetterie.delivery.exports import nominative_export_create

    export = nominative_export_create(
        campaign=campaign, scope="full", file_format="xlsx", actor=None
    )
    NominativeExport.objects.filter(pk=export.pk).update(
        file="", snapshot={}, purged_at=clock.now()
    )
    html = client.get(page).content.decode()
    assert "Effacé le 02/04/2024 (fin de conservation des données)" in html
    assert "Télécharger" not in html
    url = reverse(
        "backoffice:nominative_export_file", kwargs={"campaign_slug": campaign.slug, "number": 1}
    )
    assert client.get(url).status_code == 404
