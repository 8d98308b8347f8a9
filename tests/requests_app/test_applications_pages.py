"""The pages of the call for applications, for the referent and for the operator."""

import html as html_lib

import pytest
from django.urls import reverse

from billetterie.core.clock import frozen_at
from billetterie.core.models import AuditEntry
from billetterie.requests.models import Application, Channel
from tests.factories import application
from tests.requests_app.conftest import AFTER, BEFORE, DURING


@pytest.fixture
def referent(client, referent_user):
    client.force_login(referent_user)
    return client


@pytest.fixture
def operator(client, operator_user):
    client.force_login(operator_user)
    return client


def _text(response) -> str:
    return html_lib.unescape(response.content.decode())


def _form_url(campaign, games="OG"):
    return reverse(
        "portal:application_form", kwargs={"campaign_slug": campaign.slug, "games_code": games}
    )


def _post(sessions, **overrides):
    data = {
        "youth": "9",
        "supervisors": "3",
        "city_1": str(sessions["Lille"].pk),
        "city_2": "",
        "city_3": str(sessions["Paris"].pk),
        "impossible_dates": "01/08/2024\n2024-07-27",
        "lodging_needed": "on",
        "comment": "",
    }
    data.update(overrides)
    return data


def test_the_form_renders_with_labelled_ranked_choices(referent, call_campaign, sessions):
    with frozen_at(DURING):
        response = referent.get(_form_url(call_campaign))
    html = _text(response)
    assert response.status_code == 200
    for label in ("1er choix", "2e choix", "5e choix", "Nombre de jeunes", "Dates impossibles"):
        assert label in html
    assert '<label for="id_city_1">' in html
    assert "Appel à candidatures ouvert du 1 septembre 2023 au 30 septembre 2023" in html


def test_submitting_creates_the_application_and_redirects(
    referent, call_campaign, sessions, association
):
    with frozen_at(DURING):
        response = referent.post(_form_url(call_campaign), _post(sessions), follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:applications")
    app = Application.objects.get(association=association)
    assert app.channel == Channel.CALL
    assert [c.host_city.name for c in app.city_choices.order_by("rank")] == ["Lille", "Paris"]
    assert app.impossible_dates == ["2024-07-27", "2024-08-01"]
    html = _text(response)
    assert "Votre candidature pour les JO est enregistrée" in html
    assert "Modifier la candidature JO" in html


def test_errors_are_shown_in_french_next_to_their_fields(referent, call_campaign, sessions):
    with frozen_at(DURING):
        bad_date = referent.post(
            _form_url(call_campaign), _post(sessions, impossible_dates="31/02/2024")
        )
        outside = referent.post(
            _form_url(call_campaign), _post(sessions, impossible_dates="14/06/2024")
        )
        dupes = referent.post(
            _form_url(call_campaign), _post(sessions, city_3=str(sessions["Lille"].pk))
        )
        no_city = referent.post(_form_url(call_campaign), _post(sessions, city_1="", city_3=""))
    assert "« 31/02/2024 » n'existe pas dans le calendrier." in _text(bad_date)
    assert "Date hors de la période des JO" in _text(outside)
    assert "qu'une fois" in _text(dupes)
    assert "Choisissez au moins votre ville hôte préférée." in _text(no_city)
    assert not Application.objects.exists()


def test_after_the_close_the_page_announces_the_waiting_list(
    referent, call_campaign, sessions, association
):
    with frozen_at(AFTER):
        page = referent.get(_form_url(call_campaign))
        assert "Cette demande sera inscrite sur la liste d'attente." in _text(page)
        response = referent.post(_form_url(call_campaign), _post(sessions), follow=True)
    assert Application.objects.get(association=association).channel == Channel.WAITING_LIST
    assert "enregistrée sur la liste d'attente" in _text(response)


def test_editing_a_call_application_after_the_close_cannot_raise_it(
    referent, call_campaign, sessions, association
):
    with frozen_at(DURING):
        referent.post(_form_url(call_campaign), _post(sessions))
    with frozen_at(AFTER):
        response = referent.post(_form_url(call_campaign), _post(sessions, youth="20"))
    assert "ne peut plus dépasser les 12 billets" in _text(response)
    assert Application.objects.get(association=association).youth == 9


def test_before_the_call_there_is_no_form(referent, call_campaign, sessions):
    with frozen_at(BEFORE):
        response = referent.get(_form_url(call_campaign))
        posted = referent.post(_form_url(call_campaign), _post(sessions))
    assert "L'appel à candidatures ouvrira le 1 septembre 2023" in _text(response)
    assert 'name="youth"' not in _text(response)
    assert posted.status_code == 200
    assert not Application.objects.exists()


def test_a_non_member_sees_the_message_and_no_form(referent, call_campaign, sessions, association):
    association.is_member = False
    association.save()
    with frozen_at(DURING):
        form = referent.get(_form_url(call_campaign))
        listing = referent.get(reverse("portal:applications"))
    assert "Votre association n'est pas adhérente" in _text(form)
    assert 'name="youth"' not in _text(form)
    assert "Votre association n'est pas adhérente" in _text(listing)
    assert "Candidater pour les JO" not in _text(listing)


def test_the_list_shows_status_and_edit_links(referent, call_campaign, sessions, association):
    application(campaign=call_campaign, association=association, channel=Channel.WAITING_LIST)
    with frozen_at(AFTER):
        response = referent.get(reverse("portal:applications"))
    html = _text(response)
    assert "Liste d'attente" in html
    assert "Modifier la candidature JO" in html
    assert "S'inscrire sur la liste d'attente des JP" in html


def test_another_associations_application_is_not_found(referent, call_campaign, other_association):
    theirs = application(campaign=call_campaign, association=other_association)
    response = referent.get(reverse("portal:application", kwargs={"application_id": theirs.pk}))
    assert response.status_code == 404


def test_another_operators_campaign_is_not_found(referent, sessions):
    from billetterie.campaigns.services import campaign_create

    other = campaign_create(slug="ailleurs", name="Ailleurs", operator_name="Autre opérateur")
    assert referent.get(_form_url(other)).status_code == 404
    assert referent.get(_form_url(other, games="XX")).status_code == 404


def test_operator_list_filters_and_totals(operator, call_campaign, association, other_association):
    application(campaign=call_campaign, association=association, youth=9, supervisors=3)
    application(
        campaign=call_campaign,
        association=other_association,
        channel=Channel.WAITING_LIST,
        youth=4,
        supervisors=1,
    )
    url = reverse("backoffice:applications", kwargs={"campaign_slug": call_campaign.slug})
    html = _text(operator.get(url))
    assert "Sauvegarde de l'Essonne" in html and "Association voisine" in html
    assert '<td class="num">12</td>' in html and '<td class="num">5</td>' in html
    filtered = _text(operator.get(url, {"channel": "2"}))
    assert "Association voisine" in filtered and "Sauvegarde de l'Essonne</a>" not in filtered
    searched = _text(operator.get(url, {"q": association.identifier}))
    assert "Sauvegarde de l'Essonne</a>" in searched and "Association voisine</a>" not in searched


def test_operator_detail_shows_city_weights(operator, call_campaign, other_association):
    app = application(
        campaign=call_campaign, association=other_association, cities=("Lille", "Marseille")
    )
    other_association.latitude, other_association.longitude = 50.63, 3.06
    other_association.save()
    url = reverse(
        "backoffice:application",
        kwargs={"campaign_slug": call_campaign.slug, "application_id": app.pk},
    )
    html = _text(operator.get(url))
    assert "facteur de rang" in html
    assert "1,000" in html or "1.000" in html  # Lille, 1st choice, next door
    assert "Marseille" in html


def test_operator_corrects_with_a_reason(operator, call_campaign, association, sessions):
    app = application(campaign=call_campaign, association=association)
    url = reverse(
        "backoffice:application_correct",
        kwargs={"campaign_slug": call_campaign.slug, "application_id": app.pk},
    )
    data = {
        "youth": "15",
        "supervisors": "3",
        "channel": "1",
        "received_on": "2023-09-20",
        "city_1": str(sessions["Paris"].pk),
        "impossible_dates": "",
        "comment": "",
        "reason": "",
    }
    missing = operator.post(url, data)
    assert "Indiquez le motif de la correction." in _text(missing)
    response = operator.post(url, {**data, "reason": "Demande par e-mail"}, follow=True)
    app.refresh_from_db()
    assert app.youth == 15
    assert "est corrigée" in _text(response)
    assert (
        AuditEntry.objects.get(action="application.corrected").details["reason"]
        == "Demande par e-mail"
    )


def test_operator_marks_ineligible_then_eligible(operator, call_campaign, association):
    app = application(campaign=call_campaign, association=association)
    url = reverse(
        "backoffice:application_eligibility",
        kwargs={"campaign_slug": call_campaign.slug, "application_id": app.pk},
    )
    assert "Marquer non éligible" in _text(operator.get(url))
    refused = operator.post(url, {"eligible": "0", "reason": ""})
    assert "Indiquez pourquoi" in _text(refused)
    operator.post(url, {"eligible": "0", "reason": "Association hors champ"})
    operator.post(
        url, {"eligible": "0", "reason": "Association hors champ"}
    )  # replayed: no second entry
    app.refresh_from_db()
    assert not app.is_eligible
    assert AuditEntry.objects.filter(action="application.ineligible").count() == 1
    operator.post(url, {"eligible": "1", "reason": "Vérifié"})
    app.refresh_from_db()
    assert app.is_eligible


def test_operator_of_another_campaign_gets_404_on_application(client, call_campaign, association):
    from billetterie.accounts.models import Role, User
    from billetterie.campaigns.services import campaign_create

    other = campaign_create(slug="ailleurs", name="Ailleurs", operator_name="Autre opérateur")
    user = User.objects.create_user(
        "x@example.org", "motdepasse-solide-2024", role=Role.OPERATOR_STAFF, operator=other.operator
    )
    app = application(campaign=call_campaign, association=association)
    client.force_login(user)
    url = reverse(
        "backoffice:application", kwargs={"campaign_slug": other.slug, "application_id": app.pk}
    )
    assert client.get(url).status_code == 404
    own_url = reverse(
        "backoffice:application",
        kwargs={"campaign_slug": call_campaign.slug, "application_id": app.pk},
    )
    assert client.get(own_url).status_code == 404
