"""Creating a campaign from the command line and from the back office."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from billetterie.campaigns.models import Campaign


def test_create_campaign_command_sets_default_rules(db):
    call_command("create_campaign", "cnape-2025", "--name", "Campagne 2025", "--operator", "CNAPE")
    campaign = Campaign.objects.get(slug="cnape-2025")
    assert campaign.operator.name == "CNAPE"
    assert campaign.response_delay_days == 7
    assert campaign.max_tickets_per_youth == 2
    assert campaign.max_supervisors_per_youth == Decimal("0.333")
    assert sorted(campaign.games_settings.values_list("games__short_name", flat=True)) == [
        "JO",
        "JP",
    ]


def test_create_campaign_command_refuses_a_duplicate(campaign):
    with pytest.raises(CommandError, match="existe déjà"):
        call_command("create_campaign", campaign.slug, "--name", "Doublon", "--operator", "X")


def test_operator_creates_a_campaign_in_the_back_office(client, operator_user):
    client.force_login(operator_user)
    response = client.post(
        reverse("backoffice:campaign_new"), {"name": "Campagne 2026", "slug": "essai-2026"}
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get(slug="essai-2026")
    assert campaign.operator == operator_user.operator
    page = client.get(reverse("backoffice:home")).content.decode()
    assert "Campagne 2026" in page


def test_back_office_form_refuses_a_bad_slug(client, operator_user):
    client.force_login(operator_user)
    response = client.post(reverse("backoffice:campaign_new"), {"name": "X", "slug": "pas bon !"})
    assert response.status_code == 200
    assert "ne doit contenir que des lettres" in response.content.decode()
    assert not Campaign.objects.filter(name="X").exists()
