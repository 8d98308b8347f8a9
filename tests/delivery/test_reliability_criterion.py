"""The reliability of a former campaign as a criterion of a later one: chosen explicitly in the
campaign's settings (shown, confirmed, journaled), named on the page before a run, and applied by
the instance of a wave — without a choice, the instance is exactly the same."""

import re

import pytest
from django.urls import reverse

from billetterie.allocation.instance import instance_for_campaign, org_key
from billetterie.campaigns.services import campaign_create
from billetterie.core import clock, hooks
from billetterie.core.models import AuditEntry
from billetterie.delivery.attendance import attendance_file
from billetterie.offers.models import OfferStatus
from billetterie.offers.selectors import remaining_demand
from billetterie.offers.waves import campaign_instance
from tests import factories
from tests.backoffice.test_settings_pages import _data
from tests.delivery.attendance_world import SPRING, named_group, offer

pytestmark = pytest.mark.django_db

LATER = "2025-03-15T10:00"


@pytest.fixture
def history(campaign, association, referent_user, other_association, other_referent_user):
    """In `campaign` (2024): the association used 7 of 8 named tickets and let 4 expire (58 %);
    the other one brought everybody (100 %)."""
    mine = named_group(campaign, association, referent_user, youth=6, supervisors=2)
    theirs = named_group(campaign, other_association, other_referent_user, youth=3, supervisors=1)
    with clock.frozen_at(SPRING):
        offer(campaign, association, size=4, status=OfferStatus.EXPIRED)
    with clock.frozen_at("2024-08-01T10:00"):
        for group, who, youth, supervisors in (
            (mine, referent_user, 5, 2),
            (theirs, other_referent_user, 3, 1),
        ):
            attendance_file(
                campaign=campaign,
                association=group.association,
                group_id=group.pk,
                youth_present=youth,
                supervisors_present=supervisors,
                comment="",
                actor=who,
            )
    return campaign


@pytest.fixture
def later(history, association, other_association):
    """A 2025 campaign of the same operator where both associations apply, with packs to share."""
    with clock.frozen_at(LATER):
        later = campaign_create(
            slug="suite-2025", name="Campagne 2025", operator_name=history.operator.name
        )
        for who in (association, other_association):
            factories.application(campaign=later, association=who)
        for _ in range(3):
            factories.pack(campaign=later, size=4)
    return later


def _tiers(instance) -> dict[str, int]:
    return {o["id"]: o["tier"] for o in instance["organisations"]}


def test_without_a_choice_the_instance_is_identical(later, monkeypatch, association):
    with clock.frozen_at(LATER):
        chosen_none = campaign_instance(campaign=later)
        monkeypatch.setattr(hooks.tier_postponed, "receivers", [])
        without_hook = campaign_instance(campaign=later)
    assert chosen_none == without_hook
    assert set(_tiers(chosen_none).values()) == {1}


def test_the_criterion_places_those_below_the_threshold_one_tier_later(
    later, history, association, other_association
):
    later.reliability_source, later.reliability_threshold = history, 60
    later.save()
    with clock.frozen_at(LATER):
        tiers = _tiers(
            instance_for_campaign(campaign=later, remaining=remaining_demand(campaign=later))
        )
        assert tiers == {org_key(association.pk): 2, org_key(other_association.pk): 1}
        # A threshold nobody is under changes nothing.
        later.reliability_threshold = 58
        later.save()
        assert set(_tiers(campaign_instance(campaign=later)).values()) == {1}


def test_chosen_in_the_settings_shown_before_a_run(
    later, history, association, client, operator_user
):
    client.force_login(operator_user)
    url = reverse("backoffice:campaign_settings", kwargs={"campaign_slug": later.slug})
    runs = reverse("backoffice:runs", kwargs={"campaign_slug": later.slug})
    with clock.frozen_at(LATER):
        page = client.get(url).content.decode()
        assert "Tenir compte de la fiabilité d&#x27;une campagne précédente" in page
        options = re.search(r'<select name="reliability_source"[^>]*>(.*?)</select>', page, re.S)
        assert history.name.replace("'", "&#x27;") in options.group(1)
        assert later.name not in options.group(1)  # never itself
        assert "Aucun critère de fiabilité" in client.get(runs).content.decode()

        half = client.post(url, _data(later, reliability_source=history.pk))
        assert "Indiquez le seuil, en %." in half.content.decode()

        data = _data(later, reliability_source=history.pk, reliability_threshold=60)
        preview = client.post(url, data).content.decode()
        assert "Critère de fiabilité : campagne précédente" in preview
        assert "aucune : la fiabilité n&#x27;est pas prise en compte" in preview
        assert "60 %" in preview
        later.refresh_from_db()
        assert later.reliability_source is None  # shown, not saved
        seen = re.search(r'name="seen" value="([0-9a-f]+)"', preview).group(1)
        assert client.post(url, {**data, "step": "confirm", "seen": seen}).status_code == 302
        later.refresh_from_db()
        assert (later.reliability_source, later.reliability_threshold) == (history, 60)
        entry = AuditEntry.objects.get(action="campaign.updated", campaign_id=later.pk)
        assert entry.details["changes"] == {
            "reliability_source": {"before": "None", "after": history.name},
            "reliability_threshold": {"before": "None", "after": "60"},
        }
        page = client.get(runs).content.decode()
    assert (
        f"Critère de fiabilité appliqué : campagne « {history.name} », seuil 60 % — "
        "1 association candidate passe au rang suivant."
    ).replace("'", "&#x27;") in page
    assert f'<th scope="row">{association.name}</th><td class="num">58 %</td>' in page.replace(
        "&#x27;", "'"
    )
