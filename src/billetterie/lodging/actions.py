"""Audited actions of lodging (each part adds its own below)."""

ACTIONS: dict[str, str] = {
<<<<<<< HEAD
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
=======
    # Travel times
    "lodging.travel_overridden": "Temps de trajet d'une association corrigé à la main",
    "lodging.travel_override_cleared": "Temps de trajet d'une association rendu à l'estimation",
    "lodging.far_invited": "Associations éloignées invitées à déclarer leurs besoins d'hébergement",
>>>>>>> wt-travel
}
