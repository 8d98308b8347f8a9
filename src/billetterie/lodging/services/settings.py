"""The operator's lodging settings of a campaign and its practical page.

The settings row is created on the first save: its existence is what opens lodging to the portal
(the far associations are invited to declare their needs, hosts may offer beds)."""

from django.core.exceptions import ValidationError

from billetterie.campaigns.models import Campaign
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.changes import day
from billetterie.core.usecase import Actor, actor_user, use_case
from billetterie.lodging.models import LodgingSettings
from billetterie.lodging.selectors.settings import lodging_settings_of

THRESHOLD_MIN, THRESHOLD_MAX = 30, 24 * 60
PRACTICAL_MAX = 20000

DEFAULT_PRACTICAL_TEXT = """\
Héberger un groupe venu de loin : ce qu'il faut savoir

Qui est responsable des jeunes ?
Les encadrants venus avec le groupe restent avec leurs jeunes pendant tout le séjour, jour et nuit. \
Ils en gardent la responsabilité, comme pendant une sortie : la structure qui héberge prête des \
lits et des locaux, elle ne prend pas les jeunes en charge.

L'assurance
Chaque structure garde sa propre assurance. L'association hébergée vérifie que sa responsabilité \
civile couvre ses jeunes et ses encadrants pendant le séjour hors de ses locaux ; la structure qui \
héberge vérifie que la sienne couvre l'accueil d'un groupe extérieur. En cas de doute, appelez \
votre assureur avant d'accepter.

Ce qu'il faut convenir ensemble, avant l'arrivée
- les heures d'arrivée et de départ ;
- les repas : lesquels sont servis, à quelle heure, leur prix s'il y en a un, les régimes \
particuliers ;
- les clés ou le code d'accès, et qui ouvre à l'arrivée ;
- le règlement de la maison : horaires, espaces ouverts au groupe, interdictions ;
- les contacts d'urgence des deux côtés, joignables jour et nuit ;
- que faire en cas d'annulation ou de retard, et qui prévient qui.

Écrivez ce que vous avez convenu dans un court message que chacun garde.
"""


def deadline_check(campaign, *, field: str, what: str) -> None:
    """Refuse a declaration past the campaign's deadline `field` (« needs_deadline »…)."""
    settings = lodging_settings_of(campaign)
    deadline = getattr(settings, field) if settings is not None else None
    if deadline is not None and clock.today() > deadline:
        raise ValidationError(
            f"La date limite des {what} ({day(deadline)}) est passée : contactez l'opérateur."
        )


def _locked(campaign) -> LodgingSettings | None:
    return LodgingSettings.objects.select_for_update(of=("self",)).filter(campaign=campaign).first()


def settings_update(
    *,
    campaign,
    threshold_minutes: int,
    needs_deadline,
    offers_deadline,
    actor: Actor,
) -> tuple[LodgingSettings, dict]:
    """Save the threshold and the deadlines; the first save creates the settings (opens lodging).
    Returns the settings and what changed ({field: [before, after]})."""
    if not THRESHOLD_MIN <= threshold_minutes <= THRESHOLD_MAX:
        raise ValidationError(
            {"threshold": "Indiquez un seuil entre 0 h 30 et 24 h 00 (entre 30 et 1440 minutes)."}
        )
    with use_case():
        # The campaign row first: two first saves at once would both find no settings and both
        # create them; the second now waits, then finds and updates the first one's.
        Campaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
        settings = _locked(campaign)
        created = settings is None
        if created:
            settings = LodgingSettings(campaign=campaign)
        wanted = {
            "threshold_minutes": threshold_minutes,
            "needs_deadline": needs_deadline,
            "offers_deadline": offers_deadline,
        }
        changes = {
            name: [_shown(getattr(settings, name)), _shown(value)]
            for name, value in wanted.items()
            if created or getattr(settings, name) != value
        }
        if not changes:
            return settings, {}
        for name, value in wanted.items():
            setattr(settings, name, value)
        settings.full_clean(exclude=["campaign"])
        settings.save()
        audit_log(
            action="lodging.settings_updated",
            actor=actor,
            subject=settings,
            campaign_id=campaign.pk,
            details={"changes": changes, "created": created},
        )
    return settings, changes


def _shown(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def practical_update(*, campaign, text: str, actor: Actor) -> bool:
    """Save the practical page's text; False when it did not change. The settings must exist."""
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > PRACTICAL_MAX:
        raise ValidationError(
            {"text": f"Le texte est trop long : {PRACTICAL_MAX} caractères au plus."}
        )
    with use_case():
        settings = _locked(campaign)
        if settings is None:
            raise ValidationError(
                "Enregistrez d'abord les réglages de l'hébergement (seuil et dates) : c'est ce "
                "qui ouvre l'hébergement aux associations. Rien n'a été enregistré."
            )
        if settings.practical_text == text:
            return False
        settings.practical_text = text
        settings.practical_updated_at = clock.now()
        settings.practical_updated_by = actor_user(actor)
        settings.save(
            update_fields=["practical_text", "practical_updated_at", "practical_updated_by"]
        )
        audit_log(
            action="lodging.practical_updated",
            actor=actor,
            subject=settings,
            campaign_id=campaign.pk,
            details={"practical_length": len(text)},
        )
    return True
