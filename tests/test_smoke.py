"""The platform starts: health check, sign-in page, and the role-based front door."""

from django.urls import reverse


def test_health_answers(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"statut": "ok"}


def test_home_page_answers_200_to_visitors(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Se connecter" in response.content.decode()


def test_login_page_is_french(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Connexion" in response.content.decode()


def test_home_sends_each_role_to_its_space(client, operator_user, referent_user):
    client.force_login(operator_user)
    assert client.get("/").url == reverse("backoffice:home")
    client.logout()
    client.force_login(referent_user)
    assert client.get("/").url == reverse("portal:home")


def test_nul_characters_are_refused_with_400(client, operator_user, campaign):
    client.force_login(operator_user)
    response = client.get(f"/gestion/campagnes/{campaign.slug}/journal/?action=%00")
    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()
