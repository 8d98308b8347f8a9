"""A run's four methods: the two expensive ones in two child processes at the same time, or one
after the other in the worker (one core, or processes that cannot start); the same results both
ways, and a time limit from the size of the run when nobody chose one."""

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from billetterie.allocation import compute
from billetterie.allocation.compute import run_execute
from billetterie.allocation.engine import validate_instance
from billetterie.allocation.engine.limits import eligible_pairs, time_limit_for
from billetterie.allocation.models import AllocationRun, RunAssignment, RunStatus
from billetterie.core.models import AuditEntry
from billetterie.offers.waves import wave_run_start
from billetterie.settings import env_seconds_or_auto
from tests import factories as f


@pytest.fixture
def scene(campaign, make_association):
    """Four associations of different sizes, packs in two cities: the rule and the proportional
    comparison give different answers, and both reach their gap target at once."""
    associations = []
    for n, (youth, supervisors, cities) in enumerate(
        [(9, 3, ("Paris",)), (6, 2, ("Lille", "Paris")), (20, 4, ("Paris",)), (3, 1, ("Lille",))]
    ):
        association = make_association(name=f"Association secrète {n}")
        f.application(
            campaign=campaign,
            association=association,
            youth=youth,
            supervisors=supervisors,
            cities=cities,
        )
        associations.append(association)
    for size, city in [(8, "Paris"), (4, "Paris"), (6, "Paris"), (2, "Paris"), (8, "Lille")]:
        f.pack(campaign=campaign, size=size, city=city)
    f.pack(campaign=campaign, size=4, city="Lille", day="2024-07-31")
    return {"campaign": campaign, "associations": associations}


def _labels(monkeypatch) -> list[str]:
    """The progress labels the run shows, in order."""
    shown: list[str] = []
    progress = compute._progress

    def record(run_id, percent, label):
        shown.append(label)
        progress(run_id, percent, label)

    monkeypatch.setattr(compute, "_progress", record)
    return shown


def _stored(run: AllocationRun) -> dict:
    """What a run keeps, without the seconds each comparison took (a clock reading)."""
    run.refresh_from_db()
    comparison = {
        method: {k: v for k, v in summary.items() if k != "seconds"}
        for method, summary in run.comparison.items()
    }
    assignments = sorted(RunAssignment.objects.filter(run=run).values_list("pack", "association"))
    return {
        "result": run.result,
        "comparison": comparison,
        "metrics": run.metrics,
        "assignments": assignments,
    }


def _again(run: AllocationRun) -> None:
    """Put a computed run back in the queue, as a retried task would find it."""
    AllocationRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED)


def test_in_parallel_and_in_turn_the_run_stores_the_same_results(
    scene, operator_user, monkeypatch, caplog
):
    run = wave_run_start(campaign=scene["campaign"], actor=operator_user, time_limit=10)
    monkeypatch.setattr(compute, "parallel_possible", lambda validated: True)
    labels = _labels(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="billetterie.allocation.compute"):
        run_execute(run_id=run.pk)
    assert not caplog.records  # the child processes did start
    assert any("en parallèle" in label for label in labels)
    parallel = _stored(run)
    assert run.status == RunStatus.READY
    # Stopped on the gap target, not by the clock: the engine's answer does not depend on timing.
    for method in ("nash", "proportional"):
        assert parallel["comparison"][method]["gap"] <= 1e-3, method
    assert not any(t["stopped_by_time_limit"] for t in parallel["result"]["objective"]["tiers"])
    assert all(run.comparison[m]["seconds"] is not None for m in ("greedy", "proportional"))
    # The two methods must differ here, or the test would not see a mix-up between them.
    assert parallel["comparison"]["nash"] != parallel["comparison"]["proportional"]

    _again(run)
    monkeypatch.setattr(compute, "parallel_possible", lambda validated: False)
    labels.clear()
    run_execute(run_id=run.pk)
    assert not any("en parallèle" in label for label in labels)
    assert _stored(run) == parallel
    assert set(parallel["comparison"]) == {"nash", "greedy", "proportional", "lottery"}
    assert AuditEntry.objects.filter(action="allocation.run_finished").count() == 2


class _NoProcesses:
    def __init__(self, *args, **kwargs):
        raise OSError("[Errno 11] Resource temporarily unavailable: Association secrète 0")


def test_when_processes_cannot_start_the_worker_computes_in_turn_and_says_so(
    scene, operator_user, monkeypatch, caplog
):
    run = wave_run_start(campaign=scene["campaign"], actor=operator_user, time_limit=10)
    monkeypatch.setattr(compute, "parallel_possible", lambda validated: False)
    run_execute(run_id=run.pk)
    in_turn = _stored(run)

    _again(run)
    monkeypatch.setattr(compute, "parallel_possible", lambda validated: True)
    monkeypatch.setattr(compute, "ProcessPoolExecutor", _NoProcesses)
    with caplog.at_level(logging.WARNING, logger="billetterie.allocation.compute"):
        run_execute(run_id=run.pk)
    assert _stored(run) == in_turn and run.status == RunStatus.READY
    [record] = caplog.records
    assert "one after the other" in record.getMessage() and "OSError" in record.getMessage()
    # No personal data in the log: not the exception's own words.
    assert "secrète" not in caplog.text


def test_with_one_core_no_process_is_started(scene, operator_user, monkeypatch):
    monkeypatch.setattr(compute, "PARALLEL_MIN_PAIRS", 0)
    monkeypatch.setattr(compute.os, "cpu_count", lambda: 1)
    monkeypatch.setattr(compute, "ProcessPoolExecutor", None)  # would fail if called
    run = wave_run_start(campaign=scene["campaign"], actor=operator_user, time_limit=10)
    run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.READY
    assert set(run.comparison) == {"nash", "greedy", "proportional", "lottery"}


def test_without_a_chosen_limit_the_run_stores_the_limit_of_its_size(scene, operator_user):
    run = wave_run_start(campaign=scene["campaign"], actor=operator_user)
    assert run.time_limit == time_limit_for(run.instance) == 3.0  # a small wave: a few seconds
    entry = AuditEntry.objects.get(action="allocation.run_started")
    assert entry.details["time_limit"] == 3.0 and entry.details["time_limit_auto"] is True
    chosen = wave_run_start(campaign=scene["campaign"], actor=operator_user, time_limit=42)
    assert chosen.time_limit == 42.0
    assert AuditEntry.objects.filter(details__time_limit_auto=False).count() == 1


def test_processes_are_for_two_cores_and_a_wave_large_enough_to_pay(
    scene, operator_user, monkeypatch
):
    run = wave_run_start(campaign=scene["campaign"], actor=operator_user, time_limit=10)
    validated = validate_instance(run.instance)
    monkeypatch.setattr(compute.os, "cpu_count", lambda: 2)
    assert eligible_pairs(validated) < compute.PARALLEL_MIN_PAIRS
    assert not compute.parallel_possible(validated)  # solved at once: processes would cost more
    monkeypatch.setattr(compute, "PARALLEL_MIN_PAIRS", eligible_pairs(validated))
    assert compute.parallel_possible(validated)
    monkeypatch.setattr(compute.os, "cpu_count", lambda: None)  # unknown: one core
    assert not compute.parallel_possible(validated)


@pytest.mark.parametrize(("setting", "stored"), [(None, 3.0), (7.0, 7.0)])
def test_the_back_office_uses_the_deployment_setting_or_the_size_of_the_wave(
    scene, operator_user, client, settings, setting, stored
):
    settings.ALLOCATION_TIME_LIMIT = setting
    client.force_login(operator_user)
    url = reverse("backoffice:runs", kwargs={"campaign_slug": scene["campaign"].slug})
    response = client.post(url, {"games": "", "wave": "", "scope": "all"})
    assert response.status_code == 302
    assert AllocationRun.objects.get().time_limit == stored


@pytest.mark.parametrize(
    ("value", "seconds"),
    [(None, None), ("", None), ("auto", None), (" Automatique ", None), ("90", 90.0), ("2.5", 2.5)],
)
def test_the_setting_reads_seconds_or_automatic(monkeypatch, value, seconds):
    if value is None:
        monkeypatch.delenv("ALLOCATION_TIME_LIMIT", raising=False)
    else:
        monkeypatch.setenv("ALLOCATION_TIME_LIMIT", value)
    assert env_seconds_or_auto("ALLOCATION_TIME_LIMIT") == seconds


@pytest.mark.parametrize("value", ["0", "-5", "soixante", "inf", "nan"])
def test_a_wrong_setting_is_refused_in_words(monkeypatch, value):
    monkeypatch.setenv("ALLOCATION_TIME_LIMIT", value)
    with pytest.raises(ImproperlyConfigured, match="ALLOCATION_TIME_LIMIT doit être un nombre"):
        env_seconds_or_auto("ALLOCATION_TIME_LIMIT")
