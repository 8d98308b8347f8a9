"""Messages of the delivery of tickets (each part adds its own kinds below)."""

from billetterie.outbox.kinds import SMS, Kind

# Attendance: the referents who have not said who came are reminded the day after the session,
# then 7 days after it (each once; none once the attendance is filed). No message names a person.
ATTENDANCE_REMINDER = "delivery.attendance_reminder"

KINDS: dict = {
    ATTENDANCE_REMINDER: Kind(
        label="Rappel : déclarer la présence après l'épreuve (automatique)",
        subject="Billetterie populaire : qui est venu à l'épreuve du {date} ?",
        body=(
            "Bonjour,\n\n"
            "Les groupes de {association} sont allés aux épreuves suivantes de « {campagne} » "
            "({delai}) :\n{groupes}\n\n"
            "Dites-nous, pour chaque groupe, combien de jeunes et d'encadrants étaient présents. "
            "Cela prend une minute et aide {operateur} à mieux répartir les billets la prochaine "
            "fois :\n{lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            "association": "le nom de l'association",
            "date": "la date des épreuves (« 30 juillet 2024 »)",
            "delai": "depuis quand (« hier », « il y a 7 jours »)",
            "groupes": "les groupes à déclarer, un par ligne, sans aucun nom de personne",
            "lien": "le lien vers la page « Présence le jour J »",
        },
        examples={
            "date": "30 juillet 2024",
            "delai": "hier",
            "groupes": "- Groupe 1 : ATH05 (Athlétisme), Stade de France, 8 billets",
        },
    ),
}

# --- Leaders' pages: the personal link sent to each group leader --------------------------------
LEADER_LINK = {
    "association": "le nom de l'association",
    "epreuve": "l'épreuve : sport, code, date, heure et site",
    "sport": "le sport de l'épreuve",
    "jour": "le jour de l'épreuve (« 30 juillet »)",
    "billets": "le nombre de billets du groupe (« 8 billets »)",
    "valable": "le dernier jour où le lien marche (deux jours après l'épreuve)",
    "lien": "le lien personnel vers la page du responsable de groupe",
}
LEADER_EXAMPLES = {
    "epreuve": "Athlétisme (ATH05), mardi 30 juillet 2024 à 10 h, Stade de France",
    "sport": "Athlétisme",
    "jour": "30 juillet",
    "billets": "8 billets",
    "valable": "1 août 2024",
    "lien": "https://billetterie.example.org/responsable/WzEsMV0:exemple/",
}
LEADER_AUDIENCE = "le responsable du groupe (l'e-mail et le portable donnés par l'association)"

KINDS.update(
    {
        "delivery.leader_link": Kind(
            label="Billets du groupe : lien personnel du responsable de groupe",
            audience=LEADER_AUDIENCE,
            subject="Billetterie populaire : vos billets — {epreuve}",
            body=(
                "Bonjour,\n\n"
                "Vous êtes responsable d'un groupe de {association} pour {epreuve} ({billets}).\n\n"
                "Votre page personnelle donne les liens pour télécharger les billets, les étapes "
                "pour les récupérer dans l'application officielle de billetterie, l'adresse du site "
                "et ce qu'il faut apporter (une pièce d'identité avec photo pour chaque personne) :\n"
                "{lien}\n\n"
                "Ce lien est personnel : ne le transférez pas. Il marche jusqu'au {valable}.\n\n"
                "Quand vous avez récupéré les billets, touchez « J'ai récupéré les billets » sur "
                "cette page.\n\n"
                "Une question ? {contact}"
            ),
            placeholders=LEADER_LINK,
            examples=LEADER_EXAMPLES,
        ),
        "delivery.leader_link_sms": Kind(
            label="Billets du groupe : lien personnel du responsable de groupe (SMS)",
            channel=SMS,
            audience=LEADER_AUDIENCE,
            subject="",
            body="Billetterie populaire : billets {sport} du {jour}. Votre page : {lien}",
            placeholders=LEADER_LINK,
            examples=LEADER_EXAMPLES,
        ),
    }
)
