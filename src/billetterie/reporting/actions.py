"""Audited actions of reporting (each part adds its own below)."""

ACTIONS = {
    # Exports of the lists
    # Explanations
    # Funder's report
    # Size-weight preview (the run page's « Essayer d'autres valeurs de α »)
    "reporting.size_weight_preview_requested": "Essai d'autres valeurs de α demandé",
    "reporting.size_weight_preview_finished": "Essai d'autres valeurs de α terminé",
    "reporting.size_weight_preview_failed": "Essai d'autres valeurs de α en échec",
}
