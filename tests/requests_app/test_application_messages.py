"""Applications told to the association: received, corrected, ineligible or eligible again (one
message per referent, none on a replay), and the reminder before the call closes (each once)."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.core.periodic import periodic_run
from billetterie.requests.models import Channel
from billetterie.requests.services import application_correct, application_set_eligibility
from tests.conftest import PASSWORD
from tests.messages import delivered, queued
from tests.requests_app.conftest import AFTER, CLOSES, DURING

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_referent(association, make_referent):
    return make_referent(association, "seconde@example.org")


def _link(application):
    return settings.SITE_URL + reverse(
        "portal:application", kwargs={"application_id": application.pk}
    )


def _once_per_referent(kind):
    messages = queued(kind)
    assert sorted(m.recipient for m in messages) == ["referent@example.org", "seconde@example.org"]
    return messages[0]


def test_the_referent_gets_a_confirmation_of_a_new_application_only(
    submit, second_referent, sessions
):
    with clock.frozen_at(DURING):
        application = submit().application
        submit(youth=10)  # an edit is no new application
    message = _once_per_referent("application.received")
    assert message.subject == "Billetterie populaire : candidature reçue — JO"
    text = message.body_text
    for expected in [
        "Sauvegarde de l'Essonne",
        "15 septembre 2023",
        "9 jeunes et 3 encadrants (12 billets)",
        "Paris, Lille",
        "ouvert jusqu'au 30 septembre 2023 inclus",
        _link(application),
    ]:
        assert expected in text, expected
    assert message.about_id == str(application.pk)


def test_a_waiting_list_request_is_told_so(submit, second_referent):
    with clock.frozen_at(AFTER):
        submit()
    message = _once_per_referent("application.received")
    assert "liste d'attente" in message.body_text


def test_a_correction_is_told_with_its_changes_and_reason(
    submit, second_referent, operator_user, sessions
):
    with clock.frozen_at(DURING):
        application = submit().application
    with clock.frozen_at(AFTER):
        application_correct(
            application=application,
            actor=operator_user,
            reason="Erreur de saisie signalée par téléphone",
            youth=14,
            channel=Channel.WAITING_LIST,
            city_ids_ranked=[sessions["Marseille"].pk],
            comment="Nom: Dupont",
        )
        # The same values again change nothing: nothing more is told.
        application_correct(application=application, actor=operator_user, reason="x", youth=14)
    message = _once_per_referent("application.corrected")
    text = message.body_text
    assert "votre candidature JO a été corrigée" in message.subject
    assert "- jeunes : 9 → 14" in text
    assert "- villes hôtes, par ordre de préférence : Paris, Lille → Marseille" in text
    assert "- voie : appel à candidatures → liste d'attente" in text
    assert "- commentaire : modifié" in text and "Dupont" not in text
    assert "Motif : Erreur de saisie signalée par téléphone" in text and _link(application) in text
    entry = AuditEntry.objects.get(action="application.corrected")
    assert message.idempotency_key.startswith(f"application.corrected:{entry.pk}|")


def test_ineligible_then_eligible_again_each_told_once(submit, second_referent, operator_user):
    with clock.frozen_at(DURING):
        application = submit().application
        for _ in range(2):  # the second time changes nothing
            application_set_eligibility(
                application=application,
                eligible=False,
                reason="Pas de jeunes suivis en protection de l'enfance",
                actor=operator_user,
            )
        application_set_eligibility(
            application=application, eligible=True, reason="Vérifié", actor=operator_user
        )
    ineligible = _once_per_referent("application.ineligible")
    assert "n'est pas éligible" in ineligible.subject
    assert "Motif : Pas de jeunes suivis en protection de l'enfance" in ineligible.body_text
    assert _link(application) in ineligible.body_text
    eligible = _once_per_referent("application.eligible")
    assert "de nouveau éligible" in eligible.subject
    assert "Commentaire de l'opérateur : Vérifié" in eligible.body_text


def test_the_call_reminder_goes_once_at_7_and_2_days_to_members_who_have_not_applied(
    call_campaign, association, other_association, make_association, referent_user, submit
):
    """The clock moves day by day to the call's last day: each silent member is reminded twice."""
    voisin = User.objects.create_user(
        "voisin@example.org", PASSWORD, role=Role.REFERENT, association=other_association
    )
    outsider = make_association(name="Non adhérente", is_member=False)
    User.objects.create_user("nm@example.org", PASSWORD, role=Role.REFERENT, association=outsider)
    late = make_association(name="Candidate tardive")
    User.objects.create_user("tard@example.org", PASSWORD, role=Role.REFERENT, association=late)
    with clock.frozen_at(DURING):
        submit()  # `association` has applied
    day = CLOSES - dt.timedelta(days=12)
    while day <= CLOSES + dt.timedelta(days=2):
        if day == CLOSES - dt.timedelta(days=4):
            with clock.frozen_at(day.isoformat()):
                submit(association=late, actor=User.objects.get(email="tard@example.org"))
        with clock.frozen_at(f"{day.isoformat()}T08:00"):
            periodic_run()
            periodic_run()  # every minute: nothing twice
        day += dt.timedelta(days=1)
    reminders = queued("application.call_reminder")
    sent = sorted((m.recipient, m.created_at.date()) for m in reminders)
    assert sent == [
        ("tard@example.org", CLOSES - dt.timedelta(days=7)),
        ("voisin@example.org", CLOSES - dt.timedelta(days=7)),
        ("voisin@example.org", CLOSES - dt.timedelta(days=2)),
    ]
    message = next(m for m in reminders if m.recipient == voisin.email)
    assert message.subject == (
        "Billetterie populaire : l'appel à candidatures se termine le 30 septembre 2023 "
        "(dans 7 jours)"
    )
    assert "Association voisine n'a pas encore déposé de candidature" in message.body_text
    assert settings.SITE_URL + reverse("portal:applications") in message.body_text
    assert AuditEntry.objects.filter(action="application.call_reminder_sent").count() == 3
    assert {m.to[0] for m in delivered() if "appel à candidatures se termine" in m.subject} == {
        "voisin@example.org",
        "tard@example.org",
    }


def test_run_periodic_reports_the_call_reminders(call_campaign, other_association):
    from io import StringIO

    User.objects.create_user(
        "voisin@example.org", PASSWORD, role=Role.REFERENT, association=other_association
    )
    out = StringIO()
    with clock.frozen_at((CLOSES - dt.timedelta(days=2)).isoformat()):
        call_command("run_periodic", stdout=out)
    assert "Rappels de clôture de l'appel à candidatures envoyés : 1" in out.getvalue()
