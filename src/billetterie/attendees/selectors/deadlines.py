"""The one rule saying whether an association can still edit its named holders for one Games."""

import datetime as dt
from dataclasses import dataclass

from billetterie.attendees.models import Submission
from billetterie.campaigns.models import CampaignGames
from billetterie.core import clock


@dataclass(frozen=True)
class EditState:
    editable: bool
    deadline: dt.date | None
    submitted: bool
    reason: str  # French, shown when not editable

    @property
    def late(self) -> bool:
        return self.deadline is not None and not self.submitted and not self.editable


def games_deadlines(*, campaign_id: int) -> dict[int, dt.date | None]:
    """Games id → its nominative deadline in this campaign (None: not set yet)."""
    return dict(
        CampaignGames.objects.filter(campaign_id=campaign_id).values_list(
            "games_id", "nominative_deadline"
        )
    )


def edit_state(
    *,
    campaign_id: int,
    association_id: int,
    games_id: int,
    today: dt.date,
    deadlines: dict[int, dt.date | None] | None = None,
    submitted_games: set[int] | None = None,
) -> EditState:
    """Editable until the Games' nominative deadline (that day included) and until sent.

    After either, every page is read-only and a change goes through a name-change request.
    `deadlines` and `submitted_games` let a page compute many states from two queries.
    """
    if deadlines is None:
        deadlines = games_deadlines(campaign_id=campaign_id)
    if submitted_games is None:
        submitted_games = submitted_games_of(campaign_id=campaign_id, association_id=association_id)
    deadline = deadlines.get(games_id)
    submitted = games_id in submitted_games
    if submitted:
        return EditState(
            False,
            deadline,
            True,
            "Les attributions nominatives sont envoyées : pour tout changement, demandez une "
            "réattribution nominative à l'opérateur.",
        )
    if deadline is not None and today > deadline:
        return EditState(
            False,
            deadline,
            False,
            f"L'échéance des attributions nominatives ({deadline:%d/%m/%Y}) est passée : "
            "contactez l'opérateur.",
        )
    return EditState(True, deadline, False, "")


def submitted_games_of(*, campaign_id: int, association_id: int) -> set[int]:
    return set(
        Submission.objects.filter(
            campaign_id=campaign_id, association_id=association_id
        ).values_list("games_id", flat=True)
    )


def can_edit(*, campaign_id: int, association_id: int, games_id: int, today: dt.date) -> bool:
    return edit_state(
        campaign_id=campaign_id, association_id=association_id, games_id=games_id, today=today
    ).editable


def edit_states(*, campaign, association, games_ids, today=None) -> dict[int, EditState]:
    """The edit state of each of these Games for the association (today), from two queries."""
    today = today or clock.today()
    deadlines = games_deadlines(campaign_id=campaign.pk)
    sent = submitted_games_of(campaign_id=campaign.pk, association_id=association.pk)
    return {
        games_id: edit_state(
            campaign_id=campaign.pk,
            association_id=association.pk,
            games_id=games_id,
            today=today,
            deadlines=deadlines,
            submitted_games=sent,
        )
        for games_id in set(games_ids)
    }
