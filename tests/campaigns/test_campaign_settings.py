"""The operator changes a campaign's calendar and rules through the service: checked and audited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from billetterie.campaigns.models import Campaign
from billetterie.campaigns.services import campaign_create, campaign_update
from billetterie.core import clock
from billetterie.core.models import AuditEntry


def test_every_new_campaign_has_a_retention_date_after_its_games(db):
    with clock.frozen_at("2023-09-01"):
        campaign = campaign_create(slug="sans-date", name="Sans date", operator_name="Opérateur")
    # No session known: a year after creation, then the retention delay.
    assert campaign.retention_until == dt.date(2024, 8, 31) + dt.timedelta(days=183)


def test_update_changes_rules_and_deadlines_and_audits_before_and_after(campaign, operator_user):
    changes = campaign_update(
        campaign=campaign,
        actor=operator_user,
        max_supervisors_per_youth=Decimal("0.25"),
        call_closes_on=dt.date(2023, 10, 31),
        call_opens_on=dt.date(2023, 9, 1),
        nominative_deadlines={"OG": dt.date(2024, 4, 26)},
    )
    campaign.refresh_from_db()
    assert campaign.max_supervisors_per_youth == Decimal("0.25")
    assert campaign.games_settings.get(games__code="OG").nominative_deadline == dt.date(2024, 4, 26)
    entry = AuditEntry.objects.get(action="campaign.updated")
    assert entry.details["changes"] == changes
    assert changes["max_supervisors_per_youth"] == {"before": "0.333", "after": "0.25"}
    assert changes["nominative_deadline_OG"] == {"before": "None", "after": "2024-04-26"}
    # The same values again change nothing and write nothing.
    assert (
        campaign_update(campaign=campaign, actor=operator_user, call_opens_on=dt.date(2023, 9, 1))
        == {}
    )
    assert AuditEntry.objects.filter(action="campaign.updated").count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"retention_until": dt.date(2020, 1, 1)}, "retention_until"),
        ({"call_opens_on": dt.date(2023, 10, 1), "call_closes_on": dt.date(2023, 9, 1)}, None),
        ({"response_delay_days": 0}, "response_delay_days"),
    ],
)
def test_a_bad_value_is_refused_and_nothing_changes(campaign, operator_user, fields, field):
    before = Campaign.objects.filter(pk=campaign.pk).values().get()
    with pytest.raises(ValidationError) as refused:
        campaign_update(campaign=campaign, actor=operator_user, **fields)
    if field:
        assert field in refused.value.message_dict
    assert Campaign.objects.filter(pk=campaign.pk).values().get() == before
    assert not AuditEntry.objects.filter(action="campaign.updated").exists()
