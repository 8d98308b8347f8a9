"""Invitations: the message, its key (a renewal is a new message, a replay is not), the audit, the
accounts the operator opens by hand."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from billetterie.accounts.models import Role, User
from billetterie.core.models import AuditEntry
from billetterie.outbox.invitations import (
    account_create,
    invitation_renew,
    invitation_send,
    role_words,
)
from billetterie.outbox.models import Message

pytestmark = pytest.mark.django_db


def test_the_invitation_message_names_the_role_the_validity_and_the_link(
    new_referent, campaign, operator_user, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://billetterie.example.org"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = invitation_send(user=new_referent, actor=operator_user, campaign=campaign)
    assert message.kind == "account.invitation" and message.recipient == new_referent.email
    assert message.idempotency_key.startswith(f"invitation:{new_referent.pk}:1|")
    assert message.campaign == campaign and message.association_id == new_referent.association_id
    assert (message.about_type, message.about_id) == ("accounts.user", str(new_referent.pk))
    body = message.body_text
    assert f"référent de l'association « {new_referent.association.name} »" in body
    assert f"valable {settings.INVITATION_DAYS} jours" in body
    assert "https://billetterie.example.org/compte/invitation/" in body
    assert f"Votre identifiant est votre adresse e-mail : {new_referent.email}" in body
    [sent] = mail.outbox  # delivered after commit
    assert sent.to == [new_referent.email] and "/compte/invitation/" in sent.body
    new_referent.refresh_from_db()
    assert new_referent.invitations_sent == 1 and new_referent.invited_at is not None
    entry = AuditEntry.objects.get(action="user.invited")
    assert entry.actor == operator_user and entry.campaign_id == campaign.pk
    assert entry.association_id == new_referent.association_id
    assert entry.subject_id == str(new_referent.pk) and entry.details == {"number": 1}


def test_role_words(campaign, new_referent, operator_user, jury_user, admin_user_):
    assert (
        role_words(new_referent) == f"référent de l'association « {new_referent.association.name} »"
    )
    assert role_words(operator_user) == "membre de l'équipe de l'opérateur"
    assert role_words(jury_user) == f"membre du jury de la campagne « {campaign.name} »"
    assert role_words(admin_user_) == "administrateur de la plateforme"


def test_a_renewal_is_a_new_message_and_a_replayed_click_is_not(
    new_referent, campaign, operator_user
):
    with transaction.atomic():
        invitation_send(user=new_referent, actor=operator_user, campaign=campaign)
    first = Message.objects.get()
    renewed = invitation_renew(
        user_id=new_referent.pk, seen=1, campaign=campaign, actor=operator_user
    )
    assert renewed is not None and renewed.pk != first.pk
    assert renewed.idempotency_key.startswith(f"invitation:{new_referent.pk}:2|")
    assert renewed.body_text != first.body_text  # a new link
    # The same button sent twice: the page had shown one invitation, two are out already.
    again = invitation_renew(
        user_id=new_referent.pk, seen=1, campaign=campaign, actor=operator_user
    )
    assert again is None
    assert Message.objects.count() == 2
    assert AuditEntry.objects.filter(action="user.invited").count() == 2
    new_referent.refresh_from_db()
    assert new_referent.invitations_sent == 2


def test_someone_who_signed_in_is_not_invited(new_referent, campaign, operator_user):
    User.objects.filter(pk=new_referent.pk).update(last_login=timezone.now())
    with pytest.raises(ValidationError, match="s'est déjà connecté"):
        invitation_renew(user_id=new_referent.pk, seen=0, campaign=campaign, actor=operator_user)
    User.objects.filter(pk=new_referent.pk).update(last_login=None, is_active=False)
    with pytest.raises(ValidationError, match="désactivé"):
        invitation_renew(user_id=new_referent.pk, seen=0, campaign=campaign, actor=operator_user)
    assert not Message.objects.exists()


def test_another_operators_account_is_not_found(new_referent, campaign, operator_user):
    from billetterie.campaigns.services import campaign_create

    other = campaign_create(slug="autre-2024", name="Autre", operator_name="Autre opérateur")
    with pytest.raises(User.DoesNotExist):
        invitation_renew(user_id=new_referent.pk, seen=0, campaign=other, actor=operator_user)
    assert not Message.objects.exists()


@pytest.mark.parametrize("role", [Role.OPERATOR_STAFF, Role.JURY])
def test_the_operator_opens_an_account_which_is_invited(campaign, operator_user, role):
    user = account_create(
        campaign=campaign,
        role=role,
        email=" Nouveau.Membre@Example.org ",
        first_name="Jean",
        last_name="Dupré",
        actor=operator_user,
    )
    user.refresh_from_db()
    assert user.email == "nouveau.membre@example.org" and user.role == role
    assert not user.has_usable_password()
    if role == Role.OPERATOR_STAFF:
        assert user.operator == campaign.operator and user.jury_campaign is None
    else:
        assert user.jury_campaign == campaign and user.operator is None
    message = Message.objects.get()
    assert message.recipient == user.email and message.campaign == campaign
    expected = (
        "membre de l'équipe de l'opérateur"
        if role == Role.OPERATOR_STAFF
        else f"membre du jury de la campagne « {campaign.name} »"
    )
    assert expected in message.body_text
    actions = list(
        AuditEntry.objects.filter(action__startswith="user.")
        .order_by("pk")
        .values_list("action", "campaign_id")
    )
    assert actions == [("user.created", campaign.pk), ("user.invited", campaign.pk)]


def test_an_address_already_taken_or_a_referent_is_refused(campaign, operator_user, referent_user):
    with pytest.raises(ValidationError) as refused:
        account_create(
            campaign=campaign,
            role=Role.JURY,
            email="REFERENT@example.org",
            first_name="A",
            last_name="B",
            actor=operator_user,
        )
    assert refused.value.message_dict == {
        "email": ["Cette adresse e-mail est déjà celle d'un compte de la plateforme."]
    }
    with pytest.raises(ValidationError):
        account_create(
            campaign=campaign,
            role=Role.REFERENT,
            email="x@example.org",
            first_name="A",
            last_name="B",
            actor=operator_user,
        )
    assert not Message.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="user.").exists()


def test_a_stale_account_object_still_gets_a_new_message_with_a_working_link(
    new_referent, campaign, operator_user
):
    from billetterie.accounts.invitations import invitation_token

    stale = User.objects.get(pk=new_referent.pk)  # read before the first invitation
    with transaction.atomic():
        invitation_send(user=new_referent, actor=operator_user, campaign=campaign)
    with transaction.atomic():
        message = invitation_send(user=stale, actor=operator_user, campaign=campaign)
    assert message is not None
    assert message.idempotency_key.startswith(f"invitation:{new_referent.pk}:2|")
    token = re.search(r"/compte/invitation/[^/]+/([^/]+)/", message.body_text).group(1)
    assert invitation_token.check_token(User.objects.get(pk=new_referent.pk), token)


def test_a_batch_skips_a_key_already_used_and_writes_the_others(campaign):
    from billetterie.outbox.services import Outgoing, message_queue, messages_queue

    values = {"role": "r", "validite": "14", "email": "e", "lien": "https://x/y"}
    with transaction.atomic():
        [first] = message_queue(
            code="account.invitation",
            recipients=["b@example.org"],
            values=values,
            key="lot:2",
            campaign=campaign,
        )
        queued = messages_queue(
            code="account.invitation",
            outgoing=[
                Outgoing(["a@example.org"], values, "lot:1"),
                Outgoing(["b@example.org"], values, "lot:2"),  # already queued: a replay
                Outgoing(["c@example.org", "c@example.org", ""], values, "lot:3"),
            ],
            campaign=campaign,
        )
    assert sorted(m.recipient for m in queued) == ["a@example.org", "c@example.org"]
    assert all(m.pk for m in queued)
    assert Message.objects.count() == 3
    assert Message.objects.get(recipient="b@example.org").pk == first.pk
