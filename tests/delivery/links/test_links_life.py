"""The life of a link: a group's links (a ticket's own, else its pack's), replaced or withdrawn by
the operator, withdrawn when a name change is approved and when the pack is given back."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from billetterie.attendees.models import Holder
from billetterie.attendees.services.name_changes import name_change_decide, name_change_request
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.delivery.leaders import group_deliveries, leader_page
from billetterie.delivery.links import group_links, link_replace, link_withdraw
from billetterie.delivery.models import LeaderAccess, LinkStatus, TicketLink
from billetterie.delivery.purge import delivery_personal_data_held, delivery_personal_data_purge
from billetterie.imports.links import links_import
from billetterie.offers.models import Offer
from billetterie.offers.services import offer_give_back

from .conftest import xlsx

pytestmark = pytest.mark.django_db
HEADER = ("Lot", "Billet", "Lien")
PACK_URL = "https://billetterie.example.org/lot/A"


def _import(campaign, rows, **kwargs):
    content = xlsx([HEADER, *rows])
    result = links_import(
        campaign=campaign, file=SimpleUploadedFile("l.xlsx", content), actor=None, **kwargs
    )
    assert result.ok, result.errors
    return result


@pytest.fixture
def sent_group(campaign, association, referent_user, accept, people, name_group, send_names):
    """A pack of 8 named (6 youth, 2 supervisors), names sent; then links for it (a pack link and
    ticket 1's own link) a day later."""
    pack = accept(association, size=8, reference="LOT-A")
    persons = people(6, 2)
    group, found = name_group(pack, persons, leader=persons[6])
    assert found == []
    send_names()
    with clock.frozen_at("2024-06-11"):
        _import(
            campaign,
            [("LOT-A", None, PACK_URL), ("LOT-A", 1, "https://billetterie.example.org/billet/1")],
        )
    return pack, group


def _name(number):
    return Holder.objects.get(ticket__number=number).person.display_name


def _urls(group):
    return {d.number: (d.url, d.source) for d in group_links(group=group)}


def _change(campaign, association, referent_user, operator_user, people, number, prefix):
    holder = Holder.objects.get(ticket__pack__reference="LOT-A", ticket__number=number)
    replacement = people(1, 0, prefix=prefix)[0]
    change = name_change_request(
        campaign=campaign,
        association=association,
        holder_id=holder.pk,
        new_person_id=replacement.pk,
        reason="Enfant malade",
        actor=referent_user,
    )
    name_change_decide(
        campaign=campaign, name_change_id=change.pk, approve=True, reason="", actor=operator_user
    )


def test_a_group_gets_each_ticket_its_own_link_else_the_pack_link(sent_group):
    _pack, group = sent_group
    urls = _urls(group)
    assert urls[1] == ("https://billetterie.example.org/billet/1", "ticket")
    assert {urls[n] for n in range(2, 9)} == {(PACK_URL, "pack")}


def test_an_approved_name_change_withdraws_the_ticket_link(
    campaign, association, referent_user, operator_user, people, sent_group
):
    _pack, group = sent_group
    with clock.frozen_at("2024-06-12"):
        _change(campaign, association, referent_user, operator_user, people, 1, "R")
    link = TicketLink.objects.get(ticket__number=1)
    assert link.status == LinkStatus.WITHDRAWN
    assert "Réattribution" in link.withdrawn_reason
    urls = _urls(group)
    # The pack's link carries the former holder's ticket: not offered for ticket 1 any more.
    assert urls[1] == ("", "changed")
    assert {urls[n] for n in range(2, 9)} == {(PACK_URL, "pack")}
    entry = AuditEntry.objects.get(action="delivery.link_withdrawn_name_change")
    assert entry.details == {
        "pack": "LOT-A",
        "ticket": 1,
        "links_withdrawn": 1,
        "pack_link_kept": True,
    }
    assert entry.actor == operator_user
    # The ticket office sends the new ticket's link: the ticket has a link again.
    with clock.frozen_at("2024-06-13"):
        _import(campaign, [("LOT-A", 1, "https://billetterie.example.org/billet/1-bis")])
    assert _urls(group)[1] == ("https://billetterie.example.org/billet/1-bis", "ticket")


def test_a_name_change_on_a_ticket_covered_by_the_pack_link_only(
    campaign, association, referent_user, operator_user, people, sent_group
):
    _pack, group = sent_group
    with clock.frozen_at("2024-06-12"):
        _change(campaign, association, referent_user, operator_user, people, 2, "R")
    assert TicketLink.objects.get(ticket__isnull=True).status == LinkStatus.ACTIVE
    assert _urls(group)[2] == ("", "changed")
    assert _urls(group)[3] == (PACK_URL, "pack")
    entry = AuditEntry.objects.get(action="delivery.link_withdrawn_name_change")
    assert entry.details["links_withdrawn"] == 0 and entry.details["pack_link_kept"] is True
    # The leader's page no longer offers the pack's link for ticket 2, and says a new one comes;
    # the group no longer counts as having all its links.
    access = LeaderAccess(campaign=campaign, group=group, version=1)
    page = leader_page(access)
    labels = {link.label: link.url for link in page.links}
    assert labels["Lot LOT-A, billets n° 3, 4, 5, 6, 7, 8"] == PACK_URL
    assert (
        labels["Lot LOT-A, billet n° 1 — " + _name(1)] == "https://billetterie.example.org/billet/1"
    )
    assert page.pending == ["Lot LOT-A, billet n° 2 — " + _name(2)]
    [row] = group_deliveries(campaign=campaign, group_ids=[group.pk])
    assert row.packs_with_links == 0


def test_a_refused_name_change_withdraws_nothing(
    campaign, association, referent_user, operator_user, people, sent_group
):
    holder = Holder.objects.get(ticket__pack__reference="LOT-A", ticket__number=1)
    change = name_change_request(
        campaign=campaign,
        association=association,
        holder_id=holder.pk,
        new_person_id=people(1, 0, prefix="R")[0].pk,
        reason="Enfant malade",
        actor=referent_user,
    )
    name_change_decide(
        campaign=campaign,
        name_change_id=change.pk,
        approve=False,
        reason="Non",
        actor=operator_user,
    )
    assert TicketLink.objects.filter(status=LinkStatus.ACTIVE).count() == 2


def test_a_pack_given_back_loses_all_its_links(campaign, association, referent_user, accept):
    pack = accept(association, size=3, reference="LOT-R")
    _import(
        campaign,
        [("LOT-R", None, "https://ok.example.org/r"), ("LOT-R", 2, "https://ok.example.org/r2")],
    )
    offer_give_back(
        offer_id=Offer.objects.get(pack=pack).pk,
        association=association,
        actor=referent_user,
        reason="Séjour annulé",
    )
    assert set(TicketLink.objects.values_list("status", "withdrawn_reason")) == {
        ("withdrawn", "Lot rendu par l'association.")
    }
    entry = AuditEntry.objects.get(action="delivery.links_withdrawn_pack_left")
    assert entry.details == {"pack": "LOT-R", "links_withdrawn": 2}
    assert entry.actor == referent_user


def test_the_operator_replaces_then_withdraws_a_link(campaign, association, operator_user, accept):
    accept(association, size=2, reference="LOT-O")
    _import(campaign, [("LOT-O", 2, "https://ok.example.org/o2")])
    link = TicketLink.objects.get()
    with pytest.raises(ValidationError, match="https://"):
        link_replace(campaign=campaign, link_id=link.pk, url="http://ok.example.org", actor=None)
    with pytest.raises(ValidationError, match="déjà le lien"):
        link_replace(campaign=campaign, link_id=link.pk, url=link.url, actor=operator_user)
    new = link_replace(
        campaign=campaign,
        link_id=link.pk,
        url="https://ok.example.org/o2-bis",
        actor=operator_user,
        reason="Billet réémis",
    )
    link.refresh_from_db()
    assert (link.status, new.status, new.url) == (
        "replaced",
        "active",
        "https://ok.example.org/o2-bis",
    )
    with pytest.raises(ValidationError, match="plus actif"):
        link_withdraw(campaign=campaign, link_id=link.pk, reason="x", actor=operator_user)
    with pytest.raises(ValidationError):
        link_withdraw(campaign=campaign, link_id=new.pk, reason="  ", actor=operator_user)
    link_withdraw(campaign=campaign, link_id=new.pk, reason="Lien erroné", actor=operator_user)
    new.refresh_from_db()
    assert (new.status, new.withdrawn_reason) == ("withdrawn", "Lien erroné")
    entries = AuditEntry.objects.filter(action__startswith="delivery.").order_by("pk")
    assert [(e.action, e.details) for e in entries] == [
        (
            "delivery.link_replaced",
            {
                "link": new.pk,
                "pack": "LOT-O",
                "ticket": 2,
                "replaced": link.pk,
                "reason": "Billet réémis",
            },
        ),
        (
            "delivery.link_withdrawn",
            {"link": new.pk, "pack": "LOT-O", "ticket": 2, "reason": "Lien erroné"},
        ),
    ]
    assert "ok.example.org" not in str([e.details for e in entries])


def test_a_link_of_another_campaign_is_not_found(campaign, association, accept):
    from billetterie.campaigns.services import campaign_create

    accept(association, size=2, reference="LOT-X")
    _import(campaign, [("LOT-X", None, "https://ok.example.org/x")])
    other = campaign_create(slug="autre", name="Autre", operator_name="Autre opérateur")
    link = TicketLink.objects.get()
    with pytest.raises(TicketLink.DoesNotExist):
        link_withdraw(campaign=other, link_id=link.pk, reason="x", actor=None)
    assert TicketLink.objects.get().status == LinkStatus.ACTIVE


def test_the_retention_purge_blanks_the_links_and_the_reasons(
    campaign, association, referent_user, accept, django_capture_on_commit_callbacks
):
    pack = accept(association, size=3, reference="LOT-P")
    _import(campaign, [("LOT-P", None, "https://ok.example.org/p")])
    link = TicketLink.objects.get()
    link_withdraw(
        campaign=campaign,
        link_id=link.pk,
        reason="Lien envoyé à Léa par erreur",
        actor=referent_user,
    )
    assert delivery_personal_data_held(campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        counts = delivery_personal_data_purge(campaign=campaign, now=clock.now())
    assert counts["download_links"] == 1
    link.refresh_from_db()
    assert (link.url, link.withdrawn_reason, link.pack_id) == ("", "", pack.pk)
    assert not delivery_personal_data_held(campaign=campaign)
