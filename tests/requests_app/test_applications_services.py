"""The rules of the call for applications, the waiting list, corrections and eligibility."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from billetterie.catalogue.models import Games
from billetterie.core.clock import frozen_at
from billetterie.core.models import AuditEntry
from billetterie.offers.services import offers_create
from billetterie.requests.models import Application, Channel
from billetterie.requests.services import application_correct, application_set_eligibility
from tests.factories import host_city, pack
from tests.requests_app.conftest import AFTER, BEFORE, DURING


def _messages(exc) -> str:
    return " ".join(exc.value.messages)


def test_during_the_call_an_application_is_a_call_application(submit, sessions):
    with frozen_at(DURING):
        outcome = submit(impossible_dates=[dt.date(2024, 8, 1)], lodging_needed=True)
    app = outcome.application
    assert outcome.created
    assert app.channel == Channel.CALL
    assert app.received_on == dt.date(2023, 9, 15)
    assert [c.host_city.name for c in app.city_choices.order_by("rank")] == ["Paris", "Lille"]
    assert app.impossible_dates == ["2024-08-01"]
    assert app.lodging_needed
    entry = AuditEntry.objects.get(action="application.submitted")
    assert entry.details["host_cities"] == ["Paris", "Lille"]
    assert entry.association_id == app.association_id


def test_editing_during_the_call_updates_the_same_application(submit, sessions):
    with frozen_at(DURING):
        submit()
    with frozen_at("2023-09-20"):
        outcome = submit(
            youth=20, city_ids_ranked=[sessions["Marseille"].pk], comment="Jeunes de Loire"
        )
    assert not outcome.created
    assert Application.objects.count() == 1
    app = outcome.application
    assert app.youth == 20
    assert app.received_on == dt.date(2023, 9, 15)
    entry = AuditEntry.objects.get(action="application.updated")
    assert entry.details["changes"]["youth"] == {"before": 9, "after": 20}
    assert entry.details["changes"]["comment"] == "changed"
    assert "Loire" not in str(entry.details)


def test_before_the_call_opens_it_is_refused(submit):
    with frozen_at(BEFORE), pytest.raises(ValidationError) as exc:
        submit()
    assert "L'appel à candidatures ouvrira le 1 septembre 2023" in _messages(exc)
    assert not Application.objects.exists()


def test_a_campaign_without_call_dates_refuses(submit, call_campaign):
    call_campaign.call_opens_on = call_campaign.call_closes_on = None
    call_campaign.save()
    with frozen_at(DURING), pytest.raises(ValidationError) as exc:
        submit()
    assert "pas encore programmé" in _messages(exc)


def test_after_the_close_a_new_request_goes_to_the_waiting_list(submit):
    with frozen_at(AFTER):
        outcome = submit()
    assert outcome.application.channel == Channel.WAITING_LIST
    assert outcome.application.received_on == dt.date(2023, 10, 10)
    assert any("liste d'attente" in notice for notice in outcome.notices)


def test_a_call_application_edited_after_the_close_keeps_its_channel_and_cannot_grow(submit):
    with frozen_at(DURING):
        submit(youth=9, supervisors=3)
    with frozen_at(AFTER):
        with pytest.raises(ValidationError) as exc:
            submit(youth=12, supervisors=3)
        assert "ne peut plus dépasser les 12 billets" in _messages(exc)
        outcome = submit(youth=6, supervisors=2)
    assert outcome.application.channel == Channel.CALL
    assert outcome.application.tickets_requested == 8


def test_a_waiting_list_request_can_be_edited_until_an_offer_exists(
    submit, call_campaign, association
):
    with frozen_at(AFTER):
        submit(youth=4)
        assert submit(youth=10).application.youth == 10
        p = pack(campaign=call_campaign)
        offers_create(campaign=call_campaign, pairs=[(p.pk, association.pk)], actor=None)
        with pytest.raises(ValidationError) as exc:
            submit(youth=2)
    assert "Des lots vous ont déjà été proposés" in _messages(exc)


def test_a_non_member_is_refused(submit, association):
    association.is_member = False
    association.save()
    with frozen_at(DURING), pytest.raises(ValidationError) as exc:
        submit()
    assert "Votre association n'est pas adhérente" in _messages(exc)


@pytest.mark.parametrize(
    ("youth", "supervisors", "field"),
    [(0, 2, "youth"), (3, -1, "supervisors")],
)
def test_counts_are_checked(submit, youth, supervisors, field):
    with frozen_at(DURING), pytest.raises(ValidationError) as exc:
        submit(youth=youth, supervisors=supervisors)
    assert field in exc.value.error_dict


def test_too_many_supervisors_is_a_warning_not_a_refusal(submit):
    with frozen_at(DURING):
        fine = submit(youth=9, supervisors=3)
        assert not fine.notices
        outcome = submit(youth=9, supervisors=5)
    assert outcome.application.supervisors == 5
    assert any("au plus 1 encadrant pour 3 jeunes" in n for n in outcome.notices)


def test_cities_are_checked(submit, sessions):
    lyon = host_city("Lyon")
    with frozen_at(DURING):
        with pytest.raises(ValidationError) as exc:
            submit(city_ids_ranked=[])
        assert "au moins une ville hôte" in _messages(exc)
        with pytest.raises(ValidationError) as exc:
            submit(city_ids_ranked=[sessions["Paris"].pk, sessions["Paris"].pk])
        assert "qu'une fois" in _messages(exc)
        with pytest.raises(ValidationError) as exc:
            submit(city_ids_ranked=[lyon.pk])
        assert "Aucune épreuve des JO n'a lieu dans cette ville hôte : Lyon" in _messages(exc)


def test_a_city_of_the_other_games_only_is_refused(submit, sessions):
    with frozen_at(DURING), pytest.raises(ValidationError):
        submit(games=Games.objects.get(code="PG"), city_ids_ranked=[sessions["Lille"].pk])


def test_impossible_dates_must_fall_within_the_games(submit):
    with frozen_at(DURING), pytest.raises(ValidationError) as exc:
        submit(impossible_dates=[dt.date(2024, 7, 27), dt.date(2024, 6, 14)])
    assert (
        "Date hors de la période des JO (du 27/07/2024 au 11/08/2024) : 14/06/2024."
        in _messages(exc)
    )


def test_operator_correction_is_audited_with_reason_and_changes(submit, operator_user, sessions):
    with frozen_at(DURING):
        app = submit().application
    with frozen_at(AFTER):
        with pytest.raises(ValidationError):
            application_correct(application=app, actor=operator_user, reason="  ", youth=4)
        outcome = application_correct(
            application=app,
            actor=operator_user,
            reason="Erreur de saisie signalée par téléphone",
            youth=14,
            channel=Channel.WAITING_LIST,
            city_ids_ranked=[sessions["Marseille"].pk],
            comment="Nom: Dupont",
        )
    app.refresh_from_db()
    assert outcome.changed
    assert (app.youth, app.channel) == (14, Channel.WAITING_LIST)
    assert [c.host_city.name for c in app.city_choices.all()] == ["Marseille"]
    entry = AuditEntry.objects.get(action="application.corrected")
    assert entry.actor == operator_user
    assert entry.details["reason"] == "Erreur de saisie signalée par téléphone"
    assert entry.details["changes"]["youth"] == {"before": 9, "after": 14}
    assert entry.details["changes"]["host_cities"] == {
        "before": ["Paris", "Lille"],
        "after": ["Marseille"],
    }
    assert "Dupont" not in str(entry.details)


def test_correction_still_checks_the_rules(submit, operator_user):
    with frozen_at(DURING):
        app = submit().application
        with pytest.raises(ValidationError) as exc:
            application_correct(
                application=app,
                actor=operator_user,
                reason="x",
                impossible_dates=[dt.date(2025, 1, 1)],
            )
    assert "impossible_dates" in exc.value.error_dict


def test_ineligible_needs_a_reason_and_is_audited(submit, operator_user):
    with frozen_at(DURING):
        app = submit().application
        with pytest.raises(ValidationError):
            application_set_eligibility(
                application=app, eligible=False, reason="", actor=operator_user
            )
        application_set_eligibility(
            application=app,
            eligible=False,
            reason="Pas de jeunes suivis en protection de l'enfance",
            actor=operator_user,
        )
        again = application_set_eligibility(
            application=app, eligible=False, reason="doublon", actor=operator_user
        )
    app.refresh_from_db()
    assert not app.is_eligible
    assert app.ineligibility_reason == "Pas de jeunes suivis en protection de l'enfance"
    assert not again.changed
    assert AuditEntry.objects.filter(action="application.ineligible").count() == 1
    with frozen_at(DURING):
        application_set_eligibility(
            application=app, eligible=True, reason="Vérifié", actor=operator_user
        )
    app.refresh_from_db()
    assert app.is_eligible and app.ineligibility_reason == ""
    assert AuditEntry.objects.get(action="application.eligible").details["reason"] == "Vérifié"


def test_a_referent_cannot_apply_to_another_operators_campaign(submit):
    from billetterie.campaigns.services import campaign_create

    other = campaign_create(
        slug="autre",
        name="Autre",
        operator_name="Autre opérateur",
        call_opens_on=dt.date(2023, 9, 1),
        call_closes_on=dt.date(2023, 9, 30),
    )
    with frozen_at(DURING), pytest.raises(ValidationError):
        submit(campaign=other)
