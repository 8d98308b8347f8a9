"""The shape every import shares: all or nothing, a short report, a bounded number of queries."""

import io

import pytest

from billetterie.imports.contracts import CONTRACTS
from billetterie.imports.services import IMPORTERS
from billetterie.members.models import Association

from .conftest import command, database_snapshot


class _Upload(io.BytesIO):
    def __init__(self, name: str, content: bytes):
        super().__init__(content)
        self.name = name


def _csv(kind: str, rows) -> _Upload:
    lines = [";".join(c.header for c in CONTRACTS[kind].columns)]
    lines += [";".join(str(value) for value in row) for row in rows]
    return _Upload(f"{kind}.csv", ("\n".join(lines) + "\n").encode("utf-8"))


def _rows(kind: str, count: int, *, bad: bool = False) -> list[list]:
    """`count` rows of the kind; a bad row has exactly one error."""
    day = "31/02/2024" if bad else "27/07/2024"
    if kind == "organisations":
        postal_code = "abc" if bad else "75011"
        return [
            [
                f"A-{n}",
                f"Asso {n}",
                "oui",
                postal_code,
                "Paris",
                3,
                "Nom",
                "Pré",
                f"r{n}@ex.org",
                "",
            ]
            for n in range(count)
        ]
    if kind == "sessions":
        return [
            [f"S{n}", "JO", "Judo", day, "10:00", f"Site {n % 7}", "Paris", "Finale"]
            for n in range(count)
        ]
    if kind == "packs":
        return [
            [f"L{n}", "JO", "Judo", f"S{n}", day, "10:00", f"Site {n % 7}", "Paris", 4, "non"]
            for n in range(count)
        ]
    youth = "beaucoup" if bad else 3
    return [
        [f"A-{n}", "JO", youth, 1, "Paris, Marseille", "", "non", "15/09/2023"]
        for n in range(count)
    ]


@pytest.fixture
def members(campaign, host_cities):
    Association.objects.bulk_create(
        Association(
            operator=campaign.operator,
            identifier=f"A-{n}",
            name=f"Asso {n}",
            is_member=True,
            postal_code="75011",
            town="Paris",
            departement="75",
        )
        for n in range(500)
    )


def test_250_bad_rows_report_the_first_200_and_count_the_others(campaign, host_cities):
    before = database_snapshot()
    result = IMPORTERS["organisations"](
        campaign=campaign,
        file=_csv("organisations", _rows("organisations", 250, bad=True)),
        actor=None,
        dry_run=False,
    )
    assert result.error_count == 250 and len(result.errors) == 201
    assert all(e.startswith("ligne ") and "Code postal" in e for e in result.errors[:200])
    assert result.errors[0].startswith("ligne 2,") and result.errors[199].startswith("ligne 201,")
    assert result.errors[200] == (
        "… et 50 autres erreurs : corrigez d'abord celles-ci, puis vérifiez de nouveau le fichier."
    )
    assert database_snapshot() == before


def test_the_command_lists_200_errors_and_says_how_many_there_are(campaign, host_cities, tmp_path):
    path = tmp_path / "associations.csv"
    path.write_bytes(_csv("organisations", _rows("organisations", 250, bad=True)).getvalue())
    status, _out, err = command("import_organisations", str(path), "--campaign", campaign.slug)
    lines = err.strip().splitlines()
    assert status == 1 and len(lines) == 202
    assert lines[200].startswith("… et 50 autres erreurs")
    assert lines[-1] == "Fichier refusé (250 erreurs) : rien n'a été enregistré."


def test_100000_valid_rows_are_refused_before_any_row_is_checked(
    campaign, host_cities, django_assert_max_num_queries
):
    before = database_snapshot()
    upload = _csv("organisations", _rows("organisations", 100_000))
    with django_assert_max_num_queries(0):
        result = IMPORTERS["organisations"](
            campaign=campaign, file=upload, actor=None, dry_run=False
        )
    assert result.errors == [
        "Le fichier compte plus de 5\u202f000 lignes de données (limite pour ce type de fichier) : "
        "découpez-le en plusieurs fichiers d'au plus 5\u202f000 lignes et importez-les l'un après "
        "l'autre."
    ]
    assert database_snapshot() == before


@pytest.mark.parametrize("kind", ["organisations", "sessions", "packs", "applications"])
@pytest.mark.parametrize("bad", [False, True], ids=["rows-written", "rows-refused"])
@pytest.mark.parametrize("count", [50, 500])
def test_an_import_makes_a_bounded_number_of_queries(
    campaign, members, kind, bad, count, django_assert_max_num_queries
):
    if kind == "organisations":
        Association.objects.all().delete()
    with django_assert_max_num_queries(40):  # 500 rows: one query per row would be 500+
        result = IMPORTERS[kind](
            campaign=campaign,
            file=_csv(kind, _rows(kind, count, bad=bad)),
            actor=None,
            dry_run=False,
        )
    assert result.ok is not bad, result.errors[:3]
    if bad:
        assert result.error_count == count
    else:
        assert result.rows_read == result.created == count
