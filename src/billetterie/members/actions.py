"""Audited actions on associations."""

ACTIONS = {
    "association.updated": "Association modifiée par l'opérateur",
}
