"""The operator's wording of a kind of message: checked, saved, reset (audited), and previewed with
values drawn from the campaign."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.outbox.kinds import KINDS, SMS, Kind
from billetterie.outbox.models import MessageTemplate
from billetterie.outbox.services import message_queue, wording
from billetterie.outbox.wording import (
    UnknownKind,
    sms_length,
    template_check,
    template_preview,
    template_reset,
    template_save,
    wording_of,
    wordings_of,
)
from tests import factories

pytestmark = pytest.mark.django_db

CODE = "account.invitation"
KIND = KINDS[CODE]
VALUES = {"role": "référent", "validite": "14", "email": "a@example.org", "lien": "https://x/y"}


@pytest.fixture
def sms_kind(monkeypatch):
    """A kind sent by SMS, registered for the test only."""
    kind = Kind(
        label="Rappel par SMS (essai)",
        subject="",
        body="{association} : répondez avant {echeance_jour}. {lien}",
        channel=SMS,
        placeholders={"association": "l'association", "echeance_jour": "le jour", "lien": "lien"},
    )
    monkeypatch.setitem(KINDS, "essai.sms", kind)
    return "essai.sms"


def _save(campaign, user, **text):
    return template_save(
        operator=campaign.operator,
        code=CODE,
        subject=text.get("subject", KIND.subject),
        body=text.get("body", KIND.body),
        actor=user,
        campaign=campaign,
    )


def test_unknown_placeholders_are_refused_and_named(campaign, operator_user):
    with pytest.raises(ValidationError) as refused:
        _save(
            campaign,
            operator_user,
            subject="Bonjour {Operateur}",
            body="{lein} {nom du lot} {lien}",
        )
    errors = refused.value.message_dict
    assert errors["subject"] == [
        "Le champ {Operateur} n'existe pas pour ce message. Champs possibles : {campagne}, "
        "{operateur}, {contact}, {role}, {validite}, {email}, {lien}."
    ]
    assert errors["body"][0].startswith("Les champs {lein}, {nom du lot} n'existent pas")
    assert (
        not MessageTemplate.objects.exists()
        and not AuditEntry.objects.filter(action__startswith="outbox.").exists()
    )


def test_an_empty_body_or_subject_is_refused(campaign, operator_user):
    with pytest.raises(ValidationError) as refused:
        _save(campaign, operator_user, subject="  ", body=" \n\n ")
    assert refused.value.message_dict == {
        "subject": ["L'objet du message ne peut pas être vide."],
        "body": ["Le texte du message ne peut pas être vide."],
    }


def test_a_saved_wording_is_used_audited_with_an_excerpt_and_reset(campaign, operator_user):
    long_body = "Bonjour,\r\n\r\nVotre lien : {lien}\r\n\r\n" + "Texte très long. " * 40
    assert _save(campaign, operator_user, subject="Bienvenue  sur {campagne}", body=long_body)
    template = MessageTemplate.objects.get(operator=campaign.operator, kind=CODE)
    assert template.subject == "Bienvenue sur {campagne}"
    assert "\r" not in template.body and template.updated_by == operator_user
    entry = AuditEntry.objects.get(action="outbox.template_changed")
    assert entry.campaign_id == campaign.pk and entry.actor == operator_user
    assert entry.details["kind"] == CODE and entry.details["message"] == KIND.label
    assert entry.details["subject"] == {"before": KIND.subject, "after": "Bienvenue sur {campagne}"}
    after = entry.details["body"]["after"]
    assert after.endswith(f"… ({len(template.body)} caractères)") and len(after) < 200

    # The messages written from now on use it.
    with transaction.atomic():
        [message] = message_queue(
            code=CODE, recipients=["a@example.org"], values=VALUES, key="k", campaign=campaign
        )
    assert message.subject == f"Bienvenue sur {campaign.name}"
    assert "Votre lien : https://x/y" in message.body_text
    assert wording_of(operator=campaign.operator, code=CODE).edited

    # The same text again records nothing.
    assert not _save(campaign, operator_user, subject="Bienvenue sur {campagne}", body=long_body)
    assert AuditEntry.objects.filter(action="outbox.template_changed").count() == 1

    assert template_reset(
        operator=campaign.operator, code=CODE, actor=operator_user, campaign=campaign
    )
    assert wording(operator=campaign.operator, code=CODE) == (KIND.subject, KIND.body, False)
    reset = AuditEntry.objects.get(action="outbox.template_reset")
    assert reset.details["subject"]["after"] == KIND.subject and reset.campaign_id == campaign.pk
    # Nothing left to reset.
    assert not template_reset(operator=campaign.operator, code=CODE, actor=operator_user)
    assert AuditEntry.objects.filter(action="outbox.template_reset").count() == 1


def test_the_default_text_typed_back_is_the_default_again(campaign, operator_user):
    _save(campaign, operator_user, body=KIND.body + "\n\nÀ bientôt.")
    assert _save(campaign, operator_user)  # the default text, typed back
    assert not MessageTemplate.objects.exists()
    assert not wording_of(operator=campaign.operator, code=CODE).edited


def test_wordings_are_the_operators_own(campaign, operator_user):
    from billetterie.campaigns.services import campaign_create

    other = campaign_create(slug="autre", name="Autre", operator_name="Autre opérateur")
    _save(campaign, operator_user, body=KIND.body + "\n\nMerci.")
    assert wording_of(operator=campaign.operator, code=CODE).edited
    assert not wording_of(operator=other.operator, code=CODE).edited
    listed = {w.code: w for w in wordings_of(operator=campaign.operator)}
    assert set(listed) == set(KINDS) and listed[CODE].edited
    with pytest.raises(UnknownKind):
        wording_of(operator=campaign.operator, code="nope.nope")


def test_the_preview_takes_its_values_from_the_campaign(
    campaign, association, referent_user, operator_user
):
    pack = factories.pack(campaign=campaign, size=6, city="Lille")
    campaign.operator.contact_name = "Fanny Martin"
    campaign.operator.contact_email = "contact@example.org"
    campaign.operator.save()
    with clock.frozen_at("2024-03-15T10:00"):
        preview = template_preview(
            operator=campaign.operator,
            code=CODE,
            subject="Pour {role}",
            body="Bonjour {email},\n\nLien : {lien}\n\nValable {validite} jours. {contact} {inconnu}",
            campaign=campaign,
        )
    assert preview.subject == f"Pour référent de l'association « {association.name} »"
    assert f"Bonjour {referent_user.email}," in preview.text
    assert "Valable [le nombre de jours pendant lesquels le lien marche] jours." in preview.text
    assert "Fanny Martin — contact@example.org {inconnu}" in preview.text  # unknown: as written
    assert '<a href="http://' in preview.html and "style=" not in preview.html
    assert "<body" not in preview.html and preview.sms is None
    sources = {e.name: e.source for e in preview.examples}
    assert sources["email"] == "campagne" and sources["validite"] == "description"

    # A kind about packs gets a real pack of the campaign (the inventory's hook).
    kind = Kind(
        label="Essai",
        subject="Lot {lot}",
        body="{lots}\n{epreuve} — {billets} — réponse avant le {echeance}",
        placeholders={n: n for n in ("lot", "lots", "epreuve", "billets", "echeance")},
    )
    KINDS["essai.lot"] = kind
    try:
        with clock.frozen_at("2024-03-15T10:00"):
            preview = template_preview(
                operator=campaign.operator,
                code="essai.lot",
                subject=kind.subject,
                body=kind.body,
                campaign=campaign,
            )
    finally:
        del KINDS["essai.lot"]
    assert preview.subject == f"Lot {pack.reference}"
    assert f"- Lot {pack.reference} : Athlétisme" in preview.text
    assert "Stade de Lille, Lille" in preview.text and "6 billets" in preview.text
    assert "réponse avant le vendredi 22 mars 2024 à 10:00" in preview.text  # 7 days from now


def test_an_sms_has_no_subject_and_its_length_is_counted(campaign, sms_kind):
    subject, body = template_check(code=sms_kind, subject="ignoré", body="Répondez : {lien}")
    assert subject == ""
    preview = template_preview(
        operator=campaign.operator,
        code=sms_kind,
        subject="",
        body="Répondez vite : {lien}",
        campaign=campaign,
    )
    assert preview.subject == "" and preview.html == ""
    assert preview.sms.segments == 1 and preview.sms.per_segment == 160


def test_sms_length_counts_the_gsm_alphabet_and_the_rest():
    assert sms_length("").segments == 0
    plain = sms_length("a" * 160)
    assert (plain.segments, plain.per_segment, plain.special) == (1, 160, ())
    assert sms_length("a" * 161).segments == 2  # 153 each when split
    assert sms_length("€" * 80).segments == 1  # the euro sign counts twice: 160
    accented = sms_length("Réponse attendue à « 10:00 » : ça presse, fête !")
    assert accented.special == ("«", "»", "ç", "ê") and accented.per_segment == 70
    assert sms_length("ê" * 71).segments == 2
