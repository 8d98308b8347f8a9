"""Sending the leaders' links: who can receive one, the messages, a double click, revoking, the
token's checks (altered, revoked, expired), and what the leader's actions record."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.delivery.leaders import (
    LinkRefused,
    access_from_token,
    leader_confirm,
    leader_link_resend,
    leader_link_revoke,
    leader_page_opened,
    leaders_send,
    send_preview,
    token_for,
)
from billetterie.delivery.models import LeaderAccess, LinkStatus
from billetterie.outbox.models import Message
from tests.delivery.leader_world import add_link, named_group

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _july_2024():
    with clock.frozen_at("2024-07-20T09:00:00+02:00"):
        yield


def _send(campaign, operator_user, *groups):
    return leaders_send(campaign=campaign, group_ids=[g.pk for g in groups], actor=operator_user)


def _token(group) -> str:
    access = LeaderAccess.objects.get(group=group)
    return token_for(group_id=group.pk, version=access.version)


def test_the_preview_lists_who_will_receive_the_link_and_who_cannot_and_why(campaign, association):
    by_pack = named_group(campaign, association, name="Par lot")
    by_ticket = named_group(campaign, association, links="ticket", name="Par billet")
    partial = named_group(campaign, association, packs=2, links=None, name="Incomplet")
    add_link(partial.pack_links.first().pack)  # one pack of two has its link
    one_ticket_missing = named_group(campaign, association, links="ticket", name="Un manque")
    one_ticket_missing.pack_links.first().pack.links.filter(ticket__number=2).update(
        status=LinkStatus.WITHDRAWN
    )
    no_contact = named_group(campaign, association, email="", mobile="", name="Injoignable")

    preview = send_preview(campaign=campaign)

    assert [r.group.name for r in preview.to_send] == ["Par billet", "Par lot"]
    blocked = {r.group.name: r.blocked_reason for r in preview.blocked}
    assert blocked == {
        "Incomplet": "liens de téléchargement reçus pour 1 lot(s) sur 2",
        "Un manque": "liens de téléchargement reçus pour 0 lot(s) sur 1",
        "Injoignable": "ni e-mail ni téléphone portable pour le responsable",
    }
    assert preview.already_sent == 0
    assert {by_pack.pk, by_ticket.pk} == {r.group.pk for r in preview.to_send}
    assert no_contact.pk not in {r.group.pk for r in preview.to_send}


def test_sending_queues_an_email_and_an_sms_with_the_personal_link_and_no_name(
    campaign, association, operator_user
):
    group = named_group(campaign, association)
    assert _send(campaign, operator_user, group) == 1

    access = LeaderAccess.objects.get(group=group)
    assert (access.version, access.sent_count) == (1, 1)
    # Valid until the end of the second day after the session (30 July): 1 August inclusive.
    assert access.expires_at == dt.datetime(2024, 8, 2, 0, 0, tzinfo=PARIS)
    email = Message.objects.get(kind="delivery.leader_link")
    sms = Message.objects.get(kind="delivery.leader_link_sms")
    assert email.recipient == "resp@exemple.org" and sms.recipient == "+33612345678"
    link = f"/responsable/{_token(group)}/"
    assert link in email.body_text and link in email.body_html and link in sms.body_text
    assert "3 billets" in email.body_text and "jusqu'au 1 août 2024" in email.body_text
    for message in (email, sms):
        assert "Durand" not in message.body_text and "Martin" not in message.body_text
        assert message.association_id == association.pk
        assert f":{group.pk}:v1:n1|" in message.idempotency_key
    entry = AuditEntry.objects.get(action="delivery.leader_link_sent")
    assert entry.actor == operator_user and entry.association_id == association.pk
    assert entry.details == {"group": group.pk, "version": 1, "send": 1, "messages": 2}
    assert "resp@exemple.org" not in str(entry.details)


def test_a_leader_with_only_an_email_gets_only_the_email(campaign, association, operator_user):
    group = named_group(campaign, association, mobile="")
    _send(campaign, operator_user, group)
    assert list(Message.objects.values_list("kind", flat=True)) == ["delivery.leader_link"]


def test_a_double_click_sends_once(campaign, association, operator_user):
    group = named_group(campaign, association)
    assert _send(campaign, operator_user, group) == 1
    assert _send(campaign, operator_user, group) == 0
    assert Message.objects.count() == 2
    assert LeaderAccess.objects.get(group=group).sent_count == 1
    assert AuditEntry.objects.filter(action="delivery.leader_link_sent").count() == 1


def test_a_group_not_in_the_preview_read_is_not_sent(campaign, association, operator_user):
    seen = named_group(campaign, association, name="Vu")
    later = named_group(campaign, association, name="Arrivé après l'aperçu")
    assert _send(campaign, operator_user, seen) == 1
    assert not LeaderAccess.objects.filter(group=later).exists()


def test_a_group_without_links_is_never_sent_even_if_asked(campaign, association, operator_user):
    group = named_group(campaign, association, links=None)
    assert _send(campaign, operator_user, group) == 0
    assert Message.objects.count() == 0
    with pytest.raises(ValidationError, match="liens de téléchargement reçus pour 0"):
        leader_link_resend(
            campaign=campaign, group_id=group.pk, seen_sends=0, renew=False, actor=operator_user
        )


def test_resending_keeps_the_link_and_a_double_click_resends_once(
    campaign, association, operator_user
):
    group = named_group(campaign, association)
    _send(campaign, operator_user, group)
    before = _token(group)
    args = {"campaign": campaign, "group_id": group.pk, "renew": False, "actor": operator_user}
    assert leader_link_resend(seen_sends=1, **args) is True
    assert leader_link_resend(seen_sends=1, **args) is False  # the page showed 1 send: done
    access = LeaderAccess.objects.get(group=group)
    assert (access.version, access.sent_count) == (1, 2)
    assert _token(group) == before and access_from_token(before).pk == access.pk
    keys = sorted(Message.objects.values_list("idempotency_key", flat=True))
    assert len(keys) == 4 and sum(":v1:n2|" in k for k in keys) == 2


def test_a_new_link_stops_the_old_one(campaign, association, operator_user):
    group = named_group(campaign, association)
    _send(campaign, operator_user, group)
    old = _token(group)
    leader_link_resend(
        campaign=campaign, group_id=group.pk, seen_sends=1, renew=True, actor=operator_user
    )
    new = _token(group)
    assert new != old
    with pytest.raises(LinkRefused) as refused:
        access_from_token(old)
    assert (refused.value.reason, refused.value.group_id) == ("revoked", group.pk)
    assert access_from_token(new).group_id == group.pk
    sms = Message.objects.filter(kind="delivery.leader_link_sms").order_by("pk").last()
    assert f"/responsable/{new}/" in sms.body_text
    assert AuditEntry.objects.filter(action="delivery.leader_link_renewed").count() == 1


def test_revoking_closes_the_page_until_a_new_link_is_sent(campaign, association, operator_user):
    group = named_group(campaign, association)
    _send(campaign, operator_user, group)
    old = _token(group)
    leader_link_revoke(campaign=campaign, group_id=group.pk, actor=operator_user)
    current = _token(group)
    for token in (old, current):
        with pytest.raises(LinkRefused, match="revoked"):
            access_from_token(token)
    assert send_preview(campaign=campaign).to_send[0].group == group
    assert _send(campaign, operator_user, group) == 1
    assert access_from_token(current).group_id == group.pk
    with pytest.raises(LinkRefused, match="revoked"):
        access_from_token(old)


def test_an_expired_link_is_refused(campaign, association, operator_user):
    group = named_group(campaign, association)
    _send(campaign, operator_user, group)
    token = _token(group)
    assert access_from_token(token, now=dt.datetime(2024, 8, 1, 23, 59, tzinfo=PARIS))
    with pytest.raises(LinkRefused) as refused:
        access_from_token(token, now=dt.datetime(2024, 8, 2, 0, 0, tzinfo=PARIS))
    assert (refused.value.reason, refused.value.group_id) == ("expired", group.pk)


def test_an_altered_or_foreign_token_is_refused_without_a_group(
    campaign, association, operator_user
):
    group = named_group(campaign, association)
    _send(campaign, operator_user, group)
    token = _token(group)
    i = len(token) - 3
    altered = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]
    foreign = signing.dumps([group.pk, 1], salt="une.autre.fonction")
    forged = signing.dumps([group.pk, 1])
    for bad in (altered, foreign, forged, "", "abc", token + "x"):
        with pytest.raises(LinkRefused) as refused:
            access_from_token(bad)
        assert (refused.value.reason, refused.value.group_id) == ("altered", None)


def test_a_group_never_sent_has_no_page(campaign, association):
    group = named_group(campaign, association)
    with pytest.raises(LinkRefused) as refused:
        access_from_token(token_for(group_id=group.pk, version=1))
    assert refused.value.reason == "unknown"


def test_opening_and_confirming_are_recorded_once(campaign, association, operator_user):
    group = named_group(campaign, association)
    _send(campaign, operator_user, group)
    access = LeaderAccess.objects.get(group=group)
    leader_page_opened(access_id=access.pk)
    with clock.frozen_at("2024-07-21T18:30:00+02:00"):
        leader_page_opened(access_id=access.pk)
        leader_confirm(access_id=access.pk)
    with clock.frozen_at("2024-07-22T08:00:00+02:00"):
        leader_confirm(access_id=access.pk)
    access.refresh_from_db()
    assert access.open_count == 2
    assert access.first_opened_at == dt.datetime(2024, 7, 20, 9, 0, tzinfo=PARIS)
    assert access.last_opened_at == dt.datetime(2024, 7, 21, 18, 30, tzinfo=PARIS)
    assert access.confirmed_at == dt.datetime(2024, 7, 21, 18, 30, tzinfo=PARIS)
    assert AuditEntry.objects.filter(action="delivery.leader_page_opened").count() == 1
    [confirmed] = AuditEntry.objects.filter(action="delivery.leader_confirmed")
    assert confirmed.actor is None and confirmed.actor_label.startswith("responsable de groupe")


OPERATIONS = st.lists(
    st.sampled_from(["send", "resend", "renew", "revoke"]), min_size=1, max_size=8
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=OPERATIONS)
def test_only_the_current_version_opens_and_only_once_sent(
    campaign, association, operator_user, operations
):
    """Whatever the operator does, exactly one version can work (the latest), only when it was
    sent after the last revocation; every older link stays closed; a message is only ever written
    under a key never used before."""
    group = named_group(campaign, association)
    issued = set()
    for operation in operations:
        access = LeaderAccess.objects.filter(group=group).first()
        seen = access.sent_count if access else 0
        if operation == "send":
            _send(campaign, operator_user, group)
        elif operation == "revoke":
            if access is not None:
                leader_link_revoke(campaign=campaign, group_id=group.pk, actor=operator_user)
        else:
            leader_link_resend(
                campaign=campaign,
                group_id=group.pk,
                seen_sends=seen,
                renew=operation == "renew",
                actor=operator_user,
            )
        access = LeaderAccess.objects.filter(group=group).first()
        if access is not None:
            issued.update(range(1, access.version + 1))
    access = LeaderAccess.objects.filter(group=group).first()
    if access is None:  # only revocations of a link never sent: nothing exists, nothing opens
        with pytest.raises(LinkRefused, match="unknown"):
            access_from_token(token_for(group_id=group.pk, version=1))
        return
    working = set()
    for version in issued:
        try:
            access_from_token(token_for(group_id=group.pk, version=version))
            working.add(version)
        except LinkRefused:
            pass
    assert working == ({access.version} if access.sent_at else set())
    keys = list(Message.objects.filter(about_id=str(access.pk)).values_list("idempotency_key"))
    assert len(keys) == 2 * access.sent_count
    assert all(re.search(r":v\d+:n\d+\|", k) for (k,) in keys)
