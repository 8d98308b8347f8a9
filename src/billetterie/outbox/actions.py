"""Audited actions of the outbox."""

ACTIONS = {
    "outbox.resent": "Message renvoyé",
    "outbox.resent_failed": "Messages en échec renvoyés",
    "outbox.template_changed": "Modèle de message modifié",
    "outbox.template_reset": "Modèle de message remis par défaut",
}
