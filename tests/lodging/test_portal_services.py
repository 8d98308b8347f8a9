"""Lodging services of the portal: needs tied to accepted packs, host offers and their beds, the
answers to proposals (idempotent; a refusal frees the beds; both accepts confirm)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.lodging.models import (
    Answer,
    HostNight,
    HostOffer,
    LodgingSettings,
    Need,
    Placement,
    PlacementStatus,
)
from billetterie.lodging.nights import are_consecutive, night_words, stay_words
from billetterie.lodging.selectors.capacity import beds_free
from billetterie.lodging.selectors.portal import GUEST, HOST, allowed_nights, offer_periods
from billetterie.lodging.services.agreement import placement_answer
from billetterie.lodging.services.needs import CONSECUTIVE, need_create, need_update, need_withdraw
from billetterie.lodging.services.offers import (
    host_offer_create,
    host_offer_update,
    host_offer_withdraw,
)
from billetterie.members.geography import coordinates_from_postal_code
from billetterie.outbox.models import Message
from tests.lodging import portal_world as w

pytestmark = pytest.mark.django_db
D = dt.date
GROUP = {
    "youth": 10,
    "age_min": 10,
    "age_max": 14,
    "supervisors": 2,
    "wheelchair_users": 0,
    "contact_name": "Noémie Invitée",
    "contact_phone": "0556001122",
    "contact_email": "noemie@example.org",
}


def _declare(campaign, guest, user, nights, **fields):
    return need_create(
        campaign=campaign,
        association=guest,
        nights=nights,
        fields=GROUP | fields,
        actor=user,
    )


# --- Nights -----------------------------------------------------------------------------------


def test_allowed_nights_are_the_eve_and_evening_of_accepted_packs_in_ile_de_france(
    campaign, guest, paris_pack
):
    w.accepted_pack(campaign, guest, day="2024-08-02", city="Lille")  # not Île-de-France
    f_pack = w.f.pack(campaign=campaign, city="Paris", day="2024-08-05")  # offered, not accepted
    assert f_pack.status != "accepted"
    allowed = allowed_nights(campaign=campaign, association=guest)
    assert [a.night for a in allowed] == [D(2024, 7, 26), D(2024, 7, 27)]
    assert allowed[0].words == "nuit du 26 au 27 juillet — veille de Athlétisme, 27 juillet"
    assert "soir de Athlétisme, 27 juillet" in allowed[1].words


def test_night_words_in_french():
    assert night_words(D(2024, 7, 25)) == "nuit du 25 au 26 juillet"
    assert night_words(D(2024, 7, 31)) == "nuit du 31 juillet au 1er août"
    assert stay_words(D(2024, 7, 26), D(2024, 7, 28)) == "3 nuits, du 26 au 29 juillet"


@given(st.sets(st.integers(min_value=0, max_value=40), min_size=1, max_size=12))
def test_consecutive_means_no_gap(days):
    nights = [D(2024, 7, 20) + dt.timedelta(days=d) for d in days]
    assert are_consecutive(nights) == (max(days) - min(days) + 1 == len(days))


def test_offer_periods_follow_the_campaign_sessions(campaign, guest, paris_pack):
    w.f.pack(campaign=campaign, day="2024-08-03")
    w.f.pack(campaign=campaign, games="PG", day="2024-08-30")
    periods = offer_periods(campaign=campaign)
    assert [(p[1][0], p[1][-1]) for p in periods] == [
        (D(2024, 7, 26), D(2024, 8, 3)),
        (D(2024, 8, 29), D(2024, 8, 30)),
    ]


# --- Needs ------------------------------------------------------------------------------------


def test_a_need_is_declared_and_audited(campaign, guest, guest_user, paris_pack):
    need = _declare(campaign, guest, guest_user, [D(2024, 7, 26), D(2024, 7, 27)])
    assert (need.first_night, need.last_night, need.persons) == (D(2024, 7, 26), D(2024, 7, 27), 12)
    assert need.contact_phone == "05 56 00 11 22"
    entry = AuditEntry.objects.get(action="lodging.need_declared")
    assert entry.details["persons"] == 12 and "Noémie" not in str(entry.details)


def test_nights_outside_the_packs_are_refused(campaign, guest, guest_user, paris_pack):
    with pytest.raises(ValidationError) as exc:
        _declare(campaign, guest, guest_user, [D(2024, 7, 27), D(2024, 7, 28)])
    assert "nuit du 28 au 29 juillet" in exc.value.message_dict["nights"][0]
    assert not Need.objects.exists()


def test_nights_must_follow_each_other(campaign, guest, guest_user, paris_pack):
    w.accepted_pack(campaign, guest, day="2024-07-30")
    with pytest.raises(ValidationError) as exc:
        _declare(campaign, guest, guest_user, [D(2024, 7, 26), D(2024, 7, 27), D(2024, 7, 29)])
    assert exc.value.message_dict["nights"] == [CONSECUTIVE]


def test_two_live_needs_never_share_a_night(campaign, guest, guest_user, paris_pack):
    first = _declare(campaign, guest, guest_user, [D(2024, 7, 26), D(2024, 7, 27)])
    with pytest.raises(ValidationError) as exc:
        _declare(campaign, guest, guest_user, [D(2024, 7, 27)])
    assert "déjà dans un autre séjour" in exc.value.message_dict["nights"][0]
    need_withdraw(campaign=campaign, association=guest, need_id=first.pk, actor=guest_user)
    assert _declare(campaign, guest, guest_user, [D(2024, 7, 27)]).pk


@pytest.mark.parametrize(
    ("girls", "boys", "error"),
    [(4, 5, "doivent faire le nombre de jeunes"), (4, None, "les deux nombres")],
)
def test_girls_and_boys_add_up_to_the_youth(
    campaign, guest, guest_user, paris_pack, girls, boys, error
):
    with pytest.raises(ValidationError) as exc:
        _declare(campaign, guest, guest_user, [D(2024, 7, 26)], girls=girls, boys=boys)
    assert error in exc.value.message_dict["girls"][0]
    need = _declare(campaign, guest, guest_user, [D(2024, 7, 26)], girls=4, boys=6)
    assert (need.girls, need.boys) == (4, 6)


def test_the_group_cannot_change_under_a_live_proposal(
    campaign, guest, guest_user, host, paris_pack
):
    need = _declare(campaign, guest, guest_user, [D(2024, 7, 26), D(2024, 7, 27)])
    w.published(need, w.host_offer(campaign, host))
    with pytest.raises(ValidationError) as exc:
        need_update(
            campaign=campaign,
            association=guest,
            need_id=need.pk,
            nights=[D(2024, 7, 26)],
            fields=GROUP,
            actor=guest_user,
        )
    assert "refusez d'abord la proposition" in exc.value.messages[0]
    outcome = need_update(
        campaign=campaign,
        association=guest,
        need_id=need.pk,
        nights=[D(2024, 7, 26), D(2024, 7, 27)],
        fields=GROUP | {"comment": "Arrivée vers 20 h"},
        actor=guest_user,
    )
    assert outcome.changed and outcome.need.comment == "Arrivée vers 20 h"


def test_withdrawing_a_need_refuses_its_proposal_and_tells_the_host(
    campaign, guest, guest_user, host, host_user, paris_pack
):
    need = _declare(campaign, guest, guest_user, [D(2024, 7, 26)])
    offer = w.host_offer(campaign, host, beds=12)
    placement = w.published(need, offer)
    assert beds_free(offer)[D(2024, 7, 26)] == 0
    assert need_withdraw(
        campaign=campaign, association=guest, need_id=need.pk, actor=guest_user
    ).changed
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.REFUSED and placement.closed_at
    assert beds_free(offer)[D(2024, 7, 26)] == 12
    told = Message.objects.get(kind="lodging.placement_refused")
    assert told.recipient == host_user.email and "retiré ce séjour" in told.body_text
    again = need_withdraw(campaign=campaign, association=guest, need_id=need.pk, actor=guest_user)
    assert not again.changed
    assert Message.objects.count() == 1


# --- Host offers ------------------------------------------------------------------------------

OFFER = {
    "place_name": "Maison des Tilleuls",
    "address": "12 rue des Tilleuls",
    "postal_code": "94300",
    "town": "Vincennes",
    "age_min": 6,
    "age_max": 18,
    "mixed_groups": True,
    "meals": "breakfast",
    "price_per_night": "12,50",
    "contact_name": "Hector Hôte",
    "contact_phone": "01 43 00 99 88",
    "contact_email": "hector@example.org",
}


def test_an_offer_fills_empty_nights_with_the_default_and_copies_coordinates(
    campaign, host, host_user, paris_pack
):
    offer = host_offer_create(
        campaign=campaign,
        association=host,
        fields=OFFER,
        beds={D(2024, 7, 26): 5, D(2024, 7, 27): None},
        default_beds=8,
        actor=host_user,
    )
    assert dict(HostNight.objects.filter(offer=offer).values_list("night", "beds")) == {
        D(2024, 7, 26): 5,
        D(2024, 7, 27): 8,
    }
    assert (offer.latitude, offer.longitude) == (host.latitude, host.longitude)
    assert str(offer.price_per_night) == "12.50"
    elsewhere = host_offer_create(
        campaign=campaign,
        association=host,
        fields=OFFER | {"postal_code": "93100"},
        beds={D(2024, 7, 26): 5},
        actor=host_user,
    )
    # Elsewhere: the centre of its département (Seine-Saint-Denis: Bobigny), not "unknown".
    assert (elsewhere.latitude, elsewhere.longitude) == coordinates_from_postal_code("93100")
    assert 48.8 < elsewhere.latitude < 49.0


def test_a_place_outside_ile_de_france_is_refused(campaign, host, host_user, paris_pack):
    with pytest.raises(ValidationError) as refused:
        host_offer_create(
            campaign=campaign,
            association=host,
            fields=OFFER | {"postal_code": "33000", "town": "Bordeaux"},
            beds={D(2024, 7, 26): 5},
            actor=host_user,
        )
    assert "doit être en Île-de-France" in refused.value.message_dict["postal_code"][0]
    assert not HostOffer.objects.exists()


def test_a_host_cannot_stop_welcoming_a_group_it_has_a_proposal_for(
    campaign, guest, host, host_user, paris_pack
):
    offer = host_offer_create(
        campaign=campaign,
        association=host,
        fields=OFFER,
        beds={D(2024, 7, 26): 20},
        actor=host_user,
    )
    w.published(w.need(campaign, guest, first=D(2024, 7, 26), last=D(2024, 7, 26)), offer)
    with pytest.raises(ValidationError, match="il ne pourrait plus venir"):
        host_offer_update(
            campaign=campaign,
            association=host,
            offer_id=offer.pk,
            fields=OFFER | {"age_min": 15},
            beds={D(2024, 7, 26): 20},
            actor=host_user,
        )
    offer.refresh_from_db()
    assert offer.age_min == 6


def test_a_new_address_is_sent_to_the_guest_whose_stay_is_agreed(
    campaign, guest, guest_user, host, host_user, paris_pack
):
    offer = host_offer_create(
        campaign=campaign,
        association=host,
        fields=OFFER,
        beds={D(2024, 7, 26): 20},
        actor=host_user,
    )
    w.published(
        w.need(campaign, guest, first=D(2024, 7, 26), last=D(2024, 7, 26)),
        offer,
        status=PlacementStatus.CONFIRMED,
    )
    host_offer_update(
        campaign=campaign,
        association=host,
        offer_id=offer.pk,
        fields=OFFER | {"address": "14 rue des Tilleuls"},
        beds={D(2024, 7, 26): 20},
        actor=host_user,
    )
    [message] = Message.objects.filter(kind="lodging.place_changed")
    assert message.recipient == guest_user.email and "14 rue des Tilleuls" in message.body_text


def test_after_the_deadline_a_host_may_still_correct_its_contact(
    campaign, host, host_user, paris_pack
):
    offer = host_offer_create(
        campaign=campaign,
        association=host,
        fields=OFFER,
        beds={D(2024, 7, 26): 20},
        actor=host_user,
    )
    LodgingSettings.objects.filter(campaign=campaign).update(offers_deadline=D(2024, 3, 1))
    with clock.frozen_at("2024-06-01T10:00"):
        changed = host_offer_update(
            campaign=campaign,
            association=host,
            offer_id=offer.pk,
            fields=OFFER | {"contact_phone": "01 43 00 11 11"},
            beds={D(2024, 7, 26): 20},
            actor=host_user,
        )
        assert changed.changed
        with pytest.raises(ValidationError, match="date limite"):
            host_offer_update(
                campaign=campaign,
                association=host,
                offer_id=offer.pk,
                fields=OFFER | {"contact_phone": "01 43 00 11 11"},
                beds={D(2024, 7, 26): 10},
                actor=host_user,
            )


def test_an_offer_needs_beds_and_valid_fields(campaign, host, host_user, paris_pack):
    with pytest.raises(ValidationError) as exc:
        host_offer_create(
            campaign=campaign,
            association=host,
            fields=OFFER | {"postal_code": "9430", "contact_phone": "abc"},
            beds={},
            actor=host_user,
        )
    errors = exc.value.message_dict
    assert set(errors) >= {"postal_code", "contact_phone", "beds"}


def test_beds_never_fall_below_live_use(campaign, guest, host, host_user, paris_pack):
    offer = w.host_offer(campaign, host, beds=20, nights=[D(2024, 7, 26), D(2024, 7, 27)])
    w.published(w.need(campaign, guest), offer)  # 12 persons, nights 26 and 27
    with pytest.raises(ValidationError) as exc:
        host_offer_update(
            campaign=campaign,
            association=host,
            offer_id=offer.pk,
            fields=OFFER,
            beds={D(2024, 7, 26): 20, D(2024, 7, 27): 11},
            actor=host_user,
        )
    assert exc.value.message_dict["beds"][0].startswith("Nuit du 27 au 28 juillet : 12 lits")
    assert HostNight.objects.get(offer=offer, night=D(2024, 7, 27)).beds == 20
    ok = host_offer_update(
        campaign=campaign,
        association=host,
        offer_id=offer.pk,
        fields=OFFER,
        beds={D(2024, 7, 26): 12, D(2024, 7, 27): 12},
        actor=host_user,
    )
    assert ok.changed and beds_free(offer) == {D(2024, 7, 26): 0, D(2024, 7, 27): 0}


def test_withdrawing_an_offer(campaign, guest, guest_user, host, host_user, paris_pack):
    offer = w.host_offer(campaign, host)
    confirmed = w.published(w.need(campaign, guest), offer, status=PlacementStatus.CONFIRMED)
    with pytest.raises(ValidationError, match="contactez l'opérateur"):
        host_offer_withdraw(campaign=campaign, association=host, offer_id=offer.pk, actor=host_user)
    confirmed.status = PlacementStatus.CANCELLED
    confirmed.save()
    pending = w.published(w.need(campaign, guest, first=D(2024, 7, 28), last=D(2024, 7, 28)), offer)
    assert host_offer_withdraw(
        campaign=campaign, association=host, offer_id=offer.pk, actor=host_user
    ).changed
    pending.refresh_from_db()
    assert pending.status == PlacementStatus.REFUSED
    told = Message.objects.get(kind="lodging.placement_refused")
    assert told.recipient == guest_user.email and "retiré son offre" in told.body_text


# --- Answers ----------------------------------------------------------------------------------


@pytest.fixture
def proposal(campaign, guest, guest_user, host, host_user, paris_pack):
    offer = w.host_offer(campaign, host, beds=12)
    return w.published(w.need(campaign, guest), offer)


def test_both_accept_confirms_with_each_others_contacts(
    proposal, guest, host, guest_user, host_user
):
    first = placement_answer(
        placement_id=proposal.pk, association=guest, side=GUEST, accept=True, actor=guest_user
    )
    assert first.changed and first.placement.status == PlacementStatus.PENDING
    assert not Message.objects.exists()
    again = placement_answer(
        placement_id=proposal.pk, association=guest, side=GUEST, accept=True, actor=guest_user
    )
    assert not again.changed
    done = placement_answer(
        placement_id=proposal.pk, association=host, side=HOST, accept=True, actor=host_user
    )
    assert done.placement.status == PlacementStatus.CONFIRMED and done.placement.confirmed_at
    to_guest = Message.objects.get(kind="lodging.placement_confirmed_guest")
    to_host = Message.objects.get(kind="lodging.placement_confirmed_host")
    assert to_guest.recipient == guest_user.email
    assert (
        "Hector Hôte" in to_guest.body_text and "12 rue Cachée des Tilleuls" in to_guest.body_text
    )
    assert to_host.recipient == host_user.email and "Noémie Invitée" in to_host.body_text
    assert not placement_answer(
        placement_id=proposal.pk, association=host, side=HOST, accept=True, actor=host_user
    ).changed
    assert Message.objects.count() == 2
    with pytest.raises(ValidationError, match="n'attend plus de réponse"):
        placement_answer(
            placement_id=proposal.pk,
            association=host,
            side=HOST,
            accept=False,
            reason="Trop tard",
            actor=host_user,
        )
    assert AuditEntry.objects.filter(action="lodging.placement_confirmed").count() == 1


def test_a_refusal_needs_a_reason_and_frees_the_beds(proposal, guest, host, guest_user, host_user):
    offer = proposal.offer
    assert beds_free(offer)[D(2024, 7, 26)] == 0
    with pytest.raises(ValidationError) as exc:
        placement_answer(
            placement_id=proposal.pk, association=host, side=HOST, accept=False, actor=host_user
        )
    assert "motif" in exc.value.message_dict["reason"][0]
    placement_answer(
        placement_id=proposal.pk,
        association=host,
        side=HOST,
        accept=False,
        reason="Travaux dans le dortoir",
        actor=host_user,
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.host_answer) == (PlacementStatus.REFUSED, Answer.REFUSED)
    assert proposal.refusal_reason == "Travaux dans le dortoir" and proposal.closed_at
    assert beds_free(offer)[D(2024, 7, 26)] == 12
    told = Message.objects.get(kind="lodging.placement_refused")
    assert told.recipient == guest_user.email and "Travaux dans le dortoir" in told.body_text
    assert "Hector" not in told.body_text


def test_only_the_sides_own_published_proposal_can_be_answered(
    proposal, guest, host, guest_user, host_user
):
    with pytest.raises(Placement.DoesNotExist):  # the guest is not the host
        placement_answer(
            placement_id=proposal.pk, association=guest, side=HOST, accept=True, actor=guest_user
        )
    proposal.status, proposal.published_at = PlacementStatus.DRAFT, None
    proposal.save()
    with pytest.raises(Placement.DoesNotExist):  # a draft is not published
        placement_answer(
            placement_id=proposal.pk, association=host, side=HOST, accept=True, actor=host_user
        )


def test_deadlines_close_declarations_but_not_withdrawals(
    campaign, guest, guest_user, host, host_user, lodging, paris_pack
):
    need = _declare(campaign, guest, guest_user, [D(2024, 7, 26)])
    lodging.needs_deadline = lodging.offers_deadline = D(2024, 3, 1)
    lodging.save()
    with clock.frozen_at("2024-03-02T09:00"):
        with pytest.raises(ValidationError, match="date limite des besoins"):
            _declare(campaign, guest, guest_user, [D(2024, 7, 27)])
        with pytest.raises(ValidationError, match="date limite des offres"):
            host_offer_create(
                campaign=campaign,
                association=host,
                fields=OFFER,
                beds={D(2024, 7, 26): 5},
                actor=host_user,
            )
        assert need_withdraw(
            campaign=campaign, association=guest, need_id=need.pk, actor=guest_user
        ).changed


def test_an_agreed_stay_says_to_ask_the_operator_not_to_refuse(
    campaign, guest, guest_user, host, paris_pack
):
    """An agreed proposal cannot be refused from its page: the refusal says who can help."""
    stay = _declare(campaign, guest, guest_user, [D(2024, 7, 26)])
    w.published(stay, w.host_offer(campaign, host), status=PlacementStatus.CONFIRMED)
    with pytest.raises(ValidationError, match="contactez l'opérateur"):
        need_update(
            campaign=campaign,
            association=guest,
            need_id=stay.pk,
            nights=[D(2024, 7, 26)],
            fields=GROUP | {"youth": 11},
            actor=guest_user,
        )


def test_after_the_deadline_a_guest_may_still_correct_its_contact(
    campaign, guest, guest_user, paris_pack
):
    stay = _declare(campaign, guest, guest_user, [D(2024, 7, 26)])
    LodgingSettings.objects.filter(campaign=campaign).update(needs_deadline=D(2024, 3, 1))
    with clock.frozen_at("2024-06-01T10:00"):
        assert need_update(
            campaign=campaign,
            association=guest,
            need_id=stay.pk,
            nights=[D(2024, 7, 26)],
            fields=GROUP | {"contact_phone": "0556009999"},
            actor=guest_user,
        ).changed
        with pytest.raises(ValidationError, match="date limite"):
            need_update(
                campaign=campaign,
                association=guest,
                need_id=stay.pk,
                nights=[D(2024, 7, 26)],
                fields=GROUP | {"youth": 11},
                actor=guest_user,
            )
