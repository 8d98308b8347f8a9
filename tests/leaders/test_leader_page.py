"""The group leader's page, as the leader's phone reaches it: no account, no cookie, the signed link
is the only key; what it shows, the calendar file, the one button; bad links answer 404 and are
logged without the link or any personal data."""

import datetime as dt
import logging
import re
import zoneinfo
from html import unescape

import pytest
from django.test import Client

from billetterie.attendees.models import Group
from billetterie.core import clock
from billetterie.delivery.leaders import (
    leader_link_resend,
    leader_link_revoke,
    leaders_send,
    token_for,
)
from billetterie.delivery.models import LeaderAccess
from tests.delivery.leader_world import named_group

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _july_2024():
    with clock.frozen_at("2024-07-20T09:00:00+02:00"):
        yield


@pytest.fixture
def leader_client():
    """A phone with no session: CSRF checks on, as in a real browser."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def sent_group(campaign, association, operator_user):
    operator = campaign.operator
    operator.contact_name, operator.contact_phone = "Nadia Benali", "01 44 55 66 77"
    operator.contact_email = "billets@federation.example"
    operator.save()
    group = named_group(campaign, association, links="ticket")
    leaders_send(campaign=campaign, group_ids=[group.pk], actor=operator_user)
    return group


def _url(group, suffix=""):
    access = LeaderAccess.objects.get(group=group)
    return f"/responsable/{token_for(group_id=group.pk, version=access.version)}/{suffix}"


def test_the_page_shows_the_group_the_session_the_links_the_steps_and_the_contact(
    leader_client, sent_group, association
):
    response = leader_client.get(_url(sent_group))
    assert response.status_code == 200
    raw = response.content.decode()
    html = unescape(raw)
    session = sent_group.session
    for text in (
        association.name,
        "« Les Aigles »",
        "Athlétisme",
        session.code,
        "mardi 30 juillet 2024",
        "10 h 00",
        "Stade de Paris, Saint-Denis",
        "DURAND Sophie",
        "responsable du groupe",
        "application officielle de billetterie",
        "QR code",
        "pièce d'identité avec photo",
        "Nadia Benali",
        'href="tel:+33144556677"',
        "mailto:billets@federation.example",
        "jusqu'au 1 août 2024 inclus",
        "J'ai récupéré les billets",
    ):
        assert text in html, text
    # Every holder, full name (the leader checks each photo ID against it), every ticket's link.
    holders = list(sent_group.holders.select_related("person"))
    assert len(holders) == 3 and all(h.person.display_name in html for h in holders)
    links = re.findall(r'href="(https://billetterie-officielle\.example/[^"]+)"', html)
    assert len(links) == 3
    assert "https://www.openstreetmap.org/directions?route=%3B48.92446%2C2.36016" in html
    assert f'href="{_url(sent_group, "agenda.ics")}"' in html
    # Light: no script, nothing from another site but the links the leader chooses to follow.
    assert "<script" not in raw
    outside = re.findall(r'(?:src|href)="((?:https?:)?//[^"]+)"', raw)
    assert all(
        u.startswith(("https://billetterie-officielle.example/", "https://www.openstreetmap.org/"))
        for u in outside
    )


def test_the_page_is_private_unindexed_sets_no_cookie_and_leaks_no_referer(
    leader_client, sent_group
):
    response = leader_client.get(_url(sent_group))
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert not response.cookies
    assert '<meta name="referrer" content="no-referrer">' in response.content.decode()


def test_opening_counts_but_a_head_request_does_not(leader_client, sent_group):
    url = _url(sent_group)
    leader_client.head(url)
    access = LeaderAccess.objects.get(group=sent_group)
    assert access.open_count == 0 and access.first_opened_at is None
    leader_client.get(url)
    leader_client.get(url)
    access.refresh_from_db()
    assert access.open_count == 2
    assert access.first_opened_at == dt.datetime(2024, 7, 20, 9, 0, tzinfo=PARIS)


def test_the_button_records_the_collection_once_without_a_cookie(leader_client, sent_group):
    url = _url(sent_group)
    assert leader_client.get(url + "recupere/").status_code == 405
    with clock.frozen_at("2024-07-22T19:05:00+02:00"):
        response = leader_client.post(url + "recupere/")
    assert response.status_code == 302 and response.url == url + "#recuperation"
    assert not response.cookies
    with clock.frozen_at("2024-07-23T08:00:00+02:00"):
        leader_client.post(url + "recupere/")
    access = LeaderAccess.objects.get(group=sent_group)
    assert access.confirmed_at == dt.datetime(2024, 7, 22, 19, 5, tzinfo=PARIS)
    html = leader_client.get(url).content.decode()
    assert "Billets récupérés le 22 juillet 2024 à 19:05" in html
    assert '<button type="submit"' not in html  # the button is gone once it is done


def _unfold(ics: str) -> list[str]:
    assert "\n" not in ics.replace("\r\n", "")  # CRLF only
    return ics.replace("\r\n ", "").split("\r\n")[:-1]


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_the_calendar_file_reads_back_with_the_session(leader_client, sent_group, association):
    session = sent_group.session
    session.description = "Finale ; 100 m, hommes \\ dames"
    session.save()
    response = leader_client.get(_url(sent_group, "agenda.ics"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    lines = _unfold(raw.decode("utf-8"))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == 1 and "TZID:Europe/Paris" in lines
    event = lines[lines.index("BEGIN:VEVENT") + 1 : lines.index("END:VEVENT")]
    fields = {}
    for line in event:
        name, _, value = line.partition(":")
        fields.setdefault(name, value)
    assert fields["DTSTART;TZID=Europe/Paris"] == "20240730T100000"
    assert fields["DTEND;TZID=Europe/Paris"] == "20240730T130000"
    assert _unescape(fields["LOCATION"]) == "Stade de Paris, Saint-Denis"
    assert fields["LOCATION"] == "Stade de Paris\\, Saint-Denis"
    assert _unescape(fields["SUMMARY"]) == f"Athlétisme ({session.code})"
    assert fields["GEO"] == "48.924459;2.360164"
    description = _unescape(fields["DESCRIPTION"])
    assert description.startswith(f"{association.name} — groupe « Les Aigles ».\n")
    assert "pièce d'identité avec photo" in description
    assert re.fullmatch(r"\d{8}T\d{6}Z", fields["DTSTAMP"])


def test_escaping_follows_rfc_5545():
    from billetterie.delivery.leaders import ics_escape, ics_fold

    assert ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = ics_fold("DESCRIPTION:" + "é" * 80)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "é" * 80


def _records_text(caplog) -> str:
    return "\n".join(f"{r.name} {r.levelname} {r.getMessage()}" for r in caplog.records)


def _assert_refused(client, url, caplog, *, reason, group_id):
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = client.get(url)
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()  # the ordinary 404 page
    [warning] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warning.name == "billetterie.leaders"
    assert warning.getMessage() == (
        f"Lien de responsable de groupe refusé : {reason} (groupe {group_id})"
    )
    token = url.split("/")[2]
    text = _records_text(caplog)
    for secret in (token, "Durand", "Sophie", "Martin", "resp@exemple.org", "0612345678"):
        assert secret not in text


def test_bad_links_answer_404_and_are_logged_without_the_link_or_a_name(
    leader_client, sent_group, campaign, association, operator_user, caplog
):
    good = _url(sent_group)
    token = good.split("/")[2]
    i = len(token) - 5
    altered = token[:i] + ("x" if token[i] != "x" else "y") + token[i + 1 :]
    _assert_refused(
        leader_client, f"/responsable/{altered}/", caplog, reason="altered", group_id="inconnu"
    )
    _assert_refused(
        leader_client,
        f"/responsable/{altered}/agenda.ics",
        caplog,
        reason="altered",
        group_id="inconnu",
    )
    # Expired: after the end of the second day after the session.
    with clock.frozen_at("2024-08-02T00:00:01+02:00"):
        _assert_refused(leader_client, good, caplog, reason="expired", group_id=sent_group.pk)
    # Revoked: a new link was sent, the old one is closed.
    leader_link_resend(
        campaign=campaign, group_id=sent_group.pk, seen_sends=1, renew=True, actor=operator_user
    )
    _assert_refused(leader_client, good, caplog, reason="revoked", group_id=sent_group.pk)
    assert leader_client.get(_url(sent_group)).status_code == 200
    leader_link_revoke(campaign=campaign, group_id=sent_group.pk, actor=operator_user)
    _assert_refused(
        leader_client, _url(sent_group), caplog, reason="revoked", group_id=sent_group.pk
    )
    # Revoked links cannot confirm either.
    caplog.clear()
    assert leader_client.post(good + "recupere/").status_code == 404
    assert LeaderAccess.objects.get(group=sent_group).confirmed_at is None


def test_another_groups_link_opens_only_that_group_and_a_group_gone_answers_404(
    leader_client, sent_group, campaign, other_association, operator_user, caplog
):
    theirs = named_group(campaign, other_association, name="Les Voisins")
    theirs.holders.first().person.__class__.objects.filter(pk=theirs.leader_id).update(
        last_name="Voisin"
    )
    leaders_send(campaign=campaign, group_ids=[theirs.pk], actor=operator_user)
    html = leader_client.get(_url(theirs)).content.decode()
    assert "Les Voisins" in html and "VOISIN" in html
    assert "Les Aigles" not in html and "DURAND" not in html
    # A token signed for a group that no longer exists (its packs were given back).
    gone = _url(theirs)
    Group.objects.filter(pk=theirs.pk).delete()
    _assert_refused(leader_client, gone, caplog, reason="unknown", group_id=theirs.pk)
    # A link never sent (the signature is right, but no link was ever given for it).
    never = named_group(campaign, other_association, name="Jamais envoyé")
    _assert_refused(
        leader_client,
        f"/responsable/{token_for(group_id=never.pk, version=1)}/",
        caplog,
        reason="unknown",
        group_id=never.pk,
    )
