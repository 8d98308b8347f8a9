"""Property test: the validator accepts exactly the nominations a brute-force oracle accepts."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billetterie.attendees.rules import (
    SUPERVISOR,
    YOUTH,
    GroupIn,
    HolderIn,
    Nomination,
    PackIn,
    PersonIn,
    is_valid,
    violations,
)


def oracle(n: Nomination) -> set[str]:
    """Each rule restated independently, by enumeration; returns the codes of the broken ones."""
    broken = set()
    kind = {p.id: p.kind for p in n.people}
    mobile = {p.id: p.has_mobile for p in n.people}
    session_of = {p.reference: p.session for p in n.packs}
    group_of = {p.reference: p.group for p in n.packs}
    for pack in n.packs:
        for number in range(1, pack.size + 1):
            if not any(h.pack == pack.reference and h.ticket == number for h in n.holders):
                broken.add("incomplete")
    for g in n.groups:
        in_group = [h for h in n.holders if group_of.get(h.pack) == g.id]
        youth = sum(1 for h in in_group if kind.get(h.person) == YOUTH)
        sups = sum(1 for h in in_group if kind.get(h.person) == SUPERVISOR)
        fits_ratio = sups <= 1 or sups * n.youth_per_supervisor <= youth
        fits_derogation = g.derogation_supervisors is not None and sups <= g.derogation_supervisors
        if not (fits_ratio or fits_derogation):
            broken.add("ratio")
        leader_ok = (
            g.leader is not None
            and kind.get(g.leader) == SUPERVISOR
            and mobile.get(g.leader, False)
            and any(h.person == g.leader for h in in_group)
        )
        if not leader_ok:
            broken.add("leader")
    for person in n.people:
        mine = [h for h in n.holders if h.person == person.id]
        if person.kind == YOUTH and len(mine) > n.max_tickets_per_youth:
            broken.add("too_many_tickets")
        for a, b in itertools.combinations(mine, 2):
            if session_of.get(a.pack) == session_of.get(b.pack):
                broken.add("same_session")
    if not n.attested:
        broken.add("attestation")
    return broken


@st.composite
def nominations(draw):
    n_people = draw(st.integers(1, 7))
    people = tuple(
        PersonIn(
            i, f"Personne {i}", draw(st.sampled_from([YOUTH, SUPERVISOR])), draw(st.booleans())
        )
        for i in range(n_people)
    )
    n_groups = draw(st.integers(0, 3))
    packs = tuple(
        PackIn(
            f"L{i}",
            draw(st.integers(1, 4)),
            draw(st.integers(0, 2)),
            draw(st.one_of(st.none(), st.integers(0, n_groups - 1))) if n_groups else None,
        )
        for i in range(draw(st.integers(0, 4)))
    )
    holders = []
    for pack in packs:
        for number in range(1, pack.size + 1):
            if draw(st.integers(0, 5)) > 0:  # mostly filled, so valid nominations are common
                holders.append(HolderIn(pack.reference, number, draw(st.integers(0, n_people - 1))))
    groups = tuple(
        GroupIn(
            g,
            f"Groupe {g}",
            draw(st.one_of(st.none(), st.integers(0, n_people - 1))),
            draw(st.one_of(st.none(), st.integers(1, 4))),
        )
        for g in range(n_groups)
    )
    return Nomination(
        people=people,
        packs=packs,
        groups=groups,
        holders=tuple(holders),
        youth_per_supervisor=draw(st.integers(1, 4)),
        max_tickets_per_youth=draw(st.integers(1, 3)),
        attested=draw(st.booleans()),
    )


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nominations())
def test_validator_accepts_exactly_what_the_oracle_accepts(nomination):
    assert is_valid(nomination) == (not oracle(nomination))
    assert {v.code for v in violations(nomination)} == oracle(nomination)


@settings(max_examples=300, deadline=None)
@given(nominations())
def test_every_violation_is_french_and_names_its_packs(nomination):
    for v in violations(nomination):
        assert v.message and v.message[0].isupper()
        for ref in v.packs:
            assert ref in v.message


def test_a_valid_group_of_eight():
    people = tuple(PersonIn(i, f"P{i}", YOUTH) for i in range(6)) + (
        PersonIn(6, "Chef", SUPERVISOR, True),
        PersonIn(7, "Aide", SUPERVISOR, False),
    )
    nomination = Nomination(
        people=people,
        packs=(PackIn("JO-1", 8, 1, 0),),
        groups=(GroupIn(0, "Groupe", 6),),
        holders=tuple(HolderIn("JO-1", i + 1, i) for i in range(8)),
    )
    assert violations(nomination) == []
    assert not oracle(nomination)
