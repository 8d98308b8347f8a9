"""The « Messages » pages: the campaign's outbox filtered and counted, a message's page with its
text and history, resending one message or every failed one after a confirmation."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.campaigns.services import campaign_create
from billetterie.core.models import AuditEntry
from billetterie.outbox.delivery import event_write
from billetterie.outbox.models import Message, Status
from tests.conftest import PASSWORD
from tests.outbox.outbox_factories import make_message

pytestmark = pytest.mark.django_db


def _list(campaign, **query):
    url = reverse("backoffice:messages", kwargs={"campaign_slug": campaign.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _detail(message):
    return reverse(
        "backoffice:message",
        kwargs={"campaign_slug": message.campaign.slug, "message_id": message.pk},
    )


@pytest.fixture
def outbox(campaign, association):
    return {
        "failed": [
            make_message(
                campaign,
                status=Status.FAILED,
                attempts=8,
                last_error="ConnectionRefusedError",
                association_id=association.pk,
            )
            for _ in range(3)
        ],
        "bounced": make_message(
            campaign, status=Status.BOUNCED, attempts=1, recipient="rejet@example.org"
        ),
        "sms": make_message(
            campaign,
            channel="sms",
            kind="offers.last_day_sms",
            recipient="+33611223344",
            status=Status.SENT,
            attempts=1,
            provider_id="sms-42",
        ),
        "queued": make_message(campaign),
    }


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_list_counts_each_state_and_shows_every_column(
    operator_client, campaign, outbox, association
):
    page = _text(operator_client.get(_list(campaign)))
    assert '<span class="stat">3</span> en échec' in page
    assert '<span class="stat">1</span> rejeté par le destinataire' in page
    assert '<span class="stat">1</span> envoyé' in page
    assert "6 messages" in page
    assert association.name in page and "+33611223344" in page
    assert "Invitation à créer son mot de passe" in page  # the kind's label, not its code
    assert '<span class="badge badge-error">Échec</span>' in page
    assert "ConnectionRefusedError" in page
    assert "Renvoyer tous les messages en échec (3)" in page
    assert 'aria-current="page">Messages</a>' in page
    for header in ("Date", "Type", "Canal", "Destinataire", "Association", "État", "Tentatives"):
        assert re.search(rf'<th scope="col"[^>]*>{header}</th>', page), header


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"status": "failed"}, 3),
        ({"status": "bounced"}, 1),
        ({"channel": "sms"}, 1),
        ({"kind": "offers.last_day_sms"}, 1),
        ({"q": "rejet"}, 1),
        ({"q": "3361122"}, 1),
        ({"status": "sent", "channel": "email"}, 0),
    ],
)
def test_the_filters(operator_client, campaign, outbox, query, shown):
    page = _text(operator_client.get(_list(campaign, **query)))
    if shown:
        assert f"{shown} message{'s' if shown > 1 else ''} pour ces critères" in page
    else:
        assert "Aucun message pour ces critères." in page


def test_the_association_filter(operator_client, campaign, outbox, association):
    page = _text(operator_client.get(_list(campaign, association=association.pk)))
    assert "3 messages pour ces critères" in page
    assert (
        f'<option value="{association.pk}" selected>'
        in operator_client.get(_list(campaign, association=association.pk)).content.decode()
    )


def test_the_list_reads_a_bounded_number_of_rows(
    operator_client, campaign, make_association, django_assert_max_num_queries
):
    for _ in range(40):
        make_message(campaign, association_id=make_association().pk, status=Status.FAILED)
    with django_assert_max_num_queries(14):
        assert operator_client.get(_list(campaign)).status_code == 200
    with django_assert_max_num_queries(14):
        assert (
            operator_client.get(_list(campaign, status="failed", q="personne")).status_code == 200
        )


def test_a_message_page_shows_its_text_and_history(
    operator_client, campaign, outbox, django_assert_max_num_queries
):
    message = outbox["failed"][0]
    event_write(message.pk, status=Status.QUEUED, detail="Tentative 1 : échec temporaire (X)")
    event_write(message.pk, status=Status.FAILED, detail="Tentative 8 : échec (X)")
    with django_assert_max_num_queries(14):
        response = operator_client.get(_detail(message))
    page = _text(response)
    assert message.subject in page and message.body_text.strip() in page
    assert "Tentative 1 : échec temporaire (X)" in page and "Tentative 8 : échec (X)" in page
    assert "Renvoyer ce message" in page
    sms = _text(operator_client.get(_detail(outbox["sms"])))
    assert "sms-42" in sms and "Renvoyer ce message" not in sms


def test_resending_one_message(
    operator_client, campaign, outbox, django_capture_on_commit_callbacks
):
    message = outbox["bounced"]
    url = reverse(
        "backoffice:message_resend",
        kwargs={"campaign_slug": campaign.slug, "message_id": message.pk},
    )
    assert operator_client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(url, follow=True)
    page = _text(response)
    assert "repart vers son destinataire" in page
    message.refresh_from_db()
    assert message.status == Status.SENT and len(mail.outbox) == 1
    assert "Renvoyé par l'équipe de l'opérateur" in page
    assert AuditEntry.objects.filter(action="outbox.resent").count() == 1
    # Sent: nothing to resend any more.
    again = _text(operator_client.post(url, follow=True))
    assert "n'a pas été renvoyé" in again and len(mail.outbox) == 1


def test_resending_all_failed_asks_first_then_resends_them(
    operator_client, campaign, outbox, django_capture_on_commit_callbacks
):
    url = reverse("backoffice:messages_resend_failed", kwargs={"campaign_slug": campaign.slug})
    confirm = _text(operator_client.get(url))
    assert "Nombre de messages en échec qui seront renvoyés : 3." in confirm
    assert "Renvoyer 3 messages" in confirm
    assert Message.objects.filter(status=Status.FAILED).count() == 3  # a GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        page = _text(operator_client.post(url, follow=True))
    assert "3 messages en échec renvoyés." in page
    assert len(mail.outbox) == 3
    assert Message.objects.filter(status=Status.FAILED).count() == 0
    assert Message.objects.get(pk=outbox["bounced"].pk).status == Status.BOUNCED
    assert "Aucun message n'est en échec" in _text(operator_client.get(url))
    assert "Renvoyer tous les messages en échec" not in _text(operator_client.get(_list(campaign)))


def test_another_operator_sees_none_of_it(client, campaign, outbox):
    other = campaign_create(slug="autre", name="Autre", operator_name="Autre opérateur")
    client.force_login(
        User.objects.create_user(
            "autre@example.org", PASSWORD, role=Role.OPERATOR_STAFF, operator=other.operator
        )
    )
    message = outbox["failed"][0]
    assert client.get(_list(campaign)).status_code == 404
    assert client.get(_detail(message)).status_code == 404
    # Its own campaign's address with this message's number: not found either, nothing resent.
    url = reverse(
        "backoffice:message", kwargs={"campaign_slug": other.slug, "message_id": message.pk}
    )
    assert client.get(url).status_code == 404
    resend = reverse(
        "backoffice:message_resend", kwargs={"campaign_slug": other.slug, "message_id": message.pk}
    )
    assert client.post(resend).status_code == 404
    all_failed = reverse("backoffice:messages_resend_failed", kwargs={"campaign_slug": other.slug})
    client.post(all_failed)
    assert Message.objects.filter(status=Status.FAILED).count() == 3
