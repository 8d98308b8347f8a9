"""The spreadsheet round trip: download, fill, upload; CSV from Windows; bad files; the command."""

import contextlib
import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from billetterie.attendees.models import Group, Holder, Person
from billetterie.attendees.selectors.association import violations_of
from billetterie.core import clock
from billetterie.core.models import AuditEntry, ClockSetting
from billetterie.imports.attendees import attendees_import
from billetterie.imports.attendees_sheet import attendees_workbook

pytestmark = pytest.mark.django_db

FILL = [
    ("jeune", "Dupré", "Zoé", "12/03/2011", "", ""),
    ("jeune", "N'Diaye", "Moussa", "01/09/2010", "", ""),
    ("jeune", "Lefèvre-Martin", "Éloïse", "2012-05-06", "", ""),
    ("jeune", "Hoarau", "Kévin", "23/11/2009", "", ""),
    ("jeune", "Müller", "Anaïs", "04/04/2011", "", ""),
    ("jeune", "Garçon", "Noé", "15/07/2010", "", ""),
    ("responsable", "Moreau", "Camille", "", "06 12 34 56 78", "c.moreau@exemple.org"),
    ("encadrant", "Océane", "Bénédicte", "", "+590 690 12 34 56", ""),
]


def _workbook_rows(content: bytes):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "Lot")
    return sheet, header, rows


def _filled(campaign, association) -> bytes:
    content = attendees_workbook(campaign=campaign, association=association)
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    header_row = next(r[0].row for r in sheet.iter_rows() if r[0].value == "Lot")
    for offset, values in enumerate(FILL, start=1):
        for col, value in enumerate(values, start=3):
            sheet.cell(row=header_row + offset, column=col, value=value or None)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_round_trip(campaign, association, referent_user, accept):
    pack = accept(association, size=8)
    _sheet, header, rows = _workbook_rows(
        attendees_workbook(campaign=campaign, association=association)
    )
    assert rows[header][:8] == (
        "Lot",
        "Billet",
        "Rôle",
        "Nom",
        "Prénom",
        "Date de naissance",
        "Téléphone portable",
        "E-mail",
    )
    assert [r[:2] for r in rows[header + 1 :]] == [(pack.reference, n) for n in range(1, 9)]
    upload = io.BytesIO(_filled(campaign, association))
    upload.name = "beneficiaires.xlsx"
    result = attendees_import(
        campaign=campaign, association=association, file=upload, actor=referent_user
    )
    assert result.ok, result.errors
    assert result.created == 8 and result.related["people_created"] == 8
    group = Group.objects.get()
    assert group.leader.last_name == "Moreau" and group.leader.mobile_phone == "06 12 34 56 78"
    assert Person.objects.get(last_name="Océane").mobile_phone == "06 90 12 34 56"
    assert violations_of(campaign=campaign, association=association, attested=True) == []
    # The downloaded file now carries the holders, roles included; re-importing it changes nothing.
    again = attendees_workbook(campaign=campaign, association=association)
    _s, h, rows = _workbook_rows(again)
    assert rows[h + 7][2:5] == ("responsable", "Moreau", "Camille")
    assert rows[h + 1][5] == dt.datetime(2011, 3, 12)
    upload = io.BytesIO(again)
    upload.name = "beneficiaires.xlsx"
    result = attendees_import(
        campaign=campaign, association=association, file=upload, actor=referent_user
    )
    assert result.ok and result.unchanged == 8 and result.created == 0
    assert Person.objects.count() == 8
    entry = AuditEntry.objects.filter(action="attendees.imported").last()
    assert entry.association_id == association.pk
    assert "Dupré" not in str(entry.details)


def test_a_pack_left_blank_in_the_file_stays_without_group(
    campaign, association, referent_user, accept
):
    named = accept(association, size=8, day="2024-07-30")
    blank = accept(association, size=4, day="2024-08-02")
    upload = io.BytesIO(_filled(campaign, association))  # fills the 8 rows of `named` only
    upload.name = "beneficiaires.xlsx"
    result = attendees_import(
        campaign=campaign, association=association, file=upload, actor=referent_user
    )
    assert result.ok, result.errors
    assert result.related["groups_created"] == 1
    group = Group.objects.get()
    assert list(group.pack_links.values_list("pack_id", flat=True)) == [named.pk]
    assert not Group.objects.filter(pack_links__pack=blank).exists()


def test_windows_1252_semicolon_csv_with_accents(
    campaign, association, referent_user, accept, tmp_path
):
    pack = accept(association, size=8, reference="JO-CSV")
    lines = ["Lot;Billet;Rôle;Nom;Prénom;Date de naissance;Téléphone portable;E-mail"]
    for n, (role, last, first, born, phone, email) in enumerate(FILL, start=1):
        lines.append(f"{pack.reference};{n};{role};{last};{first};{born};{phone};{email}")
    path = tmp_path / "beneficiaires.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    result = attendees_import(
        campaign=campaign, association=association, file=str(path), actor=referent_user
    )
    assert result.ok, result.errors
    assert set(Person.objects.values_list("last_name", flat=True)) >= {
        "Lefèvre-Martin",
        "Garçon",
        "Müller",
    }
    assert Holder.objects.count() == 8


def test_bad_file_lists_every_row_and_changes_nothing(
    campaign, association, referent_user, accept, tmp_path
):
    pack = accept(association, size=4, reference="JO-BAD")
    path = tmp_path / "mauvais.csv"
    path.write_text(
        "Lot,Billet,Rôle,Nom,Prénom,Date de naissance,Téléphone portable,E-mail\n"
        f"{pack.reference},1,jeune,Martin,Léa,31/02/2011,,\n"
        f"{pack.reference},2,capitaine,Durand,Paul,,,\n"
        f"{pack.reference},3,responsable,Roux,Anne,,01 42 00 00 00,\n"
        "JO-INCONNU,1,jeune,Petit,Jules,01/01/2010,,\n"
        f"{pack.reference},9,jeune,Blanc,Lou,01/01/2010,,pas-un-mail\n",
        encoding="utf-8",
    )
    before = (Person.objects.count(), Holder.objects.count(), Group.objects.count())
    with pytest.raises(CommandError) as error:
        call_command(
            "import_attendees",
            str(path),
            campaign=campaign.slug,
            association=association.pk,
            stderr=(err := io.StringIO()),
        )
    assert error.value.returncode == 1
    text = err.getvalue()
    for expected in (
        "ligne 2, colonne « Date de naissance »",
        "ligne 3, colonne « Rôle »",
        "ligne 4, colonne « Téléphone portable »",
        "ligne 5, colonne « Lot »",
        "ligne 6, colonne « Billet »",
        "ligne 6, colonne « E-mail »",
    ):
        assert expected in text
    assert (Person.objects.count(), Holder.objects.count(), Group.objects.count()) == before


def test_command_dry_run_and_real_run(campaign, association, referent_user, accept, tmp_path):
    accept(association, size=8)
    path = tmp_path / "ok.xlsx"
    path.write_bytes(_filled(campaign, association))
    out = io.StringIO()
    call_command(
        "import_attendees",
        str(path),
        campaign=campaign.slug,
        association=association.pk,
        dry_run=True,
        stdout=out,
    )
    assert "Rien n'a été enregistré" in out.getvalue() and Holder.objects.count() == 0
    call_command(
        "import_attendees",
        str(path),
        campaign=campaign.slug,
        association=association.pk,
        stdout=out,
    )
    assert Holder.objects.count() == 8


def test_same_person_twice_on_a_session_is_a_row_error(
    campaign, association, referent_user, accept, tmp_path
):
    pack = accept(association, size=2, reference="JO-DBL")
    path = tmp_path / "doublon.csv"
    path.write_text(
        "Lot;Billet;Rôle;Nom;Prénom;Date de naissance;Téléphone portable;E-mail\n"
        f"{pack.reference};1;jeune;Martin;Léa;01/02/2011;;\n"
        f"{pack.reference};2;jeune;MARTIN;lea;01/02/2011;;\n",
        encoding="utf-8",
    )
    result = attendees_import(
        campaign=campaign, association=association, file=str(path), actor=referent_user
    )
    assert result.errors == [
        "ligne 3, colonne « Nom » : cette personne a déjà un billet pour la même épreuve (ligne 2) : un seul billet par épreuve"
    ]


def test_formula_names_are_exported_as_neutralised_text(
    campaign, association, referent_user, accept, people, name_group
):
    pack = accept(association, size=2)
    kid, sup = people(1, 1)
    Person.objects.filter(pk=kid.pk).update(
        last_name='=HYPERLINK("http://x.example","clic")', first_name="@SUM(A1)"
    )
    name_group(pack, [kid, sup], leader=sup)
    content = attendees_workbook(campaign=campaign, association=association)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [
        c
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and "HYPERLINK" in c.value
    ]
    assert len(cells) == 1
    assert cells[0].data_type == "s" and cells[0].value.startswith("'=")
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    # The raw XML holds no formula element at all.
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml


@contextlib.contextmanager
def _stored_clock(instant: str):
    """The platform clock read from the database, as in a rehearsal (no frozen override)."""
    previous, clock._override = clock._override, None
    ClockSetting.objects.update_or_create(
        pk=1, defaults={"frozen_at": clock.parse_instant(instant)}
    )
    try:
        yield
    finally:
        clock._override = previous


@pytest.mark.parametrize("size", [10, 300])
def test_checking_the_table_makes_a_bounded_number_of_queries(
    campaign, association, referent_user, accept, size, django_assert_max_num_queries
):
    """Every row names a youth born in the future: all checked, none written, and the clock,
    stored in the database, is read once, not once per row."""
    pack = accept(association, size=size, reference="JO-MANY")
    lines = ["Lot;Billet;Rôle;Nom;Prénom;Date de naissance;Téléphone portable;E-mail"]
    lines += [
        f"{pack.reference};{n};jeune;Nom{n};Prénom{n};01/01/2099;;" for n in range(1, size + 1)
    ]
    upload = io.BytesIO("\n".join(lines).encode("utf-8"))
    upload.name = "beneficiaires.csv"
    with _stored_clock("2024-04-02"), django_assert_max_num_queries(15):
        result = attendees_import(
            campaign=campaign, association=association, file=upload, actor=referent_user
        )
    assert result.error_count == size
    assert len(result.errors) == min(size, 200) + (1 if size > 200 else 0)
    assert Holder.objects.count() == 0


def test_a_long_pack_cell_and_an_invisible_character_are_row_errors(
    campaign, association, referent_user, accept, tmp_path
):
    """Both used to escape the row checks (a server error; a name stored with a U+202E)."""
    pack = accept(association, size=2, reference="JO-LONG")
    lines = [
        "Lot;Billet;Rôle;Nom;Prénom;Date de naissance;Téléphone portable;E-mail",
        f"{'X' * 60};1;jeune;Durand;Léa;04/05/2011;;",
        f"{pack.reference};2;jeune;Du\u202erand;Léo;04/05/2011;;",
    ]
    path = tmp_path / "beneficiaires.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8")
    result = attendees_import(
        campaign=campaign, association=association, file=str(path), actor=referent_user
    )
    assert not result.ok and Person.objects.count() == 0
    assert any(e.startswith("ligne 2, colonne « Lot »") and "trop long" in e for e in result.errors)
    assert any(e.startswith("ligne 3, colonne « Nom »") and "U+202E" in e for e in result.errors)
