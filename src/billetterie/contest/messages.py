"""Messages of the contest (each part adds its own kinds below).

No message names a child: an entry is « votre enregistrement », never its file's name."""

from billetterie.outbox.kinds import Kind

# --- Settings, participation and entries --------------------------------------------------------
CONTEST = {
    "association": "le nom de l'association",
    "lien": "le lien vers la page du jeu-concours",
}
WINDOW = {
    "ouverture": "le premier jour du dépôt des enregistrements",
    "cloture": "le dernier jour du dépôt des enregistrements",
}

KINDS: dict = {
    "contest.participation_confirmed": Kind(
        label="Jeu-concours : participation confirmée",
        subject="Billetterie populaire : votre participation au jeu-concours est confirmée",
        body=(
            "Bonjour,\n\n"
            "{association} participe au jeu-concours « La parole aux petits champions » de "
            "« {campagne} », avec un groupe de {taille} personnes (jeunes et encadrants).\n\n"
            "Déposez un enregistrement audio d'une minute au plus, où les enfants racontent leurs "
            "souvenirs en commençant par « Je me souviens de… », du {ouverture} au {cloture}. "
            "Le kit d'animation vous aide à lancer la conversation :\n{lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **CONTEST,
            **WINDOW,
            "taille": "la taille du groupe déclarée (jeunes et encadrants)",
        },
        examples={"taille": "12"},
    ),
    "contest.entry_received": Kind(
        label="Jeu-concours : enregistrement reçu",
        subject="Billetterie populaire : votre enregistrement pour le jeu-concours est bien reçu",
        body=(
            "Bonjour,\n\n"
            "L'enregistrement de {association} pour le jeu-concours de « {campagne} » est bien "
            "reçu le {depose_le} (durée : {duree}). {remplacement}\n\n"
            "Vous pouvez l'écouter, et le remplacer jusqu'au {cloture} inclus :\n{lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **CONTEST,
            "depose_le": "la date du dépôt",
            "duree": "la durée mesurée de l'enregistrement (« 52 s »)",
            "remplacement": "« Il remplace l'enregistrement déposé auparavant. » s'il y en "
            "avait un (sinon rien)",
            "cloture": "le dernier jour du dépôt des enregistrements",
        },
        examples={"duree": "52 s", "remplacement": ""},
    ),
    "contest.participation_reminder": Kind(
        label="Jeu-concours : rappel avant la date limite de participation (automatique)",
        subject="Billetterie populaire : jeu-concours — confirmez votre participation ({delai})",
        body=(
            "Bonjour,\n\n"
            "Le jeu-concours « La parole aux petits champions » de « {campagne} » fait gagner des "
            "places prestige aux associations dont les enfants racontent le mieux leurs souvenirs. "
            "{association} peut encore y participer : confirmez sa participation avant le "
            "{echeance} ({delai}) :\n{lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **CONTEST,
            "echeance": "la date limite pour confirmer la participation",
            "delai": "le temps qui reste (« dans 7 jours », « demain », « aujourd'hui »)",
        },
    ),
    "contest.entry_reminder": Kind(
        label="Jeu-concours : rappel avant la fin du dépôt des enregistrements (automatique)",
        subject="Billetterie populaire : jeu-concours — déposez votre enregistrement ({delai})",
        body=(
            "Bonjour,\n\n"
            "{association} participe au jeu-concours de « {campagne} » mais n'a pas encore déposé "
            "son enregistrement. Le dépôt ferme le {cloture} ({delai}) :\n{lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **CONTEST,
            "cloture": "le dernier jour du dépôt des enregistrements",
            "delai": "le temps qui reste (« dans 2 jours », « demain », « aujourd'hui »)",
        },
    ),
    # --- Jury and deliberation
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
    # --- Prestige packs
}
