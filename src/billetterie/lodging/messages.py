"""Messages of lodging (each part adds its own kinds below).

A message names the other side's contact only once both sides accepted (privacy of both)."""

from billetterie.outbox.kinds import Kind

# --- Portal: the answers to a proposal (services/agreement.py, needs.py, offers.py) -------------
AGREEMENT = {
    "association": "le nom de l'association qui reçoit le message",
    "sejour": "les nuits du séjour, du soir d'arrivée au matin du départ (« 3 nuits, du 25 au 28 juillet »)",
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
KINDS["lodging.place_changed"] = Kind(
    label="Hébergement : l'hébergeur a changé l'adresse d'un séjour accepté",
    subject="Billetterie populaire : nouvelle adresse pour votre hébergement à {lieu}",
    body=(
        "Bonjour,\n\n"
        "L'hébergeur de votre groupe ({sejour}) a changé l'adresse du lieu. La voici :\n"
        "{lieu}, {adresse}\n\n"
        "Votre page « Hébergement » :\n{lien}\n\n"
        "Une question ? {contact}"
    ),
    placeholders={
        **AGREEMENT,
        "adresse": "la nouvelle adresse complète du lieu",
    },
    examples={
        "lieu": "Maison d'enfants Les Tilleuls",
        "adresse": "14 rue des Tilleuls, 94300 Vincennes",
        "sejour": "3 nuits, du 25 au 28 juillet",
    },
)
# --- end of the portal's block ---

# --- Travel times: the far associations invited to declare their needs (services/travel.py) ----
KINDS["lodging.far_invitation"] = Kind(
    label="Hébergement : invitation des associations éloignées à déclarer leurs besoins",
    subject="Billetterie populaire : besoin d'un hébergement en Île-de-France ?",
    body=(
        "Bonjour,\n\n"
        "Pour « {campagne} », {association} est à plus de {seuil} de trajet de Paris ou d'une "
        "ville où se déroulent ses épreuves (nous estimons le trajet à {temps}). Un aller et "
        "retour dans la journée serait long pour les jeunes.\n\n"
        "Si votre groupe a besoin d'être hébergé en Île-de-France, déclarez vos besoins "
        "(nuits, nombre de jeunes et d'encadrants, accessibilité) {echeance} : nous "
        "cherchons des associations qui peuvent vous accueillir.\n{lien}\n\n"
        "Si vous n'avez pas besoin d'hébergement, vous n'avez rien à faire.\n\n"
        "Une question ? {contact}"
    ),
    placeholders={
        "association": "le nom de l'association",
        "seuil": "le seuil de temps de trajet de la campagne (« 2 h 30 »)",
        "temps": "le temps de trajet retenu pour l'association (« 5 h 05 »)",
        "echeance": "« avant le » et la date limite des besoins, s'il y en a une (sinon "
        "« dès que possible »)",
        "lien": "le lien vers la page « Hébergement » du portail",
    },
    examples={"seuil": "2 h 30", "temps": "5 h 05", "echeance": "avant le 15 mai 2024"},
)

# Back office: host invitations and the placements the operator publishes or cancels. No message
# gives the other side's contact details: they appear on the portal once both sides accepted.
HOST_INVITATION = "lodging.host_invitation"
PLACEMENT_PROPOSED_GUEST = "lodging.placement_proposed_guest"
PLACEMENT_PROPOSED_HOST = "lodging.placement_proposed_host"
PLACEMENT_CANCELLED = "lodging.placement_cancelled"

KINDS.update(
    {
        HOST_INVITATION: Kind(
            label="Hébergement : invitation à proposer des lits",
            subject="Billetterie populaire : pouvez-vous héberger des jeunes venus de loin ?",
            body=(
                "Bonjour,\n\n"
                "Pour « {campagne} », {operateur} cherche en Île-de-France des structures capables "
                "d'héberger quelques nuits des groupes de jeunes venus de loin (outre-mer compris) "
                "pour assister aux épreuves.\n\n"
                "Si {association} peut accueillir un groupe, même une seule nuit, dites-le sur la "
                "plateforme : le lieu, les lits disponibles chaque nuit, qui vous pouvez accueillir "
                "et vos conditions. {date_limite}\n{lien}\n\n"
                "Rien ne vous engage avant que vous ayez accepté une proposition précise.\n\n"
                "Une question ? {contact}"
            ),
            placeholders={
                "association": "le nom de la structure invitée",
                "date_limite": "la date limite des offres, en une phrase (vide s'il n'y en a pas)",
                "lien": "le lien vers la plateforme",
            },
            examples={
                "association": "Maison d'enfants Les Tilleuls",
                "date_limite": "Vous pouvez le faire jusqu'au 15 juin 2024.",
            },
        ),
        PLACEMENT_PROPOSED_GUEST: Kind(
            label="Hébergement : proposition faite à l'association hébergée",
            subject="Billetterie populaire : une proposition d'hébergement pour vos groupes",
            body=(
                "Bonjour,\n\n"
                "{operateur} propose un hébergement en Île-de-France aux groupes de {association} "
                "pour « {campagne} » :\n{sejours}\n\n"
                "Lisez la proposition et répondez (accepter ou refuser) sur la plateforme :\n"
                "{lien}\n\n"
                "Les coordonnées de l'hébergeur vous seront données dès que vous aurez accepté "
                "tous les deux.\n\n"
                "Une question ? {contact}"
            ),
            placeholders={
                "association": "le nom de l'association hébergée",
                "sejours": "les séjours proposés, un par ligne : dates, personnes, commune du lieu",
                "lien": "le lien vers la plateforme",
            },
            examples={
                "association": "Association Les Goélands",
                "sejours": "- 3 nuits, du 29 juillet au 1er août, 12 personnes : "
                "« Les Tilleuls », Montreuil",
            },
        ),
        PLACEMENT_PROPOSED_HOST: Kind(
            label="Hébergement : proposition faite à l'hébergeur",
            audience="les référents de la structure qui héberge",
            subject="Billetterie populaire : un groupe à héberger",
            body=(
                "Bonjour,\n\n"
                "{operateur} vous propose d'héberger pour « {campagne} » :\n{groupes}\n\n"
                "Lisez la proposition et répondez (accepter ou refuser) sur la plateforme :\n"
                "{lien}\n\n"
                "Les coordonnées de l'association hébergée vous seront données dès que vous aurez "
                "accepté tous les deux.\n\n"
                "Une question ? {contact}"
            ),
            placeholders={
                "association": "le nom de la structure qui héberge",
                "groupes": "les groupes proposés, un par ligne : lieu, dates, personnes, âges",
                "lien": "le lien vers la plateforme",
            },
            examples={
                "association": "Maison d'enfants Les Tilleuls",
                "groupes": "- « Les Tilleuls » : 3 nuits, du 29 juillet au 1er août, 10 jeunes "
                "de 12 à 15 ans et 2 encadrants, venus de La Réunion",
            },
        ),
        PLACEMENT_CANCELLED: Kind(
            label="Hébergement : proposition annulée par l'opérateur",
            subject="Billetterie populaire : une proposition d'hébergement est annulée",
            body=(
                "Bonjour,\n\n"
                "{operateur} annule la proposition d'hébergement suivante pour « {campagne} » :\n"
                "{sejour}\n\nMotif : {motif}\n\n"
                "Les lits sont libérés. Vous pouvez voir où en est l'hébergement sur la "
                "plateforme :\n{lien}\n\n"
                "Une question ? {contact}"
            ),
            placeholders={
                "association": "le nom de l'association qui reçoit le message",
                "sejour": "le séjour annulé : dates, personnes, commune du lieu",
                "motif": "le motif donné par l'opérateur",
                "lien": "le lien vers la plateforme",
            },
            examples={
                "association": "Association Les Goélands",
                "sejour": "3 nuits, du 29 juillet au 1er août, 12 personnes, Montreuil",
                "motif": "Le lieu n'est plus disponible.",
            },
        ),
    }
)
