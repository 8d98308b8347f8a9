"""Lodging's retention: a name planted in every text either side can type (contacts, accessibility
needs, comments, conditions, insurance notes, a refusal reason, a travel correction's reason) and
in the confirmation messages is found nowhere after the campaign's purge; the figures stay."""

import datetime as dt

import pytest
from django.apps import apps
from django.core import serializers

from billetterie.campaigns.retention import campaign_purge, holds_personal_data
from billetterie.lodging.models import Need, Placement, PlacementStatus
from billetterie.lodging.services.agreement import placement_answer
from billetterie.lodging.services.needs import need_create
from billetterie.lodging.services.offers import host_offer_create
from billetterie.lodging.services.travel import travel_override_set
from tests.lodging import portal_world as w

pytestmark = pytest.mark.django_db
CANARY = "Zorglubette"
D = dt.date


def _dump() -> str:
    models = [m for m in apps.get_models() if m._meta.app_label not in ("contenttypes",)]
    return "".join(serializers.serialize("json", m._default_manager.all()) for m in models)


def test_the_purge_leaves_no_trace_of_what_either_side_typed(
    campaign, guest, guest_user, host, host_user, paris_pack, operator_user
):
    need = need_create(
        campaign=campaign,
        association=guest,
        nights=[D(2024, 7, 26)],
        fields={
            "youth": 6,
            "age_min": 10,
            "age_max": 14,
            "supervisors": 2,
            "wheelchair_users": 1,
            "accessibility": f"{CANARY} se déplace en fauteuil",
            "comment": f"Demander {CANARY}",
            "contact_name": f"{CANARY} Invitée",
            "contact_phone": "0556001122",
            "contact_email": f"{CANARY.lower()}@example.org",
        },
        actor=guest_user,
    )
    offer = host_offer_create(
        campaign=campaign,
        association=host,
        fields={
            "place_name": "Maison des Tilleuls",
            "address": f"12 rue {CANARY}",
            "postal_code": "94300",
            "town": "Vincennes",
            "age_min": 6,
            "age_max": 18,
            "mixed_groups": True,
            "wheelchair_accessible": True,
            "meals": "breakfast",
            "conditions": f"Clés chez {CANARY}",
            "insurance_notes": f"Assureur de {CANARY}",
            "contact_name": f"{CANARY} Hôte",
            "contact_phone": "01 43 00 99 88",
            "contact_email": f"hote.{CANARY.lower()}@example.org",
        },
        beds={D(2024, 7, 26): 10},
        actor=host_user,
    )
    confirmed = w.published(need, offer)
    for side, association, user in (("guest", guest, guest_user), ("host", host, host_user)):
        placement_answer(
            placement_id=confirmed.pk, association=association, side=side, accept=True, actor=user
        )
    refused = w.published(w.need(campaign, guest, first=D(2024, 7, 27), last=D(2024, 7, 27)), offer)
    placement_answer(
        placement_id=refused.pk,
        association=host,
        side="host",
        accept=False,
        reason=f"{CANARY} est absente",
        actor=host_user,
    )
    travel_override_set(
        campaign=campaign,
        association_id=guest.pk,
        minutes=300,
        reason=f"Selon {CANARY}",
        actor=operator_user,
    )
    assert CANARY in _dump() and holds_personal_data(campaign=campaign)

    counts = campaign_purge(campaign=campaign)

    assert CANARY not in _dump() and CANARY.lower() not in _dump()
    assert counts["lodging_needs"] == 2 and counts["host_offers"] == 1
    assert counts["lodging_reasons"] == 1 and counts["travel_reasons"] == 1
    need.refresh_from_db()
    assert (need.persons, need.nights, need.wheelchair_users) == (8, 1, 1)
    assert Placement.objects.get(pk=confirmed.pk).status == PlacementStatus.CONFIRMED
    assert Need.objects.filter(campaign=campaign).count() == 2
    # A second pass finds nothing more.
    assert not any(
        campaign_purge(campaign=campaign).get(k) for k in ("lodging_needs", "host_offers")
    )
