"""Property: for any sequence of namings, renamings and removals, the changes exports, applied in
order to the first complete export — as the ticket office would, from the CSV files — give exactly
the complete export of today."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billetterie.attendees.models import Group, GroupPack, Holder, Person, PersonKind
from billetterie.core import clock
from billetterie.delivery.exports import nominative_export_create
from billetterie.inventory.models import PackStatus, Ticket
from tests.delivery.export_helpers import csv_table, stored

TICKETS, PEOPLE = 4, 6
# Names a person may be given: ordinary, accented, formula-like, with an apostrophe of their own.
NAMES = st.one_of(
    st.sampled_from(["Martin", "Éloïse", "=1+1", "+33 6", "-1", "@SUM(A1)", "'=x", "''", "O'Neil"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=8),
)
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("name"), st.integers(0, TICKETS - 1), st.integers(0, PEOPLE - 1)),
        st.tuples(st.just("remove"), st.integers(0, TICKETS - 1)),
        st.tuples(st.just("rename"), st.integers(0, PEOPLE - 1), NAMES),
        st.tuples(st.just("leader"), st.one_of(st.none(), st.integers(0, PEOPLE - 1))),
        st.tuples(st.just("pack"), st.sampled_from([PackStatus.ACCEPTED, PackStatus.AVAILABLE])),
    ),
    max_size=6,
)


@pytest.fixture
def world(campaign, association, accept):
    pack = accept(association, size=TICKETS)
    now = clock.now()
    group = Group.objects.create(
        campaign=campaign, association=association, session=pack.session, name="G", created_at=now
    )
    GroupPack.objects.create(group=group, pack=pack)
    people = [
        Person.objects.create(
            campaign=campaign,
            association=association,
            kind=PersonKind.YOUTH if i % 2 else PersonKind.SUPERVISOR,
            last_name=f"P{i}",
            first_name="Léa",
            birth_date=dt.date(2010, 1, 1 + i),
            mobile_phone="06 12 34 56 7" + str(i),
            name_key=f"p{i}",
            created_at=now,
        )
        for i in range(PEOPLE)
    ]
    tickets = list(Ticket.objects.filter(pack=pack).order_by("number"))
    return pack, group, people, tickets


def _apply(operation, pack, group, people, tickets):
    """One change made directly in the tables (the services' own rules are tested elsewhere)."""
    kind, *args = operation
    if kind == "name":
        ticket, person = tickets[args[0]], people[args[1]]
        if Holder.objects.filter(person=person).exclude(ticket=ticket).exists():
            return  # one ticket per session per person
        Holder.objects.update_or_create(
            ticket=ticket,
            defaults={
                "campaign": group.campaign,
                "association": group.association,
                "group": group,
                "person": person,
                "session": pack.session,
                "named_at": clock.now(),
            },
        )
    elif kind == "remove":
        Holder.objects.filter(ticket=tickets[args[0]]).delete()
    elif kind == "rename":
        Person.objects.filter(pk=people[args[0]].pk).update(last_name=args[1])
    elif kind == "leader":
        Group.objects.filter(pk=group.pk).update(
            leader=None if args[0] is None else people[args[0]]
        )
    else:
        type(pack).objects.filter(pk=pack.pk).update(status=args[0])


def _reset(pack, group, people, tickets):
    """Every example starts from the same state: the four tickets named, person 0 leading."""
    Holder.objects.filter(group=group).delete()
    type(pack).objects.filter(pk=pack.pk).update(status=PackStatus.ACCEPTED)
    for i, person in enumerate(people):
        Person.objects.filter(pk=person.pk).update(last_name=f"P{i}")
    Group.objects.filter(pk=group.pk).update(leader=people[0])
    for i in range(TICKETS):
        _apply(("name", i, i), pack, group, people, tickets)


def _csv(campaign, scope):
    export = nominative_export_create(
        campaign=campaign, scope=scope, file_format="csv", actor="test"
    )
    return csv_table(stored(export))


def _keyed(table):
    """{(pack, ticket): row} of a complete export (row = every column)."""
    header = table[0]
    lot, billet = header.index("Lot"), header.index("Billet")
    return {(row[lot], row[billet]): row for row in table[1:]}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(OPERATIONS, min_size=1, max_size=4))
def test_changes_applied_in_order_give_the_complete_export(campaign, world, steps):
    pack, group, people, tickets = world
    _reset(pack, group, people, tickets)
    held = _keyed(_csv(campaign, "full"))  # the ticket office's list, from this export on
    for operations in steps:
        for operation in operations:
            _apply(operation, pack, group, people, tickets)
        changes = _csv(campaign, "changes")
        header = changes[0]
        assert header[0] == "Changement" and header[-2:] == [
            "Ancien titulaire",
            "Colonnes modifiées",
        ]
        lot, billet = header.index("Lot"), header.index("Billet")
        for row in changes[1:]:
            key = (row[lot], row[billet])
            if row[0] == "Retrait":
                assert key in held
                del held[key]
            else:
                assert (key in held) == (row[0] == "Changement")
                assert row[-2] == "" or row[0] == "Changement"
                held[key] = row[1:-2]
    assert held == _keyed(_csv(campaign, "full"))
