"""The registry of audited actions: one namespaced code each, with its French label."""

ACTIONS: dict[str, str] = {
    "campaign.created": "Campagne créée",
    "campaign.updated": "Campagne modifiée",
    "clock.set": "Horloge de la plateforme réglée",
    "import.organisations": "Import des associations",
    "import.sessions": "Import des épreuves",
    "import.packs": "Import des lots",
    "import.applications": "Import des candidatures",
    "demo.loaded": "Campagne de démonstration chargée",
    "user.created": "Compte créé",
    "user.password_reset": "Mot de passe réinitialisé",
    "user.login": "Connexion",
    "admin.created": "Création dans l'administration",
    "admin.changed": "Modification dans l'administration",
    "admin.deleted": "Suppression dans l'administration",
    "offer.created": "Lot proposé à une association",
    "offer.accepted": "Proposition acceptée",
    "offer.declined": "Proposition déclinée",
    "offer.expired": "Proposition expirée",
    "offer.extended": "Délai de réponse prolongé",
    "offer.given_back": "Lot rendu par l'association",
    "offer.reminder_sent": "Relance envoyée",
    "offer.reoffered": "Lot reproposé aussitôt (mode continu)",
}


def register(code: str, label: str) -> None:
    """Let an app add its own actions at import time."""
    if code in ACTIONS and ACTIONS[code] != label:
        raise ValueError(f"action {code} already registered with another label")
    ACTIONS[code] = label


def label(code: str) -> str:
    return ACTIONS.get(code, code)
