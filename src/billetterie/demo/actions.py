"""Audited actions of the demo."""

ACTIONS = {
    "demo.loaded": "Campagne de démonstration chargée",
}
