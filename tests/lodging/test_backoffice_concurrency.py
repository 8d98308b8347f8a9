"""Real threads on PostgreSQL: two operators saving a campaign's first lodging settings at the
same instant both succeed (no error page), and the campaign has one settings row."""

import pytest

from billetterie.lodging.models import LodgingSettings
from billetterie.lodging.services.settings import settings_update
from tests.concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_first_saves_at_once(campaign, operator_user):
    for round_ in range(5):
        LodgingSettings.objects.filter(campaign=campaign).delete()
        jobs = [
            lambda minutes=minutes: settings_update(
                campaign=campaign,
                threshold_minutes=minutes,
                needs_deadline=None,
                offers_deadline=None,
                actor=operator_user,
            )
            for minutes in (120 + round_, 180 + round_)
        ]
        results, unexpected = race(jobs)
        assert unexpected == []
        assert LodgingSettings.objects.filter(campaign=campaign).count() == 1
        assert LodgingSettings.objects.get(campaign=campaign).threshold_minutes in (
            120 + round_,
            180 + round_,
        )
