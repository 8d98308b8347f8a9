"""Each binding reason appears in plain French in the association's paragraph."""

from billetterie.allocation.engine import solve


def _instance(orgs, packs, alpha=0.0):
    return {
        "format": "billetterie.allocation/1",
        "name": "explications",
        "rules": {"size_weight_exponent": alpha, "over_request_tolerance": 0},
        "organisations": orgs,
        "packs": packs,
    }


def _pack(pid, size, city="Paris", date="2024-07-27", games="OG"):
    return {"id": pid, "games": games, "session": "S", "city": city, "date": date, "size": size}


def _text(result, org_id):
    return next(o["explanation"] for o in result["organisations"] if o["id"] == org_id)


def test_request_reached():
    data = _instance(
        [{"id": "A", "name": "Alpha", "requested": {"OG": 6}, "cities": {"Paris": 1.0}}],
        [_pack("P1", 6), _pack("P2", 4)],
    )
    text = _text(solve(data), "A")
    assert "« Alpha » (A)" in text
    assert "6 billets JO" in text
    assert "Paris (1)" in text
    assert "sa demande est atteinte" in text
    assert "toutes les associations comptent autant" in text


def test_no_pack_in_its_cities():
    data = _instance(
        [
            {
                "id": "A",
                "name": "Alpha",
                "requested": {"OG": 6},
                "cities": {"Lille": 1.0},
                "unavailable_dates": ["2024-07-28"],
            }
        ],
        [_pack("P1", 4, city="Paris"), _pack("P2", 4, city="Lille", date="2024-07-28")],
    )
    text = _text(solve(data), "A")
    assert "aucun lot n'était proposé dans ses villes aux dates possibles" in text
    assert "Dates impossibles : 28 juillet 2024" in text
    assert "Elle ne reçoit aucun lot" in text


def test_remaining_packs_larger_than_the_remaining_request():
    data = _instance(
        [{"id": "A", "name": "Alpha", "requested": {"OG": 7}, "cities": {"Paris": 1.0}}],
        [_pack("P1", 4), _pack("P2", 4)],
    )
    result = solve(data)
    assert result["organisations"][0]["allocated"] == {"OG": 4}
    text = _text(result, "A")
    assert "plus que les 3 billets qui lui restent à recevoir" in text


def test_one_ticket_left_to_receive_is_said_in_the_singular():
    data = _instance(
        [{"id": "A", "name": "Alpha", "requested": {"OG": 5}, "cities": {"Paris": 1.0}}],
        [_pack("P1", 4), _pack("P2", 4)],
    )
    text = _text(solve(data), "A")
    assert "plus que le seul billet qui lui reste à recevoir" in text
    assert "les 1 " not in text and "1 billets" not in text
    assert "Elle reçoit 1 lot :" in text


def test_others_with_a_stronger_claim():
    orgs = [
        {"id": "A", "name": "Alpha", "requested": {"OG": 8}, "cities": {"Paris": 1.0}},
        {"id": "B", "name": "Beta", "requested": {"OG": 8}, "cities": {"Paris": 1.0}},
    ]
    data = _instance(orgs, [_pack("P1", 4), _pack("P2", 4), _pack("P3", 4)], alpha=0.5)
    result = solve(data)
    texts = [_text(result, "A"), _text(result, "B")]
    short = next(t for t in texts if "4 billets JO (Paris 4)" in t)
    assert "sont allés à d'autres associations" in short
    assert "ferait perdre davantage" in short
    assert "puissance 0,5" in short


def test_waiting_list_gets_only_leftovers():
    orgs = [
        {"id": "A", "name": "Alpha", "tier": 1, "requested": {"OG": 8}, "cities": {"Paris": 1.0}},
        {"id": "B", "name": "Beta", "tier": 2, "requested": {"OG": 8}, "cities": {"Paris": 1.0}},
    ]
    result = solve(_instance(orgs, [_pack("P1", 4), _pack("P2", 4)]))
    assert [a["organisation"] for a in result["assignments"]] == ["A", "A"]
    text = _text(result, "B")
    assert "rang de priorité 2" in text
    assert "rang de priorité supérieur" in text
    served = [t["served"] for t in result["objective"]["tiers"]]
    assert served == [1, 0]


def test_served_count_comes_before_welfare():
    # One pack each for two associations beats two packs for the one that values them more.
    orgs = [
        {"id": "A", "name": "Alpha", "requested": {"OG": 20}, "cities": {"Paris": 1.0}},
        {"id": "B", "name": "Beta", "requested": {"OG": 2}, "cities": {"Paris": 0.1}},
    ]
    result = solve(_instance(orgs, [_pack("P1", 2), _pack("P2", 10)], alpha=1.0))
    owners = {a["organisation"] for a in result["assignments"]}
    assert owners == {"A", "B"}


def test_worked_example_of_the_documentation():
    names = {"A": "Les Lucioles", "B": "Horizon", "C": "Le Phare"}
    requests = {"A": 30, "B": 12, "C": 4}
    expected = {0: [10, 10, 4], 0.5: [12, 8, 4], 1: [16, 6, 2]}
    for alpha, tickets in expected.items():
        orgs = [
            {"id": k, "name": names[k], "requested": {"OG": r}, "cities": {"Paris": 1.0}}
            for k, r in requests.items()
        ]
        packs = [_pack(f"P{n}", s) for n, s in enumerate((8, 6, 4, 4, 2), start=1)]
        result = solve(_instance(orgs, packs, alpha=alpha))
        assert [o["allocated"]["OG"] for o in result["organisations"]] == tickets
    greedy = solve(_instance(orgs, packs, alpha=0.5), method="greedy")
    assert [o["allocated"]["OG"] for o in greedy["organisations"]] == [14, 6, 4]
    lottery = solve(_instance(orgs, packs, alpha=0.5), method="lottery", seed=0)
    assert [o["allocated"]["OG"] for o in lottery["organisations"]] == [24, 0, 0]
