"""Importing applications: ranked host cities, call or waiting list, all or nothing."""

import datetime as dt

from billetterie.campaigns.services import campaign_create
from billetterie.catalogue.models import HostCity
from billetterie.imports.services import applications_import
from billetterie.members.models import Association
from billetterie.requests.models import Application, Channel

from .conftest import FILES, command, database_snapshot


def import_file(campaign, name, *args):
    return command("import_applications", str(FILES / name), "--campaign", campaign.slug, *args)


def cities(application):
    return [choice.host_city.name for choice in application.city_choices.order_by("rank")]


def test_command_accepts_a_libreoffice_xlsx(call_closed, organisations):
    status, out, err = import_file(call_closed, "applications.xlsx")
    assert status == 0, err
    assert "3 créées" in out
    olympic = Application.objects.get(association__identifier="A-001", games__code="OG")
    assert (olympic.youth, olympic.supervisors, olympic.lodging_needed) == (12, 4, False)
    assert cities(olympic) == ["Saint-Denis", "Paris"]  # "saint denis" matched
    assert olympic.impossible_dates == ["2024-07-27", "2024-07-28"]
    assert olympic.received_on == dt.date(2023, 9, 15) and olympic.channel == Channel.CALL
    paralympic = Application.objects.get(association__identifier="A-001", games__code="PG")
    assert paralympic.lodging_needed and cities(paralympic) == ["Paris"]
    late = Application.objects.get(association__identifier="A-002")
    assert late.channel == Channel.WAITING_LIST  # received after the call closed
    assert cities(late) == ["Marseille", "Saint-Denis"]


def test_command_accepts_a_windows_1252_semicolon_csv(call_closed, organisations):
    status, _out, err = import_file(call_closed, "applications_cp1252.csv")
    assert status == 0, err
    assert Application.objects.count() == 3
    assert Application.objects.get(association__identifier="A-002").channel == Channel.WAITING_LIST


def test_without_a_close_date_everything_is_the_call(campaign, organisations):
    assert import_file(campaign, "applications.xlsx")[0] == 0
    assert set(Application.objects.values_list("channel", flat=True)) == {Channel.CALL}


def test_a_bad_file_lists_every_bad_row_and_writes_nothing(call_closed, organisations):
    before = database_snapshot()
    status, out, err = import_file(call_closed, "applications_bad.csv")
    assert status == 1 and out == ""
    for expected in [
        "ligne 3, colonne « Identifiant association » : association inconnue « Z-999 »",
        "ligne 4, colonne « Identifiant association » : l'association « Les Amis de l'Étoile » n'est pas adhérente",
        "ligne 4, colonne « Villes » : ville(s) hôte(s) inconnue(s) : « Lyon »",
        "ligne 4, colonne « Dates impossibles » : « 32/07/2024 »",
        "ligne 4, colonne « Hébergement » : « bof »",
        "ligne 4, colonne « Reçue le » : « hier »",
        "ligne 5, colonne « Jeunes » : la candidature doit demander au moins un billet",
        "ligne 5, colonne « Identifiant association » : la candidature de « A-001 » aux JO figure déjà à la ligne 2",
    ]:
        assert expected in err
    assert database_snapshot() == before


def test_dry_run_writes_nothing(call_closed, organisations):
    before = database_snapshot()
    status, out, _err = import_file(call_closed, "applications.xlsx", "--dry-run")
    assert status == 0 and "3 à créer" in out
    assert database_snapshot() == before


def test_reimport_is_idempotent_and_updates_the_ranking(call_closed, organisations, tmp_path):
    assert import_file(call_closed, "applications.xlsx")[0] == 0
    first = database_snapshot()
    result = applications_import(
        campaign=call_closed, file=FILES / "applications_cp1252.csv", actor=None, dry_run=False
    )
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert {k: v for k, v in database_snapshot().items() if k != "AuditEntry"} == {
        k: v for k, v in first.items() if k != "AuditEntry"
    }
    path = tmp_path / "c.csv"
    path.write_text(
        "Identifiant association,Jeux,Jeunes,Encadrants,Villes,Dates impossibles,Hébergement,Reçue le\n"
        'A-001,JO,12,4,"Paris, St Denis",27/07/2024;28/07/2024,non,2023-09-15\n',
        encoding="utf-8",
    )
    result = applications_import(campaign=call_closed, file=path, actor=None, dry_run=False)
    assert result.ok and result.updated == 1, result.errors
    assert cities(Application.objects.get(association__identifier="A-001", games__code="OG")) == [
        "Paris",
        "Saint-Denis",
    ]


def test_a_host_city_must_exist_and_a_town_is_not_a_host_city(call_closed, organisations, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "Identifiant association;Jeux;Jeunes;Encadrants;Villes;Dates impossibles;Hébergement;Reçue le\n"
        "A-002;JO;4;1;Saint-Pierre;;non;15/09/2023\n",
        encoding="utf-8",
    )
    result = applications_import(campaign=call_closed, file=path, actor=None, dry_run=False)
    assert result.errors == [
        "ligne 2, colonne « Villes » : ville(s) hôte(s) inconnue(s) : « Saint-Pierre »"
    ]
    assert not HostCity.objects.filter(name="Saint-Pierre").exists()


def test_another_operators_association_is_unknown(campaign, organisations, tmp_path):
    other = campaign_create(slug="autre", name="Autre", operator_name="Autre opérateur")
    Association.objects.create(
        operator=other.operator,
        identifier="X-1",
        name="Ailleurs",
        postal_code="75011",
        town="Paris",
        departement="75",
    )
    path = tmp_path / "c.csv"
    path.write_text(
        "Identifiant association,Jeux,Jeunes,Encadrants,Villes,Dates impossibles,Hébergement,Reçue le\nX-1,JO,4,1,Paris,,non,15/09/2023\n",
        encoding="utf-8",
    )
    result = applications_import(campaign=campaign, file=path, actor=None, dry_run=False)
    assert result.errors == [
        "ligne 2, colonne « Identifiant association » : association inconnue « X-1 » : importez d'abord le fichier des associations"
    ]
