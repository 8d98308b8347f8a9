"""The download links in a real browser: the operator imports the ticket office's file, reads the
list of replacements of a second file and confirms it, then withdraws a link with a reason. Every
page passes axe-core; the pages fit a phone screen."""

import os
from pathlib import Path

import pytest

from billetterie.accounts.models import Role, User
from billetterie.delivery.models import LinkStatus, TicketLink
from tests import factories
from tests.delivery.links.conftest import csv_cp1252, xlsx
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "motdepasse-solide-2024"


@pytest.fixture
def scene(campaign, association, tmp_path):
    staff = User.objects.create_user(
        "operateur@example.org", PASSWORD, role=Role.OPERATOR_STAFF, operator=campaign.operator
    )
    for reference in ("LOT-A", "LOT-B"):
        pack = factories.pack(campaign=campaign, size=3, reference=reference)
        factories.pack_accept(pack, association=association)
    first = tmp_path / "liens.xlsx"
    first.write_bytes(
        xlsx(
            [
                ("Lot", "Billet", "Lien"),
                ("LOT-A", None, "https://billetterie.example.org/lot/A"),
                ("LOT-B", 2, "https://billetterie.example.org/billet/B2"),
            ],
            title_rows=["Retour de la billetterie"],
        )
    )
    second = tmp_path / "liens-2.csv"
    second.write_bytes(
        csv_cp1252(
            [
                ("Lot", "Billet", "Lien"),
                ("LOT-A", "", "https://billetterie.example.org/lot/A-réémis"),
            ]
        )
    )
    return {"staff": staff, "first": first, "second": second}


def test_import_confirm_replacements_then_withdraw(page, campaign, scene, tmp_path):
    sign_in(page, "operateur@example.org", PASSWORD)
    page.goto(f"/gestion/campagnes/{campaign.slug}/")
    page.get_by_role("link", name="Liens de téléchargement des billets").click()
    assert page.get_by_role("heading", name="Liens de téléchargement").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Importer le fichier des liens de la billetterie").click()
    page.get_by_label("Fichier à importer").set_input_files(str(scene["first"]))
    page.get_by_role("button", name="Importer", exact=True).click()
    assert "2 créés" in page.get_by_role("status").inner_text()
    page.get_by_label("Fichier à importer").set_input_files(str(scene["second"]))
    page.get_by_role("button", name="Importer", exact=True).click()
    assert page.get_by_text("Ce fichier remplace 1 lien existant").is_visible()
    page.screenshot(
        path=str(Path(os.environ.get("SHOTS", tmp_path)) / "remplacements.png"), full_page=True
    )
    assert axe_violations(page) == []
    assert TicketLink.objects.get(pack__reference="LOT-A").url.endswith("/lot/A")
    page.get_by_role("button", name="Importer le fichier et remplacer ce lien").click()
    assert "1 modifié" in page.get_by_role("status").inner_text()
    assert TicketLink.objects.get(pack__reference="LOT-A", status=LinkStatus.ACTIVE).url.endswith(
        "A-réémis"
    )

    page.goto(f"/gestion/campagnes/{campaign.slug}/liens/")
    page.get_by_role("link", name="LOT-B").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Retirer le lien du billet 2").click()
    page.get_by_label("Motif du retrait").fill("Billet annulé par la billetterie")
    page.get_by_role("button", name="Voir les changements").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Retirer le lien").click()
    assert "est retiré" in page.get_by_role("status").inner_text()
    assert TicketLink.objects.get(pack__reference="LOT-B").status == LinkStatus.WITHDRAWN

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/gestion/campagnes/{campaign.slug}/liens/")
    page.screenshot(
        path=str(Path(os.environ.get("SHOTS", tmp_path)) / "tableau-telephone.png"), full_page=True
    )
    assert no_horizontal_scroll(page) or page.locator(".table-scroll").count() > 0
    assert axe_violations(page) == []
