"""The allocation methods a run computes: the campaign's rule and the baselines it is compared with."""

BASELINES = ("greedy", "proportional", "lottery")
METHOD_LABELS = {
    "nash": "Règle de la campagne (Nash pondéré)",
    "greedy": "Au plus mal servi d'abord",
    "proportional": "Proportionnelle aux demandes",
    "lottery": "Tirage au sort",
}
