"""Retention: a name planted in every text a person can type is found nowhere after the purge.

Every free text of the campaign's flows gets the canary — people's names, a group's name, every
reason (derogation, refusal, name change, give-back, extension, correction, eligibility, a pack
moved by hand), an application's comment — and a letter is uploaded. After the purge, a dump of
every table, the uploaded files and the logs written meanwhile no longer hold it.
"""

import datetime as dt
import logging
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command

from billetterie.allocation.compute import run_execute
from billetterie.allocation.services import run_move_pack
from billetterie.attendees.models import Holder, PersonKind
from billetterie.attendees.services.derogations import derogation_decide, derogation_request
from billetterie.attendees.services.groups import group_create, group_name_holders
from billetterie.attendees.services.letters import letter_decide, letter_upload
from billetterie.attendees.services.name_changes import name_change_request
from billetterie.attendees.services.people import person_create
from billetterie.attendees.services.submissions import charter_acknowledge, nomination_submit
from billetterie.campaigns.models import Campaign
from billetterie.core import clock
from billetterie.inventory.models import Ticket
from billetterie.offers.models import Offer
from billetterie.offers.services import offer_extend, offer_give_back, offers_create
from billetterie.offers.waves import wave_run_start
from billetterie.requests.services import application_correct, application_set_eligibility
from tests import factories as f
from tests.attendees.permission_rows import png_bytes

CANARY = "Zorglubette"


def _person(campaign, association, actor, kind, last_name, **extra):
    return person_create(
        campaign=campaign,
        association=association,
        actor=actor,
        kind=kind,
        last_name=last_name,
        first_name=f"{CANARY}a",
        birth_date=dt.date(2011, 5, 4) if kind == PersonKind.YOUTH else None,
        mobile_phone=extra.get("mobile", ""),
        email=extra.get("email", ""),
    ).person


def _dump() -> str:
    models = [m for m in apps.get_models() if m._meta.app_label not in ("contenttypes",)]
    return "".join(serializers.serialize("json", m._default_manager.all()) for m in models)


def _files() -> bytes:
    root = Path(settings.MEDIA_ROOT)
    return (
        b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file()) if root.exists() else b""
    )


@pytest.mark.django_db
def test_a_canary_in_every_text_field_is_gone_after_the_purge(
    campaign,
    association,
    referent_user,
    operator_user,
    accept,
    caplog,
    django_capture_on_commit_callbacks,
):
    caplog.set_level(logging.DEBUG)
    actor = referent_user
    # The application: a comment, a correction, an eligibility decision, each with the canary.
    application = f.application(campaign=campaign, association=association)
    application_correct(
        application=application, actor=operator_user, reason=f"{CANARY} fiche", comment=CANARY
    )
    for eligible in (False, True):
        application_set_eligibility(
            application=application, eligible=eligible, reason=f"{CANARY} ok", actor=operator_user
        )
    # A pack moved by hand with a reason.
    free = f.pack(campaign=campaign, size=4)
    with django_capture_on_commit_callbacks(execute=False):
        run = wave_run_start(campaign=campaign, actor=operator_user, time_limit=5)
    run = run_execute(run_id=run.pk)
    run_move_pack(
        run=run, pack_id=free.pk, association_id=None, reason=f"{CANARY} déplacé", actor=actor
    )
    # Named attendees: people, a named group, a derogation refused, a letter refused.
    pack = accept(association, size=2)
    youth = _person(campaign, association, actor, PersonKind.YOUTH, CANARY)
    leader = _person(
        campaign, association, actor, PersonKind.SUPERVISOR, f"{CANARY}-Chef",
        mobile="06 12 34 56 78", email=f"{CANARY.lower()}@example.org",
    )  # fmt: skip
    group = group_create(
        campaign=campaign, association=association, pack_ids=[pack.pk], name=CANARY, actor=actor
    )
    tickets = list(Ticket.objects.filter(pack=pack).order_by("number"))
    group_name_holders(
        campaign=campaign,
        association=association,
        group_id=group.pk,
        assignments={tickets[0].pk: youth.pk, tickets[1].pk: leader.pk},
        leader_id=leader.pk,
        actor=actor,
    )
    derogation = derogation_request(
        campaign=campaign,
        association=association,
        group_id=group.pk,
        supervisors=2,
        reason=f"{CANARY} a besoin",
        actor=actor,
    )
    derogation_decide(
        campaign=campaign,
        derogation_id=derogation.pk,
        approve=False,
        reason=f"non pour {CANARY}",
        actor=operator_user,
    )
    with django_capture_on_commit_callbacks(execute=True):
        letter = letter_upload(
            campaign=campaign, association=association, content=png_bytes(), actor=actor
        )
    letter_decide(
        campaign=campaign,
        letter_id=letter.pk,
        approve=False,
        reason=f"signature de {CANARY}",
        actor=operator_user,
    )
    # After sending, a name change with a reason.
    charter_acknowledge(campaign=campaign, association=association, actor=actor)
    nomination_submit(
        campaign=campaign, association=association, games=pack.session.games, attested=True,
        actor=actor,
    )  # fmt: skip
    other = _person(campaign, association, actor, PersonKind.YOUTH, f"{CANARY}-Bis")
    name_change_request(
        campaign=campaign,
        association=association,
        holder_id=Holder.objects.get(person=youth).pk,
        new_person_id=other.pk,
        reason=f"{CANARY} est malade",
        actor=actor,
    )
    # Offers: a pack given back and an offer extended, each with a reason.
    given = accept(association, size=2)
    offer_give_back(
        offer_id=Offer.objects.get(pack=given).pk,
        association=association,
        actor=actor,
        reason=f"{CANARY} ne vient plus",
    )
    [pending] = offers_create(
        campaign=campaign, pairs=[(f.pack(campaign=campaign).pk, association.pk)], actor=None
    )
    offer_extend(
        offer_id=pending.pk,
        campaign=campaign,
        new_deadline=pending.expires_at + dt.timedelta(days=3),
        actor=operator_user,
        reason=f"{CANARY} en vacances",
    )
    assert CANARY in _dump() and _files()  # planted everywhere, and a file on disk

    Campaign.objects.filter(pk=campaign.pk).update(
        retention_until=clock.today() - dt.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_personal_data")

    dump = _dump()
    leftovers = [dump[max(0, i - 80) : i + 40] for i in _find_all(dump, CANARY)]
    assert leftovers == []
    assert CANARY.encode() not in _files()
    assert CANARY not in caplog.text


def _find_all(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found
