"""Every back-office page of the operator's day, on a campaign with a computed wave: each answers,
has a title, passes axe-core, and fits a 390 px phone without scrolling sideways. One sign-in."""

import pytest

from billetterie.offers.waves import wave_run_start
from tests import factories as f
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in
from tests.outbox.outbox_factories import make_message

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "",
    "tableau-de-bord/",
    "graphiques/",
    "exports/",
    "messages/",
    "MESSAGE",
    "billetterie/exports/",
    "liens/",
    "remise/",
    "remise/envoyer/",
    "presence/",
    "fiabilite/",
    "jeu-concours/",
    "jeu-concours/resultats/",
    "jeu-concours/lots-prestige/",
    "comptes/",
    "RUN",
]


@pytest.fixture
def built(campaign, make_association, operator_user):
    for name, youth, supervisors in (("Les Lucioles", 24, 6), ("Horizon", 9, 3)):
        f.application(
            campaign=campaign,
            association=make_association(name=name),
            youth=youth,
            supervisors=supervisors,
        )
    for size in (8, 6, 4, 2):
        f.pack(campaign=campaign, size=size, day="2024-07-27")
    # The tests' task backend is immediate: the run is computed once its transaction commits.
    run = wave_run_start(campaign=campaign, actor=operator_user, time_limit=10)
    message = make_message(campaign, subject="Lots proposés")
    return {"RUN": f"attribution/{run.number}/", "MESSAGE": f"messages/{message.pk}/"}


def test_each_backoffice_page_reads_on_a_computer_and_on_a_phone(
    browser, live_server, campaign, operator_user, built
):
    computer = browser.new_context(locale="fr-FR", base_url=live_server.url)
    page = computer.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, operator_user.email, PASSWORD)
    phone = browser.new_context(
        locale="fr-FR",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        storage_state=computer.storage_state(),
    ).new_page()
    problems = []
    try:
        for name in PAGES:
            url = f"/gestion/campagnes/{campaign.slug}/{built.get(name, name)}"
            for tab, size in ((page, "ordinateur"), (phone, "téléphone")):
                response = tab.goto(url)
                where = f"{url} ({size})"
                if response.status != 200:
                    problems.append(f"{where}: statut {response.status}")
                    continue
                if tab.locator("h1").count() != 1:
                    problems.append(f"{where}: pas de titre <h1> unique")
                problems += [f"{where}: {v}" for v in axe_violations(tab)]
                if tab is phone and not no_horizontal_scroll(tab):
                    problems.append(f"{where}: défilement horizontal")
    finally:
        phone.context.close()
        computer.close()
    assert problems == []
