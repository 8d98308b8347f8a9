"""Audited actions on allocation runs."""

ACTIONS = {
    "allocation.run_started": "Calcul d'attribution lancé",
    "allocation.run_finished": "Calcul d'attribution terminé",
    "allocation.run_failed": "Calcul d'attribution en échec",
    "allocation.pack_moved": "Lot déplacé à la main",
    "allocation.published": "Vague publiée",
    "allocation.discarded": "Calcul abandonné",
    "allocation.replay_requested": "Vérification par un nouveau calcul demandée",
    "allocation.replay_checked": "Vérification par un nouveau calcul terminée",
}
