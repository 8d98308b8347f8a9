"""Offer pages in the browser: a referent answers on a phone, the operator extends a deadline."""

import datetime as dt

import pytest

from billetterie.catalogue.models import Games, HostCity, Session, Venue
from billetterie.inventory.models import Pack
from billetterie.offers.models import OfferStatus
from billetterie.offers.services import offers_create
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _offers(campaign, association, operator_user, n=2):
    city = HostCity.objects.create(name="Marseille")
    venue = Venue.objects.create(name="Stade de Marseille", host_city=city)
    packs = []
    for i in range(1, n + 1):
        session = Session.objects.create(
            games=Games.objects.get(code="OG"),
            code=f"FBL0{i}",
            sport="Football",
            date=dt.date(2024, 7, 24 + i),
            start_time=dt.time(17, 0),
            venue=venue,
        )
        packs.append(
            Pack.objects.create(campaign=campaign, reference=f"LOT-00{i}", session=session, size=4)
        )
    return offers_create(
        campaign=campaign, pairs=[(p.pk, association.pk) for p in packs], actor=operator_user
    )


def test_referent_accepts_and_declines_on_a_phone(
    phone_page, referent_user, operator_user, campaign
):
    offers = _offers(campaign, referent_user.association, operator_user)
    page = phone_page
    sign_in(page, referent_user.email, PASSWORD)
    page.goto("/association/propositions/")
    assert page.get_by_role("heading", level=1).inner_text() == "Propositions de lots"
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []
    # One pack alone, on its own page: without the commitment it is refused, with the reason on
    # the checkbox.
    page.get_by_role("link", name="Accepter le lot LOT-001").click()
    page.get_by_role("button", name="Accepter le lot LOT-001").click()
    assert "cochez l'engagement" in page.get_by_role("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("checkbox", name="conditions d'utilisation du lot LOT-001").check()
    page.get_by_role("button", name="Accepter le lot LOT-001").click()
    assert "Le lot LOT-001 est accepté" in page.get_by_role("status").inner_text()
    page.get_by_role("link", name="Se désister du lot LOT-002").click()
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirmer le désistement du lot LOT-002").click()
    assert "Vous vous êtes désisté du lot LOT-002" in page.get_by_role("status").inner_text()
    assert "Lots acceptés (1)" in page.get_by_role("main").inner_text()
    page.get_by_role("link", name="Rendre le lot LOT-001").click()
    assert axe_violations(page) == []
    for offer in offers:
        offer.refresh_from_db()
    assert [o.status for o in offers] == [OfferStatus.ACCEPTED, OfferStatus.DECLINED]


def test_operator_lists_offers_and_extends_a_deadline(page, operator_user, referent_user, campaign):
    _offers(campaign, referent_user.association, operator_user, n=1)
    sign_in(page, operator_user.email, PASSWORD)
    page.goto(f"/gestion/campagnes/{campaign.slug}/propositions/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Prolonger le lot LOT-001").click()
    assert axe_violations(page) == []
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    page.get_by_label("Nouvelle échéance de réponse").fill(f"{later}T18:00")
    page.get_by_label("Motif de la prolongation").fill("Courrier perdu")
    page.get_by_role("button", name="Prolonger le lot LOT-001").click()
    assert "est prolongée" in page.get_by_role("status").inner_text()
