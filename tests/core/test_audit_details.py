"""Audit details are stored with English keys, each with the French label the journal shows."""

import ast
import re
from pathlib import Path

from billetterie.core.audit import DETAIL_LABELS, details_display

SRC = Path(__file__).resolve().parents[2] / "src" / "billetterie"


def _detail_keys():
    """Keys of every dict literal passed as `details=` and of every `details[...] = …`."""
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            literals = []
            if isinstance(node, ast.keyword) and node.arg == "details":
                literals.append(node.value)
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "details" for t in node.targets
            ):
                literals.append(node.value)
            for target in getattr(node, "targets", []):
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "details"
                    and isinstance(target.slice, ast.Constant)
                ):
                    yield path.name, target.slice.value
            for value in literals:
                if isinstance(value, ast.Dict):
                    for key in value.keys:
                        if isinstance(key, ast.Constant):
                            yield path.name, key.value


def test_every_detail_key_is_english_and_has_a_french_label():
    keys = list(_detail_keys())
    assert len(keys) > 40  # the scan really reads the services
    not_english = [(f, k) for f, k in keys if not re.fullmatch(r"[a-z][a-z0-9_]*", k)]
    unlabelled = sorted({k for _, k in keys} - set(DETAIL_LABELS))
    assert not_english == [] and unlabelled == []


def test_the_journal_reads_details_in_french():
    shown = details_display(
        {"pack": "JO-0001", "commitment": True, "changes": {"youth": {"before": 9, "after": 20}}}
    )
    assert shown == [
        ("lot", "JO-0001"),
        ("engagement", "oui"),
        ("modifications", "youth avant 9, après 20"),
    ]


def test_settings_stored_as_numbers_read_in_words_in_the_journal():
    shown = dict(
        details_display(
            {
                "changes": {
                    "max_supervisors_per_youth": {"before": "0.333", "after": "0.250"},
                    "size_weight_exponent": {"before": "0.50", "after": "1.00"},
                }
            }
        )
    )
    assert shown["modifications"] == (
        "encadrement avant au plus 1 encadrant pour 3 jeunes, après au plus 1 encadrant pour "
        "4 jeunes, poids de la taille des demandes (α) avant 0,50 : une demande 4 fois plus "
        "grande pèse 2 fois plus (0 : toutes pèsent autant ; 1 : le poids suit la demande), "
        "après 1 : le poids suit la demande (une demande 4 fois plus grande pèse 4 fois plus)"
    )
    assert "0.333" not in shown["modifications"]
    # An old entry in another shape is shown as it was stored, never as an error.
    odd = dict(details_display({"changes": {"size_weight_exponent": {"before": "abc"}}}))
    assert odd["modifications"] == "poids de la taille des demandes (α) avant abc"
