"""Messages of lodging (each part adds its own kinds below)."""

from billetterie.outbox.kinds import Kind

KINDS: dict = {
    "lodging.far_invitation": Kind(
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
    ),
}
