"""People, duplicates, groups and holders: the services and their database backstops."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from billetterie.attendees.models import Group, GroupPack, Holder, Person, PersonKind
from billetterie.attendees.selectors.association import violations_of
from billetterie.attendees.services.groups import group_create, group_name_holders
from billetterie.attendees.services.people import person_create, person_update
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import Ticket

pytestmark = pytest.mark.django_db


def _youth(campaign, association, actor, last, first, born=dt.date(2011, 5, 4)):
    return person_create(
        campaign=campaign,
        association=association,
        actor=actor,
        kind=PersonKind.YOUTH,
        last_name=last,
        first_name=first,
        birth_date=born,
        mobile_phone="",
        email="",
    )


def test_duplicate_youth_is_reused_not_doubled(campaign, association, referent_user):
    first = _youth(campaign, association, referent_user, "Lefèvre-Dupont", "Éloïse")
    again = _youth(campaign, association, referent_user, "  LEFEVRE dupont ", "eloise")
    assert first.created and not again.created and again.merged
    assert again.person.pk == first.person.pk
    assert Person.objects.count() == 1
    other_birthday = _youth(
        campaign, association, referent_user, "Lefèvre-Dupont", "Éloïse", dt.date(2012, 1, 1)
    )
    assert other_birthday.created


def test_rename_onto_a_twin_merges(campaign, association, referent_user):
    a = _youth(campaign, association, referent_user, "Martin", "Léa").person
    b = _youth(campaign, association, referent_user, "Martine", "Léa").person
    outcome = person_update(
        campaign=campaign,
        association=association,
        person_id=b.pk,
        actor=referent_user,
        kind=PersonKind.YOUTH,
        last_name="MARTIN",
        first_name="lea",
        birth_date=a.birth_date,
        mobile_phone="",
        email="",
    )
    assert outcome.merged and outcome.person.pk == a.pk
    assert not Person.objects.filter(pk=b.pk).exists()
    merged = AuditEntry.objects.get(action="attendees.person_merged")
    assert merged.details == {"kept": a.pk, "merged": b.pk, "tickets_moved": 0}


def test_supervisor_phone_must_be_a_mobile(campaign, association, referent_user):
    with pytest.raises(ValidationError) as error:
        person_create(
            campaign=campaign,
            association=association,
            actor=referent_user,
            kind=PersonKind.SUPERVISOR,
            last_name="Roux",
            first_name="Paul",
            birth_date=None,
            mobile_phone="01 42 34 56 78",
            email="",
        )
    assert "portable" in str(error.value)
    ok = person_create(
        campaign=campaign,
        association=association,
        actor=referent_user,
        kind=PersonKind.SUPERVISOR,
        last_name="Roux",
        first_name="Paul",
        birth_date=None,
        mobile_phone="+590 690 12 34 56",
        email="P.Roux@Exemple.org",
    ).person
    assert ok.mobile_phone == "06 90 12 34 56" and ok.email == "p.roux@exemple.org"


def test_group_of_eight_named_is_valid(
    campaign, association, referent_user, accept, people, name_group
):
    pack = accept(association, size=8)
    persons = people(6, 2)
    group, found = name_group(pack, persons, leader=persons[6])
    assert found == []
    assert Holder.objects.filter(group=group).count() == 8
    assert violations_of(campaign=campaign, association=association, attested=True) == []
    entry = AuditEntry.objects.filter(action="attendees.group_named").get()
    assert set(entry.details) == {"group", "named", "removed", "leader"}
    assert "Jeune" not in entry.subject_label


def test_ratio_violation_then_fixed(
    campaign, association, referent_user, accept, people, name_group
):
    pack = accept(association, size=8)
    persons = people(5, 3)
    group, found = name_group(pack, persons, leader=persons[5])
    assert [v.code for v in found] == ["ratio"]
    assert "3 encadrants pour 5 jeunes" in found[0].message and pack.reference in found[0].message
    extra = people(1, 0, prefix="Q")[0]
    tickets = list(Ticket.objects.filter(pack=pack).order_by("number"))
    assignments = {
        t.pk: p.pk for t, p in zip(tickets, persons[:5] + [extra] + persons[5:7], strict=True)
    }
    found = group_name_holders(
        campaign=campaign,
        association=association,
        group_id=group.pk,
        assignments=assignments,
        leader_id=persons[5].pk,
        actor=referent_user,
    )
    assert found == []


def test_child_on_three_tickets_is_named(
    campaign, association, referent_user, accept, people, name_group
):
    packs = [accept(association, size=4, day=f"2024-07-{d}") for d in (27, 28, 29)]
    kid, *others = people(9, 3)
    youths, sups = others[:8], others[8:]
    for i, pack in enumerate(packs):
        name_group(pack, [kid] + youths[i * 2 : i * 2 + 2] + [sups[i]], leader=sups[i])
    found = violations_of(campaign=campaign, association=association, attested=True)
    assert [v.code for v in found] == ["too_many_tickets"]
    assert kid.display_name in found[0].message and "3 billets" in found[0].message


def test_same_session_twice_is_refused(
    campaign, association, referent_user, accept, people, name_group
):
    pack = accept(association, size=4)
    persons = people(3, 1)
    group, _ = name_group(pack, persons, leader=persons[3])
    tickets = list(Ticket.objects.filter(pack=pack).order_by("number"))
    with pytest.raises(ValidationError) as error:
        group_name_holders(
            campaign=campaign,
            association=association,
            group_id=group.pk,
            assignments={t.pk: persons[0].pk for t in tickets},
            leader_id=persons[3].pk,
            actor=referent_user,
        )
    assert "même épreuve" in str(error.value)
    holder = Holder.objects.filter(group=group).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Holder.objects.create(
            campaign=campaign,
            association=association,
            group=group,
            ticket=tickets[1],
            person=holder.person,
            session=holder.session,
            named_at=holder.named_at,
        )


def test_pack_in_one_group_only_and_same_session(campaign, association, referent_user, accept):
    a = accept(association, size=4)
    b = accept(association, size=4)
    with pytest.raises(ValidationError, match="même épreuve"):
        group_create(
            campaign=campaign,
            association=association,
            pack_ids=[a.pk, b.pk],
            name="x",
            actor=referent_user,
        )
    group_create(
        campaign=campaign, association=association, pack_ids=[a.pk], name="x", actor=referent_user
    )
    with pytest.raises(ValidationError, match="déjà dans un groupe"):
        group_create(
            campaign=campaign,
            association=association,
            pack_ids=[a.pk],
            name="y",
            actor=referent_user,
        )
    assert GroupPack.objects.count() == 1


def test_other_association_pack_is_refused(
    campaign, association, other_association, referent_user, accept
):
    theirs = accept(other_association, size=4)
    with pytest.raises(ValidationError):
        group_create(
            campaign=campaign,
            association=association,
            pack_ids=[theirs.pk],
            name="",
            actor=referent_user,
        )


def test_a_pack_given_back_and_accepted_elsewhere_leaves_its_old_group(
    campaign, association, other_association, referent_user, accept, people, name_group
):
    from billetterie.offers.models import Offer, OfferStatus

    pack = accept(association, size=2)
    kid, sup = people(1, 1)
    old_group, _ = name_group(pack, [kid, sup], leader=sup)
    Offer.objects.filter(pack=pack).update(status=OfferStatus.GIVEN_BACK)
    assert violations_of(campaign=campaign, association=association, attested=True) == []
    accept(other_association, pack=pack)
    group = group_create(
        campaign=campaign,
        association=other_association,
        pack_ids=[pack.pk],
        name="",
        actor=referent_user,
    )
    assert GroupPack.objects.get(pack=pack).group == group
    assert not Holder.objects.filter(group=old_group).exists()
    assert AuditEntry.objects.filter(action="attendees.pack_released").count() == 1


def test_completion_counts_only_packs_still_held(campaign, association, accept, people, name_group):
    from billetterie.attendees.selectors.completion import completion_rows
    from billetterie.offers.models import Offer, OfferStatus

    kept, given = accept(association, size=2), accept(association, size=2, day="2024-07-31")
    kid, sup, kid2, sup2 = people(2, 2)
    name_group(kept, [kid, sup], leader=sup)
    name_group(given, [kid2, sup2], leader=sup2)
    Offer.objects.filter(pack=given).update(status=OfferStatus.GIVEN_BACK)
    [row] = completion_rows(campaign=campaign)
    assert (row.tickets, row.named, row.to_name) == (2, 2, 0)


@pytest.mark.django_db(transaction=True)
def test_giving_back_a_pack_takes_its_names_with_it(
    campaign, association, referent_user, accept, people, name_group
):
    from billetterie.inventory.models import Pack, PackStatus
    from billetterie.offers.models import Offer
    from billetterie.offers.services import offer_give_back

    pack = accept(association, size=2)
    kid, sup = people(1, 1)
    group, _ = name_group(pack, [kid, sup], leader=sup)
    assert Holder.objects.filter(group=group).count() == 2
    offer = Offer.objects.get(pack=pack)
    offer_give_back(
        offer_id=offer.pk, association=association, actor=referent_user, reason="Séjour annulé"
    )
    assert not Holder.objects.filter(ticket__pack=pack).exists()
    assert not GroupPack.objects.filter(pack=pack).exists()
    assert Pack.objects.get(pk=pack.pk).status == PackStatus.AVAILABLE


def _supervisor(campaign, association, actor, last, first, *, email=""):
    return person_create(
        campaign=campaign,
        association=association,
        actor=actor,
        kind=PersonKind.SUPERVISOR,
        last_name=last,
        first_name=first,
        birth_date=None,
        mobile_phone="",
        email=email,
    ).person


def _rename_supervisor(campaign, association, actor, person, last, first):
    return person_update(
        campaign=campaign,
        association=association,
        person_id=person.pk,
        actor=actor,
        kind=PersonKind.SUPERVISOR,
        last_name=last,
        first_name=first,
        birth_date=None,
        mobile_phone=person.mobile_phone,
        email=person.email,
    )


def _holders_by_ticket():
    return dict(Holder.objects.values_list("ticket_id", "person_id"))


def test_merging_a_duplicate_moves_its_tickets_and_its_leadership(
    campaign, association, referent_user, accept, people, name_group
):
    keep = _supervisor(campaign, association, referent_user, "Roux", "Paul")
    duplicate = _supervisor(
        campaign, association, referent_user, "Rous", "Paul", email="p.roux@exemple.org"
    )
    kid1, kid2, kid3 = people(3, 0)
    kept_group, _ = name_group(accept(association, size=2, day="2024-07-27"), [kid1, keep], keep)
    led, _ = name_group(accept(association, size=2, day="2024-07-28"), [kid2, duplicate], duplicate)
    other, _ = name_group(accept(association, size=2, day="2024-07-29"), [duplicate, kid3], kid3)
    before = _holders_by_ticket()
    duplicate_tickets = {t for t, p in before.items() if p == duplicate.pk}
    keep_tickets = {t for t, p in before.items() if p == keep.pk}
    assert len(duplicate_tickets) == 2 and len(keep_tickets) == 1

    # The referent corrects the typo: "Rous" is "Roux", already known.
    outcome = _rename_supervisor(campaign, association, referent_user, duplicate, "ROUX", "paul")

    assert outcome.merged and outcome.person.pk == keep.pk
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    after = _holders_by_ticket()
    # No ticket lost (or gained) a holder; the duplicate's are now the kept person's.
    assert set(after) == set(before)
    assert after == {t: keep.pk if p == duplicate.pk else p for t, p in before.items()}
    assert {t for t, p in after.items() if p == keep.pk} == duplicate_tickets | keep_tickets
    assert len(set(Holder.objects.filter(person=keep).values_list("session", flat=True))) == 3
    leaders = dict(
        Group.objects.filter(pk__in=[kept_group.pk, led.pk, other.pk]).values_list("pk", "leader")
    )
    assert leaders == {kept_group.pk: keep.pk, led.pk: keep.pk, other.pk: kid3.pk}
    keep.refresh_from_db()
    assert keep.email == "p.roux@exemple.org"  # a blank of the kept person is filled
    entry = AuditEntry.objects.get(action="attendees.person_merged")
    assert entry.details == {"kept": keep.pk, "merged": duplicate.pk, "tickets_moved": 2}
    assert entry.subject_id == str(keep.pk) and entry.actor == referent_user


def test_merging_two_people_holding_the_same_session_is_refused_and_changes_nothing(
    campaign, association, referent_user, accept, people, name_group
):
    keep = _supervisor(campaign, association, referent_user, "Roux", "Paul")
    duplicate = _supervisor(
        campaign, association, referent_user, "Rous", "Paul", email="p.roux@exemple.org"
    )
    kid1, kid2 = people(2, 0)
    same_session, _ = name_group(
        accept(association, size=3, day="2024-07-27"), [kid1, keep, duplicate], duplicate
    )
    elsewhere, _ = name_group(
        accept(association, size=2, day="2024-07-28"), [kid2, duplicate], kid2
    )
    before = _holders_by_ticket()
    audit_before = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as error:
        _rename_supervisor(campaign, association, referent_user, duplicate, "Roux", "Paul")

    assert error.value.messages == [
        "Ces deux fiches ont chacune un billet pour la même épreuve : retirez l'un des deux "
        "billets avant de les fusionner."
    ]
    # Nothing written: both people as they were, every ticket with its holder, no audit entry.
    assert _holders_by_ticket() == before
    duplicate.refresh_from_db()
    keep.refresh_from_db()
    assert (duplicate.last_name, duplicate.email) == ("Rous", "p.roux@exemple.org")
    assert (keep.last_name, keep.email) == ("Roux", "")
    assert Group.objects.get(pk=same_session.pk).leader_id == duplicate.pk
    assert Group.objects.get(pk=elsewhere.pk).leader_id == kid2.pk
    assert AuditEntry.objects.count() == audit_before


def test_nobody_is_recorded_past_the_retention_date(campaign, association, referent_user):
    import datetime as dt

    from django.core.exceptions import ValidationError

    from billetterie.attendees.models import Person
    from billetterie.attendees.services.people import person_create

    campaign.retention_until = dt.date(2024, 3, 31)  # the clock stands on 2 April 2024
    campaign.save(update_fields=["retention_until"])
    with pytest.raises(ValidationError, match="a pris fin le 31/03/2024"):
        person_create(
            campaign=campaign,
            association=association,
            actor=referent_user,
            kind="youth",
            last_name="Martin",
            first_name="Léa",
            birth_date=dt.date(2011, 5, 2),
            mobile_phone="",
            email="",
        )
    assert not Person.objects.filter(campaign=campaign).exists()
