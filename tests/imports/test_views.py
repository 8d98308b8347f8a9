"""The back-office import pages: upload, errors shown, permissions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.campaigns.services import campaign_create
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import Pack
from billetterie.members.models import Association

from .conftest import FILES, database_snapshot

KINDS = ("organisations", "sessions", "packs", "applications")


def upload_url(campaign, kind):
    return reverse(
        "backoffice:import_upload", kwargs={"campaign_slug": campaign.slug, "kind": kind}
    )


def upload(name, content=None):
    data = content if content is not None else (FILES / name).read_bytes()
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_index_and_each_page_explain_the_columns(client, operator_user, campaign):
    client.force_login(operator_user)
    response = client.get(
        reverse("backoffice:import_index", kwargs={"campaign_slug": campaign.slug})
    )
    assert response.status_code == 200
    for kind in KINDS:
        assert upload_url(campaign, kind) in response.content.decode()
        page = client.get(upload_url(campaign, kind))
        assert page.status_code == 200
        html = page.content.decode()
        assert 'accept=".xlsx,.csv"' in html and 'type="file"' in html
        assert "Vérifier sans enregistrer" in html and "Colonnes attendues" in html
    assert (
        "Référent téléphone" in client.get(upload_url(campaign, "organisations")).content.decode()
    )


def test_upload_ok_imports_and_redirects_with_the_summary(client, operator_user, campaign):
    client.force_login(operator_user)
    response = client.post(
        upload_url(campaign, "organisations"), {"file": upload("organisations.xlsx")}, follow=True
    )
    assert response.status_code == 200
    assert "4 créées" in response.content.decode()
    assert Association.objects.count() == 4
    entry = AuditEntry.objects.get(action="import.organisations")
    assert entry.actor == operator_user


def test_dry_run_shows_the_counts_and_writes_nothing(client, operator_user, campaign, host_cities):
    client.force_login(operator_user)
    before = database_snapshot()
    response = client.post(
        upload_url(campaign, "packs"), {"file": upload("packs_cp1252.csv"), "dry_run": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "5 à créer" in html and "Rien n&#x27;a été enregistré" in html
    assert database_snapshot() == before


def test_upload_with_errors_shows_the_whole_list(client, operator_user, campaign, host_cities):
    client.force_login(operator_user)
    before = database_snapshot()
    response = client.post(upload_url(campaign, "packs"), {"file": upload("packs_bad.csv")})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert html.count("<li>ligne ") == 6
    assert "ligne 4, colonne « Lot » : le lot « L-0001 » figure déjà à la ligne 2" in html
    assert database_snapshot() == before
    assert not Pack.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vide.csv", b"", "Le fichier envoyé est vide."),
        ("garbage.xlsx", b"PK\x03\x04" + bytes(range(256)) * 20, "endommagé"),
        ("texte.xlsx", b"Lot;Jeux\nL1;JO\n", "contient du texte"),
        ("binaire.csv", b"\x00\xff\x00" * 300, "pas un fichier texte"),
        ("photo.png", b"\x89PNG\r\n", "non pris en charge"),
    ],
)
def test_no_input_produces_a_server_error(client, operator_user, campaign, name, content, message):
    client.force_login(operator_user)
    response = client.post(upload_url(campaign, "packs"), {"file": upload(name, content)})
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")


def test_missing_file_and_size_cap(client, operator_user, campaign, settings):
    client.force_login(operator_user)
    response = client.post(upload_url(campaign, "packs"), {})
    assert "Choisissez un fichier." in response.content.decode()
    settings.IMPORT_MAX_BYTES = 100
    response = client.post(
        upload_url(campaign, "organisations"), {"file": upload("organisations.xlsx")}
    )
    assert "taille maximale" in response.content.decode()
    assert not Association.objects.exists()


def test_another_operators_campaign_is_404(client, operator_user, campaign):
    other = campaign_create(slug="autre-campagne", name="Autre", operator_name="Autre opérateur")
    client.force_login(operator_user)
    assert (
        client.get(
            reverse("backoffice:import_index", kwargs={"campaign_slug": other.slug})
        ).status_code
        == 404
    )
    assert client.get(upload_url(other, "packs")).status_code == 404
    response = client.post(
        upload_url(other, "organisations"), {"file": upload("organisations.xlsx")}
    )
    assert response.status_code == 404
    assert not Association.objects.exists()


def test_unknown_kind_is_404(client, operator_user, campaign):
    client.force_login(operator_user)
    assert client.get(upload_url(campaign, "billets")).status_code == 404


def test_platform_admin_sees_every_campaign(client, admin_user_, campaign):
    client.force_login(admin_user_)
    assert client.get(upload_url(campaign, "sessions")).status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_a_referent_is_forbidden(client, referent_user, campaign, kind):
    client.force_login(referent_user)
    assert client.get(upload_url(campaign, kind)).status_code == 403
    assert (
        client.post(upload_url(campaign, kind), {"file": upload("organisations.xlsx")}).status_code
        == 403
    )


def test_a_jury_member_is_forbidden(client, jury_user, campaign):
    client.force_login(jury_user)
    assert (
        client.get(
            reverse("backoffice:import_index", kwargs={"campaign_slug": campaign.slug})
        ).status_code
        == 403
    )


def test_anonymous_is_sent_to_sign_in(client, campaign):
    for url in (
        reverse("backoffice:import_index", kwargs={"campaign_slug": campaign.slug}),
        upload_url(campaign, "packs"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "next=" in response["Location"]


def test_an_inactive_operator_is_forbidden(client, campaign):
    user = User.objects.create_user(
        "ancien@example.org",
        "x-motdepasse-2024",
        role=Role.OPERATOR_STAFF,
        operator=campaign.operator,
    )
    user.is_active = False
    user.save()
    client.force_login(user)
    assert client.get(upload_url(campaign, "packs")).status_code in (302, 403)


@pytest.mark.parametrize("kind", KINDS)
def test_a_template_to_fill_in_can_be_downloaded_and_reads_back(
    client, operator_user, campaign, kind
):
    from billetterie.imports.contracts import CONTRACTS
    from billetterie.imports.reader import table_read

    client.force_login(operator_user)
    url = reverse(
        "backoffice:import_template", kwargs={"campaign_slug": campaign.slug, "kind": kind}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = table_read(name="modele.csv", content=response.content, contract=CONTRACTS[kind])
    assert len(table.rows) == 1 and table.rows[0].line == 2
    assert url in client.get(upload_url(campaign, kind)).content.decode()


def test_a_template_of_another_operator_is_404(client, operator_user):
    other = campaign_create(slug="autre-modele", name="Autre", operator_name="Autre opérateur")
    client.force_login(operator_user)
    url = reverse(
        "backoffice:import_template", kwargs={"campaign_slug": other.slug, "kind": "packs"}
    )
    assert client.get(url).status_code == 404
