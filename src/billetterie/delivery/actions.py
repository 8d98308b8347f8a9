"""Audited actions of the delivery of tickets (each part adds its own below)."""

ACTIONS = {
    # Nominative exports
    "delivery.nominative_exported": "Export nominatif pour la billetterie créé",
    "delivery.nominative_export_downloaded": "Export nominatif pour la billetterie téléchargé",
    # Download links
    "delivery.link_replaced": "Lien de téléchargement remplacé",
    "delivery.link_withdrawn": "Lien de téléchargement retiré",
    "delivery.link_withdrawn_name_change": "Lien de téléchargement retiré (réattribution nominative)",
    "delivery.links_withdrawn_pack_left": "Liens de téléchargement retirés (lot rendu)",
    # Leaders' pages
    "delivery.leader_link_sent": "Lien de la page du responsable de groupe envoyé",
    "delivery.leader_link_renewed": (
        "Nouveau lien envoyé au responsable de groupe (l'ancien ne marche plus)"
    ),
    "delivery.leader_link_revoked": "Lien du responsable de groupe désactivé",
    "delivery.leader_page_opened": "Page du responsable de groupe ouverte (première fois)",
    "delivery.leader_confirmed": "Billets récupérés, confirmé par le responsable de groupe",
    # Attendance and reliability
    "delivery.attendance_filed": "Présence déclarée après l'épreuve",
    "delivery.attendance_corrected": "Présence corrigée après l'épreuve",
    "delivery.attendance_reminder_sent": "Rappel de déclarer la présence envoyé",
    "delivery.attendance_exported": "Présence exportée",
}
