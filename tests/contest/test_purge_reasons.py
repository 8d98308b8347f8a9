"""Past the retention date, the president's reasons for moving an entry (free text that may name
a child) are masked in the deliberation, as they are in the journal; the moves themselves stay."""

from billetterie.contest.models import Deliberation
from billetterie.contest.services.purge import (
    contest_personal_data_held,
    contest_personal_data_purge,
)
from billetterie.core import clock
from billetterie.core.audit import MASK


def test_the_purge_masks_the_presidents_reasons(campaign):
    reason = "Léa a chanté seule, très émouvant"
    Deliberation.objects.create(
        campaign=campaign,
        moves=[{"entry": 1, "direction": "up", "reason": reason, "at": "2024-04-01", "by": 1}],
        ranking=[
            {"entry": 1, "rank": 1, "score": "12.50", "moved": reason},
            {"entry": 2, "rank": 2, "score": "11.00", "moved": ""},
        ],
    )
    assert contest_personal_data_held(campaign=campaign)
    counts = contest_personal_data_purge(campaign=campaign, now=clock.now())
    assert counts["contest_move_reasons"] == 2
    deliberation = Deliberation.objects.get(campaign=campaign)
    assert deliberation.moves[0]["reason"] == MASK and deliberation.moves[0]["direction"] == "up"
    assert deliberation.ranking[0]["moved"] == MASK
    assert deliberation.ranking[1]["moved"] == ""
    assert reason not in str(deliberation.moves) + str(deliberation.ranking)
    assert not contest_personal_data_held(campaign=campaign)
