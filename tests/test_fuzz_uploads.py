"""Fuzzing every way a file enters the platform: no server error, nothing half-written, bounded memory.

A corpus of more than 200 hostile or random files — random bytes, damaged workbooks, workbooks with
XML entities, merged-range and far-column bombs, deflated floods, CSV with NULs, huge lines, formula
triggers and every encoding, PDFs with active content, broken images, odd file names — goes to
every upload page (the four operator imports, the referent's attendee table and signed letter) and
to every import command. Each must answer with a French refusal and leave the database as it was;
reading the whole corpus under every contract, in a child process, stays under 300 MiB.

The corpus is random but seeded: the same files on every run, so a failure can be replayed.
"""

import io
import os
import random
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

import billetterie
from billetterie.imports.contracts import CONTRACTS
from billetterie.offers.models import Offer
from billetterie.offers.services import offer_accept, offers_create
from tests import factories as f
from tests.attendees.permission_rows import png_bytes
from tests.imports import hostile

SEED = 20240726
KINDS = sorted(CONTRACTS)
NAMES = ["f.xlsx", "f.csv", "f.xls", "f.pdf", "f.png", "f", "../../etc/passwd.csv", "é 😀.xlsx"]


def _valid_looking_workbook(rng: random.Random, kind: str) -> bytes:
    """A real workbook with the contract's header and rows that can never validate."""
    headers = [c.header for c in CONTRACTS[kind].columns]
    rows = [headers] + [
        [
            rng.choice(["", "=1+1", "@SUM(A1)", "inconnu", "-3", "31/02/2024", "x" * 300])
            for _ in headers
        ]
        for _ in range(rng.randint(1, 30))
    ]
    return hostile._workbook(rows)


def _damaged(rng: random.Random, content: bytes) -> bytes:
    data = bytearray(content)
    for _ in range(rng.randint(1, 40)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    if rng.random() < 0.3:
        data = data[: rng.randrange(1, len(data))]
    return bytes(data)


def _entity_workbook() -> bytes:
    base = hostile._workbook([["Titre"]])
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    return hostile._rezip(base, {hostile.SHEET: lambda xml: laughs + xml.split(b"?>", 1)[-1]})


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr(hostile.SHEET, b"<" + b"a" * (200 * 1024 * 1024))
    return out.getvalue()


def _csv(rng: random.Random, kind: str) -> bytes:
    headers = [c.header for c in CONTRACTS[kind].columns]
    delimiter = rng.choice([";", ",", "\t", "|"])
    lines = [delimiter.join(headers)]
    for _ in range(rng.randint(0, 40)):
        cell = rng.choice(
            ['=HYPERLINK("http://x")', "+33 6", "\x00", "é" * 50, "\u202e", "a\nb", '"', "1e309"]
        )
        lines.append(delimiter.join(cell for _ in headers))
    text = "\r\n".join(lines)
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"])
    return text.encode(encoding, errors="replace")


def _pdf(rng: random.Random) -> bytes:
    active = rng.choice(
        [
            b"/JavaScript (app.alert(1))",
            b"/OpenAction << /S /JavaScript /JS (x) >>",
            b"/Launch /F (c)",
        ]
    )
    return (
        b"%PDF-1.4\n%" + rng.randbytes(8).hex().encode() + b"\n"
        b"1 0 obj << /Type /Catalog " + active + b" >> endobj\n"
        b"<html><script>alert(1)</script></html>\ntrailer << /Root 1 0 R >>\n%%EOF"
    )


def corpus() -> list[tuple[str, bytes]]:
    """More than 200 (name, bytes): always the same for the same seed."""
    rng = random.Random(SEED)
    files: list[tuple[str, bytes]] = []
    for _ in range(65):
        prefix = rng.choice([b"", b"PK\x03\x04", b"%PDF-", b"\xef\xbb\xbf", b"\x89PNG\r\n\x1a\n"])
        files.append((rng.choice(NAMES), prefix + rng.randbytes(rng.randint(0, 20_000))))
    for kind in KINDS + ["attendees"]:
        contract = kind if kind in CONTRACTS else "applications"
        for _ in range(10):
            files.append(("f.xlsx", _damaged(rng, _valid_looking_workbook(rng, contract))))
        for _ in range(6):
            files.append((rng.choice(["f.csv", "f.xlsx"]), _csv(rng, contract)))
        files.append(("f.xlsx", _valid_looking_workbook(rng, contract)))
    for _ in range(25):
        files.append((rng.choice(["lettre.pdf", "f.csv"]), _pdf(rng)))
        files.append(("scan.png", _damaged(rng, png_bytes())))
    files += [
        ("bombe.xlsx", hostile.merge_bomb(rows=1_048_576)),
        ("bombe-en-tete.xlsx", hostile.merge_bomb(rows=200_000, header=True)),
        ("loin.xlsx", hostile.far_column_rows(rows=20_000)),
        ("lignes.xlsx", hostile.many_rows(rows=60_000)),
        ("large.csv", hostile.wide_csv(columns=500_000)),
        ("entites.xlsx", _entity_workbook()),
        ("zip.xlsx", _zip_bomb()),
        ("vide.csv", b""),
        ("blanc.csv", b" \r\n\r\n"),
        ("ligne.csv", b"Lot;" + b"x" * 300_000),
    ]
    return files


CORPUS = corpus()


def test_the_corpus_is_large_and_varied():
    assert len(CORPUS) >= 200
    assert len({content for _, content in CORPUS}) >= 200


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        # Sign-in leaves sessions, attempts and second-factor devices: not what a file may write.
        if m._meta.app_label not in ("sessions", "axes", "contenttypes", "django_tasks_database")
        and not m._meta.app_label.startswith("otp_")
        and m._meta.label != "core.AuditEntry"
    }


def _endpoints(campaign):
    slug = campaign.slug
    for kind in KINDS:
        yield (
            "operator",
            reverse("backoffice:import_upload", kwargs={"campaign_slug": slug, "kind": kind}),
            lambda name, content: {"file": _upload(name, content)},
        )
    yield (
        "referent",
        reverse("portal:attendees_import", kwargs={"campaign_slug": slug}),
        lambda name, content: {"file": _upload(name, content)},
    )
    yield (
        "referent",
        reverse("portal:attendees_letter", kwargs={"campaign_slug": slug}),
        lambda name, content: {"file": _upload(name, content)},
    )


def _upload(name: str, content: bytes):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


@pytest.fixture
def scene(campaign, association, referent_user, operator_user, settings, tmp_path):
    """An accepted pack, so that the referent's attendee pages are open."""
    settings.MEDIA_ROOT = tmp_path / "media"
    pack = f.pack(campaign=campaign, size=4)
    offers_create(campaign=campaign, pairs=[(pack.pk, association.pk)], actor=None)
    offer_accept(
        offer_id=Offer.objects.get(pack=pack).pk,
        association=association,
        actor=referent_user,
        commitment=True,
    )
    return {"referent": referent_user, "operator": operator_user}


@pytest.mark.django_db
def test_every_upload_page_refuses_every_hostile_file_cleanly(campaign, scene, client):
    before = _counts()
    server_errors, written = [], []
    for role, url, data in _endpoints(campaign):
        client.force_login(scene[role])
        for index, (name, content) in enumerate(CORPUS):
            response = client.post(url, data(name, content))
            if response.status_code >= 500:
                server_errors.append((url, index, name))
            if response.status_code == 302 and "connexion" not in response.url:
                written.append((url, index, name))  # a success redirect: the file was taken
    assert server_errors == []
    assert written == []
    assert _counts() == before


@pytest.mark.django_db
def test_every_import_command_refuses_every_hostile_file_cleanly(
    campaign, association, scene, tmp_path
):
    before = _counts()
    commands = [(f"import_{kind}", ["--campaign", campaign.slug]) for kind in KINDS] + [
        ("import_attendees", ["--campaign", campaign.slug, "--association", str(association.pk)])
    ]
    unexpected = []
    for index, (name, content) in enumerate(CORPUS):
        path = tmp_path / f"{index}-{Path(name).name}"
        path.write_bytes(content)
        for command, options in commands:
            try:
                call_command(
                    command, str(path), *options, stdout=io.StringIO(), stderr=io.StringIO()
                )
            except CommandError:
                continue  # the expected French refusal
            except Exception as exc:  # noqa: BLE001 - anything else is a failure
                unexpected.append((command, index, name, repr(exc)[:200]))
            else:
                unexpected.append((command, index, name, "accepted"))
    assert unexpected == []
    assert _counts() == before


CHILD = """
import os, resource, sys
import django
django.setup()
from billetterie.imports.contracts import CONTRACTS
from billetterie.offers.models import Offer
from billetterie.offers.services import offer_accept, offers_create
from tests import factories as f
from billetterie.imports.attendees_sheet import ATTENDEES
from billetterie.imports.reader import FileRejected, table_read
contracts = [*CONTRACTS.values(), ATTENDEES]
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    content = open(os.path.join(folder, name), "rb").read()
    shown = name.split("-", 1)[1]
    for contract in contracts:
        try:
            table_read(name=shown, content=content, contract=contract)
        except FileRejected:
            pass
# The peak of this process image (VmHWM): ru_maxrss would carry the parent's peak across exec.
print(next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")))
"""


def test_reading_the_whole_corpus_stays_under_300_mib(tmp_path):
    for index, (name, content) in enumerate(CORPUS):
        (tmp_path / f"{index:03d}-{Path(name).name}").write_bytes(content)
    source = str(Path(billetterie.__file__).resolve().parents[1])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": os.pathsep.join([source, str(Path(__file__).resolve().parents[1])]),
    }

    def cap():  # a regression fails the test instead of exhausting the machine
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=cap,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    peak_mib = int(done.stdout.strip().splitlines()[-1]) // 1024
    assert peak_mib < 300
