"""Reliability: the formula stays within 0–100, rises with attendance and falls with unused or
expired tickets, has no figure without data; the components are read from attendance and offers;
the back-office page shows the figure, its parts and the formula in French."""

from fractions import Fraction

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from billetterie.core import clock
from billetterie.delivery.attendance import attendance_file
from billetterie.delivery.reliability import (
    campaign_reliability,
    percent_words,
    reliability_percent,
)
from billetterie.offers.models import OfferStatus
from tests.delivery.attendance_world import SPRING, named_group, offer

counts = st.integers(min_value=0, max_value=10_000)


@st.composite
def components(draw):
    named = draw(counts)
    return draw(st.integers(min_value=0, max_value=named)), named, draw(counts)


@given(components())
def test_bounded_and_none_only_without_data(parts):
    present, named, expired = parts
    value = reliability_percent(present=present, named=named, expired=expired)
    if named + expired == 0:
        assert value is None and percent_words(value) == "pas encore de donnée"
    else:
        assert 0 <= value <= 100
        assert value == 100 * (1 - Fraction(named - present + expired, named + expired))


@given(components(), st.integers(min_value=1, max_value=50))
def test_more_present_raises_more_expired_lowers(parts, more):
    present, named, expired = parts
    base = reliability_percent(present=present, named=named + more, expired=expired)
    assert reliability_percent(present=present + more, named=named + more, expired=expired) > base
    assert reliability_percent(present=present, named=named + more, expired=expired + more) <= base
    # A no-show (named, not present) never raises it.
    assert reliability_percent(present=present, named=named + more + 1, expired=expired) <= base


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        reliability_percent(present=3, named=2, expired=0)
    with pytest.raises(ValueError):
        reliability_percent(present=0, named=0, expired=-1)


@pytest.mark.django_db
def test_components_from_attendance_and_offers_and_the_page(
    campaign,
    association,
    referent_user,
    other_association,
    make_association,
    client,
    operator_user,
):
    reported = named_group(campaign, association, referent_user, youth=6, supervisors=2)
    named_group(campaign, association, referent_user, youth=3, supervisors=1)  # not reported
    with clock.frozen_at(SPRING):
        offer(campaign, association, size=4, status=OfferStatus.EXPIRED)
        offer(campaign, association, size=6, status=OfferStatus.DECLINED)  # not against it
        offer(campaign, other_association, size=2, status=OfferStatus.DECLINED)
    with clock.frozen_at("2024-08-01T10:00"):
        attendance_file(
            campaign=campaign,
            association=association,
            group_id=reported.pk,
            youth_present=5,
            supervisors_present=2,
            comment="",
            actor=referent_user,
        )
        rows = {
            r.association_id: r
            for r in campaign_reliability(campaign=campaign, today=clock.today())
        }
        mine = rows[association.pk]
        assert (mine.present, mine.named, mine.no_shows) == (7, 8, 1)
        assert (mine.expired_offers, mine.expired_tickets) == (1, 4)
        assert (mine.unreported_groups, mine.unreported_tickets) == (1, 4)
        assert mine.percent == Fraction(700, 12) and mine.words == "58 %"
        assert rows[other_association.pk].percent is None  # declined only: no data
        client.force_login(operator_user)
        page = client.get(
            reverse("backoffice:reliability", kwargs={"campaign_slug": campaign.slug})
        ).content.decode()
    assert "Fiabilité des associations" in page
    assert "fiabilité = 100 × présents ÷ (billets nommés des groupes qui ont déclaré" in page
    assert "<strong>58 %</strong>" in page and "pas encore de donnée" in page
    assert "1 (4 billets)" in page  # the unreported group, shown apart
