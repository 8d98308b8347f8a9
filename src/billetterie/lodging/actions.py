"""Audited actions of lodging (each part adds its own below)."""

ACTIONS: dict[str, str] = {}

# Back office: settings, practical page, host invitations, matching runs and placements
ACTIONS.update(
    {
        "lodging.settings_updated": "Réglages de l'hébergement enregistrés",
        "lodging.practical_updated": "Page pratique de l'hébergement modifiée",
        "lodging.host_invited": "Hébergeur invité (nouvelle structure)",
        "lodging.host_invitation_sent": "Association invitée à proposer un hébergement",
        "lodging.run_started": "Calcul d'hébergement lancé",
        "lodging.run_finished": "Calcul d'hébergement terminé",
        "lodging.run_failed": "Calcul d'hébergement en échec",
        "lodging.run_abandoned": "Calcul d'hébergement abandonné",
        "lodging.placement_moved": "Proposition d'hébergement déplacée vers un autre hébergeur",
        "lodging.placement_removed": "Proposition d'hébergement retirée du calcul",
        "lodging.placement_added": "Groupe ajouté chez un hébergeur dans le calcul",
        "lodging.run_published": "Propositions d'hébergement publiées",
        "lodging.placement_cancelled": "Proposition d'hébergement annulée par l'opérateur",
    }
)
