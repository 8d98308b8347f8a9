"""Messages of the delivery of tickets (each part adds its own kinds below)."""

from billetterie.outbox.kinds import Kind

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
