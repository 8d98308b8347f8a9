"""Messages of lodging (each part adds its own kinds below).

A message names the other side's contact only once both sides accepted (privacy of both)."""

from billetterie.outbox.kinds import Kind

# --- Portal: the answers to a proposal (services/agreement.py, needs.py, offers.py) -------------
AGREEMENT = {
    "association": "le nom de l'association qui reçoit le message",
    "sejour": "les nuits du séjour (« 3 nuits, du 25 au 28 juillet »)",
    "lieu": "le nom du lieu d'hébergement",
    "lien": "le lien vers la page « Hébergement » de l'association",
}
CONTACT = {
    "contact_nom": "la personne à contacter de l'autre association",
    "contact_telephone": "son téléphone",
    "contact_email": "son adresse e-mail",
}

KINDS: dict = {
    "lodging.placement_confirmed_guest": Kind(
        label="Hébergement : proposition acceptée des deux côtés (association accueillie)",
        subject="Billetterie populaire : votre hébergement à {lieu} est confirmé",
        body=(
            "Bonjour,\n\n"
            "{hote} et {association} ont toutes deux accepté l'hébergement de votre groupe "
            "({sejour}) à {lieu}, {adresse}.\n\n"
            "Contactez maintenant l'hébergeur pour convenir de l'arrivée, des repas, de "
            "l'assurance et des responsabilités :\n"
            "{contact_nom} — {contact_telephone} — {contact_email}\n\n"
            "La page pratique vous aide à ne rien oublier :\n{lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **AGREEMENT,
            **CONTACT,
            "hote": "le nom de la structure qui accueille",
            "adresse": "l'adresse complète du lieu",
        },
        examples={
            "hote": "Maison d'enfants de Vincennes",
            "lieu": "Maison d'enfants Les Tilleuls",
            "adresse": "12 rue des Tilleuls, 94300 Vincennes",
            "sejour": "3 nuits, du 25 au 28 juillet",
            "contact_nom": "Camille Martin",
            "contact_telephone": "01 23 45 67 89",
            "contact_email": "accueil@example.org",
        },
    ),
    "lodging.placement_confirmed_host": Kind(
        label="Hébergement : proposition acceptée des deux côtés (structure qui accueille)",
        subject="Billetterie populaire : vous accueillez {invitee} à {lieu}",
        body=(
            "Bonjour,\n\n"
            "{invitee} et {association} ont toutes deux accepté l'hébergement à {lieu} d'un "
            "groupe de {personnes} personnes ({sejour}).\n\n"
            "L'association accueillie va vous contacter ; vous pouvez aussi la joindre :\n"
            "{contact_nom} — {contact_telephone} — {contact_email}\n\n"
            "La page pratique vous aide à convenir de tout (assurance, responsabilités, repas) :"
            "\n{lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **AGREEMENT,
            **CONTACT,
            "invitee": "le nom de l'association accueillie",
            "personnes": "le nombre de personnes du groupe (jeunes et encadrants)",
        },
        examples={
            "invitee": "Sauvegarde de la Gironde",
            "lieu": "Maison d'enfants Les Tilleuls",
            "personnes": "12",
            "sejour": "3 nuits, du 25 au 28 juillet",
            "contact_nom": "Camille Martin",
            "contact_telephone": "01 23 45 67 89",
            "contact_email": "sejours@example.org",
        },
    ),
    "lodging.placement_refused": Kind(
        label="Hébergement : proposition refusée ou retirée (l'autre association)",
        subject="Billetterie populaire : la proposition d'hébergement à {lieu} n'aura pas lieu",
        body=(
            "Bonjour,\n\n"
            "La proposition d'hébergement à {lieu} ({sejour}) qui concernait {association} "
            "n'aura pas lieu : {motif}\n\n"
            "Les lits sont libérés ; l'opérateur pourra faire une nouvelle proposition. "
            "Votre page « Hébergement » :\n{lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **AGREEMENT,
            "motif": "ce qui s'est passé, avec le motif donné (« l'autre association l'a "
            "refusée (motif : dates modifiées). »)",
        },
        examples={
            "lieu": "Maison d'enfants Les Tilleuls",
            "sejour": "3 nuits, du 25 au 28 juillet",
            "motif": "l'autre association l'a refusée (motif : dates modifiées).",
        },
    ),
}
# --- end of the portal's block ---
