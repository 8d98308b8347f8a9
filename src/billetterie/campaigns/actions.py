"""Audited actions on campaigns."""

ACTIONS = {
    "campaign.created": "Campagne créée",
    "campaign.updated": "Campagne modifiée",
}
