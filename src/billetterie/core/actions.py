"""Audited actions of the core: the platform clock and the Django admin."""

ACTIONS = {
    "clock.set": "Horloge de la plateforme réglée",
    "admin.created": "Création dans l'administration",
    "admin.changed": "Modification dans l'administration",
    "admin.deleted": "Suppression dans l'administration",
}
