"""The campaign's lodging settings: their row exists once the operator opened lodging."""

from billetterie.lodging.models import LodgingSettings


def lodging_settings_of(campaign) -> LodgingSettings | None:
    """The settings, or None while lodging is not open for the campaign."""
    return LodgingSettings.objects.filter(campaign=campaign).first()
