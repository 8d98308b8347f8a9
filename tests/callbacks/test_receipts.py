"""The providers' receipts: a shared token, the same answer for known and unknown identifiers,
bodies capped and never logged."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from billetterie.outbox.models import Message, MessageEvent, Status
from tests.outbox.outbox_factories import make_message

pytestmark = pytest.mark.django_db

TOKEN = "jeton-des-prestataires-" + "x" * 20
SMS = reverse("callbacks:sms_receipt")
EMAIL = reverse("callbacks:email_receipt")


@pytest.fixture
def provider(settings):
    settings.RECEIPTS_TOKEN = TOKEN
    # CSRF checks on, as in production: a provider has no session nor CSRF token.
    return Client(enforce_csrf_checks=True)


def _post(client, url, data, token=TOKEN, **headers):
    if token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    body = data if isinstance(data, bytes | str) else json.dumps(data)
    return client.post(url, body, content_type="application/json", **headers)


def test_disabled_until_the_token_is_set(settings, campaign):
    settings.RECEIPTS_TOKEN = ""
    assert _post(Client(), SMS, {"id": "x", "status": "delivered"}).status_code == 404
    assert _post(Client(), EMAIL, {"message_id": "x", "event": "bounced"}).status_code == 404


@pytest.mark.parametrize("token", [None, "", "mauvais", TOKEN + "x", TOKEN[:-1]])
def test_a_missing_or_wrong_token_is_refused(provider, campaign, token):
    message = make_message(campaign, channel="sms", status=Status.SENT, provider_id="p-1")
    assert (
        _post(provider, SMS, {"id": "p-1", "status": "delivered"}, token=token).status_code == 403
    )
    assert Message.objects.get(pk=message.pk).status == Status.SENT


def test_only_post(provider):
    assert provider.get(SMS, HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 405


def test_an_sms_receipt(provider, campaign):
    message = make_message(campaign, channel="sms", status=Status.SENT, provider_id="p-2")
    response = _post(provider, SMS, {"id": "p-2", "status": "delivered"})
    assert response.status_code == 200 and response.json() == {"recu": True}
    message.refresh_from_db()
    assert message.status == Status.DELIVERED
    assert MessageEvent.objects.get(message=message).status == Status.DELIVERED


def test_an_email_bounce_with_the_token_in_a_header_or_the_address(provider, campaign):
    first = make_message(campaign, status=Status.SENT, provider_id="<a1@billetterie>")
    second = make_message(campaign, status=Status.SENT, provider_id="<a2@billetterie>")
    response = provider.post(
        EMAIL,
        json.dumps({"message_id": "<a1@billetterie>", "event": "bounced"}),
        content_type="application/json",
        HTTP_X_RECEIPTS_TOKEN=TOKEN,
    )
    assert response.status_code == 200
    # The secret in the address (it would end up in access logs) is not accepted.
    response = _post(
        provider,
        f"{EMAIL}?jeton={TOKEN}",
        {"message_id": "a2@billetterie", "event": "delivered"},
        token=None,
    )
    assert response.status_code == 403
    response = _post(provider, EMAIL, {"message_id": "a2@billetterie", "event": "delivered"})
    assert response.status_code == 200
    first.refresh_from_db(), second.refresh_from_db()
    assert first.status == Status.BOUNCED and second.status == Status.DELIVERED


def test_the_channel_must_match(provider, campaign):
    message = make_message(campaign, status=Status.SENT, provider_id="p-3")  # an e-mail
    assert _post(provider, SMS, {"id": "p-3", "status": "failed"}).status_code == 200
    assert Message.objects.get(pk=message.pk).status == Status.SENT


def test_an_unknown_identifier_gets_the_same_answer(provider, campaign):
    make_message(campaign, channel="sms", status=Status.SENT, provider_id="p-4")
    known = _post(provider, SMS, {"id": "p-4", "status": "delivered"})
    unknown = _post(provider, SMS, {"id": "p-inconnu", "status": "delivered"})
    odd = _post(provider, SMS, {"id": "p-4", "status": "en-route"})
    assert known.status_code == unknown.status_code == odd.status_code == 200
    assert known.content == unknown.content == odd.content


@pytest.mark.parametrize("body", [b"pas du json", b"[1, 2]", b"{}", b'{"id": null}', b"\xff\xfe"])
def test_a_malformed_body_is_400(provider, body):
    assert _post(provider, SMS, body).status_code == 400


def test_a_body_over_10_kb_is_413(provider, campaign):
    body = json.dumps({"id": "x", "status": "delivered", "pad": "x" * 11_000})
    assert _post(provider, SMS, body).status_code == 413


def test_the_body_is_never_logged(provider, campaign, caplog):
    make_message(campaign, channel="sms", status=Status.SENT, provider_id="secret-id-77")
    with caplog.at_level(logging.DEBUG):
        _post(provider, SMS, {"id": "secret-id-77", "status": "delivered", "to": "+33611223344"})
        _post(provider, EMAIL, {"message_id": "<z@y>", "event": "bounced", "email": "a@b.fr"})
    logged = caplog.text
    assert "secret-id-77" not in logged and "33611223344" not in logged and "a@b.fr" not in logged
