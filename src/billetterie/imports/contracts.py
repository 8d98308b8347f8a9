"""The column contracts of the four import files: French headers, what they hold, an example."""

import csv
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    description: str
    example: str
    required: bool = True  # the header must be present (a cell may still be optional)


@dataclass(frozen=True)
class Contract:
    kind: str
    title: str
    summary: str
    columns: tuple[Column, ...]
    # Data rows one file may hold (`IMPORT_MAX_ROWS` in the settings overrides it, by kind).
    max_rows: int = 5_000

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def header(self, key: str) -> str:
        return self.column(key).header

    def template_csv(self) -> bytes:
        """An empty file to fill in: the header row and one example row (Excel-friendly CSV)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([column.header for column in self.columns])
        writer.writerow([column.example for column in self.columns])
        return buffer.getvalue().encode("utf-8-sig")


ORGANISATIONS = Contract(
    kind="organisations",
    title="Associations",
    summary=(
        "Une ligne par association. Une association déjà connue (même identifiant) est mise à jour. "
        "Un nouveau référent reçoit un compte et, par e-mail, une invitation à choisir son mot "
        "de passe (la page « Comptes » montre qui ne s'est pas encore connecté)."
    ),
    columns=(
        Column(
            "identifier",
            "Identifiant",
            "Identifiant unique de l'association chez l'opérateur.",
            "CNAPE-0042",
        ),
        Column("name", "Nom", "Nom de l'association.", "Sauvegarde de l'Essonne"),
        Column("is_member", "Adhérent", "Adhérente de l'opérateur : oui ou non.", "oui"),
        Column(
            "postal_code", "Code postal", "Code postal du siège (il donne le département).", "91000"
        ),
        Column("town", "Commune", "Commune du siège.", "Évry-Courcouronnes"),
        Column(
            "youth_followed", "Jeunes accompagnés", "Nombre de jeunes suivis ou accueillis.", "120"
        ),
        Column(
            "referent_last_name", "Référent nom", "Nom du référent JOP.", "Martin", required=False
        ),
        Column(
            "referent_first_name",
            "Référent prénom",
            "Prénom du référent JOP.",
            "Élodie",
            required=False,
        ),
        Column(
            "referent_email",
            "Référent e-mail",
            "Adresse e-mail du référent (son identifiant).",
            "e.martin@exemple.org",
            required=False,
        ),
        Column(
            "referent_phone",
            "Référent téléphone",
            "Téléphone du référent.",
            "06 11 22 33 44",
            required=False,
        ),
    ),
)

SESSIONS = Contract(
    kind="sessions",
    title="Épreuves",
    summary=(
        "Une ligne par épreuve (session). Une épreuve déjà connue (même code, mêmes Jeux) est mise à "
        "jour ; les sites et villes hôtes nouveaux sont créés."
    ),
    columns=(
        Column("code", "Épreuve", "Code officiel de l'épreuve.", "ATH01"),
        Column("games", "Jeux", "JO ou JP.", "JO"),
        Column("sport", "Sport", "Sport.", "Athlétisme"),
        Column("date", "Date", "Date de l'épreuve (JJ/MM/AAAA).", "02/08/2024"),
        Column("time", "Heure", "Heure de début (HH:MM), facultative.", "10:30"),
        Column("venue", "Site", "Site de compétition.", "Stade de France"),
        Column("city", "Ville", "Ville hôte.", "Saint-Denis"),
        Column(
            "phase",
            "Phase",
            "Finale, Demi-finale, Quart de finale, Tour préliminaire… (facultative).",
            "Finale",
        ),
    ),
)

PACKS = Contract(
    kind="packs",
    title="Lots",
    summary=(
        "Une ligne par lot reçu de la billetterie. Un lot déjà connu (même référence) est mis à jour ; "
        "ses billets sont numérotés de 1 au nombre de billets. Les épreuves, sites et villes hôtes "
        "nouveaux sont créés."
    ),
    columns=(
        Column("reference", "Lot", "Référence du lot.", "LOT-0001"),
        Column("games", "Jeux", "JO ou JP.", "JO"),
        Column("sport", "Sport", "Sport.", "Athlétisme"),
        Column("code", "Épreuve", "Code officiel de l'épreuve.", "ATH01"),
        Column("date", "Date", "Date de l'épreuve (JJ/MM/AAAA).", "02/08/2024"),
        Column("time", "Heure", "Heure de début (HH:MM), facultative.", "10:30"),
        Column("venue", "Site", "Site de compétition.", "Stade de France"),
        Column("city", "Ville", "Ville hôte.", "Saint-Denis"),
        Column("size", "Billets", "Nombre de billets du lot (1 à 500).", "8"),
        Column(
            "is_prestige", "Prestige", "Lot prestige réservé au jeu-concours : oui ou non.", "non"
        ),
    ),
    # A national programme receives about 25,000 packs in one file: room for 20% more.
    max_rows=30_000,
)

APPLICATIONS = Contract(
    kind="applications",
    title="Candidatures",
    summary=(
        "Une ligne par association et par Jeux. Une candidature reçue après la clôture de l'appel va "
        "en liste d'attente. Une candidature déjà connue est mise à jour."
    ),
    columns=(
        Column(
            "identifier",
            "Identifiant association",
            "Identifiant de l'association (fichier des associations).",
            "CNAPE-0042",
        ),
        Column("games", "Jeux", "JO ou JP.", "JO"),
        Column("youth", "Jeunes", "Nombre de jeunes.", "12"),
        Column("supervisors", "Encadrants", "Nombre d'encadrants.", "4"),
        Column(
            "cities",
            "Villes",
            "Villes hôtes par ordre de préférence, séparées par ; ou ,",
            "Marseille ; Paris",
        ),
        Column(
            "impossible_dates",
            "Dates impossibles",
            "Dates impossibles, séparées par ; (facultatif).",
            "27/07/2024 ; 28/07/2024",
        ),
        Column(
            "lodging_needed",
            "Hébergement",
            "Hébergement en Île-de-France nécessaire : oui ou non.",
            "non",
        ),
        Column("received_on", "Reçue le", "Date de réception de la candidature.", "15/09/2023"),
    ),
)

LINKS = Contract(
    kind="links",
    title="Liens de téléchargement",
    summary=(
        "Une ligne par lien renvoyé par la billetterie, pour un lot entier (colonne « Billet » vide) "
        "ou pour un billet. Seuls les lots acceptés par une association reçoivent un lien ; le lien "
        "d'un billet passe avant celui de son lot. Réimporter le même fichier ne change rien ; un "
        "lien différent remplace l'ancien seulement après que vous avez vu et confirmé la liste des "
        "remplacements."
    ),
    columns=(
        Column("pack", "Lot", "Référence du lot.", "LOT-0001"),
        Column(
            "ticket",
            "Billet",
            "Numéro du billet dans le lot ; vide : le lien vaut pour tout le lot.",
            "3",
            required=False,
        ),
        Column(
            "url",
            "Lien",
            "Lien de téléchargement, commençant par https:// (1 000 caractères au plus).",
            "https://billetterie.example.org/t/AbC123",
        ),
    ),
    # The ticket office's file, per pack or per ticket; a larger one is split (several files).
    max_rows=50_000,
)

CONTRACTS: dict[str, Contract] = {
    c.kind: c for c in (ORGANISATIONS, SESSIONS, PACKS, APPLICATIONS, LINKS)
}
