"""Audited actions of the demo."""

ACTIONS = {
    "demo.loaded": "Campagne de démonstration chargée",
    "demo.scale_seeded": "Données d'échelle chargées",
}
