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
    # Size-weight preview (the run page's « Essayer d'autres valeurs de α »)
    "reporting.size_weight_preview_requested": "Essai d'autres valeurs de α demandé",
    "reporting.size_weight_preview_finished": "Essai d'autres valeurs de α terminé",
    "reporting.size_weight_preview_failed": "Essai d'autres valeurs de α en échec",
}
