"""Audited actions of lodging (each part adds its own below)."""

ACTIONS: dict[str, str] = {
    # --- Portal: needs, host offers and the answers to proposals (services/needs.py, offers.py,
    # agreement.py) ----------------------------------------------------------------------------
    "lodging.need_declared": "Besoin d'hébergement déclaré",
    "lodging.need_changed": "Besoin d'hébergement modifié",
    "lodging.need_withdrawn": "Besoin d'hébergement retiré",
    "lodging.host_offer_declared": "Offre d'hébergement déclarée",
    "lodging.host_offer_changed": "Offre d'hébergement modifiée",
    "lodging.host_offer_withdrawn": "Offre d'hébergement retirée",
    "lodging.placement_accepted": "Proposition d'hébergement acceptée par un côté",
    "lodging.placement_confirmed": "Proposition d'hébergement acceptée des deux côtés",
    "lodging.placement_refused": "Proposition d'hébergement refusée",
    # --- end of the portal's block ---
    # Travel times
    "lodging.travel_overridden": "Temps de trajet d'une association corrigé à la main",
    "lodging.travel_override_cleared": "Temps de trajet d'une association rendu à l'estimation",
    "lodging.far_invited": "Associations éloignées invitées à déclarer leurs besoins d'hébergement",
}

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
