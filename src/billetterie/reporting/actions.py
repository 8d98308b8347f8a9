"""Audited actions of reporting (each part adds its own below)."""

ACTIONS = {
    # Exports of the lists
    # Explanations
    "reporting.explanation_opened": "Explication d'une association ouverte par l'opérateur",
    # Funder's report
}
