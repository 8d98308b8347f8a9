"""SMS backends: where a text message goes. `SMS_BACKEND` names the class.

- `ConsoleSmsBackend` (default): writes the message to the standard output, for development.
- `HttpSmsBackend`: a provider's HTTP API taking JSON (`SMS_HTTP_URL`, `SMS_HTTP_TOKEN`,
  `SMS_SENDER`): POST {"to": "+33611223344", "text": "…", "sender": "…", "reference": "…"},
  bearer token; the provider answers {"id": "…"} and later calls the delivery-receipt address
  (docs/operations.md). Most providers accept this shape or need a ten-line adapter.
"""

import json
import sys
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

from billetterie.core.phones import phone_e164, phone_parse

# Answers of the provider that say nothing against the message itself: too many requests, a
# timeout, or our own token refused (fixed in the settings, then the messages go through).
TEMPORARY_HTTP = {401, 403, 408, 429}


class SmsError(Exception):
    """The provider refused or could not be reached. Tried again, unless `permanent`: the provider
    refused this message for good (an HTTP 4xx answer other than TEMPORARY_HTTP)."""

    def __init__(self, reason: str, *, permanent: bool = False):
        super().__init__(reason)
        self.permanent = permanent


class ConsoleSmsBackend:
    def send(self, *, to: str, text: str, reference: str) -> str:
        sys.stdout.write(f"SMS à {to} ({reference}) :\n{text}\n{'-' * 40}\n")
        sys.stdout.flush()
        return f"console-{reference}"


class HttpSmsBackend:
    timeout = 10

    def send(self, *, to: str, text: str, reference: str) -> str:
        payload = json.dumps(
            {"to": to, "text": text, "sender": settings.SMS_SENDER, "reference": reference}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
            settings.SMS_HTTP_URL,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_HTTP_TOKEN}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            permanent = 400 <= error.code < 500 and error.code not in TEMPORARY_HTTP
            raise SmsError(f"HTTP {error.code}", permanent=permanent) from error
        except (OSError, ValueError) as error:
            raise SmsError(type(error).__name__) from error
        return str(answer.get("id", ""))


def sms_backend():
    return import_string(settings.SMS_BACKEND)()


def sms_number(raw: str) -> str | None:
    """The number in E.164 (+33611223344), or None when it is not a valid number."""
    number = phone_parse(raw)
    return phone_e164(number) if number is not None else None
