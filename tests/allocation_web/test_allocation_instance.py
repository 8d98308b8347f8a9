"""The instance built from the database: pool, remaining demand, tiers, city weights."""

from billetterie.allocation.engine import validate_instance
from billetterie.allocation.weights import city_weight, distance_km
from billetterie.inventory.models import PackStatus
from billetterie.offers.waves import campaign_instance
from billetterie.requests.models import Channel
from tests import factories as f


def test_instance_has_pool_demand_and_weights(
    campaign, association, other_association, make_association
):
    association.latitude, association.longitude = 48.85, 2.35
    association.save()
    f.application(
        campaign=campaign,
        association=association,
        youth=9,
        supervisors=3,
        cities=("Paris", "Lille"),
        impossible=["2024-07-31"],
    )
    f.application(
        campaign=campaign,
        association=other_association,
        games="PG",
        youth=6,
        supervisors=2,
        cities=("Lille",),
        channel=Channel.WAITING_LIST,
        received="2023-11-02",
    )
    outsider = make_association(name="Non adhérente", is_member=False)
    f.application(campaign=campaign, association=outsider, youth=4, supervisors=1)
    available = f.pack(campaign=campaign, size=8)
    f.pack(campaign=campaign, size=6, prestige=True)
    taken = f.pack(campaign=campaign, size=4)
    taken.status = PackStatus.OFFERED
    taken.save()

    instance = campaign_instance(campaign=campaign)
    validate_instance(instance)  # the engine accepts it
    assert [p["reference"] for p in instance["packs"]] == [available.reference]
    orgs = {o["name"]: o for o in instance["organisations"]}
    assert set(orgs) == {association.name, other_association.name}  # non-members are left out
    mine = orgs[association.name]
    assert mine["tier"] == 1 and mine["requested"] == {"OG": 12}
    assert mine["cities"]["Paris"] == 1.0
    assert mine["cities"]["Lille"] == city_weight(
        rank=2, km=distance_km((48.85, 2.35), f.CITIES["Lille"][:2])
    )
    assert mine["unavailable_dates"] == ["2024-07-31"]
    assert orgs[other_association.name]["tier"] == 2


def test_city_weight_prefers_rank_and_nearness():
    assert city_weight(rank=1, km=10) == 1.0
    assert city_weight(rank=2, km=10) == 0.85
    assert city_weight(rank=1, km=650) < city_weight(rank=1, km=100)
    assert city_weight(rank=1, km=9000) == 0.5  # overseas: far, never zero
    assert 0.1 <= city_weight(rank=9, km=9000) <= 1.0


def test_ineligible_application_is_left_out(campaign, association):
    app = f.application(campaign=campaign, association=association)
    app.is_eligible, app.ineligibility_reason = False, "Jeunes non suivis par l'association"
    app.save()
    f.pack(campaign=campaign)
    assert campaign_instance(campaign=campaign)["organisations"] == []
