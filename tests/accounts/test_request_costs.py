"""What every signed-in page costs before its view: the clock's setting read once per request, and
the second-factor rule kept a minute in the session instead of five queries on each page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from billetterie.accounts import middleware
from billetterie.core import clock
from billetterie.core.services import clock_write

pytestmark = pytest.mark.django_db


def _tables(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_a_page_reads_the_clock_setting_once(referent_user):
    client = Client()
    client.force_login(referent_user)
    queries = _tables(client, "/association/")
    assert sum("core_clocksetting" in q for q in queries) == 1


def test_a_clock_changed_inside_a_request_is_read_again():
    with clock.one_reading():
        assert not clock.is_frozen()
        clock_write(frozen_at=clock.parse_instant("2024-07-30"))
        assert clock.today().isoformat() == "2024-07-30"


def test_the_second_factor_rule_is_asked_once_a_minute(referent_user, monkeypatch):
    client = Client()
    client.force_login(referent_user)
    first = _tables(client, "/association/")
    assert any("otp_" in q for q in first)
    again = _tables(client, "/association/")
    assert not any("otp_" in q for q in again)

    # The operator requires a second factor of its referents: within a minute, the page asks for it.
    operator = referent_user.association.operator
    operator.referents_second_factor = True
    operator.save(update_fields=["referents_second_factor"])
    assert client.get("/association/").status_code == 200
    later = middleware.time.time() + middleware.RECHECK_SECONDS + 1
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    response = client.get("/association/")
    assert response.status_code == 302
    assert "/compte/double-authentification/" in response["Location"]
