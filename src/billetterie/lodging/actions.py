"""Audited actions of lodging (each part adds its own below)."""

ACTIONS: dict[str, str] = {
    # Travel times
    "lodging.travel_overridden": "Temps de trajet d'une association corrigé à la main",
    "lodging.travel_override_cleared": "Temps de trajet d'une association rendu à l'estimation",
    "lodging.far_invited": "Associations éloignées invitées à déclarer leurs besoins d'hébergement",
}
