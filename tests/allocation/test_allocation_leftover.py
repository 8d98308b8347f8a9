"""Why unassigned packs stay in the pool: everyone served, nobody can take them, or left over."""

from hypothesis import given, settings
from hypothesis import strategies as st

from billetterie.allocation.leftover import unassigned_groups, unassigned_reasons


def _pack(pid, size=4, city="Paris", games="OG", date="2024-07-30"):
    return {
        "id": pid,
        "reference": f"JO-{pid}",
        "games": games,
        "city": city,
        "date": date,
        "size": size,
    }


def _org(oid, requested, cities=("Paris",), unavailable=()):
    return {
        "id": oid,
        "name": oid,
        "requested": requested,
        "cities": {c: 1.0 for c in cities},
        "unavailable_dates": list(unavailable),
    }


def _instance(orgs, packs, tolerance=0):
    return {"rules": {"over_request_tolerance": tolerance}, "organisations": orgs, "packs": packs}


def test_a_fully_served_waiting_list_is_not_called_a_misfit():
    # Wave 2: the only association left asked for 8 tickets and receives them; 3 packs are over.
    instance = _instance([_org("A", {"OG": 8})], [_pack(f"P{i}") for i in range(1, 6)])
    pairs = [("P1", "A"), ("P2", "A")]
    assert unassigned_reasons(instance=instance, pairs=pairs) == {
        "P3": "served",
        "P4": "served",
        "P5": "served",
    }
    [group] = unassigned_groups(instance=instance, pairs=pairs)
    assert group["count"] == 3 and group["reason"] == "served"
    assert "tout ce qu'elle demandait encore" in group["sentence"]
    assert "ville, date ou taille" not in group["sentence"]
    assert group["references"] == "JO-P3, JO-P4, JO-P5"


def test_no_demand_left_at_all():
    instance = _instance([], [_pack("P1"), _pack("P2")])
    [group] = unassigned_groups(instance=instance, pairs=[])
    assert group["reason"] == "no_demand"
    assert group["sentence"].startswith("2 lots JO restent dans le vivier : aucune association")


def test_packs_nobody_waiting_can_take_city_date_or_size():
    instance = _instance(
        [_org("A", {"OG": 6}, cities=("Paris",), unavailable=("2024-08-01",))],
        [
            _pack("P1", city="Lille"),  # a city A did not choose
            _pack("P2", date="2024-08-01"),  # a date A cannot
            _pack("P3", size=10),  # more than A still needs
            _pack("P4", size=4),  # assigned
        ],
    )
    reasons = unassigned_reasons(instance=instance, pairs=[("P4", "A")])
    assert reasons == {"P1": "no_fit", "P2": "no_fit", "P3": "no_fit"}
    [group] = unassigned_groups(instance=instance, pairs=[("P4", "A")])
    assert "ne peut les recevoir" in group["sentence"]


def test_a_pack_someone_could_still_take_is_said_to_be_left_over():
    instance = _instance([_org("A", {"OG": 8})], [_pack("P1"), _pack("P2")])
    [group] = unassigned_groups(instance=instance, pairs=[("P1", "A")])
    assert group["reason"] == "left" and group["count"] == 1
    assert group["sentence"] == (
        "1 lot JO aurait pu aller à une association qui attend encore des billets JO, mais le "
        "calcul ne l'a pas attribué : vous pouvez le déplacer à la main"
    )


def test_the_tolerance_counts_for_what_fits():
    instance = _instance([_org("A", {"OG": 6})], [_pack("P1", size=4), _pack("P2", size=4)], 2)
    assert unassigned_reasons(instance=instance, pairs=[("P1", "A")]) == {"P2": "left"}


def test_groups_come_most_telling_first_and_long_lists_are_cut():
    orgs = [_org("A", {"OG": 4}), _org("B", {"PG": 4}, cities=("Lille",))]
    packs = [_pack("P0"), *[_pack(f"Q{i:02d}", games="PG") for i in range(30)]]
    groups = unassigned_groups(instance=_instance(orgs, packs), pairs=[("P0", "A")])
    assert [g["reason"] for g in groups] == ["no_fit"]
    assert groups[0]["games"] == "JP" and groups[0]["count"] == 30
    assert groups[0]["references"].endswith("et 10 autres")


def _reasons_by_definition(instance, pairs):
    """The definition, read literally (every association for every pack): the reference the
    indexed version must match."""
    tolerance = instance["rules"]["over_request_tolerance"]
    size_of = {p["id"]: p for p in instance["packs"]}
    held = {}
    for pack_id, org_id in pairs:
        key = (org_id, size_of[pack_id]["games"])
        held[key] = held.get(key, 0) + size_of[pack_id]["size"]
    assigned = {p for p, _ in pairs}
    out = {}
    for pack in instance["packs"]:
        if pack["id"] in assigned:
            continue
        g = pack["games"]
        askers = [o for o in instance["organisations"] if o["requested"].get(g, 0) > 0]
        needing = [o for o in askers if held.get((o["id"], g), 0) < o["requested"][g]]
        fitting = [
            o
            for o in needing
            if o["cities"].get(pack["city"], 0) > 0
            and pack["date"] not in o["unavailable_dates"]
            and held.get((o["id"], g), 0) + pack["size"] <= o["requested"][g] + tolerance
        ]
        out[pack["id"]] = (
            "no_demand"
            if not askers
            else "served"
            if not needing
            else "no_fit"
            if not fitting
            else "left"
        )
    return out


CITIES, DATES = ("Paris", "Lille", "Nice"), ("2024-07-30", "2024-07-31", "2024-08-01")


@st.composite
def _instances(draw):
    packs = [
        _pack(
            f"P{i}",
            size=draw(st.integers(1, 8)),
            city=draw(st.sampled_from(CITIES)),
            games=draw(st.sampled_from(("OG", "PG"))),
            date=draw(st.sampled_from(DATES)),
        )
        for i in range(draw(st.integers(0, 14)))
    ]
    orgs = [
        _org(
            f"A{i}",
            draw(st.dictionaries(st.sampled_from(("OG", "PG")), st.integers(0, 16), max_size=2)),
            cities=draw(st.lists(st.sampled_from(CITIES), unique=True, max_size=3)),
            unavailable=draw(st.lists(st.sampled_from(DATES), unique=True, max_size=2)),
        )
        for i in range(draw(st.integers(0, 5)))
    ]
    pairs = []
    if orgs:
        for pack in packs:
            if draw(st.booleans()):
                pairs.append((pack["id"], draw(st.sampled_from(orgs))["id"]))
    return _instance(orgs, packs, tolerance=draw(st.integers(0, 4))), pairs


@given(_instances())
@settings(max_examples=300, deadline=None)
def test_the_indexed_reasons_match_the_definition(case):
    instance, pairs = case
    assert unassigned_reasons(instance=instance, pairs=pairs) == _reasons_by_definition(
        instance, pairs
    )
