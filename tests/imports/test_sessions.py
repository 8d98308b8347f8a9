"""Importing the sessions catalogue: phases, venues and host cities, all or nothing."""

import datetime as dt

import pytest

from billetterie.catalogue.models import HostCity, Phase, Session, Venue
from billetterie.imports.services import sessions_import

from .conftest import FILES, command, database_snapshot


def import_file(campaign, name, *args):
    return command("import_sessions", str(FILES / name), "--campaign", campaign.slug, *args)


def test_command_accepts_a_libreoffice_xlsx(campaign, host_cities):
    status, out, err = import_file(campaign, "sessions.xlsx")
    assert status == 0, err
    assert "6 lignes lues" in out
    final = Session.objects.get(code="ATH25")
    assert (final.games.code, final.sport, final.date, final.start_time) == (
        "OG",
        "Athlétisme",
        dt.date(2024, 8, 10),
        dt.time(19, 0),
    )
    assert final.phase == Phase.FINAL
    assert (
        final.venue.name == "Stade de France"
        and final.venue.host_city == host_cities["Saint-Denis"]
    )
    assert Session.objects.get(code="ATH01").phase == Phase.PRELIMINARY
    assert Session.objects.get(code="FBL10").phase == Phase.QUARTER_FINAL
    assert Session.objects.get(code="BKB05").phase == Phase.SEMI_FINAL
    assert Session.objects.get(code="PAT01").games.code == "PG"
    swimming = Session.objects.get(code="SWM03")
    assert swimming.date == dt.date(2024, 8, 3)  # a serial number in the spreadsheet
    nanterre = swimming.venue.host_city  # a new host city, placed on the map
    assert (nanterre.name, nanterre.departement) == ("Nanterre", "92")
    assert nanterre.latitude == pytest.approx(48.89, abs=0.01)
    assert HostCity.objects.count() == 4 and Venue.objects.count() == 4


def test_command_accepts_a_windows_1252_semicolon_csv(campaign, host_cities):
    status, _out, err = import_file(campaign, "sessions_cp1252.csv")
    assert status == 0, err
    assert Session.objects.count() == 6
    assert Venue.objects.get(name="Stade Vélodrome").host_city.name == "Marseille"
    assert Session.objects.get(code="PAT01").sport == "Para athlétisme"


def test_a_bad_file_lists_every_bad_row_and_writes_nothing(campaign, host_cities):
    before = database_snapshot()
    status, out, err = import_file(campaign, "sessions_bad.csv")
    assert status == 1 and out == ""
    for expected in [
        "ligne 3, colonne « Jeux » : « JX » : écrivez JO ou JP",
        "ligne 3, colonne « Date » : « 31/02/2024 » n'est pas une date qui existe",
        "ligne 3, colonne « Heure » : « 25h »",
        "ligne 3, colonne « Site » : valeur obligatoire",
        "ligne 4, colonne « Épreuve » : l'épreuve « ATH01 » (JO) figure déjà à la ligne 2",
        "ligne 5, colonne « Ville » : le site « Stade de France » est rattaché à la ville « Saint-Denis » à la ligne 2",
    ]:
        assert expected in err
    assert database_snapshot() == before


def test_dry_run_writes_nothing(campaign, host_cities):
    before = database_snapshot()
    status, out, _err = import_file(campaign, "sessions.xlsx", "--dry-run")
    assert status == 0 and "Rien n'a été enregistré" in out
    assert database_snapshot() == before


def test_reimport_is_idempotent(campaign, host_cities):
    assert import_file(campaign, "sessions.xlsx")[0] == 0
    first = database_snapshot()
    result = sessions_import(
        campaign=campaign, file=FILES / "sessions_cp1252.csv", actor=None, dry_run=False
    )
    assert (result.created, result.updated, result.unchanged) == (0, 0, 6)
    assert {k: v for k, v in database_snapshot().items() if k != "AuditEntry"} == {
        k: v for k, v in first.items() if k != "AuditEntry"
    }


def test_a_venue_already_in_another_host_city_is_an_error(campaign, host_cities, tmp_path):
    Venue.objects.create(name="Arena Bercy", host_city=host_cities["Marseille"])
    path = tmp_path / "s.csv"
    path.write_text(
        "Épreuve,Jeux,Sport,Date,Heure,Site,Ville,Phase\nBKB05,JO,Basketball,08/08/2024,,arena bercy,Paris,\n",
        encoding="utf-8",
    )
    result = sessions_import(campaign=campaign, file=path, actor=None, dry_run=False)
    assert result.errors == [
        "ligne 2, colonne « Ville » : le site « Arena Bercy » est déjà rattaché à la ville hôte « Marseille »"
    ]
