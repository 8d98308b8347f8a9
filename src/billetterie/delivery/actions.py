"""Audited actions of the delivery of tickets (each part adds its own below)."""

ACTIONS = {
    # Nominative exports
    # Download links
    "delivery.link_replaced": "Lien de téléchargement remplacé",
    "delivery.link_withdrawn": "Lien de téléchargement retiré",
    "delivery.link_withdrawn_name_change": "Lien de téléchargement retiré (réattribution nominative)",
    "delivery.links_withdrawn_pack_left": "Liens de téléchargement retirés (lot rendu)",
    # Leaders' pages
    # Attendance and reliability
}
