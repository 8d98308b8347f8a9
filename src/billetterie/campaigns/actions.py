"""Audited actions on campaigns."""

ACTIONS = {
    "campaign.created": "Campagne créée",
    "campaign.updated": "Campagne modifiée",
    "campaign.personal_data_purged": "Données personnelles de la campagne effacées",
}
