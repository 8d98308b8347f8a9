"""Messages of the contest (each part adds its own kinds below)."""

from billetterie.outbox.kinds import Kind

KINDS: dict = {
    # Jury and deliberation
    "contest.results": Kind(
        label="Résultats du jeu-concours (à la clôture de la délibération du jury)",
        subject="Billetterie populaire : les résultats du jeu-concours",
        body=(
            "Bonjour,\n\n"
            "Le jury du jeu-concours « La parole aux petits champions » a délibéré le "
            "{deliberation}. Merci à {association} et aux enfants pour leur enregistrement !\n\n"
            "Votre enregistrement ({enregistrement}) est classé {rang}.\n\n"
            "Les lots prestige sont proposés aux associations lauréates dans l'ordre du "
            "classement, selon la taille du groupe déclarée, jusqu'à ce qu'il n'en reste plus. "
            "Si un lot vous est proposé, vous recevrez un e-mail de proposition à accepter dans "
            "le délai indiqué.\n\n"
            "Votre espace : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            "association": "le nom de l'association",
            "enregistrement": "le nom anonyme de l'enregistrement (« Enregistrement 7 »)",
            "rang": "le rang de l'enregistrement (« 3ᵉ sur 12 »)",
            "deliberation": "la date de la clôture de la délibération",
            "lien": "le lien vers l'espace de l'association",
        },
        examples={
            "enregistrement": "Enregistrement 7",
            "rang": "3ᵉ sur 12",
            "deliberation": "17 avril 2024",
        },
    ),
}
