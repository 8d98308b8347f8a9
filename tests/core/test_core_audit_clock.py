"""The audit log (same transaction, secrets masked, registry) and the platform clock."""

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.logging import redact
from billetterie.core.models import AuditEntry
from billetterie.core.services import clock_set


def test_campaign_creation_is_audited(campaign):
    entry = AuditEntry.objects.get(action="campaign.created")
    assert entry.campaign_id == campaign.pk
    assert entry.subject_label == campaign.name


def test_audit_masks_secrets_and_refuses_unknown_actions(db):
    with transaction.atomic():
        entry = audit_log(
            action="user.created",
            details={"email_domain": "x.org", "password": "s3cret", "nested": {"token": "t"}},
        )
    assert entry.details == {"email_domain": "x.org", "password": "•••", "nested": {"token": "•••"}}
    with pytest.raises(ValueError), transaction.atomic():
        audit_log(action="nothing.registered")


def test_audit_rolls_back_with_the_change(campaign):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_log(action="campaign.updated", subject=campaign)
        raise RuntimeError("the change fails")
    assert AuditEntry.objects.count() == before


def test_audit_page_lists_entries(client, operator_user, campaign):
    client.force_login(operator_user)
    page = client.get(reverse("backoffice:audit_log", kwargs={"campaign_slug": campaign.slug}))
    assert "Campagne créée" in page.content.decode()


def test_clock_stands_at_a_stored_date(db, settings):
    settings.BILLETTERIE_CLOCK = ""
    clock_set(frozen_at=clock.parse_instant("2024-03-15"))
    assert clock.today() == dt.date(2024, 3, 15)
    assert clock.is_frozen()
    clock_set(frozen_at=None)
    assert clock.today() >= dt.date(2025, 1, 1)


def test_clock_setting_wins_and_frozen_at_overrides(db, settings):
    settings.BILLETTERIE_CLOCK = "2024-04-26"
    assert clock.today() == dt.date(2024, 4, 26)
    with clock.frozen_at("2024-05-01T08:30"):
        assert clock.now().hour == 8 and clock.today() == dt.date(2024, 5, 1)


def test_logs_never_show_personal_data():
    line = redact("envoi à jeanne.dupont@asso.fr, tél. 06 11 22 33 44, née le 03/02/2011")
    assert "jeanne" not in line and "06 11" not in line and "2011" not in line


def test_log_redaction_keeps_timestamps_and_catches_overseas_numbers():
    assert redact("older than 2026-11-26 04:54:05") == "older than 2026-11-26 04:54:05"
    assert "<téléphone>" in redact("appel au +262 692 12 34 56")
    assert "<téléphone>" in redact("tél 0611223344")
