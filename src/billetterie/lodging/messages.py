"""Messages of lodging (each part adds its own kinds below)."""

from billetterie.outbox.kinds import Kind

KINDS: dict = {}

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
                "sejours": "- du 29 au 31 juillet 2024 (3 nuits), 12 personnes : "
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
                "groupes": "- « Les Tilleuls » : du 29 au 31 juillet 2024 (3 nuits), 10 jeunes "
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
                "sejour": "du 29 au 31 juillet 2024 (3 nuits), 12 personnes, Montreuil",
                "motif": "Le lieu n'est plus disponible.",
            },
        ),
    }
)
