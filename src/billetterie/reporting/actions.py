"""Audited actions of reporting (each part adds its own below)."""

ACTIONS = {
    # Exports of the lists
    # Explanations
    # Funder's report
    "reporting.funder_report_downloaded": "Bilan pour le financeur téléchargé",
}
