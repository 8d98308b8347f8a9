"""Writes on operators and campaigns."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from billetterie.campaigns.models import Campaign, CampaignGames, Operator
from billetterie.campaigns.retention import retention_default
from billetterie.catalogue.models import Games
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, use_case

DEFAULT_GAMES = (("OG", "JO", "Jeux Olympiques"), ("PG", "JP", "Jeux Paralympiques"))


def games_ensure_defaults() -> list[Games]:
    """The Olympic and Paralympic Games exist in every installation."""
    return [
        Games.objects.get_or_create(code=code, defaults={"short_name": short, "name": name})[0]
        for code, short, name in DEFAULT_GAMES
    ]


def operator_get_or_create(*, name: str, actor=None) -> Operator:
    operator = Operator.objects.filter(name__iexact=name.strip()).first()
    if operator:
        return operator
    base = slugify(name)[:50] or "operateur"
    slug, n = base, 1
    while Operator.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Operator.objects.create(name=name.strip(), slug=slug)


def campaign_create(**fields) -> Campaign:
    """Create a campaign with the default rules, for the Olympic and Paralympic Games."""
    with use_case():
        return campaign_write(**fields)


def campaign_write(
    *,
    slug: str,
    name: str,
    operator_name: str,
    actor: Actor = None,
    nominative_deadlines: dict[str, dt.date | None] | None = None,
    **calendar_and_rules,
) -> Campaign:
    """The same, inside the caller's transaction (the demo loader writes it with its data)."""
    operator = operator_get_or_create(name=operator_name, actor=actor)
    all_games = games_ensure_defaults()
    if calendar_and_rules.get("retention_until") is None:
        calendar_and_rules["retention_until"] = retention_default(
            games_ids=[g.pk for g in all_games], today=clock.today()
        )
    campaign = Campaign(operator=operator, slug=slug, name=name, **calendar_and_rules)
    campaign.full_clean()
    campaign.save()
    deadlines = nominative_deadlines or {}
    for games in all_games:
        CampaignGames.objects.create(
            campaign=campaign, games=games, nominative_deadline=deadlines.get(games.code)
        )
    audit_log(
        action="campaign.created",
        actor=actor,
        subject=campaign,
        campaign_id=campaign.pk,
        details={
            "slug": slug,
            "name": name,
            "operator": operator.name,
            "retention_until": campaign.retention_until.isoformat(),
        },
    )
    return campaign


# What an operator may change on a campaign from its settings page (the slug and operator stay).
EDITABLE_FIELDS = (
    "name",
    "call_opens_on",
    "call_closes_on",
    "response_delay_days",
    "contest_opens_on",
    "contest_closes_on",
    "contest_confirmation_deadline",
    "jury_deliberation_on",
    "retention_until",
    "max_supervisors_per_youth",
    "max_tickets_per_youth",
    "size_weight_exponent",
    "over_request_tolerance",
    "continuous_mode",
    "nominative_reminder_days",
    "reliability_source",
    "reliability_threshold",
)


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _editable(fields) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")


def _set_and_check(campaign: Campaign, fields: dict) -> dict[str, dict]:
    """Put the new values on `campaign` (in memory) and check them; returns the changes."""
    changes = {
        name: {"before": _plain(getattr(campaign, name)), "after": _plain(value)}
        for name, value in fields.items()
        if getattr(campaign, name) != value
    }
    if "retention_until" in changes and fields["retention_until"] <= clock.today():
        raise ValidationError(
            {
                "retention_until": "La date de conservation doit être postérieure à "
                "aujourd'hui : les données personnelles sont effacées dès le lendemain."
            }
        )
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.full_clean()
    return changes


def campaign_update_check(*, campaign: Campaign, **fields) -> None:
    """The checks of `campaign_update`, without writing anything: a settings page runs them before
    it shows what would change, so that it never asks to confirm a change that would be refused."""
    _editable(fields)
    _set_and_check(Campaign.objects.get(pk=campaign.pk), fields)


def campaign_update(
    *,
    campaign: Campaign,
    actor: Actor,
    nominative_deadlines: dict[str, dt.date | None] | None = None,
    **fields,
) -> dict[str, dict]:
    """Change a campaign's calendar and rules; returns the changes made ({field: before/after}).

    The retention date cannot be set before tomorrow: the purge of personal data runs every minute,
    and an erasure is never triggered by a settings form.
    """
    _editable(fields)
    with use_case():
        campaign = Campaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
        changes = _set_and_check(campaign, fields)
        campaign.save()
        for setting in campaign.games_settings.select_related("games"):
            code = setting.games.code
            if nominative_deadlines and code in nominative_deadlines:
                wanted = nominative_deadlines[code]
                if setting.nominative_deadline != wanted:
                    changes[f"nominative_deadline_{code}"] = {
                        "before": _plain(setting.nominative_deadline),
                        "after": _plain(wanted),
                    }
                    setting.nominative_deadline = wanted
                    setting.save(update_fields=["nominative_deadline"])
        if changes:
            audit_log(
                action="campaign.updated",
                actor=actor,
                subject=campaign,
                campaign_id=campaign.pk,
                details={"changes": changes},
            )
    return changes


def operator_settings_update(
    *, operator: Operator, actor: Actor, referents_second_factor: bool, campaign=None
) -> dict[str, dict]:
    """Change the operator's own settings (they hold for all its campaigns); returns the changes.

    `referents_second_factor`: every referent of the operator's associations must pass a second
    factor; one who has none is asked to set one up on their next page.
    """
    with use_case():
        operator = Operator.objects.select_for_update(of=("self",)).get(pk=operator.pk)
        changes = {}
        if operator.referents_second_factor != referents_second_factor:
            changes["referents_second_factor"] = {
                "before": operator.referents_second_factor,
                "after": referents_second_factor,
            }
            operator.referents_second_factor = referents_second_factor
            operator.save(update_fields=["referents_second_factor"])
            audit_log(
                action="operator.updated",
                actor=actor,
                subject=operator,
                # Shown in the journal of the campaign whose settings page made the change.
                campaign_id=campaign.pk if campaign is not None else None,
                details={"changes": changes},
            )
    return changes
