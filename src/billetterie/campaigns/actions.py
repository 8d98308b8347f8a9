"""Audited actions on campaigns."""

ACTIONS = {
    "campaign.created": "Campagne créée",
    "campaign.updated": "Campagne modifiée",
    "operator.updated": "Réglages de l'opérateur modifiés",
    "campaign.personal_data_purged": "Données personnelles de la campagne effacées",
}
