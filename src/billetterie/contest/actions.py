"""Audited actions of the contest (each part adds its own below)."""

ACTIONS = {
    # Settings and participation
    # Jury and deliberation
    # Prestige packs
}
