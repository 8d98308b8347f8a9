"""Audited actions on campaigns, and the settings the journal shows in words."""

from billetterie.campaigns.rules import size_weight_words, supervision_words

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

# The journal reads these stored values in words (0.333 → « au plus 1 encadrant pour 3 jeunes »).
VALUE_WORDS = {
    "max_supervisors_per_youth": supervision_words,
    "size_weight_exponent": size_weight_words,
}
