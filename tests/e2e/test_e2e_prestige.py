"""Prestige packs in the browser: the operator reads what goes to whom and confirms; the winner
sees the prestige badge on its phone and accepts the pack like any other."""

import os

import pytest

from billetterie.catalogue.models import Phase
from billetterie.contest.models import AwardStatus, PrestigeAward
from tests.conftest import PASSWORD
from tests.contest.prestige_fixtures import prestige_pack, winners_create
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_operator_offers_the_prestige_packs_and_a_winner_accepts(
    page, phone_page, browser, operator_user, referent_user, campaign, make_association
):
    first, second = winners_create(campaign, make_association, [10, 6])
    # The referent of this test speaks for the first winner.
    referent_user.association = first.association
    referent_user.save()
    prestige_pack(campaign, size=10, phase=Phase.FINAL, reference="PR-0001")
    prestige_pack(campaign, size=6, phase=Phase.SEMI_FINAL, reference="PR-0002")

    sign_in(page, operator_user.email, PASSWORD)
    page.goto(f"/gestion/campagnes/{campaign.slug}/")
    page.get_by_role("link", name="Lots prestige du jeu-concours").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Lots prestige du jeu-concours"
    assert axe_violations(page) == []
    _shot(page, "prestige-board")
    page.get_by_role("link", name="Proposer les lots prestige aux lauréats").click()
    table = page.get_by_role("table").inner_text()
    assert "Lauréate 1" in table and "PR-0001" in table and "PR-0002" in table
    assert axe_violations(page) == []
    _shot(page, "prestige-preview")
    page.get_by_role("button", name="Proposer ces 2 lots prestige aux lauréats").click()
    assert "2 lots prestige (16 billets) proposés" in page.get_by_role("status").inner_text()
    assert axe_violations(page) == []
    _shot(page, "prestige-after")

    phone = phone_page
    sign_in(phone, referent_user.email, PASSWORD)
    phone.goto("/association/propositions/")
    assert "Lot prestige — jeu-concours" in phone.get_by_role("main").inner_text()
    assert no_horizontal_scroll(phone)
    assert axe_violations(phone) == []
    _shot(phone, "prestige-portal-phone")
    phone.get_by_role("link", name="Accepter le lot PR-0001").click()
    phone.get_by_role("checkbox", name="conditions d'utilisation du lot PR-0001").check()
    phone.get_by_role("button", name="Accepter le lot PR-0001").click()
    assert "Le lot PR-0001 est accepté" in phone.get_by_role("status").inner_text()
    assert PrestigeAward.objects.get(rank=1).status == AwardStatus.ACCEPTED
