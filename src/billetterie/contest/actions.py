"""Audited actions of the contest (each part adds its own below)."""

ACTIONS = {
    # Settings and participation
    "contest.settings_created": "Jeu-concours ouvert dans les réglages (critères proposés)",
    "contest.settings_changed": "Réglages du jeu-concours modifiés",
    "contest.criterion_added": "Critère de notation ajouté",
    "contest.criterion_changed": "Critère de notation modifié",
    "contest.criterion_deleted": "Critère de notation supprimé",
    "contest.criteria_reordered": "Ordre des critères de notation modifié",
    "contest.kit_file_added": "Fichier ajouté au kit du jeu-concours",
    "contest.kit_file_deleted": "Fichier retiré du kit du jeu-concours",
    "contest.president_set": "Président du jury choisi",
    "contest.participation_confirmed": "Participation au jeu-concours confirmée",
    "contest.participation_changed": "Taille du groupe du jeu-concours modifiée",
    "contest.entry_submitted": "Enregistrement du jeu-concours déposé",
    "contest.entry_replaced": "Enregistrement du jeu-concours remplacé",
    "contest.reminder_sent": "Rappel du jeu-concours envoyé",
    # Jury and deliberation
    "contest.scores_saved": "Notes d'un enregistrement données par un membre du jury",
    "contest.ranking_adjusted": "Classement du jeu-concours ajusté par le président du jury",
    "contest.deliberation_closed": "Délibération du jury close (noms révélés, résultats envoyés)",
    # Prestige packs
    "contest.prestige_started": "Lots prestige proposés aux lauréats",
    "contest.prestige_offered": "Lot prestige proposé à un lauréat",
    "contest.prestige_accepted": "Lot prestige accepté par un lauréat",
    "contest.prestige_passed": "Lot prestige refusé, expiré ou rendu : passe au lauréat suivant",
}
