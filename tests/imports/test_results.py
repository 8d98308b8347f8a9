"""What an import reports: the first 200 errors by line, and the count of the others."""

from billetterie.imports.contracts import ORGANISATIONS
from billetterie.imports.results import ImportResult, RowErrors


def test_row_errors_keep_the_first_by_line_and_count_the_rest():
    errors = RowErrors(ORGANISATIONS, keep=3)
    for line in (9, 4, 7, 2, 8, 3):
        errors.add(line, "name", f"erreur {line}")
    errors.add(2, "town", "seconde erreur de la ligne 2")
    assert len(errors) == 7 and errors.omitted == 4 and errors
    assert errors.messages == [
        "ligne 2, colonne « Nom » : erreur 2",
        "ligne 2, colonne « Commune » : seconde erreur de la ligne 2",
        "ligne 3, colonne « Nom » : erreur 3",
    ]


def test_row_errors_keep_200_by_default(settings):
    errors = RowErrors(ORGANISATIONS)
    for line in range(400_000, 1, -1):
        errors.add(line, "identifier", "valeur obligatoire")
    assert len(errors.messages) == 200 and errors.omitted == 399_799
    assert errors.messages[0].startswith("ligne 2,") and errors.messages[-1].startswith(
        "ligne 201,"
    )
    settings.IMPORT_MAX_ERRORS_SHOWN = 5
    assert RowErrors(ORGANISATIONS).keep == 5


def test_the_report_shows_the_kept_errors_then_the_count_of_the_others():
    errors = RowErrors(ORGANISATIONS, keep=2)
    for line in range(2, 400_003):
        errors.add(line, "identifier", "valeur obligatoire")
    result = ImportResult(kind="organisations", file_name="f.csv", dry_run=False)
    result.row_errors_add(errors)
    assert len(result.errors) == 3 and not result.ok
    assert result.errors[-1] == (
        "… et 399\u202f999 autres erreurs : corrigez d'abord celles-ci, puis vérifiez de nouveau "
        "le fichier."
    )
    assert result.error_count == 400_001


def test_one_more_error_is_said_in_the_singular():
    errors = RowErrors(ORGANISATIONS, keep=1)
    errors.add(2, "name", "a")
    errors.add(3, "name", "b")
    result = ImportResult(kind="organisations", file_name="f.csv", dry_run=True)
    result.row_errors_add(errors)
    assert result.errors[-1].startswith("… et 1 autre erreur :") and result.error_count == 2


def test_a_report_without_omitted_errors_counts_its_lines():
    result = ImportResult(kind="packs", file_name="f.csv", dry_run=True, errors=["a", "b"])
    assert result.error_count == 2
