"""A refused commitment letter, as the people live it: the referent, signed in in their browser,
sends the pre-filled letter back without its signature; the operator, in hers, refuses it with a
reason; the referent's e-mail leaves through the outbox with that reason and a link, and the link
opens the letter page where the reason is shown above the form to send a new letter."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from billetterie.attendees.models import CommitmentLetter, LetterStatus
from billetterie.outbox.models import Message, Status
from tests import factories
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "La signature du président manque."
FIELD = "Courrier signé (PDF, JPEG ou PNG, 5 Mo au plus)"


def shot(page, name):
    """A screenshot to look at, when E2E_SHOTS names a folder (never in CI)."""
    folder = os.environ.get("E2E_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


@pytest.fixture
def accepted_pack(campaign, association):
    """The association holds one accepted pack: its attendees pages, letter included, are open."""
    pack = factories.pack(campaign=campaign, size=8)
    factories.pack_accept(pack, association=association)
    return pack


def test_the_operator_refuses_a_letter_and_the_referent_reads_why(
    page, browser, live_server, operator_user, referent_user, accepted_pack, tmp_path, settings
):
    settings.SITE_URL = live_server.url  # the links of the e-mails lead to this server
    campaign = accepted_pack.campaign
    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    try:
        referent = context.new_page()
        referent.set_default_timeout(10_000)

        # The referent sends the pre-filled letter back, forgetting to have it signed.
        sign_in(referent, referent_user.email, PASSWORD)
        referent.get_by_role("navigation", name="Navigation principale").get_by_role(
            "link", name="Bénéficiaires"
        ).click()
        referent.get_by_role("link", name="Télécharger et déposer le courrier").click()
        expect(referent.get_by_role("heading", level=1)).to_have_text("Courrier d'engagement moral")
        with referent.expect_download() as download:
            referent.get_by_role("link", name="Télécharger le courrier pré-rempli (PDF)").click()
        letter_pdf = tmp_path / "courrier-engagement.pdf"
        download.value.save_as(letter_pdf)
        assert letter_pdf.read_bytes().startswith(b"%PDF")
        referent.get_by_label(FIELD).set_input_files(letter_pdf)
        referent.get_by_role("button", name="Déposer le courrier signé").click()
        expect(referent.get_by_role("status")).to_contain_text("Le courrier signé est déposé")
        expect(referent.locator("li.card")).to_contain_text("À valider")
        shot(referent, "1-referent-courrier-depose")
        assert axe_violations(referent) == []

        # The operator opens the letters to check in the back office.
        sign_in(page, operator_user.email, PASSWORD)
        page.goto("/gestion/")
        page.get_by_role("link", name=campaign.name, exact=True).click()
        page.get_by_role("link", name="Attributions nominatives").click()
        letters = page.get_by_role("region", name="Courriers d'engagement moral à valider")
        expect(letters).to_contain_text(referent_user.association.name)
        shot(page, "2-operateur-tableau")
        letters.get_by_role("link", name="Vérifier le courrier").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Courrier d'engagement moral")
        expect(page.get_by_role("link", name=re.compile(r"^Télécharger \(PDF, "))).to_be_visible()
        assert axe_violations(page) == []

        # A refusal needs its reason; with it, the letter is refused.
        page.get_by_role("button", name="Refuser le courrier").click()
        expect(page.locator(".error").first).to_be_visible()
        shot(page, "3-operateur-refus-sans-motif")
        assert axe_violations(page) == []
        page.get_by_label("Motif (obligatoire pour un refus)").fill(REASON)
        page.get_by_role("button", name="Refuser le courrier").click()
        expect(page.get_by_role("status")).to_have_text("Courrier d'engagement moral refusé.")
        expect(page.get_by_text("Aucun courrier en attente.")).to_be_visible()
        shot(page, "4-operateur-refus-confirme")
        letter = CommitmentLetter.objects.get(
            campaign=campaign, association=referent_user.association
        )
        assert letter.status == LetterStatus.REFUSED
        assert letter.decision_reason == REASON

        # The referent's e-mail left through the outbox, with the reason and the way back.
        [message] = Message.objects.filter(kind="attendees.letter_refused")
        assert message.recipient == referent_user.email
        assert message.status == Status.SENT
        [email] = [m for m in mail.outbox if m.to == [referent_user.email]]
        assert "courrier d'engagement moral refusé" in email.subject
        assert f"Motif : {REASON}" in email.body
        link = re.search(r"https?://\S+/courrier/", email.body).group(0)
        assert link.startswith(live_server.url)

        # The referent follows the link: the reason first, then the form for a new letter.
        referent.goto(link)
        expect(referent.get_by_role("heading", level=1)).to_have_text("Courrier d'engagement moral")
        notice = referent.locator(".alert")
        expect(notice).to_contain_text("L'opérateur a refusé le courrier déposé le ")
        expect(notice).to_contain_text(f"Motif : {REASON}")
        expect(notice).to_contain_text("déposez ci-dessous un nouveau courrier signé")
        card = referent.locator("li.card").first
        expect(card).to_contain_text("Refusé")
        expect(card).to_contain_text(f"Motif : {REASON}")
        expect(referent.get_by_label(FIELD)).to_be_visible()
        expect(referent.get_by_role("button", name="Déposer le courrier signé")).to_be_visible()
        shot(referent, "5-referent-courrier-refuse")
        assert axe_violations(referent) == []
    finally:
        context.close()
