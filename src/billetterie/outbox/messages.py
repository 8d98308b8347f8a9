"""Messages of the platform itself: the invitation to choose a password."""

from billetterie.outbox.kinds import Kind

KINDS = {
    "account.invitation": Kind(
        label="Invitation à créer son mot de passe",
        audience="la personne dont le compte vient d'être créé",
        subject="{operateur} vous invite sur la Billetterie populaire",
        body=(
            "Bonjour,\n\n"
            "{operateur} vous a ouvert un compte sur la Billetterie populaire, la plateforme "
            "qui distribue les billets de « {campagne} » : {role}.\n\n"
            "Pour choisir votre mot de passe et vous connecter, ouvrez ce lien (valable "
            "{validite} jours, une seule fois) :\n{lien}\n\n"
            "Votre identifiant est votre adresse e-mail : {email}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            "role": "le rôle du compte (référent de telle association…)",
            "validite": "le nombre de jours pendant lesquels le lien marche",
            "email": "l'adresse e-mail du compte",
            "lien": "le lien pour choisir son mot de passe",
        },
    ),
}
