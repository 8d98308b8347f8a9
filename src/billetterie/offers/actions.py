"""Audited actions on offers."""

ACTIONS = {
    "offer.created": "Lot proposé à une association",
    "offer.accepted": "Proposition acceptée",
    "offer.declined": "Proposition déclinée",
    "offer.expired": "Proposition expirée",
    "offer.extended": "Délai de réponse prolongé",
    "offer.given_back": "Lot rendu par l'association",
    "offer.reminder_sent": "Relance envoyée",
    "offer.reoffered": "Lot reproposé aussitôt (mode continu)",
}
