"""Messages of the delivery of tickets (each part adds its own kinds below)."""

from billetterie.outbox.kinds import SMS, Kind

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

KINDS: dict = {
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
