"""Waves: an allocation run over what associations still need, then published as offers.

The allocation app computes runs on a frozen instance; this module builds that instance from the
remaining demand (which only the offers know) and turns a reviewed run into offers.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from billetterie.allocation.instance import instance_for_campaign
from billetterie.allocation.models import AllocationRun, RunScope
from billetterie.allocation.services import (
    SCOPE_CHANNELS,
    run_create,
    run_lock_for_publication,
    run_mark_published,
)
from billetterie.core import clock
from billetterie.core.usecase import Actor, use_case
from billetterie.members.models import Association
from billetterie.offers.models import Offer
from billetterie.offers.selectors import remaining_demand
from billetterie.offers.services import offers_create
from billetterie.outbox.referents import referents_counted


def campaign_instance(
    *, campaign, games=None, packs=None, exclude_associations=(), channels=None, name: str = ""
) -> dict:
    """The engine's instance for the campaign's pool (or `packs`) and what associations still need."""
    return instance_for_campaign(
        campaign=campaign,
        remaining=remaining_demand(campaign=campaign),
        games=games,
        packs=packs,
        exclude_associations=exclude_associations,
        channels=channels,
        name=name,
    )


def wave_run_start(
    *, campaign, actor: Actor, games=None, scope=RunScope.ALL, **options
) -> AllocationRun:
    """Freeze the pool and the remaining demand now, and queue the computation.

    `options` are the run's own (wave, seed, time_limit): see `allocation.services.run_create`.
    """
    instance = campaign_instance(campaign=campaign, games=games, channels=SCOPE_CHANNELS[scope])
    return run_create(
        campaign=campaign, instance=instance, actor=actor, games=games, scope=scope, **options
    )


@dataclass(frozen=True)
class PublicationPreview:
    """What publishing a run sends, and to whom: the confirmation page says it before the click."""

    packs: int
    tickets: int
    associations: int
    referents: int  # active referents e-mailed (every referent of each association)
    unreachable: list[str]  # associations offered packs with no active referent: no one is told
    deadline: dt.datetime  # the answers' deadline if published now
    token: str  # fingerprint of the assignments shown; the confirmation must carry it


def _pairs_token(pairs: list[tuple[int, int]]) -> str:
    return hashlib.sha256(repr(sorted(pairs)).encode()).hexdigest()[:20]


def wave_publication_preview(*, run: AllocationRun) -> PublicationPreview:
    """Reads only: the offers a publication of `run` would create now and who would be e-mailed."""
    rows = list(run.assignments.values_list("pack_id", "association_id", "pack__size"))
    associations = {association for _, association, _ in rows}
    referents = referents_counted(association_ids=associations)
    unreachable = sorted(
        Association.objects.filter(pk__in=[a for a, n in referents.items() if n == 0]).values_list(
            "name", flat=True
        )
    )
    return PublicationPreview(
        packs=len(rows),
        tickets=sum(size for _, _, size in rows),
        associations=len(associations),
        referents=sum(referents.values()),
        unreachable=unreachable,
        deadline=clock.now() + dt.timedelta(days=run.campaign.response_delay_days),
        token=_pairs_token([(pack, association) for pack, association, _ in rows]),
    )


@dataclass(frozen=True)
class Publication:
    """What a publication did: the offers it created, and whether it published the run at all
    (False: it had been published before, and nothing was sent again)."""

    offers: list[Offer]
    published: bool


def wave_publication(*, run: AllocationRun, actor: Actor, seen: str | None = None) -> Publication:
    """Turn a reviewed run into offers (packs locked and re-checked in `offers_create`).

    A run already published does nothing (a replayed form). A run that assigns no pack is published
    all the same, with no offer and no message: its explanations (why each association received
    nothing) become readable. `seen`, when given, is the token of the confirmation the person read:
    if a hand move changed the assignments since, nothing is sent.
    """
    with use_case():
        locked = run_lock_for_publication(run=run)
        if locked is None:
            return Publication(offers=[], published=False)
        pairs = list(
            locked.assignments.order_by("pack_id").values_list("pack_id", "association_id")
        )
        if seen is not None and seen != _pairs_token(pairs):
            raise ValidationError(
                "La proposition a changé depuis que vous l'avez relue (un lot a sans doute été "
                "déplacé à la main) : rien n'a été envoyé. Relisez ce qui partirait maintenant, "
                "puis confirmez.",
                code="stale",
            )
        offers = offers_create(campaign=locked.campaign, pairs=pairs, run=locked, actor=actor)
        run_mark_published(
            run=locked, actor=actor, offers=len(offers), associations=len({a for _, a in pairs})
        )
    return Publication(offers=offers, published=True)


def wave_publish(*, run: AllocationRun, actor: Actor) -> list[Offer]:
    """The offers of `wave_publication` ([] for a run published before, or one with no pack)."""
    return wave_publication(run=run, actor=actor).offers
