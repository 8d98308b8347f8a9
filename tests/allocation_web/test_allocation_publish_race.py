"""Two operators publish two runs over the same pool at the same moment (PostgreSQL, real threads)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from billetterie.allocation.compute import run_execute
from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import Pack, PackStatus
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.waves import wave_publish, wave_run_start
from tests import factories as f

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_runs_published_at_once_offer_each_pack_once(
    campaign, association, other_association, operator_user
):
    f.application(
        campaign=campaign, association=association, youth=30, supervisors=10, cities=("Paris",)
    )
    f.application(
        campaign=campaign,
        association=other_association,
        youth=30,
        supervisors=10,
        cities=("Paris",),
    )
    packs = [f.pack(campaign=campaign, size=8) for _ in range(8)]
    runs = []
    for _ in range(2):
        run = wave_run_start(campaign=campaign, actor=operator_user, time_limit=10)
        runs.append(run_execute(run_id=run.pk))
    assert all(r.status == RunStatus.READY for r in runs)

    barrier = threading.Barrier(2)
    outcomes, unexpected = [None, None], []

    def publish(i):
        try:
            barrier.wait(timeout=30)
            outcomes[i] = wave_publish(run=runs[i], actor=operator_user)
        except ValidationError as exc:
            outcomes[i] = exc
        except Exception as exc:  # would reach the operator as an error page
            unexpected.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not unexpected
    published = [o for o in outcomes if isinstance(o, list)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(published) == 1 and len(refused) == 1
    assert "plus disponible" in " ".join(refused[0].messages)  # one pack or many
    # Every pack: exactly one live offer, pack offered; one run published, the other still to review.
    for pack in Pack.objects.filter(pk__in=[p.pk for p in packs]):
        live = Offer.objects.filter(
            pack=pack, status__in=[OfferStatus.PENDING, OfferStatus.ACCEPTED]
        )
        assert live.count() == 1 and pack.status == PackStatus.OFFERED
    statuses = sorted(AllocationRun.objects.values_list("status", flat=True))
    assert statuses == [RunStatus.PUBLISHED, RunStatus.READY]
    assert AuditEntry.objects.filter(action="allocation.published").count() == 1
    assert (
        AuditEntry.objects.filter(action="offer.created").count()
        == Offer.objects.count()
        == len(packs)
    )


def test_two_workers_taking_the_same_run_compute_it_once(campaign, association, operator_user):
    f.application(
        campaign=campaign, association=association, youth=9, supervisors=3, cities=("Paris",)
    )
    f.pack(campaign=campaign, size=8)
    run = wave_run_start(campaign=campaign, actor=operator_user, time_limit=10)
    barrier, errors = threading.Barrier(2), []

    def work():
        try:
            barrier.wait(timeout=30)
            run_execute(run_id=run.pk)
        except Exception as exc:  # noqa: BLE001 - any error is a failure of the test
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert AllocationRun.objects.get(pk=run.pk).status == RunStatus.READY
    assert AuditEntry.objects.filter(action="allocation.run_finished").count() == 1
