"""Messages of the offers: written with the decision, French, text and HTML, one per referent."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from billetterie.offers.services import offer_extend, offers_create
from tests.messages import queued


def test_one_message_per_referent_with_everything_needed(
    campaign,
    association,
    other_association,
    referent_user,
    other_referent_user,
    make_referent,
    make_pack,
    operator_user,
    sent_clock,
    django_capture_on_commit_callbacks,
):
    make_referent(association, "ancien@example.org", is_active=False)
    make_referent(association, "seconde@example.org")
    packs = [make_pack(size=4), make_pack(size=6), make_pack(city="Lille")]
    with django_capture_on_commit_callbacks(execute=True):
        offers = offers_create(
            campaign=campaign,
            pairs=[
                (packs[0].pk, association.pk),
                (packs[1].pk, association.pk),
                (packs[2].pk, other_association.pk),
            ],
            actor=operator_user,
        )
    assert sorted(m.recipient for m in queued("offers.made")) == [
        "referent@example.org",
        "seconde@example.org",
        "voisin@example.org",
    ]
    assert len(mail.outbox) == 3  # delivered after commit
    ours = [m for m in mail.outbox if m.to != ["voisin@example.org"]]
    assert sorted(m.to[0] for m in ours) == ["referent@example.org", "seconde@example.org"]
    first = ours[0]
    assert (
        first.subject
        == "Billetterie populaire : 2 lots vous sont proposés — réponse avant le 18 mars"
    )
    text = first.body
    for expected in [
        association.name,
        "LOT-001",
        "LOT-002",
        "FBL01",
        "Football",
        "Stade de Marseille",
        "Marseille",
        "dimanche 28 juillet 2024",
        "17:00",
        "4 billets",
        "6 billets",
        "2 lots, 10 billets",
        "lundi 18 mars 2024 à 10:00",
        "au plus 2 billets par jeune",
        settings.SITE_URL + reverse("portal:offers"),
    ]:
        assert expected in text, expected
    assert "LOT-003" not in text
    [(html, mimetype)] = first.alternatives
    assert mimetype == "text/html"
    assert "Sauvegarde de l&#x27;Essonne" in html and "LOT-002" in html
    assert f'href="{settings.SITE_URL}{reverse("portal:offers")}"' in html
    theirs = next(m for m in mail.outbox if m.to == ["voisin@example.org"])
    assert theirs.subject.startswith("Billetterie populaire : 1 lot vous est proposé")
    message = queued("offers.made", recipient="voisin@example.org")[0]
    assert message.association_id == other_association.pk and message.about_id == str(offers[2].pk)


def test_nothing_is_queued_when_the_transaction_rolls_back(
    campaign,
    association,
    referent_user,
    make_pack,
    operator_user,
    sent_clock,
    django_capture_on_commit_callbacks,
):
    pack = make_pack()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                offers_create(
                    campaign=campaign, pairs=[(pack.pk, association.pk)], actor=operator_user
                )
                raise RuntimeError("the publish fails after creating the offers")
        except RuntimeError:
            pass
    assert queued() == [] and mail.outbox == []


def test_an_extension_is_told_once_with_the_new_deadline_and_its_reason(
    campaign, association, referent_user, make_referent, make_pack, offer_packs, operator_user
):
    make_referent(association, "seconde@example.org")
    [offer] = offer_packs([(make_pack(size=4), association)])
    later = offer.expires_at + dt.timedelta(days=7)
    for _ in range(2):  # the same deadline again changes nothing, and tells nothing
        offer_extend(
            offer_id=offer.pk,
            campaign=campaign,
            new_deadline=later,
            actor=operator_user,
            reason="Conseil d'administration le 20 mars",
        )
    messages = queued("offers.extended")
    assert sorted(m.recipient for m in messages) == ["referent@example.org", "seconde@example.org"]
    message = messages[0]
    assert message.subject == (
        "Billetterie populaire : lot LOT-001 — réponse attendue jusqu'au 25 mars"
    )
    for expected in [
        "lundi 25 mars 2024 à 10:00",
        "au lieu du lundi 18 mars 2024 à 10:00",
        "Motif : Conseil d'administration le 20 mars",
        "Football (JO, épreuve FBL01), dimanche 28 juillet 2024 à 17:00",
        "4 billets",
        settings.SITE_URL + reverse("portal:offers"),
    ]:
        assert expected in message.body_text, expected
    assert message.about_id == str(offer.pk)
    with pytest.raises(ValidationError):
        offer_extend(
            offer_id=offer.pk,
            campaign=campaign,
            new_deadline=later + dt.timedelta(days=1),
            actor=operator_user,
            reason="",
        )
    assert len(queued("offers.extended")) == 2
