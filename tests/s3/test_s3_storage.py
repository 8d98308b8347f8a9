"""The platform's real flows with its files on S3-compatible object storage (a moto server on
loopback): each file lands in the bucket as a private object, is read back through the platform's
own pages, is deleted by the purges, and nothing is ever written under MEDIA_ROOT (the `s3`
fixture checks that folder after each test)."""

import datetime as dt
import io
import re

import pytest
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfWriter

from billetterie import settings as base_settings
from billetterie.attendees.models import CommitmentLetter, Holder
from billetterie.campaigns.retention import campaign_purge
from billetterie.contest.models import Entry
from billetterie.core import clock, pending_uploads
from billetterie.core.files import files_on_local_disk, storage_folder_delete, storage_walk
from billetterie.imports.attendees_sheet import attendees_workbook
from billetterie.reporting.models import ExportJob, ExportStatus
from billetterie.settings import s3_storage
from tests.contest.audio_samples import wav_bytes

pytestmark = pytest.mark.django_db
SPRING = "2024-04-02T10:30:00+02:00"
IN_WINDOW = "2024-03-25T10:00:00+01:00"


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _upload(name: str, content: bytes):
    file = io.BytesIO(content)
    file.name = name
    return file


@pytest.fixture
def referent(client, referent_user):
    client.force_login(referent_user)
    return client


def test_the_settings_choose_object_storage_only_with_a_bucket(s3):
    assert base_settings.DEFAULT_STORAGE["BACKEND"].endswith("FileSystemStorage")  # no S3_BUCKET
    options = s3_storage({"S3_BUCKET": " seau ", "S3_ACL": ""})["OPTIONS"]
    assert options["bucket_name"] == "seau" and options["default_acl"] is None
    assert options["access_key"] is None  # boto3's own chain
    assert not files_on_local_disk()
    storage = storages["default"]
    assert type(storage).__name__ == "S3Storage"
    assert storage.default_acl == "private" and not storage.file_overwrite
    assert storage.querystring_auth and storage.custom_domain is None


def test_an_export_built_by_the_worker_task_is_an_object_downloaded_through_its_page(
    s3, referent, campaign, association, django_capture_on_commit_callbacks
):
    url = reverse("portal:exports", kwargs={"campaign_slug": campaign.slug})
    with django_capture_on_commit_callbacks(execute=True):  # the task runs after commit
        assert referent.post(url, {"kind": "offers", "file_format": "csv"}).status_code == 302
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.DONE
    assert s3.keys() == [job.file.name]
    assert job.file.name.startswith(f"private/reporting/{campaign.pk}/")
    acl = s3.client.get_object_acl(Bucket=s3.name, Key=job.file.name)
    assert [g["Permission"] for g in acl["Grants"]] == ["FULL_CONTROL"]  # the owner only
    download = referent.get(
        reverse("portal:export_file", kwargs={"campaign_slug": campaign.slug, "job_id": job.pk})
    )
    assert download.status_code == 200
    assert download.content == s3.read(job.file.name)
    assert download.content.decode("utf-8-sig").startswith('"Lot";"Jeux"')
    assert download["Cache-Control"] == "private, no-store"


def test_a_signed_letter_is_an_object_read_back_by_the_referent_and_the_operator(
    s3, referent, client, campaign, association, accept, operator_user, other_referent_user
):
    accept(association, size=4)
    content = _pdf()
    page = reverse("portal:attendees_letter", kwargs={"campaign_slug": campaign.slug})
    with clock.frozen_at(SPRING):
        assert referent.post(page, {"file": _upload("courrier.pdf", content)}).status_code == 302
    letter = CommitmentLetter.objects.get()
    assert s3.keys() == [letter.file.name]
    assert letter.file.name.startswith(f"private/letters/{campaign.pk}/{association.pk}/")
    assert s3.read(letter.file.name) == content
    path = f"/association/beneficiaires/{campaign.slug}/courrier/{letter.pk}/fichier/"
    with clock.frozen_at(SPRING):
        mine = referent.get(path)
        assert mine.status_code == 200 and mine.content == content
        assert mine["Content-Type"] == "application/pdf"
        client.force_login(other_referent_user)
        assert client.get(path).status_code == 404
        client.force_login(operator_user)
        seen = client.get(
            f"/gestion/campagnes/{campaign.slug}/beneficiaires/courriers/{letter.pk}/fichier/"
        )
    assert seen.status_code == 200 and seen.content == content


def test_a_contest_entry_is_an_object_played_from_the_bucket_then_purged(
    s3, referent, campaign, association, django_capture_on_commit_callbacks
):
    campaign.contest_confirmation_deadline = dt.date(2024, 4, 1)
    campaign.contest_opens_on = dt.date(2024, 3, 19)
    campaign.contest_closes_on = dt.date(2024, 4, 9)
    campaign.save()
    audio = wav_bytes(2.0)
    slug = {"campaign_slug": campaign.slug}
    with clock.frozen_at("2024-03-15T10:00:00+01:00"):
        referent.post(reverse("portal:contest", kwargs=slug), {"group_size": 12})
    with clock.frozen_at(IN_WINDOW):
        sent = referent.post(
            reverse("portal:contest_entry", kwargs=slug),
            {"file": _upload("voix.wav", audio), "consent": "on"},
        )
    assert sent.status_code == 302
    entry = Entry.objects.get()
    assert s3.keys() == [entry.file.name]
    assert entry.file.name.startswith(f"private/contest/{campaign.pk}/entries/")
    assert s3.read(entry.file.name) == audio
    listen = reverse("portal:contest_entry_audio", kwargs={**slug, "entry_id": entry.pk})
    with clock.frozen_at(IN_WINDOW):
        whole = referent.get(listen)
        part = referent.get(listen, headers={"Range": "bytes=0-99"})
    assert whole.status_code == 200 and b"".join(whole.streaming_content) == audio
    assert part.status_code == 206 and b"".join(part.streaming_content) == audio[:100]
    # An orphan of the campaign's folder (a file whose row is gone) goes with the purge too.
    default_storage.save(f"private/contest/{campaign.pk}/entries/orphelin", io.BytesIO(b"x"))
    with django_capture_on_commit_callbacks(execute=True):
        done = campaign_purge(campaign=campaign)
    assert done["contest_entries"] == 1
    assert s3.keys() == []
    entry.refresh_from_db()
    assert not entry.file and entry.file_deleted_at is not None


def test_the_pending_upload_waits_in_the_bucket_and_is_confirmed_from_there(
    s3, settings, referent, campaign, association, accept, people, name_group, referent_user
):
    pack = accept(association, size=6)
    with clock.frozen_at("2024-04-02 09:00"):
        old_table = attendees_workbook(campaign=campaign, association=association)
    persons = people(4, 2)
    with clock.frozen_at("2024-04-02 10:00"):
        name_group(pack, persons, leader=persons[-1])
    url = reverse("portal:attendees_import", kwargs={"campaign_slug": campaign.slug})
    with clock.frozen_at(SPRING):
        page = referent.post(url, {"file": _upload("beneficiaires.xlsx", old_table)})
    html = page.content.decode()
    assert "effacerait 6 noms déjà donnés" in html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    assert s3.keys() == [f"private/pending/{token}.bin", f"private/pending/{token}.json"]
    assert s3.read(f"private/pending/{token}.bin") == old_table
    # The storage is built anew (setting_changed empties Django's storages), as on another web
    # machine: only the bucket is shared.
    settings.STORAGES = {**settings.STORAGES}
    with clock.frozen_at(SPRING):
        done = referent.post(url, {"token": token}, follow=True)
    assert done.redirect_chain and Holder.objects.count() == 0
    assert s3.keys() == []


def test_forgotten_pending_uploads_are_deleted_from_the_bucket(s3, monkeypatch):
    kept = pending_uploads.pending_upload_keep(content=b"a", name="a.xlsx", owner="moi")
    assert len(s3.keys("private/pending/")) == 2
    # Within the hour: kept.
    assert pending_uploads.pending_uploads_expire(now=None)[0].count == 0
    assert len(s3.keys()) == 2
    # Past the hour (the hour shortened below zero: every object is older than the limit).
    monkeypatch.setattr(pending_uploads, "KEEP_FOR", dt.timedelta(hours=-1))
    assert pending_uploads.pending_uploads_expire(now=None)[0].count == 1
    assert s3.keys() == []
    assert pending_uploads.pending_upload_take(token=kept, owner="moi") is None


def test_the_campaign_purge_leaves_no_object_behind(
    s3,
    referent,
    campaign,
    association,
    accept,
    referent_user,
    django_capture_on_commit_callbacks,
):
    accept(association, size=4)
    with clock.frozen_at(SPRING):
        referent.post(
            reverse("portal:attendees_letter", kwargs={"campaign_slug": campaign.slug}),
            {"file": _upload("courrier.pdf", _pdf())},
        )
    with django_capture_on_commit_callbacks(execute=True):
        referent.post(
            reverse("portal:exports", kwargs={"campaign_slug": campaign.slug}),
            {"kind": "offers", "file_format": "xlsx"},
        )
    letter, job = CommitmentLetter.objects.get(), ExportJob.objects.get()
    orphan = default_storage.save(f"private/letters/{campaign.pk}/9999/orphelin.pdf", io.BytesIO())
    assert s3.keys() == sorted([letter.file.name, job.file.name, orphan])
    with django_capture_on_commit_callbacks(execute=True):
        done = campaign_purge(campaign=campaign)
    assert done["letters"] == 1 and done["exports"] == 1
    assert s3.keys() == []


def test_walking_and_deleting_a_folder_of_the_bucket(s3):
    for name in ("a/1", "a/b/2", "a/b/c/3", "ab/4"):
        default_storage.save(name, io.BytesIO(b"x"))
    assert list(storage_walk("a")) == ["a/1", "a/b/2", "a/b/c/3"]
    assert list(storage_walk("nulle-part")) == []
    assert storage_folder_delete("a") == 3
    assert s3.keys() == ["ab/4"]


def test_backup_and_restore_refuse_with_object_storage_and_say_why(s3, tmp_path):
    with pytest.raises(CommandError, match="stockage objet") as refused:
        call_command("backup", out=str(tmp_path / "sauvegardes"))
    assert "versions du compartiment" in str(refused.value)
    assert not (tmp_path / "sauvegardes").exists()
    archive = tmp_path / "billetterie-sauvegarde-20240101-000000.zip"
    archive.write_bytes(b"PK")
    with pytest.raises(CommandError, match="stockage objet"):
        call_command("restore", str(archive), "--check")
    with pytest.raises(CommandError, match="stockage objet"):
        call_command("restore", str(archive), "--yes")
