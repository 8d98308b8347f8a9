"""The « Lots prestige » page of the back office, and the prestige badge on the portal's offers."""

import pytest
from django.urls import reverse

from billetterie.catalogue.models import Phase
from billetterie.contest.models import AwardStatus, Deliberation, PrestigeAward
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.offers.models import Offer
from tests.contest.prestige_fixtures import AFTER_DELIBERATION, prestige_pack, winners_create

NAMES = {1: "Les Petits Champions de Bobigny", 2: "Maison d'enfants du Vercors"}


@pytest.fixture
def after_deliberation():
    with clock.frozen_at(AFTER_DELIBERATION) as moment:
        yield moment


@pytest.fixture
def world(campaign, make_association, after_deliberation):
    winners = winners_create(campaign, make_association, [10, 6], names=NAMES)
    prestige_pack(campaign, size=10, phase=Phase.FINAL, reference="PR-0001")
    prestige_pack(campaign, size=6, phase=Phase.SEMI_FINAL, reference="PR-0002")
    return winners


@pytest.fixture
def operator_client(client, operator_user):
    client.force_login(operator_user)
    return client


def _urls(campaign):
    return (
        reverse("backoffice:prestige", kwargs={"campaign_slug": campaign.slug}),
        reverse("backoffice:prestige_start", kwargs={"campaign_slug": campaign.slug}),
    )


def test_no_name_before_the_deliberation_is_closed(campaign, world, operator_client):
    Deliberation.objects.filter(campaign=campaign).update(closed_at=None)
    board, start = _urls(campaign)
    page = operator_client.get(board).content.decode()
    assert "La délibération du jury n'est pas close" in page
    assert "16</span> billets prestige en jeu" in page
    for name in NAMES.values():
        assert name not in page and name.replace("'", "&#x27;") not in page
    preview = operator_client.get(start).content.decode()
    assert "rien ne peut encore être proposé" in preview
    assert "Proposer ce" not in preview and 'name="seen"' not in preview


def test_the_operator_reads_what_goes_to_whom_then_confirms(campaign, world, operator_client):
    board, start = _urls(campaign)
    page = operator_client.get(board).content.decode()
    assert "Les Petits Champions de Bobigny" in page
    assert "Proposer les lots prestige aux lauréats (2 lots à proposer)" in page
    preview = operator_client.get(start).content.decode()
    # Rank 1 (10 people) gets the final of 10; rank 2 (6 people) the semi-final of 6.
    first, second = preview.index("PR-0001"), preview.index("PR-0002")
    assert preview.index("Les Petits Champions de Bobigny") < first < second
    assert "Proposer ces 2 lots prestige aux lauréats" in preview
    assert "16 billets prestige proposés ; il en restera 0 à proposer sur les 16 en jeu" in preview
    assert not Offer.objects.exists()  # reading the preview writes nothing
    token = preview.split('name="seen" value="', 1)[1].split('"', 1)[0]
    response = operator_client.post(start, {"seen": token}, follow=True)
    assert "2 lots prestige (16 billets) proposés aux lauréats." in response.content.decode()
    assert sorted(
        PrestigeAward.objects.filter(campaign=campaign).values_list("rank", "pack__reference")
    ) == [(1, "PR-0001"), (2, "PR-0002")]
    assert AuditEntry.objects.filter(action="contest.prestige_started").count() == 1
    after = operator_client.get(board).content.decode()
    assert "Lot proposé (réponse avant le" in after
    assert "Aucun lot prestige à proposer pour l'instant" in after


def test_a_preview_no_longer_true_is_shown_again_instead_of_offering(
    campaign, world, operator_client
):
    _, start = _urls(campaign)
    preview = operator_client.get(start).content.decode()
    token = preview.split('name="seen" value="', 1)[1].split('"', 1)[0]
    # Meanwhile a pack of 4 arrives and the second winner's group shrinks to 4 people.
    prestige_pack(campaign, size=4, reference="PR-0003")
    world[1].group_size = 4
    world[1].save()
    response = operator_client.post(start, {"seen": token})
    page = response.content.decode()
    assert response.status_code == 200
    assert "ont changé depuis l'aperçu" in page and "PR-0003" in page
    assert not Offer.objects.exists()


def test_the_winner_sees_the_prestige_badge_on_its_offers(
    campaign, world, operator_client, make_referent
):
    from billetterie.contest.prestige import prestige_start

    referent = make_referent(world[0].association, "laureate@example.org")
    prestige_start(campaign=campaign, actor=None)
    assert PrestigeAward.objects.get(rank=1).status == AwardStatus.OFFERED
    operator_client.force_login(referent)
    page = operator_client.get(reverse("portal:offers")).content.decode()
    assert "Lot prestige — jeu-concours" in page and "PR-0001" in page
