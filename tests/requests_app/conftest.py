"""Fixtures of the call for applications: a campaign whose call runs through September 2023."""

import datetime as dt

import pytest

from billetterie.catalogue.models import Games
from tests.factories import host_city, session

OPENS, CLOSES = dt.date(2023, 9, 1), dt.date(2023, 9, 30)
BEFORE, DURING, AFTER = "2023-08-20", "2023-09-15", "2023-10-10"


@pytest.fixture
def call_campaign(campaign):
    campaign.call_opens_on, campaign.call_closes_on = OPENS, CLOSES
    campaign.save(update_fields=["call_opens_on", "call_closes_on"])
    return campaign


@pytest.fixture
def og(db):
    return Games.objects.get(code="OG")


@pytest.fixture
def sessions(db):
    """Olympic sessions from 27 July to 11 August 2024 in Paris, Lille and Marseille; one Paralympic one."""
    session(city="Paris", day="2024-07-27")
    session(city="Lille", day="2024-08-01")
    session(city="Marseille", day="2024-08-11")
    session(city="Paris", games="PG", day="2024-09-01")
    return {name: host_city(name) for name in ("Paris", "Lille", "Marseille")}


@pytest.fixture
def submit(call_campaign, association, og, sessions, referent_user):
    """Submit an application with sensible defaults; any argument can be overridden."""
    from billetterie.requests.services import application_submit

    def do(**overrides):
        arguments = {
            "campaign": call_campaign,
            "association": association,
            "games": og,
            "youth": 9,
            "supervisors": 3,
            "city_ids_ranked": [sessions["Paris"].pk, sessions["Lille"].pk],
            "impossible_dates": [],
            "lodging_needed": False,
            "comment": "",
            "actor": referent_user,
        }
        arguments.update(overrides)
        return application_submit(**arguments)

    return do
