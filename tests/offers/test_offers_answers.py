"""Several offers answered at once: one commitment, all or nothing, the same rules and journal as
one answer; what a selection would change and the totals offered against requested per Games."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import Pack, PackStatus
from billetterie.offers.answers import (
    AnswerRefused,
    answerable_in_games,
    answers_preview,
    games_totals,
    offers_answer,
)
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.services import offer_accept


def _actions(offer):
    return list(
        AuditEntry.objects.filter(subject_type="offers.offer", subject_id=str(offer.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def _statuses(offers):
    return [Offer.objects.get(pk=o.pk).status for o in offers]


def _pack_statuses(offers):
    return [Pack.objects.get(pk=o.pack_id).status for o in offers]


def test_several_offers_accepted_and_declined_at_once(
    association, referent_user, make_pack, offer_packs
):
    offers = offer_packs([(make_pack(), association) for _ in range(4)])
    kept, kept_too, dropped, untouched = offers
    outcome = offers_answer(
        association=association,
        accept_ids=[kept.pk, kept_too.pk],
        decline_ids=[dropped.pk],
        actor=referent_user,
        commitment=True,
    )
    assert [o.pk for o in outcome.accepted] == [kept.pk, kept_too.pk]
    assert [o.pk for o in outcome.declined] == [dropped.pk]
    assert outcome.unchanged == []
    assert _statuses(offers) == [
        OfferStatus.ACCEPTED,
        OfferStatus.ACCEPTED,
        OfferStatus.DECLINED,
        OfferStatus.PENDING,
    ]
    assert _pack_statuses(offers) == [
        PackStatus.ACCEPTED,
        PackStatus.ACCEPTED,
        PackStatus.AVAILABLE,
        PackStatus.OFFERED,
    ]
    # The same journal as one answer at a time: one entry per pack, by the referent.
    for offer in (kept, kept_too):
        assert _actions(offer) == ["offer.created", "offer.accepted"]
        entry = AuditEntry.objects.get(action="offer.accepted", subject_id=str(offer.pk))
        assert entry.details == {"pack": offer.pack.reference, "commitment": True}
        offer.refresh_from_db()
        assert offer.commitment_accepted and offer.answered_by == referent_user
        assert offer.answered_at == clock.now()
    assert _actions(dropped) == ["offer.created", "offer.declined"]
    assert _actions(untouched) == ["offer.created"]


def test_accepting_needs_the_one_commitment_declining_does_not(
    association, referent_user, make_pack, offer_packs
):
    first, second, third = offer_packs([(make_pack(), association) for _ in range(3)])
    with pytest.raises(ValidationError) as caught:
        offers_answer(
            association=association,
            accept_ids=[first.pk, second.pk],
            decline_ids=[third.pk],
            actor=referent_user,
            commitment=False,
        )
    assert caught.value.code == "commitment_required"
    assert "Pour accepter ces lots, cochez l'engagement" in caught.value.messages[0]
    assert _statuses([first, second, third]) == [OfferStatus.PENDING] * 3
    declined = offers_answer(
        association=association,
        accept_ids=[],
        decline_ids=[third.pk],
        actor=referent_user,
        commitment=False,
    )
    assert [o.pk for o in declined.declined] == [third.pk]


def test_an_expired_offer_in_the_batch_changes_nothing_and_is_named(
    association, referent_user, make_pack, offer_packs
):
    offers = offer_packs([(make_pack(), association) for _ in range(3)])
    late = offers[1]
    Offer.objects.filter(pk=late.pk).update(expires_at=F("sent_at") + dt.timedelta(hours=1))
    with clock.frozen_at("2024-03-11T12:00"), pytest.raises(AnswerRefused) as caught:
        offers_answer(
            association=association,
            accept_ids=[offers[0].pk, late.pk],
            decline_ids=[offers[2].pk],
            actor=referent_user,
            commitment=True,
        )
    message = caught.value.messages[0]
    assert message.startswith("Lot LOT-002 : le délai est passé")
    assert message.endswith("Aucune réponse de cette sélection n'a été enregistrée.")
    assert caught.value.reference == "LOT-002" and caught.value.code == "deadline_passed"
    # All or nothing: the first pack, answered before the late one, is pending again.
    assert _statuses(offers) == [OfferStatus.PENDING] * 3
    assert _pack_statuses(offers) == [PackStatus.OFFERED] * 3
    assert not AuditEntry.objects.filter(action__in=["offer.accepted", "offer.declined"]).exists()


def test_an_offer_the_expiry_job_closed_is_refused_too(
    association, referent_user, make_pack, offer_packs
):
    from billetterie.offers.services import offers_expire_due

    offers = offer_packs([(make_pack(), association) for _ in range(2)])
    Offer.objects.filter(pk=offers[0].pk).update(expires_at=F("sent_at") + dt.timedelta(hours=1))
    with clock.frozen_at("2024-03-11T12:00"):
        assert offers_expire_due(now=clock.now()) == 1
        with pytest.raises(AnswerRefused, match="Lot LOT-001 : le délai est passé"):
            offers_answer(
                association=association,
                accept_ids=[],
                decline_ids=[o.pk for o in offers],
                actor=referent_user,
                commitment=False,
            )
    assert _statuses(offers) == [OfferStatus.EXPIRED, OfferStatus.PENDING]


def test_a_pack_withdrawn_meanwhile_changes_nothing_and_is_named(
    association, referent_user, make_pack, offer_packs
):
    offers = offer_packs([(make_pack(), association) for _ in range(3)])
    Pack.objects.filter(pk=offers[2].pack_id).update(status=PackStatus.WITHDRAWN)
    with pytest.raises(AnswerRefused) as caught:
        offers_answer(
            association=association,
            accept_ids=[o.pk for o in offers],
            decline_ids=[],
            actor=referent_user,
            commitment=True,
        )
    assert caught.value.messages[0].startswith("Lot LOT-003 : ce lot a été retiré par l'opérateur")
    assert _statuses(offers) == [OfferStatus.PENDING] * 3
    assert _pack_statuses(offers)[:2] == [PackStatus.OFFERED] * 2


def test_another_associations_offer_refuses_the_whole_batch(
    association, other_association, referent_user, make_pack, offer_packs
):
    mine, theirs = offer_packs([(make_pack(), association), (make_pack(), other_association)])
    with pytest.raises(Offer.DoesNotExist):
        offers_answer(
            association=association,
            accept_ids=[mine.pk],
            decline_ids=[theirs.pk],
            actor=referent_user,
            commitment=True,
        )
    with pytest.raises(Offer.DoesNotExist):
        answers_preview(
            association=association,
            accept_ids=[mine.pk, theirs.pk],
            decline_ids=[],
            now=clock.now(),
        )
    assert _statuses([mine, theirs]) == [OfferStatus.PENDING] * 2
    # « Tout sélectionner » only ever stands for the association's own offers.
    games_id = theirs.pack.session.games_id
    assert answerable_in_games(
        association=association, campaign_id=theirs.campaign_id, games_id=games_id, now=clock.now()
    ) == [mine.pk]


def test_the_same_batch_sent_twice_acts_once(association, referent_user, make_pack, offer_packs):
    offers = offer_packs([(make_pack(), association) for _ in range(3)])
    batch = {
        "association": association,
        "accept_ids": [offers[0].pk, offers[1].pk],
        "decline_ids": [offers[2].pk],
        "actor": referent_user,
        "commitment": True,
    }
    first = offers_answer(**batch)
    again = offers_answer(**batch)
    assert len(first.accepted) == 2 and len(first.declined) == 1 and first.unchanged == []
    assert again.accepted == again.declined == []
    assert sorted(o.pk for o in again.unchanged) == sorted(o.pk for o in offers)
    for offer in offers:
        assert len(_actions(offer)) == 2


def test_a_batch_answering_a_pack_the_other_way_changes_nothing(
    association, referent_user, make_pack, offer_packs
):
    done, fresh = offer_packs([(make_pack(), association) for _ in range(2)])
    offer_accept(offer_id=done.pk, association=association, actor=referent_user, commitment=True)
    with pytest.raises(AnswerRefused, match="Lot LOT-001 : ce lot est déjà accepté"):
        offers_answer(
            association=association,
            accept_ids=[],
            decline_ids=[done.pk, fresh.pk],
            actor=referent_user,
            commitment=False,
        )
    assert _statuses([done, fresh]) == [OfferStatus.ACCEPTED, OfferStatus.PENDING]


@pytest.mark.parametrize(
    ("accept", "decline", "code"),
    [([], [], "empty"), ([1, 2], [2], "both_answers"), (list(range(1, 502)), [], "too_many")],
)
def test_a_selection_that_makes_no_sense_is_refused_before_anything(
    association, referent_user, accept, decline, code
):
    with pytest.raises(ValidationError) as caught:
        offers_answer(
            association=association,
            accept_ids=accept,
            decline_ids=decline,
            actor=referent_user,
            commitment=True,
        )
    assert caught.value.code == code


def test_declining_several_in_continuous_mode_offers_each_to_the_next_association(
    campaign,
    association,
    other_association,
    referent_user,
    apply_for,
    make_pack,
    offer_packs,
):
    campaign.continuous_mode = True
    campaign.save()
    apply_for(association)
    apply_for(other_association)
    offers = offer_packs([(make_pack(), association) for _ in range(2)])
    offers_answer(
        association=association,
        accept_ids=[],
        decline_ids=[o.pk for o in offers],
        actor=referent_user,
        commitment=False,
    )
    for offer in offers:
        new = Offer.objects.get(pack_id=offer.pack_id, status=OfferStatus.PENDING)
        assert new.association == other_association
        assert AuditEntry.objects.filter(
            action="offer.reoffered", subject_id=str(new.pk), details__after_offer=offer.pk
        ).exists()
    assert _pack_statuses(offers) == [PackStatus.OFFERED] * 2


def test_preview_lists_the_answers_and_the_totals_of_the_games(
    association, referent_user, make_pack, offer_packs, apply_for
):
    apply_for(association, youth=9, supervisors=3)
    jo = offer_packs([(make_pack(size=4), association) for _ in range(4)])
    [jp] = offer_packs([(make_pack(games_code="PG", size=2), association)])
    offer_accept(offer_id=jo[0].pk, association=association, actor=referent_user, commitment=True)
    preview = answers_preview(
        association=association,
        accept_ids=[jo[0].pk, jo[1].pk],
        decline_ids=[jo[2].pk],
        now=clock.now(),
    )
    assert [o.pk for o in preview.to_accept] == [jo[1].pk]
    assert [o.pk for o in preview.to_decline] == [jo[2].pk]
    assert [(o.pk, why) for o, why in preview.cannot] == [
        (jo[0].pk, "déjà accepté : rien ne changera")
    ]
    # Only the Games the selection touches; the JP pack is not « left to answer » here.
    assert [o.pk for o in preview.left_to_answer] == [jo[3].pk]
    [totals] = preview.totals
    assert totals.games.code == "OG" and totals.requested == 12
    assert (totals.accepted.packs, totals.accepted.tickets) == (1, 4)
    assert (totals.to_answer.packs, totals.to_answer.tickets) == (3, 12)
    assert (totals.accepting.packs, totals.declining.packs) == (1, 1)
    assert (totals.after.packs, totals.after.tickets) == (2, 8)
    assert preview.answered_count == 2
    [(campaign, conditions)] = preview.commitments
    assert campaign == jo[1].campaign and "le lot est utilisé en entier" in conditions[1]
    # Reading wrote nothing.
    assert _statuses([*jo[1:], jp]) == [OfferStatus.PENDING] * 4


def test_games_totals_separate_the_games_and_say_when_nothing_was_requested(
    association, referent_user, make_pack, offer_packs, apply_for
):
    apply_for(association, youth=6, supervisors=2)
    jo = offer_packs([(make_pack(size=4), association) for _ in range(2)])
    [jp] = offer_packs([(make_pack(games_code="PG", size=3), association)])
    offer_accept(offer_id=jo[0].pk, association=association, actor=referent_user, commitment=True)
    offers = Offer.objects.filter(association=association).select_related(
        "campaign", "pack__session__games"
    )
    og, pg = games_totals(association=association, offers=offers, now=clock.now())
    assert (og.games.code, og.requested) == ("OG", 8)
    assert (og.offered.packs, og.offered.tickets, og.to_answer.packs) == (2, 8, 1)
    assert (pg.games.code, pg.requested) == ("PG", None)
    assert (pg.offered.tickets, pg.key) == (3, f"{jp.campaign_id}-{jp.pack.session.games_id}")
    # Past the deadline, what was not answered is no longer offered.
    later = clock.now() + dt.timedelta(days=8)
    [og_later] = games_totals(association=association, offers=offers, now=later)
    assert (og_later.offered.packs, og_later.to_answer.packs) == (1, 0)
