"""Importing the ticket office's download links: real files, all or nothing, https only,
twice harmless, replacements applied only once confirmed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billetterie.core.models import AuditEntry
from billetterie.delivery.models import LinkStatus, TicketLink
from billetterie.imports.links import links_import
from billetterie.inventory.models import PackStatus
from tests import factories

from .conftest import csv_cp1252, xlsx

pytestmark = pytest.mark.django_db
HEADER = ("Lot", "Billet", "Lien")


def _links():
    rows = [
        (link.pack.reference, link.ticket.number if link.ticket else None, link.url, link.status)
        for link in TicketLink.objects.select_related("pack", "ticket")
    ]
    return sorted(rows, key=lambda row: (row[0], row[1] or 0, row[2]))


def _run(campaign, content: bytes, name="liens.xlsx", **kwargs):
    return links_import(
        campaign=campaign, file=SimpleUploadedFile(name, content), actor=None, **kwargs
    )


@pytest.fixture
def packs(campaign, association, other_association, accept):
    return {
        "A": accept(association, reference="LOT-A", size=4),
        "B": accept(other_association, reference="LOT-B", size=2),
    }


def test_xlsx_with_a_merged_title_and_blank_rows(campaign, packs):
    content = xlsx(
        [
            HEADER,
            ("LOT-A", None, "https://billetterie.example.org/lot/A"),
            None,
            ("LOT-A", 2, "https://billetterie.example.org/billet/A2"),
            None,
            ("LOT-B", "1", "https://billetterie.example.org/billet/B1"),
        ],
        title_rows=["Liens de téléchargement — retour de la billetterie, juin 2024"],
    )
    result = _run(campaign, content)
    assert result.ok, result.errors
    assert (result.rows_read, result.created, result.updated, result.unchanged) == (3, 3, 0, 0)
    assert _links() == [
        ("LOT-A", None, "https://billetterie.example.org/lot/A", "active"),
        ("LOT-A", 2, "https://billetterie.example.org/billet/A2", "active"),
        ("LOT-B", 1, "https://billetterie.example.org/billet/B1", "active"),
    ]
    entry = AuditEntry.objects.get(action="import.links")
    assert entry.details == {
        "file": "liens.xlsx",
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
    }
    assert "billetterie.example.org" not in str(entry.details)  # links are keys: never logged


def test_windows_1252_semicolon_csv_with_accents(campaign, packs):
    content = csv_cp1252(
        [
            ("Lot", "Billet", "Lien"),
            ("LOT-A", "", "https://billetterie.example.org/équipe/A?t=é"),
            ("LOT-B", "2,0", "https://billetterie.example.org/B/2"),
        ]
    )
    assert b"\xe9" in content  # é in cp1252
    result = _run(campaign, content, name="liens.csv")
    assert result.ok, result.errors
    assert _links() == [
        ("LOT-A", None, "https://billetterie.example.org/équipe/A?t=é", "active"),
        ("LOT-B", 2, "https://billetterie.example.org/B/2", "active"),
    ]


def test_every_error_named_by_row_and_column_and_nothing_written(
    campaign, association, packs, accept
):
    free = factories.pack(campaign=campaign, reference="LOT-LIBRE", size=2)
    assert free.status == PackStatus.AVAILABLE
    content = csv_cp1252(
        [
            HEADER,
            ("LOT-A", "", "https://ok.example.org/a"),  # fine, but the file is refused
            ("LOT-INCONNU", "", "https://ok.example.org/x"),
            ("LOT-LIBRE", "", "https://ok.example.org/l"),
            ("LOT-A", "5", "https://ok.example.org/a5"),
            ("LOT-A", "1", "http://ok.example.org/a1"),
            ("LOT-A", "2", "javascript:alert(1)"),
            ("LOT-A", "3", "data:text/html,x"),
            ("LOT-A", "4", "ftp://ok.example.org/a4"),
            ("LOT-B", "1", "https://ok.example.org/b1"),
            ("LOT-B", "1", "https://ok.example.org/autre"),
            ("LOT-B", "2", "https://" + "x" * 1000),
            ("LOT-B", "deux", "https://ok.example.org/b2"),
            ("", "", "https://ok.example.org/sans-lot"),
        ]
    )
    result = _run(campaign, content, name="liens.csv")
    assert not result.ok
    assert result.errors == [
        "ligne 3, colonne « Lot » : le lot « LOT-INCONNU » n'existe pas dans cette campagne",
        "ligne 4, colonne « Lot » : le lot « LOT-LIBRE » n'est pas accepté par une association "
        "(il est disponible) : seul un lot accepté reçoit un lien",
        "ligne 5, colonne « Billet » : le lot « LOT-A » a 4 billets : le billet 5 n'existe pas",
        "ligne 6, colonne « Lien » : le lien doit commencer par « https:// » (lien sécurisé) ; "
        "celui-ci commence par « http: »",
        "ligne 7, colonne « Lien » : le lien doit commencer par « https:// » (lien sécurisé) ; "
        "celui-ci commence par « javascript: »",
        "ligne 8, colonne « Lien » : le lien doit commencer par « https:// » (lien sécurisé) ; "
        "celui-ci commence par « data: »",
        "ligne 9, colonne « Lien » : le lien doit commencer par « https:// » (lien sécurisé) ; "
        "celui-ci commence par « ftp: »",
        "ligne 11, colonne « Lien » : un autre lien est donné pour le billet 1 du lot « LOT-B » "
        "à la ligne 10 : gardez une seule ligne",
        "ligne 12, colonne « Lien » : texte trop long (1008 caractères, 1000 au plus)",
        "ligne 13, colonne « Billet » : « deux » n'est pas un nombre entier",
        "ligne 14, colonne « Lot » : valeur obligatoire",
    ]
    assert TicketLink.objects.count() == 0
    assert not AuditEntry.objects.filter(action="import.links").exists()


def test_a_pack_given_back_or_still_offered_takes_no_link(campaign, association, accept):
    pack = accept(association, reference="LOT-A", size=4)
    pack.offers.update(status="given_back")
    result = _run(campaign, xlsx([HEADER, ("LOT-A", None, "https://ok.example.org/a")]))
    assert not result.ok
    assert "n'est pas accepté par une association" in result.errors[0]


def test_the_same_line_twice_counts_once(campaign, packs):
    line = ("LOT-A", 1, "https://ok.example.org/a1")
    result = _run(campaign, xlsx([HEADER, line, line]))
    assert result.ok and (result.created, result.unchanged) == (1, 0)


def test_importing_the_same_file_twice_is_harmless(campaign, packs):
    content = xlsx(
        [
            HEADER,
            ("LOT-A", None, "https://ok.example.org/a"),
            ("LOT-B", 2, "https://ok.example.org/b2"),
        ]
    )
    assert _run(campaign, content).ok
    before = list(TicketLink.objects.values_list("pk", "url", "status", "imported_at"))
    again = _run(campaign, content)
    assert again.ok and not again.needs_confirmation
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert "2 inchangés" in again.summary()
    assert list(TicketLink.objects.values_list("pk", "url", "status", "imported_at")) == before


def test_a_different_link_replaces_only_once_confirmed(campaign, packs):
    assert _run(campaign, xlsx([HEADER, ("LOT-A", None, "https://ok.example.org/old")])).ok
    content = xlsx(
        [
            HEADER,
            ("LOT-A", None, "https://ok.example.org/new"),
            ("LOT-A", 3, "https://ok.example.org/a3"),
        ]
    )
    first = _run(campaign, content)
    assert first.ok and first.needs_confirmation
    assert first.pending_changes == [
        {
            "pack": "LOT-A",
            "ticket": "tout le lot",
            "before": "https://ok.example.org/old",
            "after": "https://ok.example.org/new",
        }
    ]
    assert first.confirmation_summary().startswith("Ce fichier remplace 1 lien existant :")
    assert (first.created, first.updated) == (1, 1)  # what it would do
    assert _links() == [("LOT-A", None, "https://ok.example.org/old", "active")]
    # A wrong or stale confirmation applies nothing either.
    assert _run(campaign, content, confirm="0" * 20).needs_confirmation
    assert len(_links()) == 1
    done = _run(campaign, content, confirm=first.confirmation_token)
    assert done.ok and not done.needs_confirmation
    assert (done.created, done.updated, done.unchanged) == (1, 1, 0)
    assert _links() == [
        ("LOT-A", None, "https://ok.example.org/new", "active"),
        ("LOT-A", None, "https://ok.example.org/old", "replaced"),
        ("LOT-A", 3, "https://ok.example.org/a3", "active"),
    ]
    assert TicketLink.objects.get(status=LinkStatus.REPLACED).withdrawn_at is not None


def test_a_confirmation_of_a_list_that_changed_meanwhile_applies_nothing(campaign, packs):
    assert _run(campaign, xlsx([HEADER, ("LOT-A", None, "https://ok.example.org/old")])).ok
    content = xlsx([HEADER, ("LOT-A", None, "https://ok.example.org/new")])
    seen = _run(campaign, content)
    # Someone else replaces the link in between: the list the operator read no longer holds.
    TicketLink.objects.update(url="https://ok.example.org/autre")
    again = _run(campaign, content, confirm=seen.confirmation_token)
    assert again.needs_confirmation
    assert again.pending_changes[0]["before"] == "https://ok.example.org/autre"
    assert TicketLink.objects.get().url == "https://ok.example.org/autre"


def test_command_lists_replacements_and_needs_force(campaign, packs, tmp_path):
    old = tmp_path / "ancien.xlsx"
    old.write_bytes(xlsx([HEADER, ("LOT-B", None, "https://ok.example.org/b")]))
    new = tmp_path / "nouveau.csv"
    new.write_bytes(csv_cp1252([HEADER, ("LOT-B", "", "https://ok.example.org/b-neuf")]))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_links", str(old), "--campaign", campaign.slug, stdout=out)
    assert "1 créé" in out.getvalue()
    with pytest.raises(CommandError, match="remplace 1 lien existant"):
        call_command("import_links", str(new), "--campaign", campaign.slug, stderr=err)
    assert (
        "LOT-B billet tout le lot : https://ok.example.org/b → https://ok.example.org/b-neuf"
        in (err.getvalue())
    )
    assert TicketLink.objects.get(status="active").url == "https://ok.example.org/b"
    call_command("import_links", str(new), "--campaign", campaign.slug, "--force", stdout=out)
    assert TicketLink.objects.get(status="active").url == "https://ok.example.org/b-neuf"


BAD_SCHEMES = st.sampled_from(["http", "javascript", "data", "file", "ftp", "vbscript", "HTTP", ""])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scheme=BAD_SCHEMES,
    rest=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40
    ),
)
def test_no_link_other_than_https_is_ever_kept(campaign, packs, scheme, rest):
    url = f"{scheme}:{rest}" if scheme else rest
    result = _run(campaign, xlsx([HEADER, ("LOT-A", None, url)]))
    kept = list(TicketLink.objects.values_list("url", flat=True))
    assert all(link.lower().startswith("https://") for link in kept)
    if not url.strip().lower().startswith("https://"):
        assert kept == []
        # An empty « Lien » is a row the ticket office has not filled yet: set aside, not an
        # error; anything else that is not https refuses the whole file.
        assert result.ok is (url.strip() == "")
