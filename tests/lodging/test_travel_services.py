"""Travel times of a campaign's associations: rows, the operator's correction, the far flag and
the one-time invitation of the far associations."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.lodging.models import FarInvitation, LodgingSettings, Need, TravelOverride
from billetterie.lodging.selectors.travel import (
    association_travel,
    far_associations,
    invite_plan,
    travel_rows,
)
from billetterie.lodging.services.travel import (
    FAR_INVITATION,
    far_associations_invite,
    travel_override_clear,
    travel_override_set,
)
from billetterie.outbox.models import Message
from tests.factories import application, pack, pack_accept

PLACES = {
    "creteil": dict(
        postal_code="94000", town="Créteil", departement="94", latitude=48.7904, longitude=2.4556
    ),
    "lille": dict(
        postal_code="59000", town="Lille", departement="59", latitude=50.6292, longitude=3.0573
    ),
    "marseille": dict(
        postal_code="13001", town="Marseille", departement="13", latitude=43.2965, longitude=5.3698
    ),
    "lozere": dict(
        postal_code="48220",
        town="Le Pont-de-Montvert",
        departement="48",
        latitude=44.365,
        longitude=3.745,
    ),
    "guadeloupe": dict(
        postal_code="97110", town="Pointe-à-Pitre", departement="971", latitude=None, longitude=None
    ),
}


@pytest.fixture
def world(campaign, make_association, make_referent):
    made = {}
    for key, place in PLACES.items():
        association = make_association(name=f"Association de {place['town']}", **place)
        make_referent(association, f"referent-{key}@example.org")
        application(campaign=campaign, association=association)
        made[key] = association
    return made


def test_rows_of_the_campaign_farthest_first(campaign, world, make_association):
    make_association(name="Sans candidature", **PLACES["lozere"])  # not in the campaign
    rows = travel_rows(campaign=campaign)
    assert [r.name for r in rows] == [
        "Association de Pointe-à-Pitre",
        "Association de Le Pont-de-Montvert",
        "Association de Marseille",
        "Association de Lille",
        "Association de Créteil",
    ]
    far = {r.name for r in far_associations(campaign=campaign)}
    assert far == {
        "Association de Pointe-à-Pitre",
        "Association de Le Pont-de-Montvert",
        "Association de Marseille",
    }


def test_a_pack_holder_without_application_counts_and_its_host_city_too(
    campaign, world, make_association
):
    holder = make_association(name="Détentrice", **PLACES["creteil"])
    pack_accept(pack(campaign=campaign, city="Marseille"), association=holder)
    row = association_travel(campaign=campaign, association=holder)
    assert row.minutes < 60 and [c.name for c in row.cities] == ["Marseille"]
    assert row.cities[0].estimate.minutes > 150
    assert row.far  # close to Paris, but its pack is in Marseille
    assert "Détentrice" in {r.name for r in travel_rows(campaign=campaign)}


def test_the_threshold_of_the_campaign(campaign, world):
    LodgingSettings.objects.create(campaign=campaign, threshold_minutes=4 * 60)
    far = {r.name for r in far_associations(campaign=campaign)}
    assert far == {"Association de Pointe-à-Pitre", "Association de Le Pont-de-Montvert"}
    LodgingSettings.objects.filter(campaign=campaign).update(threshold_minutes=60)
    far = {r.name for r in far_associations(campaign=campaign)}
    assert "Association de Lille" in far and "Association de Créteil" not in far


def test_the_override_replaces_the_estimate_and_is_audited(campaign, world, operator_user):
    lille = world["lille"]
    travel_override_set(
        campaign=campaign,
        association_id=lille.pk,
        minutes=200,
        reason="Car jusqu'à la gare",
        actor=operator_user,
    )
    row = association_travel(campaign=campaign, association=lille)
    assert row.minutes == 200 and row.to_paris.minutes < 120 and row.far
    entry = AuditEntry.objects.get(action="lodging.travel_overridden")
    assert entry.association_id == lille.pk and entry.details["after"] == "3 h 20"
    assert entry.actor == operator_user
    # the same again: nothing written
    travel_override_set(
        campaign=campaign,
        association_id=lille.pk,
        minutes=200,
        reason="Car jusqu'à la gare",
        actor=operator_user,
    )
    assert AuditEntry.objects.filter(action="lodging.travel_overridden").count() == 1
    assert travel_override_clear(campaign=campaign, association_id=lille.pk, actor=operator_user)
    assert not TravelOverride.objects.exists()
    assert AuditEntry.objects.filter(action="lodging.travel_override_cleared").count() == 1
    assert not travel_override_clear(
        campaign=campaign, association_id=lille.pk, actor=operator_user
    )
    assert not association_travel(campaign=campaign, association=lille).far


@pytest.mark.parametrize(
    "minutes,reason,field",
    [
        (0, "motif", "minutes"),
        (5000, "motif", "minutes"),
        ("abc", "motif", "minutes"),
        (90, "  ", "reason"),
    ],
)
def test_a_bad_override_changes_nothing(campaign, world, operator_user, minutes, reason, field):
    with pytest.raises(ValidationError) as caught:
        travel_override_set(
            campaign=campaign,
            association_id=world["lille"].pk,
            minutes=minutes,
            reason=reason,
            actor=operator_user,
        )
    assert field in caught.value.message_dict
    assert (
        not TravelOverride.objects.exists()
        and not AuditEntry.objects.filter(action__startswith="lodging.").exists()
    )


def test_the_invitation_goes_once_to_far_associations_without_a_need(
    campaign, world, operator_user
):
    LodgingSettings.objects.create(campaign=campaign, needs_deadline="2024-05-15")
    # Marseille already declared a need: not invited
    now = clock.now()
    Need.objects.create(
        campaign=campaign,
        association=world["marseille"],
        first_night="2024-07-29",
        last_night="2024-07-30",
        youth=8,
        age_min=10,
        age_max=14,
        supervisors=2,
        contact_name="Contact",
        contact_phone="0102030405",
        contact_email="contact@example.org",
        created_at=now,
        updated_at=now,
    )
    plan = invite_plan(campaign=campaign)
    assert {r.name for r in plan.to_invite} == {
        "Association de Pointe-à-Pitre",
        "Association de Le Pont-de-Montvert",
    }
    assert far_associations_invite(campaign=campaign, actor=operator_user) == 2
    messages = Message.objects.filter(kind=FAR_INVITATION)
    assert sorted(m.recipient for m in messages) == [
        "referent-guadeloupe@example.org",
        "referent-lozere@example.org",
    ]
    body = messages.get(recipient="referent-lozere@example.org").body_text
    assert (
        "2 h 30" in body
        and "avant le 15 mai 2024" in body
        and f"/association/hebergement/{campaign.slug}/" in body
    )
    assert "Association de Le Pont-de-Montvert" in body
    assert FarInvitation.objects.filter(campaign=campaign).count() == 2
    assert LodgingSettings.objects.get(campaign=campaign).far_invited_at is not None
    assert AuditEntry.objects.get(action="lodging.far_invited").details["count"] == 2
    # a second press sends nothing
    assert far_associations_invite(campaign=campaign, actor=operator_user) == 0
    assert Message.objects.filter(kind=FAR_INVITATION).count() == 2
    assert AuditEntry.objects.filter(action="lodging.far_invited").count() == 1
    rows = {r.name: r for r in travel_rows(campaign=campaign)}
    assert rows["Association de Le Pont-de-Montvert"].invited_at is not None
    assert rows["Association de Lille"].invited_at is None


def test_an_association_without_referent_is_shown_apart_and_not_recorded(
    campaign, make_association, operator_user
):
    LodgingSettings.objects.create(campaign=campaign)
    lonely = make_association(name="Sans référent", **PLACES["lozere"])
    application(campaign=campaign, association=lonely)
    plan = invite_plan(campaign=campaign)
    assert plan.to_invite == [] and [r.name for r in plan.unreachable] == ["Sans référent"]
    assert far_associations_invite(campaign=campaign, actor=operator_user) == 0
    assert not FarInvitation.objects.exists()


def test_queries_are_bounded(campaign, make_association, django_assert_max_num_queries):
    for i in range(40):
        association = make_association(name=f"Asso {i}", **PLACES["lozere" if i % 2 else "lille"])
        application(campaign=campaign, association=association)
        if i % 4 == 0:
            pack_accept(
                pack(campaign=campaign, city="Marseille" if i % 8 else "Lille"),
                association=association,
            )
    with CaptureQueriesContext(connection) as few:
        travel_rows(campaign=campaign)
    for i in range(40, 80):
        association = make_association(name=f"Asso {i}", **PLACES["marseille"])
        application(campaign=campaign, association=association)
        pack_accept(pack(campaign=campaign, city="Lille"), association=association)
    with django_assert_max_num_queries(len(few)):
        rows = travel_rows(campaign=campaign)
    assert len(rows) == 80


def test_no_invitation_before_the_settings_open_lodging(campaign, world, operator_user):
    """The invitation's link leads to the portal's lodging page, which only the settings open."""
    with pytest.raises(ValidationError, match="Enregistrez d'abord les réglages"):
        far_associations_invite(campaign=campaign, actor=operator_user)
    assert not FarInvitation.objects.exists() and not Message.objects.exists()
