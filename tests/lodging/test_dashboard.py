"""The campaign dashboard's lodging section: absent while lodging is closed, then its figures —
each linked to the back-office page that lists what it counts."""

import datetime as dt

import pytest
from django.urls import reverse

from billetterie.lodging.models import PlacementStatus
from billetterie.reporting.dashboard import campaign_dashboard
from tests.lodging import portal_world as w

pytestmark = pytest.mark.django_db
D = dt.date


def _figures(campaign):
    board = campaign_dashboard(campaign=campaign, now=dt.datetime(2024, 5, 1, tzinfo=dt.UTC))
    return board.lodging


def test_no_lodging_section_while_lodging_is_closed(campaign):
    assert _figures(campaign) is None


def test_lodging_figures_count_what_their_pages_list(campaign, guest, host, make_association):
    w.lodging_open(campaign)
    other = make_association(name="Autre invitée", postal_code="97400", town="Saint-Denis")
    first = w.need(campaign, guest, first=D(2024, 7, 26), last=D(2024, 7, 27))  # 12 × 2
    second = w.need(campaign, other, first=D(2024, 7, 30), last=D(2024, 7, 30), youth=4)  # 6 × 1
    gone = w.need(campaign, other, first=D(2024, 8, 2), last=D(2024, 8, 2))
    gone.withdrawn_at = gone.created_at
    gone.save()
    offer = w.host_offer(campaign, host, beds=20, nights=[D(2024, 7, 26), D(2024, 7, 27)])
    w.published(first, offer)
    w.published(second, offer, status=PlacementStatus.CONFIRMED)
    figures = {f.label: (f.value, f.page) for f in _figures(campaign)}
    assert figures["séjours à héberger déclarés"] == (2, ("lodging_needs", {}))
    assert figures["nuitées demandées (personnes × nuits)"][0] == 12 * 2 + 6 * 1
    assert figures["lieux d'accueil proposés"][0] == 1
    assert figures["lits × nuits offerts par les hébergeurs"][0] == 40
    assert figures["propositions d'hébergement en attente de réponse"][0] == 1
    assert figures["hébergements acceptés des deux côtés"][0] == 1


def test_the_dashboard_page_links_lodging_figures(campaign, operator_client, guest):
    w.lodging_open(campaign)
    w.need(campaign, guest)
    page = operator_client.get(
        reverse("backoffice:dashboard", kwargs={"campaign_slug": campaign.slug})
    ).content.decode()
    assert "Hébergement en Île-de-France" in page
    needs_url = reverse("backoffice:lodging_needs", kwargs={"campaign_slug": campaign.slug})
    assert f'href="{needs_url}"' in page
