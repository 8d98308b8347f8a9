"""Audited actions on accounts."""

ACTIONS = {
    "user.created": "Compte créé",
    "user.password_reset": "Mot de passe réinitialisé",
    "user.login": "Connexion",
    "user.second_factor_enabled": "Double authentification activée",
    "user.second_factor_disabled": "Double authentification désactivée",
    "user.second_factor_passed": "Deuxième facteur vérifié",
    "user.recovery_codes_renewed": "Codes de secours renouvelés",
    "user.invited": "Invitation à choisir son mot de passe envoyée",
    "user.invitation_accepted": "Mot de passe choisi depuis l'invitation",
}
