"""Importing associations and their referents: XLSX and CSV, all or nothing, idempotent."""

import pytest

from billetterie.accounts.models import Role, User
from billetterie.campaigns.services import campaign_create
from billetterie.core.models import AuditEntry
from billetterie.imports.services import organisations_import
from billetterie.members.models import Association

from .conftest import FILES, command, database_snapshot


def import_file(campaign, name, **options):
    return command(
        "import_organisations",
        str(FILES / name),
        "--campaign",
        campaign.slug,
        *options.get("args", ()),
    )


def test_command_accepts_a_libreoffice_xlsx(campaign):
    status, out, err = import_file(campaign, "organisations.xlsx")
    assert status == 0, err
    assert "4 lignes lues" in out and "4 créées" in out
    ain = Association.objects.get(identifier="A-001")
    assert ain.operator == campaign.operator
    assert (
        ain.name == '=HYPERLINK("https://exemple.org","Sauvegarde de l\'Ain")'
    )  # text, not a formula
    assert (ain.postal_code, ain.departement, ain.town) == ("01000", "01", "Bourg-en-Bresse")
    assert (ain.latitude, ain.longitude) == pytest.approx((46.2052, 5.2255))
    assert ain.youth_followed == 40 and ain.is_member
    referent = ain.referents.get()
    assert (referent.email, referent.first_name, referent.last_name) == (
        "elodie.dupont@exemple.org",
        "Élodie",
        "Dupont",
    )
    assert referent.phone == "06 11 22 33 44"
    assert referent.role == Role.REFERENT and not referent.has_usable_password()
    assert Association.objects.get(identifier="A-003").is_member is False
    corsica = Association.objects.get(identifier="A-004")
    assert corsica.departement == "2A" and not corsica.referents.exists()


def test_saint_denis_de_la_reunion_is_placed_by_its_postal_code(campaign, host_cities):
    assert import_file(campaign, "organisations.xlsx")[0] == 0
    reunion = Association.objects.get(identifier="A-002")
    assert reunion.town == "Saint-Denis" and reunion.departement == "974"
    assert reunion.latitude < 0  # southern hemisphere, not Seine-Saint-Denis
    assert reunion.referents.get().phone == "06 92 12 34 56"
    assert Association.objects.get(identifier="A-003").departement == "93"


def test_command_accepts_a_windows_1252_semicolon_csv(campaign):
    status, out, err = import_file(campaign, "organisations_cp1252.csv")
    assert status == 0, err
    assert Association.objects.count() == 4
    assert Association.objects.get(identifier="A-003").name == "Les Amis de l'Étoile"
    assert User.objects.get(email="f.muller@exemple.org").first_name == "François"
    assert Association.objects.get(identifier="A-001").postal_code == "01000"


def test_command_accepts_a_utf8_bom_comma_csv(campaign):
    status, _out, err = import_file(campaign, "organisations_bom.csv")
    assert status == 0, err
    assert Association.objects.get(identifier="A-002").name == "Enfance & Familles de La Réunion"


def test_one_audit_entry_with_counts_and_no_personal_data(campaign):
    import_file(campaign, "organisations.xlsx")
    entry = AuditEntry.objects.get(action="import.organisations")
    assert entry.campaign_id == campaign.pk
    assert entry.details["file"] == "organisations.xlsx"
    assert entry.details["created"] == 4 and entry.details["referents_created"] == 3
    assert "@" not in str(entry.details) and "Dupont" not in str(entry.details)


def test_a_bad_file_lists_every_bad_row_and_writes_nothing(campaign):
    before = database_snapshot()
    status, out, err = import_file(campaign, "organisations_bad.csv")
    assert status == 1
    assert out == ""
    for expected in [
        "ligne 3, colonne « Nom » : valeur obligatoire",
        "ligne 3, colonne « Adhérent » : « peut-être »",
        "ligne 3, colonne « Code postal » : « 123 »",
        "ligne 3, colonne « Jeunes accompagnés » : « dix »",
        "ligne 3, colonne « Référent e-mail » : « pas-une-adresse »",
        "ligne 3, colonne « Référent téléphone » : « 12 »",
        "ligne 4, colonne « Identifiant » : l'identifiant « B-001 » figure déjà à la ligne 2",
        "ligne 5, colonne « Code postal » : le code postal « 99999 » ne correspond à aucun département",
        "ligne 5, colonne « Référent e-mail » : adresse e-mail obligatoire",
    ]:
        assert expected in err
    assert "ligne 2," not in err
    assert "rien n'a été enregistré" in err
    assert database_snapshot() == before


def test_dry_run_writes_nothing(campaign):
    before = database_snapshot()
    status, out, _err = import_file(campaign, "organisations.xlsx", args=["--dry-run"])
    assert status == 0
    assert "4 à créer" in out and "Rien n'a été enregistré" in out
    assert database_snapshot() == before


def test_reimport_is_idempotent_and_updates_what_changed(campaign, tmp_path):
    assert import_file(campaign, "organisations.xlsx")[0] == 0
    after_first = database_snapshot()
    result = organisations_import(
        campaign=campaign, file=FILES / "organisations.xlsx", actor=None, dry_run=False
    )
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    after_second = database_snapshot()
    assert after_second["Association"] == after_first["Association"]
    assert after_second["User"] == after_first["User"]
    changed = tmp_path / "orgs.csv"
    changed.write_text(
        "Identifiant;Nom;Adhérent;Code postal;Commune;Jeunes accompagnés;Référent e-mail;Référent téléphone\n"
        "A-004;Association corse Île-Beauté;oui;20000;Ajaccio;9;;\n"
        "A-002;Enfance & Familles de La Réunion;oui;97400;Saint-Denis;25;josee.hoarau@exemple.re;0693 12 34 56\n",
        encoding="utf-8",
    )
    result = organisations_import(campaign=campaign, file=changed, actor=None, dry_run=False)
    assert (result.created, result.updated, result.unchanged) == (0, 2, 0), result.errors
    assert Association.objects.get(identifier="A-004").youth_followed == 9
    assert User.objects.get(email="josee.hoarau@exemple.re").phone == "06 93 12 34 56"


def test_an_email_already_used_elsewhere_is_an_error_naming_the_row(
    campaign, operator_user, referent_user, tmp_path
):
    path = tmp_path / "orgs.csv"
    path.write_text(
        "Identifiant,Nom,Adhérent,Code postal,Commune,Jeunes accompagnés,Référent e-mail\n"
        f"N-1,Nouvelle,oui,75011,Paris,3,{referent_user.email.upper()}\n"
        f"N-2,Autre,oui,75011,Paris,3,{operator_user.email}\n",
        encoding="utf-8",
    )
    before = database_snapshot()
    result = organisations_import(campaign=campaign, file=path, actor=operator_user, dry_run=False)
    assert result.errors == [
        "ligne 2, colonne « Référent e-mail » : cette adresse e-mail est déjà celle du référent "
        "d'une autre association (« Sauvegarde de l'Essonne »)",
        "ligne 3, colonne « Référent e-mail » : cette adresse e-mail est déjà celle d'un compte qui n'est pas un référent",
    ]
    assert database_snapshot() == before


def test_same_identifier_under_another_operator_is_another_association(campaign):
    other = campaign_create(slug="autre", name="Autre", operator_name="Autre opérateur")
    assert import_file(campaign, "organisations.xlsx")[0] == 0
    result = organisations_import(
        campaign=other, file=FILES / "organisations_cp1252.csv", actor=None, dry_run=False
    )
    # The referents' e-mails already belong to the first operator's associations.
    assert not result.ok
    assert all("Référent e-mail" in error and "(«" not in error for error in result.errors)
    assert Association.objects.filter(operator=other.operator).count() == 0


def test_unknown_campaign_missing_file_and_wrong_extension(campaign, tmp_path):
    status, _out, err = command(
        "import_organisations", str(FILES / "organisations.xlsx"), "--campaign", "nulle-part"
    )
    assert status == 1 and "Campagne inconnue : « nulle-part »" in err
    status, _out, err = command(
        "import_organisations", str(tmp_path / "absent.xlsx"), "--campaign", campaign.slug
    )
    assert status == 1 and "Fichier introuvable" in err
    odt = tmp_path / "associations.ods"
    odt.write_bytes(b"PK\x03\x04whatever")
    status, _out, err = command("import_organisations", str(odt), "--campaign", campaign.slug)
    assert status == 1 and "envoyez un fichier .xlsx ou .csv" in err
    assert "Traceback" not in err


def test_the_real_exit_status_is_1_without_traceback(campaign, monkeypatch, capsys):
    from django.core.management import base

    from billetterie.imports.management.commands.import_organisations import Command

    monkeypatch.setattr(base.connections, "close_all", lambda: None)  # keep the test's connection
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(
            [
                "billetterie",
                "import_organisations",
                str(FILES / "organisations_bad.csv"),
                "--campaign",
                campaign.slug,
            ]
        )
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "ligne 3, colonne « Nom » : valeur obligatoire" in err and "Traceback" not in err
