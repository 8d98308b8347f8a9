"""Audited actions on campaigns."""

ACTIONS = {
    "campaign.created": "Campagne créée",
    "campaign.updated": "Campagne modifiée",
    "operator.updated": "Réglages de l'opérateur modifiés",
    "operator.contact_updated": "Contact de l'opérateur modifié",
    "help.entry_created": "Question ajoutée à l'aide",
    "help.entry_updated": "Question de l'aide modifiée",
    "help.entry_deleted": "Question retirée de l'aide",
    "help.entry_moved": "Question de l'aide déplacée",
    "campaign.personal_data_purged": "Données personnelles de la campagne effacées",
}
