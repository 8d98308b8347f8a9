"""The providers' receipts: two POST addresses, one per channel, that turn a provider's report
into the message's state and history (`outbox.delivery.message_status_report`).

- Authenticated by a shared secret, `RECEIPTS_TOKEN`, sent as `Authorization: Bearer <token>`
  (or `X-Receipts-Token: <token>`), compared in constant time. Never in the address: a query
  string ends up in access logs. No token → 403; `RECEIPTS_TOKEN` unset → 404: the
  addresses do not exist until the operator configures them.
- No CSRF (a provider has no session), no cookie, no sign-in.
- The answer is the same (200, « reçu ») whether the identifier is known or not, so that nobody
  learns which messages exist; a malformed body is 400, a body over `MAX_BODY` bytes 413.
- The body is never logged: it holds an address or a number.
"""

import hmac
import json
import logging

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from billetterie.outbox.delivery import message_status_report
from billetterie.outbox.models import Channel

logger = logging.getLogger(__name__)

MAX_BODY = 10 * 1024


def _token_of(request) -> str:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[len("Bearer ") :].strip()
    return request.headers.get("X-Receipts-Token", "")


def _authorised(request) -> bool:
    expected = settings.RECEIPTS_TOKEN
    if not expected:
        raise Http404("accusés désactivés")
    given = _token_of(request)
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


def _body(request) -> dict | None:
    """The JSON object sent, or None when it is not one."""
    try:
        data = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _receipt(request, *, channel: str, id_key: str, status_key: str):
    if not _authorised(request):
        return HttpResponseForbidden("jeton absent ou incorrect\n", content_type="text/plain")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        return HttpResponse("trop volumineux\n", status=413, content_type="text/plain")
    data = _body(request)
    if data is None or not isinstance(data.get(id_key), str | int):
        return HttpResponse("JSON attendu\n", status=400, content_type="text/plain")
    known = message_status_report(
        provider_id=str(data[id_key]), status=str(data.get(status_key, "")), channel=channel
    )
    # Neither the identifier nor the body: only whether the receipt matched a message.
    logger.info("receipt (%s): %s", channel, "recorded" if known else "ignored")
    return JsonResponse({"recu": True})


@csrf_exempt
@require_POST
def sms_receipt(request):
    """The SMS provider: {"id": "<its identifier>", "status": "delivered" | "failed" | …}."""
    return _receipt(request, channel=Channel.SMS, id_key="id", status_key="status")


@csrf_exempt
@require_POST
def email_receipt(request):
    """E-mails: {"message_id": "<Message-ID>", "event": "delivered" | "bounced" | "complained"}."""
    return _receipt(request, channel=Channel.EMAIL, id_key="message_id", status_key="event")
