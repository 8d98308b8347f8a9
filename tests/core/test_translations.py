"""The English catalogue is complete and compiled: every message of `locale/en/.../django.po` has
an English text, none is left fuzzy (a guess by `makemessages` that nobody checked), the
placeholders are those of the French text, and `django.mo` is the compilation of this `.po` (a
`.po` edited without `msgfmt -o django.mo django.po` would not show on the site).

Pure Python: the `.po` is read by the small reader below and the `.mo` by the standard `gettext`
module, so no system package is needed.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import billetterie

LC_MESSAGES = Path(billetterie.__file__).parent / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


@dataclass
class Entry:
    line: int  # of its msgid in the file
    flags: set = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict = field(default_factory=dict)  # {index: text}; index 0 alone when no plural

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"


def po_entries(path: Path) -> list[Entry]:
    """The entries of a .po file as `makemessages` writes it (one blank line between entries),
    header included, obsolete ones (#~) left out."""
    entries, number = [], 1
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, keyword = Entry(number), None
        for offset, line in enumerate(block.strip("\n").splitlines()):
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            else:
                if not line.startswith('"'):
                    keyword, _, line = line.partition(" ")
                    if keyword == "msgid":
                        entry.line = number + offset
                text = ast.literal_eval(line)
                if keyword == "msgctxt":
                    entry.msgctxt = (entry.msgctxt or "") + text
                elif keyword == "msgid":
                    entry.msgid += text
                elif keyword == "msgid_plural":
                    entry.msgid_plural = (entry.msgid_plural or "") + text
                elif keyword == "msgstr" or keyword.startswith("msgstr["):
                    index = int(keyword[7:-1]) if "[" in keyword else 0
                    entry.msgstr[index] = entry.msgstr.get(index, "") + text
                else:
                    raise AssertionError(f"{path.name}, ligne {number + offset} : {keyword!r} ?")
        if entry.msgstr:  # a block of comments only (#~ obsolete entries) is no entry
            entries.append(entry)
        number += block.count("\n") + 2
    return entries


@pytest.fixture(scope="module")
def entries():
    found = po_entries(LC_MESSAGES / "django.po")
    assert found[0].msgid == "" and "Plural-Forms" in found[0].msgstr[0]
    return found[1:]


def _where(entry: Entry) -> str:
    return f"django.po, ligne {entry.line} : {entry.msgid[:70]!r}"


def test_the_reader_reads_this_catalogue(entries):
    assert len(entries) > 400
    assert len({e.key for e in entries}) == len(entries)
    plural = next(e for e in entries if e.msgid_plural)
    assert set(plural.msgstr) == {0, 1}


def test_every_message_has_an_english_text(entries):
    empty = [_where(e) for e in entries if not all(e.msgstr.values()) or not e.msgstr]
    assert not empty, "Messages sans traduction anglaise :\n" + "\n".join(empty)


def test_no_message_is_left_fuzzy(entries):
    fuzzy = [_where(e) for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, "Traductions à vérifier (fuzzy) :\n" + "\n".join(fuzzy)


def test_placeholders_are_those_of_the_french_text(entries):
    """Same parameters as the French text; the singular of a plural may leave out the count
    ("this link" for "ce lien", "these %(counter)s links" for the plural)."""

    def names(text):
        return {a or b for a, b in PLACEHOLDER.findall(text)}

    wrong = []
    for e in entries:
        expected = names(e.msgid) | names(e.msgid_plural or "")
        last = max(e.msgstr)
        for index, text in e.msgstr.items():
            ok = names(text) == expected if index == last else names(text) <= expected
            if not ok:
                wrong.append(f"{_where(e)} → {text!r}")
    assert not wrong, "Paramètres différents du texte français :\n" + "\n".join(wrong)


def test_the_mo_is_the_compiled_po(entries):
    with (LC_MESSAGES / "django.mo").open("rb") as stream:
        catalog = gettext.GNUTranslations(stream)._catalog
    expected = {}
    for e in entries:
        if e.msgid_plural is None:
            expected[e.key] = e.msgstr[0]
        else:
            expected.update({(e.key, i): text for i, text in e.msgstr.items()})
    compiled = {key: text for key, text in catalog.items() if key != ""}
    missing = sorted(str(k) for k in expected.keys() - compiled.keys())
    extra = sorted(str(k) for k in compiled.keys() - expected.keys())
    different = sorted(
        str(k) for k in expected.keys() & compiled.keys() if expected[k] != compiled[k]
    )
    assert not (missing or extra or different), (
        "django.mo ne correspond pas à django.po : recompilez avec "
        "`msgfmt -o django.mo django.po` dans locale/en/LC_MESSAGES.\n"
        f"absents du .mo : {missing[:10]}\nen trop : {extra[:10]}\ndifférents : {different[:10]}"
    )
