"""Writes on operators and campaigns."""

import datetime as dt

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
