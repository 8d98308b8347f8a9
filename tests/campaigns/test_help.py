"""The operator's contact and the questions of its help page: written through audited services."""

import pytest
from django.core.exceptions import ValidationError

from billetterie.campaigns.help import (
    answer_paragraphs,
    help_entries_of,
    help_entry_create,
    help_entry_delete,
    help_entry_move,
    help_entry_of,
    help_entry_update,
    operator_contact_preview,
    operator_contact_update,
)
from billetterie.campaigns.models import HelpEntry
from billetterie.campaigns.services import campaign_create
from billetterie.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _questions(operator):
    return [e.question for e in help_entries_of(operator=operator)]


def test_the_contact_is_previewed_normalised_and_audited(campaign, operator_user):
    operator = campaign.operator
    changes = operator_contact_preview(
        operator=operator,
        contact_name="  Fanny   Martin ",
        contact_email="F.Martin@Example.org",
        contact_phone="0611223344",
    )
    assert [(c.label, c.before, c.after) for c in changes] == [
        ("Personne à contacter", "non renseigné", "Fanny Martin"),
        ("E-mail de contact", "non renseigné", "f.martin@example.org"),
        ("Téléphone de contact", "non renseigné", "06 11 22 33 44"),
    ]
    assert "chaque page du portail" in changes[0].warnings[0]
    operator.refresh_from_db()
    assert operator.contact_name == ""  # a preview writes nothing

    done = operator_contact_update(
        operator=operator,
        actor=operator_user,
        contact_name="Fanny Martin",
        contact_email="f.martin@example.org",
        contact_phone="+33 6 11 22 33 44",
        campaign=campaign,
    )
    assert set(done) == {"contact_name", "contact_email", "contact_phone"}
    operator.refresh_from_db()
    assert operator.contact_phone == "06 11 22 33 44"
    assert operator.contact_phone_uri == "tel:+33611223344"
    entry = AuditEntry.objects.get(action="operator.contact_updated")
    assert entry.campaign_id == campaign.pk
    assert entry.details["changes"]["contact_name"] == {"before": "", "after": "Fanny Martin"}
    # The same values again: nothing changes, nothing is recorded.
    assert (
        operator_contact_update(
            operator=operator,
            actor=operator_user,
            contact_name="Fanny Martin",
            contact_email="f.martin@example.org",
            contact_phone="06 11 22 33 44",
        )
        == {}
    )
    assert AuditEntry.objects.filter(action="operator.contact_updated").count() == 1


def test_an_unreadable_phone_or_email_is_refused(campaign, operator_user):
    with pytest.raises(ValidationError) as refused:
        operator_contact_update(
            operator=campaign.operator,
            actor=operator_user,
            contact_name="",
            contact_email="",
            contact_phone="12",
        )
    assert "contact_phone" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        operator_contact_preview(
            operator=campaign.operator, contact_name="", contact_email="x@", contact_phone=""
        )
    assert "contact_email" in refused.value.message_dict


def test_questions_are_added_edited_moved_and_deleted(campaign, operator_user):
    operator = campaign.operator
    add = lambda q: help_entry_create(  # noqa: E731
        operator=operator, question=q, answer=f"Réponse à {q}", actor=operator_user
    )
    first, second, third = add("Un ?"), add("Deux ?"), add("Trois ?")
    assert _questions(operator) == ["Un ?", "Deux ?", "Trois ?"]
    assert [e.position for e in help_entries_of(operator=operator)] == [0, 1, 2]

    assert help_entry_move(operator=operator, entry_id=third.pk, up=True, actor=operator_user)
    assert _questions(operator) == ["Un ?", "Trois ?", "Deux ?"]
    assert not help_entry_move(operator=operator, entry_id=first.pk, up=True, actor=operator_user)
    moved = AuditEntry.objects.get(action="help.entry_moved")
    assert moved.details == {"question": "Trois ?", "from": 3, "to": 2}

    help_entry_update(
        operator=operator,
        entry_id=second.pk,
        question="Deux, vraiment ?",
        answer="Premier paragraphe.\r\n\r\n\r\nSecond paragraphe,\r\nsur deux lignes.  ",
        actor=operator_user,
        campaign=campaign,
    )
    second.refresh_from_db()
    assert second.answer == "Premier paragraphe.\n\nSecond paragraphe,\nsur deux lignes."
    assert answer_paragraphs(second.answer) == [
        "Premier paragraphe.",
        "Second paragraphe,\nsur deux lignes.",
    ]
    updated = AuditEntry.objects.get(action="help.entry_updated")
    assert updated.details["fields"] == ["question", "réponse"]
    assert updated.campaign_id == campaign.pk

    help_entry_delete(operator=operator, entry_id=third.pk, actor=operator_user)
    assert _questions(operator) == ["Un ?", "Deux, vraiment ?"]
    assert [e.position for e in help_entries_of(operator=operator)] == [0, 1]
    assert AuditEntry.objects.get(action="help.entry_deleted").details == {"question": "Trois ?"}
    assert AuditEntry.objects.filter(action="help.entry_created").count() == 3


def test_an_empty_question_or_answer_is_refused(campaign, operator_user):
    with pytest.raises(ValidationError) as refused:
        help_entry_create(
            operator=campaign.operator, question="  ", answer="\n \n", actor=operator_user
        )
    assert refused.value.message_dict == {
        "question": ["La question ne peut pas être vide."],
        "answer": ["La réponse ne peut pas être vide."],
    }
    assert not HelpEntry.objects.exists()


def test_another_operators_question_is_out_of_reach(campaign, operator_user):
    other = campaign_create(slug="autre", name="Autre", operator_name="Autre opérateur")
    theirs = help_entry_create(
        operator=other.operator, question="À eux ?", answer="Oui.", actor=None
    )
    with pytest.raises(HelpEntry.DoesNotExist):
        help_entry_of(operator=campaign.operator, entry_id=theirs.pk)
    for write in (
        lambda: help_entry_update(
            operator=campaign.operator,
            entry_id=theirs.pk,
            question="Pris ?",
            answer="Non.",
            actor=operator_user,
        ),
        lambda: help_entry_delete(
            operator=campaign.operator, entry_id=theirs.pk, actor=operator_user
        ),
        lambda: help_entry_move(
            operator=campaign.operator, entry_id=theirs.pk, up=True, actor=operator_user
        ),
    ):
        with pytest.raises(HelpEntry.DoesNotExist):
            write()
    theirs.refresh_from_db()
    assert theirs.question == "À eux ?"
