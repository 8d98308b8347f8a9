"""A request too big for any upload is refused (413, French page) before its body is read."""

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory
from django.urls import reverse

from billetterie.attendees.services.letters import MAX_BYTES as LETTER_MAX_BYTES
from billetterie.core.middleware import RequestSizeLimitMiddleware


class UnreadableBody:
    """A request body that must not be read."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_the_limit_covers_every_upload():
    assert django_settings.REQUEST_MAX_BYTES > django_settings.IMPORT_MAX_BYTES
    assert django_settings.REQUEST_MAX_BYTES > LETTER_MAX_BYTES
    # Files above this size go to a temporary file, not to memory.
    assert django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024


@pytest.mark.django_db
def test_middleware_refuses_before_reading_the_body(settings):
    settings.REQUEST_MAX_BYTES = 1000
    request = RequestFactory().post(
        "/association/", data=b"", content_type="multipart/form-data; boundary=x"
    )
    request.META["CONTENT_LENGTH"] = "1001"
    request.META["wsgi.input"] = UnreadableBody()
    request._stream = UnreadableBody()

    def view(request):
        raise AssertionError("the view was reached")

    response = RequestSizeLimitMiddleware(view)(request)
    assert response.status_code == 413
    page = response.content.decode()
    assert "trop volumineu" in page and "Mo" in page


@pytest.mark.django_db
def test_a_huge_post_is_answered_413_in_french(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post(
        reverse("accounts:login"),
        data=b"--x--\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "trop volumineu" in response.content.decode()


@pytest.mark.django_db
def test_a_request_within_the_limit_goes_through(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post(reverse("accounts:login"), {"username": "a@example.org"})
    assert response.status_code == 200


@pytest.mark.parametrize("length", ["", "abc", "-5"])
def test_a_missing_or_malformed_length_is_left_to_django(length, settings):
    settings.REQUEST_MAX_BYTES = 1000
    request = RequestFactory().get("/")
    request.META["CONTENT_LENGTH"] = length
    assert RequestSizeLimitMiddleware(lambda r: "reached")(request) == "reached"
