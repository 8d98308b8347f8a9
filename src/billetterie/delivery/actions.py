"""Audited actions of the delivery of tickets (each part adds its own below)."""

ACTIONS = {
    # Nominative exports
    "delivery.nominative_exported": "Export nominatif pour la billetterie créé",
    "delivery.nominative_export_downloaded": "Export nominatif pour la billetterie téléchargé",
    # Download links
    # Leaders' pages
    # Attendance and reliability
}
