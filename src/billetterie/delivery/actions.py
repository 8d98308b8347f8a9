"""Audited actions of the delivery of tickets (each part adds its own below)."""

ACTIONS = {
    # Nominative exports
    "delivery.nominative_exported": "Export nominatif pour la billetterie créé",
    "delivery.nominative_export_downloaded": "Export nominatif pour la billetterie téléchargé",
    # Download links
    # Leaders' pages
    # Attendance and reliability
    "delivery.attendance_filed": "Présence déclarée après l'épreuve",
    "delivery.attendance_corrected": "Présence corrigée après l'épreuve",
    "delivery.attendance_reminder_sent": "Rappel de déclarer la présence envoyé",
    "delivery.attendance_exported": "Présence exportée",
}
