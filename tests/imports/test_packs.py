"""Importing the ticket office's packs and their numbered tickets, all or nothing."""

import datetime as dt

from billetterie.catalogue.models import Session, Venue
from billetterie.imports.services import packs_import, sessions_import
from billetterie.inventory.models import Pack, PackStatus, Ticket

from .conftest import FILES, command, database_snapshot


def import_file(campaign, name, *args):
    return command("import_packs", str(FILES / name), "--campaign", campaign.slug, *args)


def test_command_accepts_a_libreoffice_xlsx(campaign, host_cities):
    status, out, err = import_file(campaign, "packs.xlsx")
    assert status == 0, err
    assert "5 créés" in out and "billets créés : 40" in out
    assert Pack.objects.filter(campaign=campaign).count() == 5
    pack = Pack.objects.get(reference="L-0002")
    assert pack.size == 12 and not pack.is_prestige and pack.status == PackStatus.AVAILABLE
    assert list(pack.tickets.values_list("number", flat=True)) == list(range(1, 13))
    assert Pack.objects.get(reference="L-0003").is_prestige
    assert Pack.objects.get(reference="L-0005").session.games.code == "PG"
    session = Session.objects.get(code="ATH01")  # created by the packs file, shared by two packs
    assert (session.date, session.start_time, session.venue.name) == (
        dt.date(2024, 8, 2),
        dt.time(10, 5),
        "Stade de France",
    )
    assert session.venue.host_city == host_cities["Saint-Denis"]
    assert Ticket.objects.count() == 40


def test_command_accepts_a_windows_1252_semicolon_csv(campaign, host_cities):
    status, _out, err = import_file(campaign, "packs_cp1252.csv")
    assert status == 0, err
    assert Pack.objects.get(reference="L-0002").size == 12  # written "12,0"
    assert Session.objects.get(code="FBB01").sport == "Cécifoot"
    assert Venue.objects.filter(name="Grand Palais").exists()


def test_a_bad_file_lists_every_bad_row_and_writes_nothing(campaign, host_cities):
    before = database_snapshot()
    status, out, err = import_file(campaign, "packs_bad.csv")
    assert status == 1 and out == ""
    for expected in [
        "ligne 3, colonne « Billets » : le nombre doit valoir au moins 1",
        "ligne 3, colonne « Prestige » : « peut-être »",
        "ligne 4, colonne « Billets » : « douze » n'est pas un nombre entier",
        "ligne 4, colonne « Lot » : le lot « L-0001 » figure déjà à la ligne 2",
        "ligne 5, colonne « Billets » : le nombre doit valoir au plus 500",
        "ligne 5, colonne « Date » : l'épreuve « ATH01 » est décrite avec « 02/08/2024 » à la ligne 2",
    ]:
        assert expected in err
    assert database_snapshot() == before


def test_dry_run_writes_nothing(campaign, host_cities):
    before = database_snapshot()
    status, out, _err = import_file(campaign, "packs.xlsx", "--dry-run")
    assert status == 0 and "5 à créer" in out and "Rien n'a été enregistré" in out
    assert database_snapshot() == before


def test_reimport_is_idempotent(campaign, host_cities):
    assert import_file(campaign, "packs.xlsx")[0] == 0
    first = database_snapshot()
    result = packs_import(
        campaign=campaign, file=FILES / "packs_cp1252.csv", actor=None, dry_run=False
    )
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    assert not result.related
    second = database_snapshot()
    assert {k: v for k, v in second.items() if k != "AuditEntry"} == {
        k: v for k, v in first.items() if k != "AuditEntry"
    }


def write(tmp_path, *rows):
    path = tmp_path / "lots.csv"
    header = "Lot;Jeux;Sport;Épreuve;Date;Heure;Site;Ville;Billets;Prestige"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="cp1252")
    return path


def test_resizing_an_available_pack_renumbers_its_tickets(campaign, host_cities, tmp_path):
    assert import_file(campaign, "packs.xlsx")[0] == 0
    path = write(
        tmp_path, "L-0002;JO;Athlétisme;ATH01;02/08/2024;10:05;Stade de France;Saint-Denis;9;oui"
    )
    result = packs_import(campaign=campaign, file=path, actor=None, dry_run=False)
    assert result.ok and result.updated == 1 and result.related == {"tickets_deleted": 3}
    pack = Pack.objects.get(reference="L-0002")
    assert (pack.size, pack.is_prestige) == (9, True)
    assert list(pack.tickets.values_list("number", flat=True)) == list(range(1, 10))


def test_resizing_an_offered_pack_is_an_error(campaign, host_cities, tmp_path):
    assert import_file(campaign, "packs.xlsx")[0] == 0
    Pack.objects.filter(reference="L-0002").update(status=PackStatus.OFFERED)
    before = database_snapshot()
    path = write(
        tmp_path, "L-0002;JO;Athlétisme;ATH01;02/08/2024;10:05;Stade de France;Saint-Denis;14;non"
    )
    result = packs_import(campaign=campaign, file=path, actor=None, dry_run=False)
    assert result.errors == [
        "ligne 2, colonne « Billets » : le lot « L-0002 » est proposé : son nombre de billets (12) ne peut plus changer"
    ]
    assert database_snapshot() == before


def test_a_packs_file_never_moves_a_session_of_the_catalogue(campaign, host_cities, tmp_path):
    assert sessions_import(
        campaign=campaign, file=FILES / "sessions.xlsx", actor=None, dry_run=False
    ).ok
    path = write(
        tmp_path, "L-9;JO;Athlétisme;ATH01;03/08/2024;10:05;Stade de France;Saint-Denis;4;non"
    )
    result = packs_import(campaign=campaign, file=path, actor=None, dry_run=False)
    assert len(result.errors) == 1
    assert result.errors[0].startswith(
        "ligne 2, colonne « Date » : l'épreuve « ATH01 » existe déjà avec « 02/08/2024 »"
    )
    # Matching sessions are reused.
    path = write(tmp_path, "L-9;jo;athlétisme;ath01;2024-08-02;;stade de france;Saint Denis;4;")
    result = packs_import(campaign=campaign, file=path, actor=None, dry_run=False)
    assert result.ok, result.errors
    assert Pack.objects.get(reference="L-9").session == Session.objects.get(code="ATH01")
    assert "sessions_created" not in result.related
