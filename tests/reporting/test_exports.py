"""Exports of every list: row counts, scope, formula safety, jobs, downloads, audit, purge."""

import csv
import datetime as dt
import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from billetterie.allocation.models import AllocationRun, RunAssignment
from billetterie.attendees.models import (
    CommitmentLetter,
    Derogation,
    Group,
    Holder,
    NameChange,
    Submission,
)
from billetterie.contest.models import Participation, PrestigeAward
from billetterie.core import clock, hooks
from billetterie.core.models import AuditEntry
from billetterie.core.usecase import use_case
from billetterie.delivery.models import AttendanceReport, TicketLink
from billetterie.inventory.models import Pack
from billetterie.offers.models import Offer
from billetterie.reporting import build as build_module
from billetterie.reporting.build import export_job_run
from billetterie.reporting.exports import (
    LIST_KINDS,
    ExportScopeError,
    export_count,
    export_rows,
    kinds_for,
)
from billetterie.reporting.jobs import export_job_file, export_job_request
from billetterie.reporting.models import ExportJob, ExportStatus
from billetterie.reporting.purge import exports_periodic
from billetterie.requests.models import Application
from tests import factories
from tests.reporting.world import FORMULA, build

MODELS = {
    "applications": lambda c: Application.objects.filter(campaign=c),
    "runs": lambda c: AllocationRun.objects.filter(campaign=c),
    "assignments": lambda c: RunAssignment.objects.filter(run__campaign=c),
    "offers": lambda c: Offer.objects.filter(campaign=c),
    "packs": lambda c: Pack.objects.filter(campaign=c),
    "holders": lambda c: Holder.objects.filter(campaign=c),
    "letters": lambda c: CommitmentLetter.objects.filter(campaign=c),
    "derogations": lambda c: Derogation.objects.filter(campaign=c),
    "name_changes": lambda c: NameChange.objects.filter(campaign=c),
    "attendance": lambda c: AttendanceReport.objects.filter(campaign=c),
    "links": lambda c: TicketLink.objects.filter(campaign=c),
    "contest": lambda c: Participation.objects.filter(campaign=c),
    "audit": lambda c: AuditEntry.objects.filter(campaign_id=c.pk),
    "groups": lambda c: Group.objects.filter(campaign=c),
    "submissions": lambda c: Submission.objects.filter(campaign=c),
    "prestige_awards": lambda c: PrestigeAward.objects.filter(campaign=c),
}


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(campaign, association, other_association, referent_user, other_referent_user):
    return build(campaign, association, other_association, referent_user, other_referent_user)


def _model_count(kind, campaign):
    return MODELS[kind](campaign).count()


def _run(job):
    export_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def _csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _xlsx_rows(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_every_kind_is_tested():
    assert set(MODELS) == set(LIST_KINDS)


@pytest.mark.parametrize("kind", sorted(LIST_KINDS))
def test_each_export_has_one_row_per_model_row(world, campaign, operator_user, kind):
    expected = _model_count(kind, campaign)
    assert expected > 0, f"the world has no {kind}"
    rows = list(export_rows(kind, campaign))
    assert len(rows) == expected == export_count(kind, campaign)
    assert all(len(r) == len(LIST_KINDS[kind].headers) for r in rows)
    for file_format, read in (("csv", _csv_rows), ("xlsx", _xlsx_rows)):
        job = export_job_request(
            campaign=campaign, kind=kind, file_format=file_format, actor=operator_user
        )
        # The request is itself audited: the audit log has one more row when the job runs.
        expected = _model_count(kind, campaign)
        _run(job)
        assert job.status == ExportStatus.DONE
        assert job.rows_done == job.rows_total == expected
        content = export_job_file(job=job, actor=operator_user).content
        table = read(content)
        assert table[0] == LIST_KINDS[kind].headers
        assert len(table) - 1 == expected


@pytest.mark.parametrize("kind", [k.code for k in kinds_for(association=object())])
def test_a_referents_export_never_holds_another_associations_rows(
    world, campaign, association, other_association, referent_user, kind
):
    job = _run(
        export_job_request(
            campaign=campaign,
            kind=kind,
            file_format="csv",
            actor=referent_user,
            association=association,
        )
    )
    text = export_job_file(job=job, actor=referent_user).content.decode("utf-8-sig")
    assert association.name in text
    assert other_association.name not in text
    assert other_association.identifier not in text
    own = MODELS[kind](campaign).filter(association=association).count()
    assert job.rows_done == own == export_count(kind, campaign, association) > 0
    assert own < MODELS[kind](campaign).count()


@pytest.mark.parametrize("kind", ["audit", "runs", "assignments", "packs", "links", "contest"])
def test_a_referent_cannot_ask_the_operators_lists(campaign, association, referent_user, kind):
    with pytest.raises(ValidationError, match="équipe de l'opérateur"):
        export_job_request(
            campaign=campaign,
            kind=kind,
            file_format="csv",
            actor=referent_user,
            association=association,
        )
    with pytest.raises(ExportScopeError):
        list(export_rows(kind, campaign, association=association))
    assert not ExportJob.objects.exists()


def test_unknown_kind_format_or_filter_is_refused(campaign, operator_user):
    with pytest.raises(ValidationError, match="n'existe pas"):
        export_job_request(campaign=campaign, kind="users", file_format="csv", actor=operator_user)
    with pytest.raises(ValidationError, match="format"):
        export_job_request(campaign=campaign, kind="packs", file_format="ods", actor=operator_user)
    with pytest.raises(ExportScopeError, match="couleur"):
        export_count("packs", campaign, filters={"couleur": "rouge"})


def test_filters_count_what_they_name(world, campaign):
    for status in ("accepted", "pending", "declined"):
        want = Offer.objects.filter(campaign=campaign, status=status).count()
        assert export_count("offers", campaign, filters={"status": status}) == want
        assert len(list(export_rows("offers", campaign, filters={"status": status}))) == want
    assert export_count("offers", campaign, filters={"status": "accepted"}) == 2
    paris = Pack.objects.filter(campaign=campaign, session__venue__host_city__name="Paris").count()
    assert export_count("packs", campaign, filters={"host_city": "Paris"}) == paris
    assert export_count("packs", campaign, filters={"games": "OG"}) == 2


def test_a_holder_named_like_a_formula_stays_text(world, campaign, operator_user):
    xlsx = _run(
        export_job_request(
            campaign=campaign, kind="holders", file_format="xlsx", actor=operator_user
        )
    )
    sheet = load_workbook(io.BytesIO(export_job_file(job=xlsx, actor=operator_user).content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == FORMULA]
    assert len(cells) == 1
    assert cells[0].data_type == "s"  # a text cell, exactly as entered, never a formula
    assert cells[0].quotePrefix
    csv_job = _run(
        export_job_request(
            campaign=campaign, kind="holders", file_format="csv", actor=operator_user
        )
    )
    rows = _csv_rows(export_job_file(job=csv_job, actor=operator_user).content)
    values = [v for row in rows for v in row]
    assert "'" + FORMULA in values
    assert FORMULA not in values


def test_links_export_never_holds_the_urls(world, campaign, operator_user):
    job = _run(
        export_job_request(campaign=campaign, kind="links", file_format="csv", actor=operator_user)
    )
    text = export_job_file(job=job, actor=operator_user).content.decode("utf-8-sig")
    assert "https://" not in text and "secret" not in text
    assert job.rows_done == 2


def test_export_is_audited_without_its_content(world, campaign, association, referent_user):
    job = _run(
        export_job_request(
            campaign=campaign,
            kind="holders",
            file_format="xlsx",
            actor=referent_user,
            association=association,
        )
    )
    export_job_file(job=job, actor=referent_user)
    entries = AuditEntry.objects.filter(subject_type="reporting.exportjob", subject_id=str(job.pk))
    by_action = {e.action: e for e in entries}
    assert set(by_action) == {
        "reporting.export_requested",
        "reporting.export_built",
        "reporting.export_downloaded",
    }
    assert by_action["reporting.export_requested"].details == {
        "kind": "Bénéficiaires",
        "format": "Excel (.xlsx)",
        "association": association.name,
    }
    assert by_action["reporting.export_downloaded"].details["rows"] == job.rows_done == 4
    assert all(e.association_id == association.pk for e in entries)
    assert all(e.actor == referent_user for e in entries)
    names = set(Holder.objects.filter(association=association).values_list("person__first_name"))
    for entry in entries:
        for (first_name,) in names:
            assert first_name not in str(entry.details)


def test_the_job_runs_after_commit_and_a_second_run_changes_nothing(
    world, campaign, operator_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_request(
            campaign=campaign, kind="offers", file_format="csv", actor=operator_user
        )
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.rows_done == 2
    name = job.file.name
    export_job_run(job_id=job.pk)  # the worker delivering the task twice
    job.refresh_from_db()
    assert job.file.name == name
    assert AuditEntry.objects.filter(action="reporting.export_built").count() == 1


def test_progress_is_written_while_the_file_is_built(campaign, operator_user, monkeypatch):
    """Every CHUNK rows, rows_done is saved: the page reads it from another request."""
    for i in range(7):
        factories.pack(campaign=campaign, reference=f"LOT-{i:03d}")
    monkeypatch.setattr(build_module, "CHUNK", 3)
    seen = []
    job = export_job_request(
        campaign=campaign, kind="packs", file_format="xlsx", actor=operator_user
    )
    real = build_module.export_rows

    def watching(*args, **kwargs):
        for row in real(*args, **kwargs):
            seen.append(ExportJob.objects.get(pk=job.pk).rows_done)
            yield row

    monkeypatch.setattr(build_module, "export_rows", watching)
    _run(job)
    assert seen == [0, 0, 0, 3, 3, 3, 6]
    job.refresh_from_db()
    assert (job.rows_done, job.rows_total) == (7, 7)


def test_old_exports_are_deleted_with_their_files(
    world, campaign, operator_user, django_capture_on_commit_callbacks
):
    with clock.frozen_at("2024-04-02 10:00"):
        old = _run(
            export_job_request(
                campaign=campaign, kind="packs", file_format="csv", actor=operator_user
            )
        )
    with clock.frozen_at("2024-04-08 10:00"):
        recent = _run(
            export_job_request(
                campaign=campaign, kind="packs", file_format="csv", actor=operator_user
            )
        )
    old_path, recent_path = old.file.path, recent.file.path
    with django_capture_on_commit_callbacks(execute=True):
        done = exports_periodic(now=clock.parse_instant("2024-04-10 09:00"))
    assert [(d.key, d.count) for d in done] == [("exports_deleted", 1)]
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not os.path.exists(old_path) and os.path.exists(recent_path)
    assert AuditEntry.objects.get(action="reporting.exports_expired").details == {"count": 1}


def test_the_retention_purge_deletes_every_export_of_the_campaign(
    world, campaign, operator_user, django_capture_on_commit_callbacks
):
    job = _run(
        export_job_request(
            campaign=campaign, kind="holders", file_format="csv", actor=operator_user
        )
    )
    assert any(hooks.personal_data_held.fire(campaign=campaign))
    path = job.file.path
    with django_capture_on_commit_callbacks(execute=True), use_case():
        results = hooks.personal_data_purge.fire(campaign=campaign, now=clock.now())
    assert {"exports": 1} in results
    assert not ExportJob.objects.exists()
    assert not os.path.exists(path)


# --- pages ---------------------------------------------------------------------------------------


def test_backoffice_page_asks_an_export_and_offers_its_file(
    client, world, campaign, operator_user, django_capture_on_commit_callbacks
):
    client.force_login(operator_user)
    url = reverse("backoffice:exports", kwargs={"campaign_slug": campaign.slug})
    page = client.get(url).content.decode()
    assert "Exporter en Excel (2 lignes)" in page  # offers, runs… each with its count
    assert 'http-equiv="refresh"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"kind": "offers", "file_format": "xlsx"})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    page = client.get(url).content.decode()
    assert "Télécharger l'export n° " + str(job.pk) in page
    download = client.get(
        reverse("backoffice:export_file", kwargs={"campaign_slug": campaign.slug, "job_id": job.pk})
    )
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    assert download["Content-Disposition"].startswith('attachment; filename="propositions-')
    assert len(_xlsx_rows(download.content)) == 3


def test_a_running_job_refreshes_the_page_and_shows_its_progress(client, campaign, operator_user):
    client.force_login(operator_user)
    ExportJob.objects.create(
        campaign=campaign,
        kind="holders",
        file_format="csv",
        status=ExportStatus.RUNNING,
        rows_done=3200,
        rows_total=12000,
        requested_by=operator_user,
        requested_at=clock.now(),
    )
    page = client.get(
        reverse("backoffice:exports", kwargs={"campaign_slug": campaign.slug})
    ).content.decode()
    # Without JavaScript the page reloads itself; with it, only the section is fetched again.
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert 'data-refresh-section="3000"' in page
    assert "3200 lignes sur 12000" in page or "3 200 lignes sur 12 000" in page


def test_portal_page_offers_only_the_associations_lists(
    client, world, campaign, referent_user, other_referent_user, django_capture_on_commit_callbacks
):
    client.force_login(referent_user)
    url = reverse("portal:exports", kwargs={"campaign_slug": campaign.slug})
    page = client.get(url).content.decode()
    for kind in LIST_KINDS.values():
        assert (f'value="{kind.code}"' in page) == kind.referent
    response = client.post(url, {"kind": "audit", "file_format": "csv"})
    assert response.status_code == 302 and not ExportJob.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"kind": "holders", "file_format": "csv"})
    job = ExportJob.objects.get()
    assert job.association == referent_user.association
    file_url = reverse(
        "portal:export_file", kwargs={"campaign_slug": campaign.slug, "job_id": job.pk}
    )
    assert client.get(file_url).status_code == 200
    client.force_login(other_referent_user)
    assert client.get(file_url).status_code == 404  # another association's export


def test_portal_export_link_on_the_lists(client, world, campaign, referent_user):
    client.force_login(referent_user)
    exports = reverse("portal:exports", kwargs={"campaign_slug": campaign.slug})
    page = client.get(
        reverse("portal:attendees_campaign", kwargs={"campaign_slug": campaign.slug})
    ).content.decode()
    assert exports in page
    assert reverse("portal:exports_index") in client.get(reverse("portal:offers")).content.decode()


def test_datetimes_are_local(world, campaign):
    (row,) = list(export_rows("runs", campaign))
    launched = row[7]
    assert launched.tzinfo is None
    assert isinstance(launched, dt.datetime)
