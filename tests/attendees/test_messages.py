"""The operator's decisions told to the association: one message per referent, with the right kind,
text and link, none on a replayed decision, and never a child's name."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from billetterie.attendees.models import Holder, Person
from billetterie.attendees.services.derogations import derogation_decide, derogation_request
from billetterie.attendees.services.letters import letter_decide, letter_upload
from billetterie.attendees.services.name_changes import name_change_decide, name_change_request
from billetterie.attendees.services.reminders import reminder_request
from tests.attendees.permission_rows import png_bytes
from tests.messages import delivered, queued

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_referent(association, make_referent):
    return make_referent(association, "seconde@example.org")


def _link(campaign, name, **kwargs):
    return settings.SITE_URL + reverse(name, kwargs={"campaign_slug": campaign.slug, **kwargs})


def _no_names(messages):
    names = {p.last_name for p in Person.objects.all()} | {
        p.first_name for p in Person.objects.all()
    }
    for message in messages:
        for name in names:
            assert name not in message.body_text and name not in message.subject, name


def _once_per_referent(kind, **filters):
    messages = queued(kind, **filters)
    assert sorted(m.recipient for m in messages) == ["referent@example.org", "seconde@example.org"]
    assert len({m.body_text for m in messages}) == 1
    return messages[0]


def test_the_operator_refuses_a_letter_and_the_referents_email_says_why(
    campaign,
    association,
    referent_user,
    second_referent,
    operator_user,
    django_capture_on_commit_callbacks,
):
    letter = letter_upload(
        campaign=campaign, association=association, content=png_bytes(), actor=referent_user
    )
    with django_capture_on_commit_callbacks(execute=True):
        letter_decide(
            campaign=campaign,
            letter_id=letter.pk,
            approve=False,
            reason="La signature de la direction générale manque en bas de la page 2.",
            actor=operator_user,
        )
    message = _once_per_referent("attendees.letter_refused")
    assert message.about_id == str(letter.pk) and message.association_id == association.pk
    assert message.idempotency_key.startswith(f"attendees.commitmentletter_decided:{letter.pk}|")
    [email] = [m for m in mail.outbox if m.to == ["referent@example.org"]]
    assert email.subject == (
        "Billetterie populaire : courrier d'engagement moral refusé — à déposer de nouveau"
    )
    assert "Motif : La signature de la direction générale manque en bas de la page 2." in email.body
    assert association.name in email.body and "2 avril 2024" in email.body
    link = _link(campaign, "portal:attendees_letter")
    assert link in email.body and f'href="{link}"' in email.alternatives[0][0]
    # Deciding again is refused, and tells nobody twice.
    with pytest.raises(ValidationError):
        letter_decide(
            campaign=campaign, letter_id=letter.pk, approve=True, reason="", actor=operator_user
        )
    assert (
        len(queued("attendees.letter_refused")) == 2 and queued("attendees.letter_validated") == []
    )


def test_a_validated_letter_is_told_with_the_operators_comment(
    campaign, association, referent_user, second_referent, operator_user
):
    letter = letter_upload(
        campaign=campaign, association=association, content=png_bytes(), actor=referent_user
    )
    letter_decide(
        campaign=campaign, letter_id=letter.pk, approve=True, reason="Merci !", actor=operator_user
    )
    message = _once_per_referent("attendees.letter_validated")
    assert message.subject == "Billetterie populaire : courrier d'engagement moral validé"
    assert "a validé le courrier d'engagement moral" in message.body_text
    assert "Commentaire de l'opérateur : Merci !" in message.body_text
    assert _link(campaign, "portal:attendees_letter") in message.body_text


@pytest.mark.parametrize("approve", [True, False])
def test_a_derogation_decision_is_told_without_a_name(
    approve,
    campaign,
    association,
    referent_user,
    second_referent,
    operator_user,
    accept,
    people,
    name_group,
):
    pack = accept(association, size=4, reference="JO-0123")
    persons = people(2, 2)
    group, _ = name_group(pack, persons, leader=persons[2])
    derogation = derogation_request(
        campaign=campaign,
        association=association,
        group_id=group.pk,
        supervisors=2,
        reason="Jeunes en fauteuil",
        actor=referent_user,
    )
    derogation_decide(
        campaign=campaign,
        derogation_id=derogation.pk,
        approve=approve,
        reason="" if approve else "Le groupe peut partir avec un seul encadrant.",
        actor=operator_user,
    )
    kind = "attendees.derogation_granted" if approve else "attendees.derogation_refused"
    message = _once_per_referent(kind)
    text = message.body_text
    assert "votre groupe de l'épreuve" in text and "lot JO-0123" in text and "2 encadrants" in text
    assert _link(campaign, "portal:attendees_group", group_id=group.pk) in text
    assert "Jeunes en fauteuil" not in text  # the association's own reason is not repeated
    if approve:
        assert "accordée" in message.subject and "Commentaire" not in text
    else:
        assert "refusée" in message.subject
        assert "Motif : Le groupe peut partir avec un seul encadrant." in text
    _no_names(queued())
    with pytest.raises(ValidationError):
        derogation_decide(
            campaign=campaign,
            derogation_id=derogation.pk,
            approve=True,
            reason="",
            actor=operator_user,
        )
    assert len(queued(kind)) == 2


@pytest.mark.parametrize("approve", [True, False])
def test_a_name_change_decision_names_the_ticket_not_the_people(
    approve,
    campaign,
    association,
    referent_user,
    second_referent,
    operator_user,
    accept,
    people,
    name_group,
    send_names,
):
    pack = accept(association, size=8, reference="JO-0123")
    persons = people(6, 2)
    group, _ = name_group(pack, persons, leader=persons[6])
    send_names()
    holder = Holder.objects.select_related("ticket").get(person=persons[2])
    change = name_change_request(
        campaign=campaign,
        association=association,
        holder_id=holder.pk,
        new_person_id=people(1, 0, prefix="Remplacant")[0].pk,
        reason="Enfant malade",
        actor=referent_user,
    )
    name_change_decide(
        campaign=campaign,
        name_change_id=change.pk,
        approve=approve,
        reason="" if approve else "La demande est arrivée trop tard.",
        actor=operator_user,
    )
    kind = "attendees.name_change_approved" if approve else "attendees.name_change_refused"
    message = _once_per_referent(kind)
    assert f"le billet n° {holder.ticket.number} du lot JO-0123" in message.subject
    assert f"le billet n° {holder.ticket.number} du lot JO-0123" in message.body_text
    assert _link(campaign, "portal:attendees_group", group_id=group.pk) in message.body_text
    if not approve:
        assert "Motif : La demande est arrivée trop tard." in message.body_text
    _no_names(queued())
    with pytest.raises(ValidationError):
        name_change_decide(
            campaign=campaign,
            name_change_id=change.pk,
            approve=not approve,
            reason="autre",
            actor=operator_user,
        )
    assert len(queued(kind)) == 2 and len(queued(kind=None, association_id=association.pk)) == 2


def test_a_refused_approval_rolls_the_message_back(
    campaign, association, referent_user, operator_user, accept, people, name_group, send_names
):
    """Approving a name change that would break a rule is refused: nothing is told."""
    pack = accept(association, size=8)
    persons = people(6, 2)
    name_group(pack, persons, leader=persons[6])
    send_names()
    bad = name_change_request(
        campaign=campaign,
        association=association,
        holder_id=Holder.objects.get(person=persons[1]).pk,
        new_person_id=people(0, 1, prefix="S")[0].pk,
        reason="encadrant",
        actor=referent_user,
    )
    with pytest.raises(ValidationError):
        name_change_decide(
            campaign=campaign, name_change_id=bad.pk, approve=True, reason="", actor=operator_user
        )
    assert queued() == []


def test_the_operators_reminder_goes_through_the_outbox_each_time(
    campaign, association, referent_user, operator_user, accept, make_referent
):
    make_referent(association, "parti@example.org", is_active=False)
    accept(association, size=4)
    assert reminder_request(campaign=campaign, association_id=association.pk, actor=operator_user)
    assert reminder_request(campaign=campaign, association_id=association.pk, actor=operator_user)
    first, second = queued("attendees.reminder")
    assert first.recipient == second.recipient == "referent@example.org"
    assert first.idempotency_key != second.idempotency_key  # the operator chased twice
    [email, _] = delivered()
    assert (
        email.subject == "Billetterie populaire : rappel — nommez les bénéficiaires de vos billets"
    )
    assert "JO : 0 billet nommé sur 4" in email.body
    assert _link(campaign, "portal:attendees_campaign") in email.body
