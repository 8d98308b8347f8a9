"""The figures behind the charts, on a small campaign built by hand, and the « Graphiques » page.
Each count is checked against the rows that were created; the page makes the same number of
queries with 3 and with 30 associations."""

import datetime as dt
from html import unescape

import pytest
from defusedxml import ElementTree as ET
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.delivery.models import LinkStatus, TicketLink
from billetterie.inventory.models import PackStatus
from billetterie.offers.models import Offer, OfferStatus
from billetterie.reporting import chart_data
from tests import factories
from tests.delivery.attendance_world import named_group

pytestmark = pytest.mark.django_db


def _run(campaign, number, day):
    return AllocationRun.objects.create(
        campaign=campaign,
        number=number,
        status=RunStatus.PUBLISHED,
        created_at=timezone.make_aware(dt.datetime.fromisoformat(day)),
        published_at=timezone.make_aware(dt.datetime.fromisoformat(day)),
    )


def _offer(campaign, association, pack, status, run=None, day="2024-03-01"):
    pack.status = {
        OfferStatus.PENDING: PackStatus.OFFERED,
        OfferStatus.ACCEPTED: PackStatus.ACCEPTED,
    }.get(status, PackStatus.AVAILABLE)
    pack.save(update_fields=["status"])
    sent = timezone.make_aware(dt.datetime.fromisoformat(day) + dt.timedelta(hours=1))
    return Offer.objects.create(
        campaign=campaign,
        pack=pack,
        association=association,
        run=run,
        status=status,
        commitment_accepted=status == OfferStatus.ACCEPTED,
        sent_at=sent,
        expires_at=sent + dt.timedelta(days=7),
    )


@pytest.fixture
def world(campaign, association, other_association, referent_user, make_association):
    """Paris association (12 requested), Lille association (8 requested), one without position."""
    factories.application(campaign=campaign, association=association, youth=9, supervisors=3)
    factories.application(
        campaign=campaign, association=other_association, youth=6, supervisors=2, cities=["Lille"]
    )
    nowhere = make_association(name="Sans adresse", postal_code="99999", departement="")
    factories.application(campaign=campaign, association=nowhere, youth=4, supervisors=0)
    wave1, wave2 = _run(campaign, 1, "2024-03-01"), _run(campaign, 2, "2024-03-20")
    paris = factories.pack(campaign=campaign, size=4, city="Paris")
    _offer(campaign, association, paris, OfferStatus.PENDING, run=wave2, day="2024-03-20")
    lille = factories.pack(campaign=campaign, size=6, city="Lille")
    _offer(campaign, other_association, lille, OfferStatus.ACCEPTED, run=wave1)
    declined = factories.pack(campaign=campaign, size=5, city="Marseille")
    _offer(campaign, association, declined, OfferStatus.DECLINED, run=wave1)
    withdrawn = factories.pack(campaign=campaign, size=3, city="Marseille")
    withdrawn.status = PackStatus.WITHDRAWN
    withdrawn.save(update_fields=["status"])
    named_group(campaign, association, referent_user, youth=3, supervisors=1)
    named_offer = Offer.objects.filter(association=association, status=OfferStatus.ACCEPTED).get()
    named_offer.run = wave1
    named_offer.save(update_fields=["run"])
    named_pack = named_offer.pack
    TicketLink.objects.create(
        campaign=campaign,
        pack=lille,
        url="https://billetterie.example/lille",
        status=LinkStatus.ACTIVE,
        imported_at=timezone.now(),
    )
    return {"nowhere": nowhere, "named_pack": named_pack}


def test_satisfaction_is_received_over_requested(campaign, association, other_association, world):
    rows = {r["name"]: r for r in chart_data.satisfaction_rows(campaign=campaign)}
    # Paris: 4 accepted (named) of 12, as on the dashboard; neither the pending pack nor the
    # declined one counts.
    assert (rows[association.name]["received"], rows[association.name]["requested"]) == (4, 12)
    assert rows[other_association.name]["satisfaction"] == 6 / 8
    assert rows["Sans adresse"]["satisfaction"] == 0
    chart = chart_data.satisfaction_chart(campaign=campaign)
    assert [r[0] for r in chart.table.rows] == [
        "Sans adresse",
        association.name,
        other_association.name,
    ]
    assert [r[1] for r in chart.table.rows] == ["0\u202f%", "33\u202f%", "75\u202f%"]


def test_tickets_by_city_and_stage(campaign, world):
    data = chart_data.tickets_by_city_and_stage(campaign=campaign)
    assert data["Paris"] == {"offered": 4, "named": 4}
    # An active download link is not « delivered »: no group leader confirmed getting them.
    assert data["Lille"] == {"accepted": 6}
    assert data["Marseille"] == {"available": 5, "withdrawn": 3}
    chart = chart_data.cities_chart(campaign=campaign)
    assert [r[0] for r in chart.table.rows] == [
        "Marseille",
        "Paris",
        "Lille",
    ]  # most first, ties by name
    assert chart.table.rows[0][-1] == "8"
    ET.fromstring(chart.svg)


def test_wave_progress_is_cumulative(campaign, world):
    steps, values = chart_data.wave_progress(campaign=campaign)
    assert [s[0] for s in steps] == ["Vague 1", "Vague 2"]
    assert steps[1][1] == "20/03/2024"
    # Wave 1: Lille 6 (accepted), Marseille 5 (declined), the named pack 4 (accepted).
    assert values == {"offered": [15, 19], "accepted": [10, 10]}


def test_map_places(campaign, world):
    places, cities = chart_data.map_places(campaign=campaign)
    assert len(places) == 3
    unplaced = [p for p in places if p.latitude is None]
    assert len(unplaced) == 1 and unplaced[0].region == ""
    assert {c.name: c.tickets for c in cities} == {"Paris": 8, "Lille": 6, "Marseille": 8}
    chart = chart_data.map_chart(campaign=campaign)
    assert "1 association sans position connue" in chart.html()
    assert ["Hauts-de-France", "1", "6"] in chart.table.rows


def test_the_page_shows_every_chart(client, campaign, operator_user, world):
    client.force_login(operator_user)
    response = client.get(reverse("backoffice:charts", kwargs={"campaign_slug": campaign.slug}))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 4
    for chart_id in ("chart-satisfaction", "chart-cities", "chart-waves", "chart-map"):
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in html
    assert html.count("<summary>Voir le tableau</summary>") == 4
    campaign_page = client.get(
        reverse("backoffice:campaign", kwargs={"campaign_slug": campaign.slug})
    )
    assert reverse("backoffice:charts", kwargs={"campaign_slug": campaign.slug}) in (
        campaign_page.content.decode()
    )


def test_empty_campaign_page_says_so(client, campaign, operator_user):
    client.force_login(operator_user)
    html = unescape(
        client.get(
            reverse("backoffice:charts", kwargs={"campaign_slug": campaign.slug})
        ).content.decode()
    )
    assert "<svg" not in html
    assert "Aucune vague publiée pour l'instant" in html
    assert "Aucune candidature éligible pour l'instant" in html


def _queries(campaign) -> int:
    with CaptureQueriesContext(connection) as ctx:
        for chart in chart_data.campaign_charts(campaign=campaign):
            chart.html()
    return len(ctx.captured_queries)


def test_same_number_of_queries_with_3_and_30_associations(campaign, make_association, world):
    few = _queries(campaign)
    for n in range(27):
        a = make_association(name=f"Asso {n}", postal_code=f"{13001 + n % 9:05d}", departement="13")
        factories.application(campaign=campaign, association=a, youth=3, supervisors=1)
        _offer(
            campaign,
            a,
            factories.pack(campaign=campaign, size=2, city="Marseille"),
            OfferStatus.PENDING,
        )
    assert _queries(campaign) == few
