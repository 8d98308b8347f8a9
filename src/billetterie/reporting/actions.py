"""Audited actions of reporting (each part adds its own below)."""

ACTIONS = {
    # Exports of the lists
    # Explanations
    # Funder's report
}
