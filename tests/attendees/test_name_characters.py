"""Invisible and formatting characters (Unicode category Cf: bidirectional controls, zero-width
characters…) are refused in a person's names, by the form and by the spreadsheet import alike."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from billetterie.attendees.models import Person, PersonKind
from billetterie.attendees.services.people import person_create, person_fields_clean
from billetterie.imports.attendees import attendees_import

pytestmark = pytest.mark.django_db

INVISIBLE = [
    "\u202a",  # left-to-right embedding
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # right-to-left override: "Dupont\u202egnp.exe" is displayed reversed
    "\u2066",  # left-to-right isolate
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200b",  # zero-width space
    "\u200c",
    "\u200d",
    "\u200e",  # left-to-right mark
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark / zero-width no-break space
    "\u00ad",  # soft hyphen
    "\x07",  # a control character
]


def _fields(**overrides):
    fields = {
        "kind": PersonKind.YOUTH,
        "last_name": "Dupont",
        "first_name": "Léa",
        "birth_date": dt.date(2011, 3, 12),
        "mobile_phone": "",
        "email": "",
    }
    fields.update(overrides)
    return fields


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_an_invisible_character_in_the_last_name_is_refused(char):
    with pytest.raises(ValidationError) as refused:
        person_fields_clean(**_fields(last_name=f"Dup{char}ont"))
    errors = refused.value.message_dict
    assert list(errors) == ["last_name"]
    assert "nom" in errors["last_name"][0] and f"U+{ord(char):04X}" in errors["last_name"][0]


def test_an_invisible_character_in_the_first_name_names_the_first_name():
    with pytest.raises(ValidationError) as refused:
        person_fields_clean(**_fields(first_name="L\u200béa"))
    assert list(refused.value.message_dict) == ["first_name"]
    assert "prénom" in refused.value.message_dict["first_name"][0]


@pytest.mark.parametrize(
    "last, first",
    [("N'Diaye", "Moussa"), ("Lefèvre-Martin", "Éloïse"), ("Łukasz", "Zoë"), ("李", "小龙")],
)
def test_ordinary_names_in_any_script_are_kept(last, first):
    fields = person_fields_clean(**_fields(last_name=last, first_name=first))
    assert (fields["last_name"], fields["first_name"]) == (last, first)


def test_the_form_path_stores_nothing(campaign, association, referent_user):
    with pytest.raises(ValidationError):
        person_create(
            campaign=campaign,
            association=association,
            actor=referent_user,
            **_fields(last_name="Dupont\u202egnp.exe"),
        )
    assert not Person.objects.exists()


def test_the_import_path_refuses_them_too(campaign, association, referent_user, accept, tmp_path):
    pack = accept(association, size=2, reference="JO-BIDI")
    path = tmp_path / "noms.csv"
    path.write_text(
        "Lot;Billet;Rôle;Nom;Prénom;Date de naissance;Téléphone portable;E-mail\n"
        f"{pack.reference};1;jeune;Martin;Léa;01/02/2011;;\n"
        f"{pack.reference};2;jeune;Dupont\u202egnp.exe;Zoé;01/02/2011;;\n",
        encoding="utf-8",
    )
    result = attendees_import(
        campaign=campaign, association=association, file=str(path), actor=referent_user
    )
    assert not result.ok
    assert any("U+202E" in error and "nom" in error for error in result.errors), result.errors
    assert not Person.objects.exists()
