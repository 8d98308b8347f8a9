"""Audited actions of the contest (each part adds its own below)."""

ACTIONS = {
    # Settings and participation
    # Jury and deliberation
    "contest.scores_saved": "Notes d'un enregistrement données par un membre du jury",
    "contest.ranking_adjusted": "Classement du jeu-concours ajusté par le président du jury",
    "contest.deliberation_closed": "Délibération du jury close (noms révélés, résultats envoyés)",
    # Prestige packs
}
