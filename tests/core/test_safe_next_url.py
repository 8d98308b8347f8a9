"""`safe_next_url`: a "come back to" address is a path of this site, or the default; never a 500."""

import pytest
from django.shortcuts import redirect
from django.test import RequestFactory

from billetterie.core.web import safe_next_url

DEFAULT = "/association/personnes/"


@pytest.mark.parametrize(
    "value",
    [
        "foo",  # a bare word: redirect() took it for a URL name and failed (500)
        "personnes",
        "foo.bar",
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://evil.example",
        "https://evil.example/association/",
        "http://testserver/association/",  # same site, but only paths are taken
        " /association/",
        "/association/\nSet-Cookie: x=1",
        "/association/\r",
        "/association/\t",
        "/" + "a" * 5000,
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anything_but_a_plain_path_gives_the_default(value, method):
    request = getattr(RequestFactory(), method)("/association/", {"next": value})
    assert safe_next_url(request, DEFAULT) == DEFAULT
    redirect(safe_next_url(request, DEFAULT))  # never raises


@pytest.mark.parametrize(
    "value",
    ["/association/", "/association/personnes/?page=2&q=l%C3%A9a", "/association/#groupes"],
)
def test_a_path_of_this_site_is_kept(value):
    request = RequestFactory().get("/association/", {"next": value})
    assert safe_next_url(request, DEFAULT) == value
    assert redirect(safe_next_url(request, DEFAULT))["Location"] == value


def test_no_next_gives_the_default_even_empty():
    assert safe_next_url(RequestFactory().get("/"), DEFAULT) == DEFAULT
    assert safe_next_url(RequestFactory().get("/"), "") == ""
