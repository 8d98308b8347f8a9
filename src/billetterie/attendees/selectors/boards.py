"""What the referent's attendees page shows: per Games its packs, groups, state and what is missing."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from billetterie.attendees.models import CharterAcknowledgement, Holder, LetterStatus
from billetterie.attendees.rules import violations
from billetterie.attendees.selectors.association import (
    accepted_packs,
    derogations_of,
    groups_of,
    letters_of,
    name_changes_of,
    nomination_of,
    own_group_id,
)
from billetterie.attendees.selectors.deadlines import EditState, edit_states
from billetterie.catalogue.models import Games


@dataclass
class GamesBlock:
    games: object
    state: EditState
    packs: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    tickets: int = 0
    named: int = 0

    @property
    def loose_packs(self) -> list:
        return [p for p in self.packs if p.own_group_id is None]


def games_states(*, campaign, association, today) -> dict[int, EditState]:
    """The edit state of every Games for the association on `today`."""
    games_ids = Games.objects.values_list("pk", flat=True)
    return edit_states(campaign=campaign, association=association, games_ids=games_ids, today=today)


def attendees_board(*, campaign, association, today) -> dict:
    packs = list(accepted_packs(campaign=campaign, association=association))
    states = games_states(campaign=campaign, association=association, today=today)
    named = Counter(
        dict(
            Holder.objects.filter(campaign=campaign, association=association)
            .values("ticket__pack_id")
            .annotate(n=Count("id"))
            .values_list("ticket__pack_id", "n")
        )
    )
    blocks: dict[int, GamesBlock] = {}
    for pack in packs:
        games = pack.session.games
        block = blocks.setdefault(games.pk, GamesBlock(games, states[games.pk]))
        pack.named = named[pack.pk]
        pack.own_group_id = own_group_id(pack, association.pk)
        block.packs.append(pack)
        block.tickets += pack.size
        block.named += pack.named
    for group in groups_of(campaign=campaign, association=association).annotate(
        named=Count("holders", distinct=True)
    ):
        group.size = sum(link.pack.size for link in group.pack_links.all())
        block = blocks.get(group.session.games_id)
        if block:
            block.groups.append(group)
    found = violations(nomination_of(campaign=campaign, association=association, attested=True))
    letters = list(letters_of(campaign=campaign, association=association))
    return {
        "blocks": sorted(blocks.values(), key=lambda b: b.games.code),
        "violations": found,
        "charter": CharterAcknowledgement.objects.filter(
            campaign=campaign, association=association
        ).first(),
        "letter": letters[0] if letters else None,
        "letter_validated": any(letter.status == LetterStatus.VALIDATED for letter in letters),
        "derogations": list(derogations_of(campaign=campaign, association=association)),
        "name_changes": list(name_changes_of(campaign=campaign, association=association)),
    }


# Reads for the portal


def packs_to_group(*, campaign, association, today) -> list:
    """The association's accepted packs in no group of its own yet, of Games it may still edit."""
    states = games_states(campaign=campaign, association=association, today=today)
    return [
        pack
        for pack in accepted_packs(campaign=campaign, association=association)
        if own_group_id(pack, association.pk) is None and states[pack.session.games_id].editable
    ]
