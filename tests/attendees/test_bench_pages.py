"""The web benchmark reads the real pages (bench/web/pages.py) and checks the allocation after the
load (bench/web/django_side.py): both are tested here, so that a template change or a broken check
cannot make `make bench-web` silently measure less, or pass what it must catch."""

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from billetterie.attendees.models import Holder
from billetterie.core import clock
from billetterie.inventory.models import Pack, PackStatus
from billetterie.offers.models import Offer
from tests import factories

WEB = Path(__file__).resolve().parents[2] / "bench" / "web"
sys.path.insert(0, str(WEB))

import django_side  # noqa: E402
from pages import GROUP_LINK, OFFER_BOX, OPTION, TICKET_SELECT  # noqa: E402

pytestmark = pytest.mark.django_db


def _offer_pending(pack, association):
    now = clock.now()
    Pack.objects.filter(pk=pack.pk).update(status=PackStatus.OFFERED)
    return Offer.objects.create(
        campaign=pack.campaign,
        pack=pack,
        association=association,
        sent_at=now - dt.timedelta(days=1),
        expires_at=now + dt.timedelta(days=6),
    )


def test_the_offers_page_shows_the_benchmark_each_pending_offer(
    campaign, association, other_association, referent_user, client
):
    mine = [_offer_pending(factories.pack(campaign=campaign, size=4), association) for _ in "ab"]
    _offer_pending(factories.pack(campaign=campaign, size=4), other_association)
    client.force_login(referent_user)
    html = client.get("/association/propositions/").content.decode()
    assert {int(k) for k in OFFER_BOX.findall(html)} == {o.pk for o in mine}


def test_the_people_and_group_pages_show_the_benchmark_groups_tickets_and_people(
    campaign, referent_user, accept, association, people, name_group, client
):
    pack = accept(association, size=4)
    persons = people(youth=3, supervisors=1)
    group, _ = name_group(pack, persons[:2])
    client.force_login(referent_user)
    base = f"/association/beneficiaires/{campaign.slug}/"
    assert GROUP_LINK.findall(client.get(base).content.decode()) == [f"{base}groupes/{group.pk}/"]
    html = client.get(f"{base}groupes/{group.pk}/").content.decode()
    selects = dict(TICKET_SELECT.findall(html))
    assert set(selects) == {f"billet-{t}" for t in pack.tickets.values_list("pk", flat=True)}
    offered = {int(v) for body in selects.values() for v, _ in OPTION.findall(body)}
    chosen = {int(v) for body in selects.values() for v, sel in OPTION.findall(body) if sel}
    assert offered == {p.pk for p in persons}
    assert chosen == {p.pk for p in persons[:2]}


def test_integrity_is_clean_then_catches_each_double_allocation(
    campaign, association, other_association, accept, people, name_group, tmp_path
):
    pack = accept(association, size=4)
    name_group(pack, people(youth=3, supervisors=1)[:3])
    pending = _offer_pending(factories.pack(campaign=campaign, size=4), other_association)
    out = tmp_path / "integrity.json"

    django_side.integrity(out)
    assert json.loads(out.read_text()) == {
        "packs_with_two_live_offers": 0,
        "packs_state_mismatch": 0,
        "holders_outside_accepted_packs": 0,
        "accepted_offers": 1,
        "holders": 3,
    }

    # Behind the services' back: the named pack handed to another association, and the offered
    # pack marked accepted with no accepted offer.
    Offer.objects.filter(pack=pack).update(association=other_association)
    Pack.objects.filter(pk=pending.pack_id).update(status=PackStatus.ACCEPTED)
    django_side.integrity(out)
    broken = json.loads(out.read_text())
    assert broken["holders_outside_accepted_packs"] == Holder.objects.count() == 3
    assert broken["packs_state_mismatch"] == 1
