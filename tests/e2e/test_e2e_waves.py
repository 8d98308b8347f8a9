"""Waves in a real browser, on the demo: wave 1, answers, expiry, wave 2 to the waiting list."""

import re

import pytest
from django.core.management import call_command

from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from billetterie.inventory.models import Pack, PackStatus
from billetterie.offers.models import Offer, OfferStatus
from billetterie.requests.models import Channel
from tests.e2e.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    settings.ALLOCATION_TIME_LIMIT = 20
    call_command("load_demo", "--force", verbosity=0)


def _launch_run(page, games_label: str, scope_label: str):
    page.goto("/gestion/")
    page.get_by_role("link", name="Billetterie populaire des Jeux 2024").click()
    page.get_by_role("link", name="Attribution des lots").click()
    page.get_by_label("Jeux concernés").select_option(label=games_label)
    page.get_by_label("Demandes servies").select_option(label=scope_label)
    # Tests run tasks immediately: the click returns once the computation is done.
    with page.expect_navigation(timeout=240_000):
        page.get_by_role("button", name="Lancer le calcul").click(timeout=240_000)
    page.get_by_role("heading", name="Comparaison avec d'autres façons de répartir").wait_for(
        timeout=180_000
    )


def _publish(page) -> None:
    """Through its confirmation: what leaves and to whom is read before the click that sends it."""
    page.get_by_role("link", name="Publier la vague et prévenir les associations…").click()
    said = page.locator("main").inner_text()
    assert "associations" in said and "reçoivent un e-mail" in said
    assert axe_violations(page) == []
    page.get_by_role(
        "button", name=re.compile(r"^Publier \d+ propositions? et prévenir \d+ associations?$")
    ).click()


def test_two_waves_with_answers_and_expiry(page, demo, capsys):
    # Wave 1: the operator computes, reads the preview and its comparison, publishes.
    sign_in(page, "operateur@demo.billetterie.fr", DEMO_PASSWORD)
    _launch_run(page, "JO", "Les candidatures de l'appel seulement")
    comparison = page.get_by_role("table", name="Comparaison des méthodes")
    for label in (
        "Règle de la campagne",
        "Au plus mal servi d'abord",
        "Proportionnelle aux demandes",
        "Tirage au sort",
    ):
        assert comparison.get_by_role("row", name=label).count() == 1
    assert page.get_by_role(
        "table", name="Des moins satisfaites aux plus satisfaites, par priorité"
    ).is_visible()
    assert axe_violations(page) == []
    _publish(page)
    assert "Vague publiée" in page.get_by_role("status").inner_text()
    wave1 = AllocationRun.objects.get(number=1)
    assert wave1.status == RunStatus.PUBLISHED
    offered = Offer.objects.filter(run=wave1)
    assert offered.count() > 100

    # A referent accepts one pack and declines another.
    page.get_by_role("button", name="Se déconnecter").click()
    sign_in(page, "referent1@demo.billetterie.fr", DEMO_PASSWORD)
    page.get_by_role("link", name="Voir et répondre").click()
    assert axe_violations(page) == []
    first, second = (
        page.locator("li.card")
        .filter(has=page.get_by_role("link", name="Accepter le lot"))
        .all()[:2]
    )
    accepted_ref = first.get_by_role("heading").inner_text().removeprefix("Lot ").strip()
    declined_ref = second.get_by_role("heading").inner_text().removeprefix("Lot ").strip()
    first.get_by_role("link", name=f"Accepter le lot {accepted_ref}").click()
    page.get_by_role("checkbox", name="conditions d'utilisation").check()
    page.get_by_role("button", name=f"Accepter le lot {accepted_ref}").click()
    assert f"{accepted_ref}" in page.get_by_role("status").inner_text()
    page.get_by_role("link", name=f"Se désister du lot {declined_ref}").click()
    page.get_by_role("button", name=f"Confirmer le désistement du lot {declined_ref}").click()
    assert "désisté" in page.get_by_role("status").inner_text()
    assert Pack.objects.get(reference=accepted_ref).status == PackStatus.ACCEPTED
    assert Pack.objects.get(reference=declined_ref).status == PackStatus.AVAILABLE

    # The clock moves past the deadline; the periodic job expires every other pending offer.
    pending_before = Offer.objects.filter(status=OfferStatus.PENDING).count()
    call_command("set_clock", "2024-03-23")
    call_command("run_periodic")
    assert Offer.objects.filter(status=OfferStatus.PENDING).count() == 0
    assert Offer.objects.filter(status=OfferStatus.EXPIRED).count() == pending_before
    freed = set(
        Pack.objects.filter(
            status=PackStatus.AVAILABLE, is_prestige=False, session__games__code="OG"
        ).values_list("pk", flat=True)
    )
    assert Pack.objects.get(reference=declined_ref).pk in freed

    # Wave 2: the freed packs, now for the waiting list too (after what the call leaves).
    page.get_by_role("button", name="Se déconnecter").click()
    sign_in(page, "operateur@demo.billetterie.fr", DEMO_PASSWORD)
    _launch_run(page, "JO", "La liste d'attente seulement")
    _publish(page)
    wave2 = AllocationRun.objects.get(number=2)
    assert wave2.status == RunStatus.PUBLISHED
    wave2_offers = Offer.objects.filter(run=wave2)
    assert wave2_offers.exists()
    assert set(wave2_offers.values_list("pack_id", flat=True)) <= freed
    waiting = set(
        Offer.objects.filter(
            run=wave2, association__applications__channel=Channel.WAITING_LIST
        ).values_list("pk", flat=True)
    )
    assert waiting == set(wave2_offers.values_list("pk", flat=True))
