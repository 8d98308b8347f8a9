"""The group leader's part, as lived: the operator sends the links from the back office; the
leader opens the page from the message, on a phone (390 × 844), with no account and no cookie;
it fits the screen, with large text too, passes axe-core, and « J'ai récupéré les billets »
shows the confirmation. The page's weight is measured."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from billetterie.core import clock
from billetterie.delivery.models import LeaderAccess
from billetterie.outbox.models import Message
from tests.conftest import PASSWORD
from tests.delivery.leader_world import named_group
from tests.e2e.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path("/tmp/shots-leader")
# The page, its two style sheets and nothing else: a slow phone connection gets it quickly.
MAX_BYTES = 40_000


@pytest.fixture(autouse=True)
def _july_2024():
    with clock.frozen_at("2024-07-26T09:00:00+02:00"):
        yield


def test_the_leader_opens_the_page_on_a_phone_and_confirms(
    page, browser, live_server, settings, campaign, association, operator_user, referent_user
):
    settings.SITE_URL = live_server.url
    SHOTS.mkdir(exist_ok=True)
    operator = campaign.operator
    operator.contact_name, operator.contact_phone = "Nadia Benali", "01 44 55 66 77"
    operator.contact_email = "billets@federation.example"
    operator.save()
    association.name = "Association départementale de sauvegarde de l'enfance et de l'adolescence"
    association.save()
    group = named_group(campaign, association, links="ticket", size=4, name="Les Aigles du 93")

    # The operator reads who will receive the link, then sends it.
    sign_in(page, operator_user.email, PASSWORD)
    page.goto(f"/gestion/campagnes/{campaign.slug}/remise/")
    page.get_by_role(
        "link", name=re.compile("Envoyer les billets aux responsables de groupe")
    ).click()
    expect(page.get_by_text("1 responsable de groupe recevra")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Envoyer le lien à ce responsable").click()
    expect(page.get_by_role("status")).to_contain_text("Lien envoyé aux responsables de 1 groupe")
    assert axe_violations(page) == []
    page.screenshot(path=str(SHOTS / "operator-tracking.png"), full_page=True)

    sms = Message.objects.get(kind="delivery.leader_link_sms")
    link = re.search(r"https?://\S+/responsable/\S+/", sms.body_text).group(0)
    assert link.startswith(live_server.url)

    # The leader's phone: a fresh browser, no account, no cookie.
    phone = browser.new_context(
        locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    leader = phone.new_page()
    leader.set_default_timeout(10_000)
    transferred = []
    leader.on("requestfinished", lambda r: transferred.append((r.url, r.sizes())))
    leader.goto(link)
    expect(leader.get_by_role("heading", level=1)).to_have_text("Les billets de votre groupe")
    expect(leader.get_by_text("DURAND Sophie — encadrant, responsable du groupe")).to_be_visible()
    expect(leader.get_by_role("link", name=re.compile("^Ouvrir le lien"))).to_have_count(4)
    expect(leader.get_by_role("link", name=re.compile("^Itinéraire"))).to_be_visible()
    assert leader.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(leader) == []
    leader.screenshot(path=str(SHOTS / "leader-390x844.png"), full_page=True)
    leader.screenshot(path=str(SHOTS / "leader-390x844-first-screen.png"))
    weight = sum(s["responseBodySize"] + s["responseHeadersSize"] for _, s in transferred)
    print(f"\nleader page: {len(transferred)} requests, {weight} bytes transferred")
    assert len(transferred) == 3 and weight < MAX_BYTES
    assert phone.cookies() == []

    # Large text (200 %): still no sideways scrolling.
    leader.evaluate("document.documentElement.style.fontSize = '200%'")
    assert leader.evaluate("document.documentElement.scrollWidth") <= 390
    leader.screenshot(path=str(SHOTS / "leader-390x844-text-200.png"))
    leader.evaluate("document.documentElement.style.fontSize = ''")

    leader.get_by_role("button", name="J'ai récupéré les billets").click()
    expect(leader.get_by_role("status")).to_contain_text("Billets récupérés le 26 juillet 2024")
    expect(leader.get_by_role("button", name="J'ai récupéré les billets")).to_have_count(0)
    assert axe_violations(leader) == []
    assert leader.evaluate("document.documentElement.scrollWidth") <= 390
    leader.screenshot(path=str(SHOTS / "leader-confirmed.png"), full_page=True)
    assert phone.cookies() == []
    assert LeaderAccess.objects.get(group=group).confirmed_at is not None
    phone.close()

    # The operator sees it.
    page.reload()
    expect(page.get_by_role("row").filter(has_text="Les Aigles du 93")).to_contain_text("récupérés")

    # So does the association's referent, on a phone too, without ever seeing the link.
    referent = browser.new_context(
        locale="fr-FR",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    ).new_page()
    sign_in(referent, referent_user.email, PASSWORD)
    referent.goto(f"/association/beneficiaires/{campaign.slug}/")
    referent.get_by_role("link", name="Remise des billets aux responsables").click()
    card = referent.get_by_role("listitem").filter(has_text="« Les Aigles du 93 »")
    expect(card).to_contain_text("récupérés le 26 juillet")
    assert "/responsable/" not in referent.content()
    assert axe_violations(referent) == []
    assert referent.evaluate("document.documentElement.scrollWidth") <= 390
    referent.screenshot(path=str(SHOTS / "referent-delivery.png"), full_page=True)
