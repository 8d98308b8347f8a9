"""Audited actions of the spreadsheet imports."""

ACTIONS = {
    "import.organisations": "Import des associations",
    "import.sessions": "Import des épreuves",
    "import.packs": "Import des lots",
    "import.applications": "Import des candidatures",
    "import.attendees": "Import du tableau des bénéficiaires",
    "import.links": "Import des liens de téléchargement",
}
