"""Backup and restore: a real data set and real files, out to an archive and back into an empty base.

The restore runs on the suite's own vendor (SQLite, then PostgreSQL in the CI's second run) into
the flushed test database, and in another process into a fresh SQLite file: on the PostgreSQL run
that is a PostgreSQL → SQLite restore.
"""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from billetterie.accounts.models import User
from billetterie.attendees.models import CommitmentLetter, Holder, Person, PersonKind
from billetterie.attendees.services.groups import group_create, group_name_holders
from billetterie.attendees.services.letters import letter_upload
from billetterie.attendees.services.people import person_create
from billetterie.core import clock
from billetterie.core.backups import backed_up_models
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import PackStatus, Ticket
from billetterie.offers.models import Offer, OfferStatus
from tests import factories
from tests.attendees.permission_rows import png_bytes

SRC = Path(__file__).resolve().parents[2] / "src"
CHILD = "Éléonore-Dupont"


def table_counts() -> dict[str, int]:
    return {m._meta.db_table: m._base_manager.count() for m in backed_up_models()}


def media_sums(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(campaign, association, referent_user, operator_user, admin_user_, media):
    """A campaign with an accepted pack, named children, a scanned letter, rights and an admin log."""
    with clock.frozen_at("2024-04-02T10:15:30.123456+02:00"):
        factories.application(campaign=campaign, association=association)
        pack = factories.pack(campaign=campaign, size=4)
        pack.status = PackStatus.ACCEPTED
        pack.save(update_fields=["status"])
        now = clock.now()
        Offer.objects.create(
            campaign=campaign,
            pack=pack,
            association=association,
            status=OfferStatus.ACCEPTED,
            commitment_accepted=True,
            sent_at=now - dt.timedelta(days=2),
            expires_at=now + dt.timedelta(days=5),
            answered_at=now,
        )
        people = [
            person_create(
                campaign=campaign,
                association=association,
                actor=referent_user,
                kind=PersonKind.YOUTH,
                last_name=last,
                first_name="Léa",
                birth_date=dt.date(2011, 5, 17 + i),
                mobile_phone="",
                email="",
            ).person
            for i, last in enumerate([CHILD, "Martin", "N'Diaye"])
        ]
        people.append(
            person_create(
                campaign=campaign,
                association=association,
                actor=referent_user,
                kind=PersonKind.SUPERVISOR,
                last_name="Bernard",
                first_name="Marc",
                birth_date=None,
                mobile_phone="06 12 34 56 78",
                email="marc.bernard@example.org",
            ).person
        )
        group = group_create(
            campaign=campaign,
            association=association,
            pack_ids=[pack.pk],
            name="",
            actor=referent_user,
        )
        tickets = Ticket.objects.filter(pack=pack).order_by("number")
        group_name_holders(
            campaign=campaign,
            association=association,
            group_id=group.pk,
            assignments={t.pk: p.pk for t, p in zip(tickets, people, strict=True)},
            leader_id=people[-1].pk,
            actor=referent_user,
        )
        letter_upload(
            campaign=campaign, association=association, content=png_bytes(), actor=referent_user
        )
    (media / "autres").mkdir(parents=True)
    (media / "autres" / "note.txt").write_text("un fichier hors des courriers\n", encoding="utf-8")
    readers = Group.objects.create(name="Relecteurs")
    readers.permissions.add(Permission.objects.get(codename="view_auditentry"))
    operator_user.groups.add(readers)
    operator_user.user_permissions.add(Permission.objects.get(codename="view_person"))
    LogEntry.objects.create(
        user=admin_user_,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(people[0].pk),
        object_repr="Personne",
        action_flag=CHANGE,
        change_message="[]",
    )
    Session.objects.create(
        session_key="x" * 32,
        session_data="e30=",
        expire_date=dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
    )
    return {"people": people, "operator": operator_user, "referent": referent_user}


def snapshot(world) -> dict:
    """The rows a restore must give back exactly: a child, a user, an audit entry, a letter."""
    child = world["people"][0]
    return {
        "child": Person.objects.filter(pk=child.pk).values().get(),
        "referent": User.objects.filter(pk=world["referent"].pk).values().get(),
        "audit": AuditEntry.objects.filter(action="attendees.letter_uploaded").values().get(),
        "letter": CommitmentLetter.objects.values().get(),
        "holders": list(Holder.objects.order_by("pk").values()),
    }


def backup(out: Path) -> tuple[Path, str]:
    stdout = io.StringIO()
    call_command("backup", out=str(out), stdout=stdout)
    [archive] = sorted(out.glob("billetterie-sauvegarde-*.zip"))
    return archive, stdout.getvalue()


def restore(archive: Path, **options) -> str:
    stdout = io.StringIO()
    call_command("restore", str(archive), stdout=stdout, **options)
    return stdout.getvalue()


def empty_everything(media: Path) -> None:
    """A migrated, empty database (flush re-creates content types and permissions) and no files."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media, ignore_errors=True)
    assert not any(table_counts().values())


def rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of the archive where `change(name, bytes, manifest)` may alter members or manifest."""
    with zipfile.ZipFile(archive) as source:
        manifest = json.loads(source.read("manifest.json"))
        members = {
            info.filename: source.read(info.filename)
            for info in source.infolist()
            if info.filename != "manifest.json"
        }
    for name in list(members):
        members[name] = change(name, members[name], manifest)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for name, content in members.items():
            copy.writestr(name, content)
        copy.writestr("manifest.json", json.dumps(manifest))
    return target


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_gives_everything_back(world, media, tmp_path):
    before, rows, sums = table_counts(), snapshot(world), media_sums(media)
    assert rows["letter"]["file"] in sums and before["attendees_person"] == 4

    archive, said = backup(tmp_path / "sauvegardes")
    assert (archive.stat().st_mode & 0o777) == 0o600
    assert "Tables : 1/" in said and CHILD not in said and "Léa" not in said
    created = AuditEntry.objects.get(action="backup.created")
    assert created.details["file"] == archive.name and created.details["files"] == 2
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["database"]["vendor"] == connection.vendor
    assert {t["table"]: t["rows"] for t in manifest["tables"]} == before
    assert {f["path"]: f["sha256"] for f in manifest["files"]} == sums
    assert "0001_initial" in manifest["migrations"]["attendees"]

    empty_everything(media)
    # Permissions get other ids here than in the archive: the links follow them by natural key.
    old = Permission.objects.get(codename="view_person")
    old.delete()
    Permission.objects.create(codename=old.codename, name=old.name, content_type=old.content_type)

    said = restore(archive, yes=True)
    assert "Restauration terminée" in said and "Tables : 1/" in said and CHILD not in said
    assert table_counts() == {**before, "core_auditentry": before["core_auditentry"] + 1}
    assert media_sums(media) == sums
    assert snapshot(world) == rows
    assert rows["child"]["last_name"] == CHILD and rows["child"]["created_at"].microsecond == 123456
    operator = User.objects.get(pk=world["operator"].pk)
    assert operator.has_perm("attendees.view_person") and operator.has_perm("core.view_auditentry")
    assert LogEntry.objects.get().get_edited_object().last_name == CHILD
    assert not Session.objects.exists()
    restored = AuditEntry.objects.get(action="backup.restored")
    assert restored.details["rows"] == sum(before.values()) and restored.details["files"] == 2
    # Sequences follow the restored ids: the next rows get new ones.
    with clock.frozen_at("2024-04-03"):
        extra = person_create(
            campaign=world["people"][0].campaign,
            association=world["people"][0].association,
            actor=world["referent"],
            kind=PersonKind.YOUTH,
            last_name="Nouvelle",
            first_name="Inès",
            birth_date=dt.date(2012, 1, 1),
            mobile_phone="",
            email="",
        ).person
    assert extra.pk > max(p.pk for p in world["people"])


@pytest.mark.django_db
def test_an_archive_restores_into_a_fresh_sqlite_file_in_another_process(world, media, tmp_path):
    """On the PostgreSQL run of the suite, this is a PostgreSQL → SQLite restore."""
    before, rows, sums = table_counts(), snapshot(world), media_sums(media)
    archive, _said = backup(tmp_path / "sauvegardes")
    database, restored_media = tmp_path / "restauree.sqlite3", tmp_path / "media-restauree"
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(restored_media),
        "BILLETTERIE_DATA_DIR": str(tmp_path / "var"),
    }
    command = [sys.executable, "-m", "billetterie"]
    subprocess.run([*command, "migrate", "-v0"], env=env, check=True, timeout=300)
    done = subprocess.run(
        [*command, "restore", str(archive), "--yes"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Restauration terminée" in done.stdout and CHILD not in done.stdout + done.stderr

    with sqlite3.connect(database) as db:
        counts = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in before}  # noqa: S608
        person = db.execute(
            "SELECT last_name, first_name, birth_date FROM attendees_person WHERE id = ?",
            [rows["child"]["id"]],
        ).fetchone()
        password = db.execute(
            "SELECT password FROM accounts_user WHERE id = ?", [rows["referent"]["id"]]
        ).fetchone()[0]
        details = db.execute(
            "SELECT details FROM core_auditentry WHERE id = ?", [rows["audit"]["id"]]
        ).fetchone()[0]
    assert counts == {**before, "core_auditentry": before["core_auditentry"] + 1}
    assert person == (CHILD, "Léa", "2011-05-17")
    assert password == rows["referent"]["password"]
    assert json.loads(details) == rows["audit"]["details"]
    assert media_sums(restored_media) == sums


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_data_and_writes_nothing(world, settings, tmp_path):
    archive, _said = backup(tmp_path / "sauvegardes")
    before = table_counts()
    settings.MEDIA_ROOT = tmp_path / "autre-media"
    with pytest.raises(CommandError, match="La base n'est pas vide.*--replace.*Rien n'a été écrit"):
        restore(archive, yes=True)
    assert table_counts() == before
    assert not AuditEntry.objects.filter(action="backup.restored").exists()
    assert not Path(settings.MEDIA_ROOT).exists()
    said = restore(archive, check=True)
    assert "toutes les empreintes conformes" in said and "impossible" in said


@pytest.mark.django_db
def test_restore_asks_for_a_confirmation_it_cannot_get_without_a_terminal(world, tmp_path):
    archive, _said = backup(tmp_path / "sauvegardes")
    with pytest.raises(CommandError, match="Confirmation requise : relancez avec --yes"):
        restore(archive)


@pytest.mark.django_db(transaction=True)
def test_a_tampered_archive_is_refused_and_nothing_is_written(world, media, tmp_path):
    archive, _said = backup(tmp_path / "sauvegardes")
    empty_everything(media)

    def new_scan(name, content, manifest):
        return content + b"!" if name.startswith("media/private/") else content

    def renamed_child(name, content, manifest):
        return (
            content.replace(CHILD.encode(), b"Quelqu'un d'autre") if "person" in name else content
        )

    for change in (new_scan, renamed_child):
        tampered = rewrite(archive, tmp_path / f"{change.__name__}.zip", change)
        for options in ({"check": True}, {"yes": True}):
            with pytest.raises(CommandError, match=r"Empreinte \(sha256\) différente.*Rien n'a"):
                restore(tampered, **options)
        assert not any(table_counts().values())
        assert not media.exists()


@pytest.mark.django_db(transaction=True)
def test_a_restore_that_fails_in_the_database_rolls_back_and_removes_its_files(
    world, media, tmp_path
):
    """Rows whose checksums are right but whose links are broken: one transaction, no file left."""
    archive, _said = backup(tmp_path / "sauvegardes")
    empty_everything(media)

    def broken_link(name, content, manifest):
        if not name.endswith("attendees.holder.jsonl"):
            return content
        lines = [json.loads(line) for line in content.splitlines()]
        lines[0]["fields"]["person"] = 999_999
        content = "".join(json.dumps(line) + "\n" for line in lines).encode()
        entry = next(t for t in manifest["tables"] if t["member"] == name)
        entry["sha256"], entry["bytes"] = hashlib.sha256(content).hexdigest(), len(content)
        return content

    broken = rewrite(archive, tmp_path / "lien-casse.zip", broken_link)
    with pytest.raises(CommandError, match="La base a refusé la restauration.*Rien n'a été écrit"):
        restore(broken, yes=True)
    assert not any(table_counts().values())
    assert media_sums(media) == {}


@pytest.mark.django_db
def test_an_archive_of_other_migrations_or_format_is_refused(world, tmp_path):
    archive, _said = backup(tmp_path / "sauvegardes")

    def older_schema(name, content, manifest):
        manifest["migrations"]["attendees"] = manifest["migrations"]["attendees"][:1]
        return content

    def newer_format(name, content, manifest):
        manifest["format_version"] = 2
        return content

    def extra_member(name, content, manifest):
        manifest["files"].append({"path": "../../etc/x", "member": "media/../../etc/x"})
        return content

    with pytest.raises(CommandError, match="pas les mêmes migrations.*absentes de la sauvegarde"):
        restore(rewrite(archive, tmp_path / "a.zip", older_schema), yes=True)
    with pytest.raises(CommandError, match="Format de sauvegarde 2 inconnu"):
        restore(rewrite(archive, tmp_path / "b.zip", newer_format), check=True)
    with pytest.raises(CommandError, match="chemins invalides"):
        restore(rewrite(archive, tmp_path / "c.zip", extra_member), check=True)
    (tmp_path / "d.zip").write_bytes(b"pas une archive")
    with pytest.raises(CommandError, match="n'est pas une archive zip lisible"):
        restore(tmp_path / "d.zip", check=True)


@pytest.mark.django_db(transaction=True)
def test_replace_empties_the_database_first_in_the_same_transaction(world, media, tmp_path):
    before, rows = table_counts(), snapshot(world)
    archive, _said = backup(tmp_path / "sauvegardes")
    Person.objects.filter(pk=rows["child"]["id"]).update(first_name="Changé")
    User.objects.create_superuser("nouveau@example.org", "motdepasse-solide-2024")
    said = restore(archive, yes=True, replace=True)
    assert "Restauration terminée" in said and "2 déjà présent(s) à l'identique" in said
    assert table_counts() == {**before, "core_auditentry": before["core_auditentry"] + 1}
    assert snapshot(world) == rows
    assert AuditEntry.objects.get(action="backup.restored").details["replace"] is True


@pytest.mark.django_db
def test_the_archive_leaves_out_sessions_tasks_and_login_attempts_and_keeps_the_rest(
    world, tmp_path
):
    archive, _said = backup(tmp_path / "sauvegardes")
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        tables = {t["model"]: t for t in manifest["tables"]}
        links = zf.read(tables["accounts.user_user_permissions"]["member"]).decode()
    assert not {"sessions.session", "contenttypes.contenttype", "auth.permission"} & set(tables)
    assert not any(m.startswith(("axes.", "django_tasks_database.")) for m in tables)
    assert {"accounts.user", "attendees.person", "core.auditentry", "admin.logentry"} <= set(tables)
    assert '"permission":["view_person","attendees","person"]' in links
    assert list(tables) == [m._meta.label_lower for m in backed_up_models()]
    assert list(tables).index("attendees.person") < list(tables).index("attendees.holder")


@pytest.mark.django_db
def test_keep_days_removes_only_older_archives_of_the_folder(db, media, tmp_path):
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    old = folder / "billetterie-sauvegarde-20000101-023000.zip"
    recent = folder / f"billetterie-sauvegarde-{dt.date.today():%Y%m%d}-000000.zip"
    other = folder / "notes-20000101.txt"
    for path in (old, recent, other):
        path.write_bytes(b"x")
    stdout = io.StringIO()
    call_command("backup", out=str(folder), keep_days=35, stdout=stdout)
    assert not old.exists() and recent.exists() and other.exists()
    assert len(list(folder.glob("billetterie-sauvegarde-*.zip"))) == 2
    assert "Sauvegardes de plus de 35 jours supprimées : 1." in stdout.getvalue()
    assert AuditEntry.objects.get(action="backup.created").details["pruned"] == 1


@pytest.mark.django_db
def test_backup_refuses_a_folder_inside_media_root(media):
    with pytest.raises(CommandError, match="pas être rangées dans MEDIA_ROOT"):
        call_command("backup", out=str(media / "sauvegardes"), stdout=io.StringIO())
    assert not (media / "sauvegardes").exists()
