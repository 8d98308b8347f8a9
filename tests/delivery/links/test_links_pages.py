"""The back-office pages of the download links: the board, the import with its confirmation,
replacing and withdrawing a link after a preview; another campaign's objects answer 404."""

import io

import pytest
from django.urls import reverse

from billetterie.campaigns.services import campaign_create
from billetterie.core.models import AuditEntry
from billetterie.delivery.models import LinkStatus, TicketLink

from .conftest import csv_cp1252, xlsx

pytestmark = pytest.mark.django_db
HEADER = ("Lot", "Billet", "Lien")


def _file(content: bytes, name="liens.xlsx"):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


@pytest.fixture
def operator(client, operator_user):
    client.force_login(operator_user)
    return client


@pytest.fixture
def upload_url(campaign):
    return reverse(
        "backoffice:import_upload", kwargs={"campaign_slug": campaign.slug, "kind": "links"}
    )


def test_board_counts_and_states(operator, campaign, association, other_association, accept):
    accept(association, reference="LOT-A", size=2)
    accept(other_association, reference="LOT-B", size=2)
    accept(other_association, reference="LOT-C", size=2)
    TicketLink.objects.create(
        campaign=campaign,
        pack=campaign.packs.get(reference="LOT-A"),
        url="https://ok.example.org/a",
        imported_at="2024-06-10T10:00+02:00",
    )
    b = campaign.packs.get(reference="LOT-B")
    TicketLink.objects.create(
        campaign=campaign,
        pack=b,
        ticket=b.tickets.get(number=1),
        url="https://ok.example.org/b1",
        imported_at="2024-06-10T10:00+02:00",
    )
    page = operator.get(reverse("backoffice:links", kwargs={"campaign_slug": campaign.slug}))
    html = page.content.decode()
    assert page.status_code == 200
    for row in [
        'Lots acceptés</th><td class="num">3',
        'Avec un lien pour chaque billet</th><td class="num">1',
        'Avec un lien pour une partie des billets</th><td class="num">1',
        'Sans lien</th><td class="num">1',
    ]:
        assert row in html
    assert "Association voisine" in html and "Sauvegarde de l&#x27;Essonne" in html
    missing = operator.get(
        reverse("backoffice:links", kwargs={"campaign_slug": campaign.slug}) + "?state=missing"
    ).content.decode()
    assert "LOT-C" in missing and "LOT-A" not in missing and "LOT-B" not in missing


def test_upload_replacements_need_the_operator_confirmation(
    operator, campaign, association, accept, upload_url
):
    accept(association, reference="LOT-A", size=2)
    first = operator.post(
        upload_url, {"file": _file(xlsx([HEADER, ("LOT-A", None, "https://ok.example.org/a")]))}
    )
    assert first.status_code == 302
    content = csv_cp1252([HEADER, ("LOT-A", "", "https://ok.example.org/a-neuf")])
    page = operator.post(upload_url, {"file": _file(content, "liens.csv")})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ce fichier remplace 1 lien existant" in html
    assert "https://ok.example.org/a-neuf" in html and "https://ok.example.org/a<" in html
    assert "Importer le fichier et remplacer ce lien" in html
    assert "Si vous confirmez : 0 à créer, 1 à remplacer, 0 inchangé(s)." in html
    assert "Import terminé (liens.csv)" not in html
    assert TicketLink.objects.get(status="active").url == "https://ok.example.org/a"
    form = page.context["confirm"]
    data = {"token": form.initial["token"], "seen": form.initial["seen"]}
    done = operator.post(upload_url, data)
    assert done.status_code == 302
    assert TicketLink.objects.get(status="active").url == "https://ok.example.org/a-neuf"
    assert TicketLink.objects.get(status="replaced").url == "https://ok.example.org/a"
    # The kept file is used once: confirming again changes nothing.
    again = operator.post(upload_url, data)
    assert again.status_code == 302
    assert TicketLink.objects.count() == 2
    assert AuditEntry.objects.filter(action="import.links").count() == 2


def test_a_confirmation_with_another_list_shows_the_new_list(
    operator, campaign, association, accept, upload_url
):
    accept(association, reference="LOT-A", size=2)
    operator.post(
        upload_url, {"file": _file(xlsx([HEADER, ("LOT-A", None, "https://o.example.org/1")]))}
    )
    page = operator.post(
        upload_url, {"file": _file(xlsx([HEADER, ("LOT-A", None, "https://o.example.org/2")]))}
    )
    TicketLink.objects.filter(status="active").update(url="https://o.example.org/entre-temps")
    form = page.context["confirm"]
    stale = operator.post(
        upload_url, {"token": form.initial["token"], "seen": form.initial["seen"]}
    )
    assert stale.status_code == 200
    assert "ont changé depuis la liste que vous avez lue" in stale.content.decode()
    assert TicketLink.objects.get(status="active").url == "https://o.example.org/entre-temps"


def test_a_refused_upload_lists_errors_and_keeps_nothing(operator, campaign, upload_url):
    page = operator.post(
        upload_url, {"file": _file(xlsx([HEADER, ("LOT-Z", None, "http://x.example.org")]))}
    )
    html = page.content.decode()
    assert "Fichier refusé" in html
    assert "ligne 2, colonne « Lot » : le lot « LOT-Z » n&#x27;existe pas" in html
    assert "ligne 2, colonne « Lien » : le lien doit commencer par « https:// »" in html
    assert TicketLink.objects.count() == 0


def test_replace_and_withdraw_through_their_preview(operator, campaign, association, accept):
    pack = accept(association, reference="LOT-A", size=2)
    link = TicketLink.objects.create(
        campaign=campaign,
        pack=pack,
        url="https://ok.example.org/a",
        imported_at="2024-06-10T10:00+02:00",
    )
    kwargs = {"campaign_slug": campaign.slug, "link_id": link.pk}
    url = reverse("backoffice:link_replace", kwargs=kwargs)
    refused = operator.post(url, {"url": "javascript:alert(1)", "reason": ""})
    assert "doit commencer par « https:// »" in refused.content.decode()
    preview = operator.post(url, {"url": "https://ok.example.org/b", "reason": "réémis"})
    html = preview.content.decode()
    assert "Vérifiez avant d'enregistrer" in html and "Remplacer le lien" in html
    assert TicketLink.objects.get().url == "https://ok.example.org/a"  # nothing yet
    token = preview.context["preview"].token
    done = operator.post(
        url,
        {"url": "https://ok.example.org/b", "reason": "réémis", "step": "confirm", "seen": token},
    )
    assert done.status_code == 302
    new = TicketLink.objects.get(status=LinkStatus.ACTIVE)
    assert new.url == "https://ok.example.org/b"
    withdraw = reverse("backoffice:link_withdraw", kwargs={**kwargs, "link_id": new.pk})
    empty = operator.post(withdraw, {"reason": ""})
    assert "Indiquez le motif du retrait." in empty.content.decode()
    preview = operator.post(withdraw, {"reason": "Lien erroné"})
    assert "Retirer le lien" in preview.content.decode()
    assert TicketLink.objects.filter(status=LinkStatus.ACTIVE).count() == 1
    done = operator.post(
        withdraw,
        {"reason": "Lien erroné", "step": "confirm", "seen": preview.context["preview"].token},
    )
    assert done.status_code == 302
    assert not TicketLink.objects.filter(status=LinkStatus.ACTIVE).exists()
    assert AuditEntry.objects.filter(action="delivery.link_withdrawn").count() == 1


def test_another_campaign_link_or_pack_is_not_found(client, campaign, association, accept):
    from billetterie.accounts.models import Role, User

    pack = accept(association, reference="LOT-A", size=2)
    link = TicketLink.objects.create(
        campaign=campaign,
        pack=pack,
        url="https://ok.example.org/a",
        imported_at="2024-06-10T10:00+02:00",
    )
    other = campaign_create(slug="autre-2024", name="Autre", operator_name="Autre opérateur")
    other_staff = User.objects.create_user(
        "autre@example.org", "x-solide-2024-mdp", role=Role.OPERATOR_STAFF, operator=other.operator
    )
    client.force_login(other_staff)
    # Its own campaign in the address, our link or pack in it: 404, and nothing changes.
    for name, kwargs in [
        ("backoffice:link_replace", {"link_id": link.pk}),
        ("backoffice:link_withdraw", {"link_id": link.pk}),
        ("backoffice:links_pack", {"pack_id": pack.pk}),
    ]:
        url = reverse(name, kwargs={"campaign_slug": other.slug, **kwargs})
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x", "step": "confirm"}).status_code == 404
    assert TicketLink.objects.get().status == LinkStatus.ACTIVE


def test_the_referent_sees_no_link_page(client, campaign, referent_user):
    client.force_login(referent_user)
    response = client.get(reverse("backoffice:links", kwargs={"campaign_slug": campaign.slug}))
    assert response.status_code == 403
