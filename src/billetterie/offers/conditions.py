"""The conditions of use an association commits to when it accepts a pack (docs/rules.md)."""

from billetterie.campaigns.rules import youth_per_supervisor


def conditions_of_use(*, campaign) -> list[str]:
    """The commitments, in the words the referent reads next to the checkbox."""
    n = youth_per_supervisor(campaign=campaign)
    tickets = campaign.max_tickets_per_youth
    return [
        "les billets sont réservés aux jeunes suivis ou accueillis par l'association "
        "et à leurs encadrants",
        "le lot est utilisé en entier, sans en retirer de billets",
        f"au plus 1 encadrant pour {n} jeunes, sauf dérogation accordée par l'opérateur",
        f"au plus {tickets} billet{'s' if tickets > 1 else ''} par jeune",
        "chaque responsable de groupe a un téléphone mobile (billets uniquement numériques)",
        "aucune revente ni cession : les billets sont nominatifs",
    ]
