"""The campaign's settings page: the typed values are shown (before, after, consequences) and only
the confirmation of that preview saves them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from billetterie.campaigns.models import Campaign, Operator
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from tests.backoffice.conftest import preview_then_confirm, seen_token

TODAY = "2024-03-15"


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen_at(f"{TODAY}T10:00"):
        yield


def _url(campaign):
    return reverse("backoffice:campaign_settings", kwargs={"campaign_slug": campaign.slug})


def _iso(value):
    return value.isoformat() if value else ""


def _data(campaign, **changes) -> dict:
    """The form as the page shows it (nothing changed), then `changes`."""
    campaign.refresh_from_db()
    deadlines = {
        f"nominative_deadline_{s.games.code}": _iso(s.nominative_deadline)
        for s in campaign.games_settings.select_related("games")
    }
    data = {
        "name": campaign.name,
        "call_opens_on": _iso(campaign.call_opens_on),
        "call_closes_on": _iso(campaign.call_closes_on),
        "response_delay_days": campaign.response_delay_days,
        "contest_opens_on": _iso(campaign.contest_opens_on),
        "contest_closes_on": _iso(campaign.contest_closes_on),
        "contest_confirmation_deadline": _iso(campaign.contest_confirmation_deadline),
        "jury_deliberation_on": _iso(campaign.jury_deliberation_on),
        "retention_until": _iso(campaign.retention_until),
        "youth_per_supervisor": 3,
        "max_tickets_per_youth": campaign.max_tickets_per_youth,
        "size_weight_exponent": str(campaign.size_weight_exponent).replace(".", ","),
        "over_request_tolerance": campaign.over_request_tolerance,
        "nominative_reminder_days": ", ".join(map(str, campaign.nominative_reminder_days)),
        **deadlines,
    }
    if campaign.continuous_mode:
        data["continuous_mode"] = "on"
    if campaign.operator.referents_second_factor:
        data["referents_second_factor"] = "on"
    data.update(changes)
    return data


def _nothing_written(campaign, before: dict):
    assert Campaign.objects.filter(pk=campaign.pk).values().get() == before
    assert not AuditEntry.objects.filter(action__in=["campaign.updated", "operator.updated"])


def test_the_page_shows_the_current_settings_in_plain_words(operator_client, campaign):
    page = operator_client.get(_url(campaign)).content.decode()
    assert "Réglages de la campagne" in page
    assert 'name="youth_per_supervisor" value="3"' in page
    assert "Double authentification obligatoire pour les référents" in page
    assert "Échéance des attributions nominatives — Jeux Olympiques" in page
    assert 'value="0,50"' in page  # α in French


def test_a_new_ratio_is_shown_then_saved_only_on_confirmation(operator_client, campaign):
    before = Campaign.objects.filter(pk=campaign.pk).values().get()
    data = _data(campaign, youth_per_supervisor=4)
    preview = operator_client.post(_url(campaign), data)
    page = preview.content.decode()
    assert "Vérifiez avant d'enregistrer" in page
    assert "au plus 1 encadrant pour 3 jeunes" in page
    assert "au plus 1 encadrant pour 4 jeunes" in page
    assert "0.25" not in page and "0,25" not in page
    assert "Confirmer et enregistrer les réglages" in page
    _nothing_written(campaign, before)

    confirmed = operator_client.post(
        _url(campaign), {**data, "step": "confirm", "seen": seen_token(page)}
    )
    assert confirmed.status_code == 302
    assert confirmed.url == reverse("backoffice:campaign", kwargs={"campaign_slug": campaign.slug})
    campaign.refresh_from_db()
    assert campaign.max_supervisors_per_youth == Decimal("0.250")
    entry = AuditEntry.objects.get(action="campaign.updated")
    assert entry.details["changes"] == {
        "max_supervisors_per_youth": {"before": "0.333", "after": "0.250"}
    }
    shown = operator_client.get(confirmed.url).content.decode()
    assert "Réglages enregistrés (1 changement)." in shown
    assert "au plus 1 encadrant pour 4 jeunes" in shown


def test_dates_are_shown_in_french_and_the_deadline_per_games_is_saved(operator_client, campaign):
    data = _data(campaign, nominative_deadline_OG="2024-04-26", call_opens_on="01/09/2023")
    preview, confirmed = preview_then_confirm(operator_client, _url(campaign), data)
    page = preview.content.decode()
    assert "Échéance des attributions nominatives — Jeux Olympiques" in page
    assert "26 avril 2024" in page and "1 septembre 2023" in page
    assert "non renseignée" in page  # before
    assert confirmed.status_code == 302
    setting = campaign.games_settings.get(games__code="OG")
    assert setting.nominative_deadline == dt.date(2024, 4, 26)
    campaign.refresh_from_db()
    assert campaign.call_opens_on == dt.date(2023, 9, 1)


def test_the_reminder_days_are_shown_typed_in_any_order_and_saved(operator_client, campaign):
    assert 'name="nominative_reminder_days" value="14, 7, 2"' in (
        operator_client.get(_url(campaign)).content.decode()
    )
    data = _data(campaign, nominative_reminder_days="3 ; 10")
    preview, confirmed = preview_then_confirm(operator_client, _url(campaign), data)
    page = preview.content.decode()
    assert "Rappels avant l&#x27;échéance des attributions nominatives" in page
    assert "14, 7 et 2 jours avant" in page and "10 et 3 jours avant" in page
    assert "un rappel déjà envoyé ne l&#x27;est pas une seconde fois" in page
    assert confirmed.status_code == 302
    campaign.refresh_from_db()
    assert campaign.nominative_reminder_days == [10, 3]
    entry = AuditEntry.objects.get(action="campaign.updated")
    assert entry.details["changes"] == {
        "nominative_reminder_days": {"before": "[14, 7, 2]", "after": "[10, 3]"}
    }
    shown = operator_client.get(confirmed.url).content.decode()
    assert "10 et 3 jours avant" in shown


@pytest.mark.parametrize(
    "typed, error",
    [
        ("14, sept", "séparés par des virgules"),
        ("90", "entre 1 et 60"),
        ("7, 7", "qu&#x27;une fois"),
    ],
)
def test_bad_reminder_days_are_refused(operator_client, campaign, typed, error):
    page = operator_client.post(
        _url(campaign), _data(campaign, nominative_reminder_days=typed)
    ).content.decode()
    assert error in page and "Vérifiez avant d'enregistrer" not in page
    campaign.refresh_from_db()
    assert campaign.nominative_reminder_days == [14, 7, 2]


def test_consequences_are_spelled_out_before_confirming(operator_client, campaign):
    data = _data(
        campaign,
        continuous_mode="on",
        retention_until="2024-10-31",
        nominative_deadline_PG="2024-03-01",
        referents_second_factor="on",
    )
    page = operator_client.post(_url(campaign), data).content.decode()
    assert "À savoir :" in page
    assert "aussitôt proposé à l&#x27;association suivante" in page
    assert "seront effacées le 1 novembre 2024, sans retour possible" in page
    assert "Cette date est passée" in page
    assert "devront en activer une avant de continuer" in page
    assert "toutes les campagnes de Fédération d&#x27;essai" in page


def test_confirming_the_operator_setting_changes_it_and_audits_it(operator_client, campaign):
    data = _data(campaign, referents_second_factor="on")
    preview, confirmed = preview_then_confirm(operator_client, _url(campaign), data)
    assert "Double authentification obligatoire pour les référents" in preview.content.decode()
    assert confirmed.status_code == 302
    assert Operator.objects.get(pk=campaign.operator_id).referents_second_factor is True
    entry = AuditEntry.objects.get(action="operator.updated")
    assert entry.details == {
        "changes": {"referents_second_factor": {"before": False, "after": True}}
    }
    assert not AuditEntry.objects.filter(action="campaign.updated").exists()


def test_a_retention_date_before_tomorrow_is_refused_before_any_preview(operator_client, campaign):
    before = Campaign.objects.filter(pk=campaign.pk).values().get()
    response = operator_client.post(_url(campaign), _data(campaign, retention_until=TODAY))
    page = response.content.decode()
    assert "La date de conservation doit être postérieure à aujourd&#x27;hui" in page
    assert "Vérifiez avant d'enregistrer" not in page
    # Even a forged confirmation writes nothing.
    operator_client.post(
        _url(campaign),
        {**_data(campaign, retention_until=TODAY), "step": "confirm", "seen": "0" * 20},
    )
    _nothing_written(campaign, before)


def test_an_impossible_calendar_is_refused_with_the_rule_in_french(operator_client, campaign):
    data = _data(campaign, call_opens_on="2023-10-01", call_closes_on="2023-09-01")
    page = operator_client.post(_url(campaign), data).content.decode()
    assert "La clôture de l&#x27;appel doit suivre son ouverture." in page
    assert "Vérifiez avant d'enregistrer" not in page


def test_a_ratio_out_of_range_is_refused(operator_client, campaign):
    page = operator_client.post(_url(campaign), _data(campaign, youth_per_supervisor=0))
    assert "Assurez-vous que cette valeur est supérieure ou égale à 1." in page.content.decode()


def test_a_confirmation_without_the_preview_it_confirms_shows_the_preview_again(
    operator_client, campaign
):
    before = Campaign.objects.filter(pk=campaign.pk).values().get()
    data = {**_data(campaign, max_tickets_per_youth=1), "step": "confirm", "seen": "perime"}
    page = operator_client.post(_url(campaign), data).content.decode()
    assert "ont été modifiées depuis votre aperçu" in page
    assert "au plus 1 billet par jeune" in page
    _nothing_written(campaign, before)


def test_a_change_made_by_someone_else_after_the_preview_is_not_applied_blindly(
    operator_client, campaign, operator_user
):
    from billetterie.campaigns.services import campaign_update

    data = _data(campaign, max_tickets_per_youth=3)
    token = seen_token(operator_client.post(_url(campaign), data).content.decode())
    campaign_update(campaign=campaign, actor=operator_user, over_request_tolerance=5)
    data["over_request_tolerance"] = 0  # the form still holds the value it showed
    page = operator_client.post(_url(campaign), {**data, "step": "confirm", "seen": token})
    assert "ont été modifiées depuis votre aperçu" in page.content.decode()
    campaign.refresh_from_db()
    assert (campaign.max_tickets_per_youth, campaign.over_request_tolerance) == (2, 5)


def test_back_to_the_fields_keeps_what_was_typed(operator_client, campaign):
    data = {**_data(campaign, youth_per_supervisor=5), "step": "edit"}
    page = operator_client.post(_url(campaign), data).content.decode()
    assert 'name="youth_per_supervisor" value="5"' in page
    assert "Voir les changements" in page


def test_the_same_values_save_nothing(operator_client, campaign):
    page = operator_client.post(_url(campaign), _data(campaign), follow=True).content.decode()
    assert "Aucune valeur n&#x27;a changé : rien n&#x27;a été enregistré." in page
    assert not AuditEntry.objects.filter(action="campaign.updated").exists()


def test_an_unchanged_ratio_keeps_its_stored_value(operator_client, campaign, operator_user):
    Campaign.objects.filter(pk=campaign.pk).update(max_supervisors_per_youth=Decimal("0.4"))
    page = operator_client.post(_url(campaign), _data(campaign, youth_per_supervisor=2))
    assert "Aucune valeur n&#x27;a changé" in page.content.decode()
    campaign.refresh_from_db()
    assert campaign.max_supervisors_per_youth == Decimal("0.400")


def test_every_field_of_the_form_is_in_exactly_one_fieldset(campaign):
    from billetterie.backoffice.forms.settings import CampaignSettingsForm
    from billetterie.campaigns.selectors import games_settings_of

    form = CampaignSettingsForm(
        campaign=campaign, games_settings=games_settings_of(campaign=campaign)
    )
    shown = [field.name for _, fields in form.groups() for field in fields]
    assert sorted(shown) == sorted(form.fields)
