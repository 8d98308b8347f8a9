"""The « Textes des messages » pages: every kind listed, one kind's text previewed, saved and reset."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from billetterie.core.models import AuditEntry
from billetterie.outbox.kinds import KINDS, SMS, Kind
from billetterie.outbox.models import MessageTemplate
from billetterie.outbox.services import wording

pytestmark = pytest.mark.django_db

CODE = "account.invitation"
KIND = KINDS[CODE]


def _url(name, campaign, **kwargs):
    return reverse(f"backoffice:{name}", kwargs={"campaign_slug": campaign.slug, **kwargs})


@pytest.fixture
def operator_client(client, operator_user):
    client.force_login(operator_user)
    return client


def test_every_kind_is_listed_with_its_state(operator_client, campaign):
    page = operator_client.get(_url("message_texts", campaign)).content.decode()
    for code, kind in KINDS.items():
        assert _url("message_text", campaign, code=code) in page
        assert escape(kind.label) in page
    assert '<span class="badge">par défaut</span>' in page and "badge-warn" not in page


def test_the_page_previews_saves_and_resets(operator_client, campaign, operator_user):
    url = _url("message_text", campaign, code=CODE)
    page = operator_client.get(url).content.decode()
    assert "{validite}" in page and "Le nombre de jours pendant lesquels le lien marche" in page
    assert "Aperçu avec des valeurs d'exemple tirées de la campagne" in page
    assert "Revenir au texte par défaut" not in page  # nothing to reset yet

    # A preview shows the typed text and saves nothing.
    body = "Bonjour,\n\nBienvenue chez {operateur} !\n\nVotre lien : {lien}"
    preview = operator_client.post(url, {"subject": "Bienvenue", "body": body, "step": "preview"})
    shown = preview.content.decode()
    assert f"Bienvenue chez {escape(campaign.operator.name)} !" in shown
    assert "Aperçu du texte saisi" in shown
    assert not MessageTemplate.objects.exists()

    # An unknown placeholder is refused, named, and the preview still shows.
    refused = operator_client.post(
        url, {"subject": "Bienvenue", "body": body + " {lein}", "step": "save"}
    ).content.decode()
    assert "Le champ {lein} n&#x27;existe pas pour ce message." in refused
    assert "Ce texte ne peut pas être enregistré tel quel" in refused
    assert not MessageTemplate.objects.exists()

    saved = operator_client.post(url, {"subject": "Bienvenue", "body": body, "step": "save"})
    assert saved.status_code == 302 and saved.url == url
    assert wording(operator=campaign.operator, code=CODE) == ("Bienvenue", body, True)
    page = operator_client.get(url).content.decode()
    assert "Texte du message « Invitation à créer son mot de passe » enregistré." in page
    assert '<span class="badge badge-warn">modifié</span>' in page
    assert "Revenir au texte par défaut" in page

    reset_url = _url("message_text_reset", campaign, code=CODE)
    confirm = operator_client.get(reset_url).content.decode()
    assert "Le texte modifié n'est pas conservé." in confirm
    assert MessageTemplate.objects.exists()  # asking is not resetting
    done = operator_client.post(reset_url)
    assert done.status_code == 302 and done.url == url
    assert wording(operator=campaign.operator, code=CODE)[2] is False
    assert list(
        AuditEntry.objects.filter(campaign_id=campaign.pk, action__startswith="outbox.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["outbox.template_changed", "outbox.template_reset"]
    again = operator_client.get(reset_url).content.decode()
    assert "Ce message a déjà son texte par défaut." in again


def test_an_sms_kind_has_no_subject_and_shows_its_length(operator_client, campaign, monkeypatch):
    monkeypatch.setitem(
        KINDS,
        "essai.sms",
        Kind(
            label="Rappel SMS d'essai",
            subject="",
            body="Répondez avant demain : {lien}",
            channel=SMS,
            placeholders={"lien": "le lien"},
        ),
    )
    page = operator_client.get(_url("message_text", campaign, code="essai.sms")).content.decode()
    assert 'name="subject"' not in page
    assert "1 SMS (160 caractères par SMS)" in page
    long = operator_client.post(
        _url("message_text", campaign, code="essai.sms"),
        {"body": "Dernier jour : répondez à « {lien} » " + "x" * 60, "step": "preview"},
    ).content.decode()
    assert "2 SMS (67 caractères par SMS, à cause de : « »)" in long


def test_an_unknown_kind_answers_404(operator_client, campaign):
    for name in ("message_text", "message_text_reset"):
        assert operator_client.get(_url(name, campaign, code="nope.nope")).status_code == 404
