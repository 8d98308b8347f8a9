"""Audited actions of the contest (each part adds its own below)."""

ACTIONS = {
    # Settings and participation
    # Jury and deliberation
    # Prestige packs
    "contest.prestige_started": "Lots prestige proposés aux lauréats",
    "contest.prestige_offered": "Lot prestige proposé à un lauréat",
    "contest.prestige_accepted": "Lot prestige accepté par un lauréat",
    "contest.prestige_passed": "Lot prestige refusé, expiré ou rendu : passe au lauréat suivant",
}
