"""Audited actions on accounts."""

ACTIONS = {
    "user.created": "Compte créé",
    "user.password_reset": "Mot de passe réinitialisé",
    "user.login": "Connexion",
}
