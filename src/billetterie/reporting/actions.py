"""Audited actions of reporting (each part adds its own below)."""

ACTIONS = {
    # Exports of the lists
    "reporting.export_requested": "Export d'une liste demandé",
    "reporting.export_built": "Export d'une liste prêt",
    "reporting.export_downloaded": "Export d'une liste téléchargé",
    "reporting.exports_expired": "Exports effacés (7 jours passés)",
    # Explanations
    "reporting.explanation_opened": "Explication d'une association ouverte par l'opérateur",
    # Funder's report
    "reporting.funder_report_downloaded": "Bilan pour le financeur téléchargé",
}
