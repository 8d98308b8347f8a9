"""Several offers answered at once, in the browser: the referent selects the JO packs with « Tout
sélectionner », reads the commitment once, confirms once; then, on a phone (390 × 844), declines
the JP pack the same way. axe-core on every page; screenshots when E2E_SHOTS names a folder."""

import datetime as dt
import os
import re

import pytest

from billetterie.catalogue.models import Games, HostCity, Session, Venue
from billetterie.inventory.models import Pack
from billetterie.offers.models import OfferStatus
from billetterie.offers.services import offers_create
from billetterie.requests.models import Application
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _shot(page, name):
    folder = os.environ.get("E2E_SHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _offers(campaign, association, operator_user):
    """Four JO packs (4, 4, 4 and 2 tickets) and one JP pack, for an association that asked for
    12 JO tickets."""
    city = HostCity.objects.create(name="Marseille")
    venue = Venue.objects.create(name="Stade de Marseille", host_city=city)
    Application.objects.create(
        campaign=campaign,
        association=association,
        games=Games.objects.get(code="OG"),
        youth=9,
        supervisors=3,
        received_on=dt.date(2023, 9, 15),
    )
    packs = []
    for i, (games, size) in enumerate([("OG", 4), ("OG", 4), ("OG", 4), ("OG", 2), ("PG", 3)]):
        session = Session.objects.create(
            games=Games.objects.get(code=games),
            code=f"FBL0{i + 1}",
            sport="Football",
            date=dt.date(2024, 7, 25 + i),
            start_time=dt.time(17, 0),
            venue=venue,
        )
        packs.append(
            Pack.objects.create(
                campaign=campaign, reference=f"LOT-00{i + 1}", session=session, size=size
            )
        )
    return offers_create(
        campaign=campaign, pairs=[(p.pk, association.pk) for p in packs], actor=operator_user
    )


def _statuses(offers):
    for offer in offers:
        offer.refresh_from_db()
    return [offer.status for offer in offers]


def test_referent_answers_several_packs_at_once_on_desktop_and_phone(
    page, browser, live_server, referent_user, operator_user, campaign
):
    offers = _offers(campaign, referent_user.association, operator_user)
    sign_in(page, referent_user.email, PASSWORD)
    page.goto("/association/propositions/")
    totals = page.get_by_role("table", name=re.compile("^Par Jeux"))
    assert "12" in totals.get_by_role("row", name=re.compile("Jeux Olympiques")).inner_text()
    assert axe_violations(page) == []
    _shot(page, "answers-1-board-desktop")

    # « Tout sélectionner » ticks the four JO packs; unticking one leaves three.
    select_all = page.get_by_role("checkbox", name=re.compile("^Tout sélectionner : les 4 lots JO"))
    select_all.check()
    for n in range(1, 5):
        assert page.get_by_role("checkbox", name=f"Sélectionner le lot LOT-00{n}").is_checked()
    assert not page.get_by_role("checkbox", name="Sélectionner le lot LOT-005").is_checked()
    assert "Lots sélectionnés : 4 — billets : 14" in page.locator(".selection-count").inner_text()
    page.get_by_role("checkbox", name="Sélectionner le lot LOT-004").uncheck()
    assert not select_all.is_checked()
    assert "Lots sélectionnés : 3 — billets : 12" in page.locator(".selection-count").inner_text()
    page.get_by_role("button", name="Accepter les lots sélectionnés…").click()

    # The confirmation: what will be accepted, the totals, the commitment once.
    assert page.get_by_role("heading", level=1).inner_text() == "Confirmer vos réponses"
    main = page.get_by_role("main")
    assert "Vous acceptez 3 lots (12 billets)" in main.inner_text()
    assert page.get_by_role("checkbox").count() == 1
    assert axe_violations(page) == []
    _shot(page, "answers-2-confirm-desktop")
    # The fourth JO pack can be declined in the same confirmation.
    page.get_by_role("link", name="Me désister aussi de cet autre lot").click()
    assert "Vous vous désistez de 1 lot (2 billets)" in main.inner_text()
    page.get_by_role("button", name="Confirmer ces 4 réponses").click()
    assert "cochez l'engagement" in main.inner_text()
    assert axe_violations(page) == []
    assert _statuses(offers) == [OfferStatus.PENDING] * 5
    page.get_by_role("checkbox", name=re.compile("je m'engage")).check()
    page.get_by_role("button", name="Confirmer ces 4 réponses").click()
    status = page.get_by_role("status").inner_text()
    assert "Acceptés : 3 lots (12 billets) : LOT-001, LOT-002, LOT-003." in status
    assert "Désistements enregistrés : 1 lot (2 billets) : LOT-004." in status
    assert "Lots acceptés (3)" in page.get_by_role("main").inner_text()
    assert axe_violations(page) == []
    _shot(page, "answers-3-done-desktop")
    assert _statuses(offers) == [OfferStatus.ACCEPTED] * 3 + [
        OfferStatus.DECLINED,
        OfferStatus.PENDING,
    ]

    # On a phone: the JP pack, declined the same way.
    context = browser.new_context(
        locale="fr-FR",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    try:
        sign_in(phone, referent_user.email, PASSWORD)
        phone.goto("/association/propositions/")
        assert no_horizontal_scroll(phone)
        assert axe_violations(phone) == []
        _shot(phone, "answers-4-board-phone")
        phone.get_by_role("checkbox", name="Sélectionner le lot LOT-005").check()
        phone.get_by_role("button", name="Me désister des lots sélectionnés…").click()
        assert "Vous vous désistez de 1 lot (3 billets)" in phone.get_by_role("main").inner_text()
        assert no_horizontal_scroll(phone)
        assert axe_violations(phone) == []
        _shot(phone, "answers-5-confirm-phone")
        phone.get_by_role("button", name="Confirmer le désistement de ce lot").click()
        assert "LOT-005" in phone.get_by_role("status").inner_text()
        assert "Aucun lot n'attend votre réponse." in phone.get_by_role("main").inner_text()
        _shot(phone, "answers-6-done-phone")
    finally:
        context.close()
    assert _statuses(offers)[4] == OfferStatus.DECLINED
