"""Audited actions on named attendees."""

ACTIONS = {
    "attendees.person_created": "Personne ajoutée",
    "attendees.person_updated": "Personne modifiée",
    "attendees.person_merged": "Doublon de personne fusionné",
    "attendees.person_deleted": "Personne supprimée",
    "attendees.group_created": "Groupe créé",
    "attendees.group_deleted": "Groupe supprimé",
    "attendees.pack_released": "Lot retiré de son groupe (il a quitté l'association)",
    "attendees.group_named": "Bénéficiaires d'un groupe enregistrés",
    "attendees.imported": "Tableau des bénéficiaires importé",
    "attendees.submitted": "Attributions nominatives envoyées",
    "attendees.charter_acknowledged": "Charte d'utilisation acceptée",
    "attendees.derogation_requested": "Dérogation demandée",
    "attendees.derogation_decided": "Dérogation traitée",
    "attendees.letter_uploaded": "Courrier d'engagement moral déposé",
    "attendees.letter_decided": "Courrier d'engagement moral traité",
    "attendees.name_change_requested": "Réattribution nominative demandée",
    "attendees.name_change_decided": "Réattribution nominative traitée",
    "attendees.name_changes_exported": "Réattributions exportées pour la billetterie",
    "attendees.reminder_sent": "Relance des attributions nominatives envoyée",
    "attendees.purged": "Données personnelles effacées",
}
