"""The « Comptes » page: who never signed in, invitations, « Inviter de nouveau », opening an account
for a staff member or a jury member."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from billetterie.accounts.models import Role, User
from billetterie.campaigns.services import campaign_create
from billetterie.core.models import AuditEntry
from billetterie.members.models import Association
from billetterie.outbox.models import Message
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _page(campaign):
    return reverse("backoffice:accounts", kwargs={"campaign_slug": campaign.slug})


def _invite_url(campaign, user):
    return reverse(
        "backoffice:account_invite", kwargs={"campaign_slug": campaign.slug, "user_id": user.pk}
    )


@pytest.fixture
def stranger(db):
    """A referent of another operator's association."""
    other = campaign_create(slug="ailleurs", name="Ailleurs", operator_name="Autre fédération")
    association = Association.objects.create(
        operator=other.operator,
        identifier="X-1",
        name="Association d'ailleurs",
        postal_code="69001",
        town="Lyon",
        departement="69",
    )
    return User.objects.create_user(
        "ailleurs@example.org", None, role=Role.REFERENT, association=association
    )


def test_the_page_lists_staff_jury_and_referents_with_their_sign_in(
    operator_client, campaign, operator_user, jury_user, referent_user, new_referent, stranger
):
    User.objects.filter(pk=referent_user.pk).update(last_login=timezone.now())
    page = operator_client.get(_page(campaign)).content.decode()
    for user in (operator_user, jury_user, referent_user, new_referent):
        assert user.email in page
    assert stranger.email not in page
    assert "jamais connecté" in page and "jamais invité" in page
    # The operator signed in (force_login), the referent too; the jury member and the new referent not.
    assert "2 comptes jamais connectés" in page
    # « Inviter » only for who never signed in.
    assert _invite_url(campaign, new_referent) in page
    assert _invite_url(campaign, referent_user) not in page


def test_the_filter_shows_who_never_signed_in(
    operator_client, campaign, referent_user, new_referent
):
    User.objects.filter(pk=referent_user.pk).update(last_login=timezone.now())
    page = operator_client.get(_page(campaign), {"never": "on"}).content.decode()
    assert new_referent.email in page and referent_user.email not in page
    page = operator_client.get(_page(campaign), {"q": "Inès"}).content.decode()
    assert new_referent.email in page and referent_user.email not in page


def test_invite_again_sends_a_new_message_once(operator_client, campaign, new_referent):
    page = operator_client.get(_page(campaign)).content.decode()
    seen = re.search(r'name="seen" value="(\d+)"', page).group(1)
    assert seen == "0"
    response = operator_client.post(
        _invite_url(campaign, new_referent), {"seen": seen}, follow=True
    )
    assert "Une nouvelle invitation part à nouvelle@example.org" in response.content.decode()
    message = Message.objects.get()
    assert message.recipient == new_referent.email and message.campaign == campaign
    # The same form sent again (a double click): nothing more.
    again = operator_client.post(_invite_url(campaign, new_referent), {"seen": seen}, follow=True)
    assert "Une invitation plus récente est déjà partie" in again.content.decode()
    assert Message.objects.count() == 1
    page = operator_client.get(_page(campaign)).content.decode()
    assert "Inviter de nouveau" in page and "lien valable jusqu'au" in page
    entry = AuditEntry.objects.get(action="user.invited")
    assert entry.campaign_id == campaign.pk and entry.actor.role == Role.OPERATOR_STAFF


def test_an_expired_link_shows_on_the_page(operator_client, campaign, new_referent, settings):
    User.objects.filter(pk=new_referent.pk).update(
        invited_at=timezone.now() - dt.timedelta(days=settings.INVITATION_DAYS + 1),
        invitations_sent=1,
    )
    page = operator_client.get(_page(campaign)).content.decode()
    assert "lien expiré le" in page


def test_someone_who_signed_in_is_not_invited(operator_client, campaign, referent_user):
    User.objects.filter(pk=referent_user.pk).update(last_login=timezone.now())
    response = operator_client.post(_invite_url(campaign, referent_user), {"seen": 0}, follow=True)
    assert "s&#x27;est déjà connecté" in response.content.decode()
    assert not Message.objects.exists()


def test_another_operators_account_answers_404(operator_client, campaign, stranger):
    response = operator_client.post(_invite_url(campaign, stranger), {"seen": 0})
    assert response.status_code == 404
    assert not Message.objects.exists()


def test_another_operator_cannot_invite_our_referent(client, campaign, stranger, new_referent):
    other = User.objects.create_user(
        "autre@example.org",
        PASSWORD,
        role=Role.OPERATOR_STAFF,
        operator=stranger.association.operator,
    )
    client.force_login(other)
    response = client.post(_invite_url(campaign, new_referent), {"seen": 0})
    assert response.status_code == 404
    assert not Message.objects.exists()


def test_a_junk_form_sends_nothing(operator_client, campaign, new_referent):
    response = operator_client.post(
        _invite_url(campaign, new_referent), {"seen": "-1"}, follow=True
    )
    assert "illisible" in response.content.decode()
    assert not Message.objects.exists()


def test_the_operator_opens_a_jury_account(operator_client, campaign):
    url = reverse("backoffice:account_new", kwargs={"campaign_slug": campaign.slug})
    assert "Ouvrir un compte" in operator_client.get(url).content.decode()
    response = operator_client.post(
        url,
        {
            "role": Role.JURY,
            "email": "juree@example.org",
            "first_name": "Anne",
            "last_name": "Durand",
        },
        follow=True,
    )
    assert "Le compte de Anne Durand est ouvert" in response.content.decode()
    user = User.objects.get(email="juree@example.org")
    assert user.role == Role.JURY and user.jury_campaign == campaign
    assert Message.objects.get().recipient == "juree@example.org"
    assert "juree@example.org" in response.content.decode()  # listed on the page


def test_an_address_already_taken_is_refused_on_the_form(operator_client, campaign, referent_user):
    url = reverse("backoffice:account_new", kwargs={"campaign_slug": campaign.slug})
    response = operator_client.post(
        url,
        {
            "role": Role.OPERATOR_STAFF,
            "email": referent_user.email,
            "first_name": "A",
            "last_name": "B",
        },
    )
    assert response.status_code == 200
    assert "déjà celle d&#x27;un compte" in response.content.decode()
    empty = operator_client.post(url, {})
    assert "Choisissez le rôle du compte." in empty.content.decode()
    assert not Message.objects.exists()
