"""Audited actions of the core: the platform clock, the Django admin, backups and restores."""

ACTIONS = {
    "clock.set": "Horloge de la plateforme réglée",
    "admin.created": "Création dans l'administration",
    "admin.changed": "Modification dans l'administration",
    "admin.deleted": "Suppression dans l'administration",
    "backup.created": "Sauvegarde de la base et des fichiers",
    "backup.restored": "Restauration d'une sauvegarde",
}
