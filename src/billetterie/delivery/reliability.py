"""Reliability of an association in a campaign: of the tickets entrusted to it whose fate is known,
the share that was used.

    fiabilité = 100 × présents ÷ (billets nommés des groupes déclarés
                                  + billets des propositions expirées sans réponse)

that is 100 × (1 − (absents + billets des propositions expirées) ÷ ce même total), where
- « présents » and « absents » (named holders who did not come) come from the attendance filed
  after each session, over the groups that reported it;
- a group whose session is past but whose attendance is not reported counts in neither part: its
  tickets are shown apart, as unknown (« ? »);
- an offer left to expire without an answer kept its pack from other associations for the whole
  response delay: its tickets count as unused. An offer declined, or a pack given back, does not
  count against the association: saying no in time is what the rules ask;
- with nothing in the total (no reported group, no expired offer) there is no figure yet.

`reliability_percent` is the pure formula; `campaign_reliability` reads the components of every
association of a campaign; `reliability_postponed` answers the `tier_postponed` hook with the
associations below the threshold the operator chose explicitly in a later campaign's settings.
"""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Sum

from billetterie.campaigns.models import Campaign
from billetterie.core import clock
from billetterie.delivery.attendance import attendance_board
from billetterie.offers.models import Offer, OfferStatus
from billetterie.requests.models import Application

FORMULA = (
    "fiabilité = 100 × présents ÷ (billets nommés des groupes qui ont déclaré leur présence "
    "+ billets des propositions laissées expirer sans réponse)"
)
FORMULA_EXPLAINED = (
    "Autrement dit : sur les billets confiés à l'association dont on connaît le sort, la part qui "
    "a servi. Les absents et les billets d'une proposition laissée expirer sans réponse comptent "
    "comme non utilisés. Une proposition déclinée ou un lot rendu ne comptent pas contre "
    "l'association. Un groupe dont l'épreuve est passée sans présence déclarée n'est compté ni "
    "d'un côté ni de l'autre : il est montré à part (« ? »). Sans aucun billet dans ce total, il "
    "n'y a pas encore de donnée."
)
NO_DATA = "pas encore de donnée"


def reliability_percent(*, present: int, named: int, expired: int) -> Fraction | None:
    """100 × present ÷ (named + expired), exactly; None when the total is 0 (no data yet).

    `present` ≤ `named`: the people present with the reported groups, of those named on their
    tickets; `expired`: the tickets of offers left to expire without an answer."""
    if present < 0 or named < 0 or expired < 0:
        raise ValueError("counts must be positive or zero")
    if present > named:
        raise ValueError("present cannot exceed named")
    total = named + expired
    if total == 0:
        return None
    return Fraction(100 * present, total)


def percent_words(value: Fraction | None) -> str:
    """« 87 % » (rounded down, so that a figure shown under a threshold is under it), or
    « pas encore de donnée »."""
    if value is None:
        return NO_DATA
    return f"{int(value)} %"


@dataclass
class AssociationReliability:
    association_id: int
    association_name: str
    named: int = 0  # named holders of the groups that reported their attendance
    present: int = 0
    expired_offers: int = 0
    expired_tickets: int = 0
    unreported_groups: int = 0  # past sessions without attendance (unknown, « ? »)
    unreported_tickets: int = 0

    @property
    def no_shows(self) -> int:
        return self.named - self.present

    @property
    def total(self) -> int:
        return self.named + self.expired_tickets

    @property
    def unused(self) -> int:
        return self.no_shows + self.expired_tickets

    @property
    def percent(self) -> Fraction | None:
        return reliability_percent(
            present=self.present, named=self.named, expired=self.expired_tickets
        )

    @property
    def words(self) -> str:
        return percent_words(self.percent)


def campaign_reliability(*, campaign, today: dt.date) -> list[AssociationReliability]:
    """The reliability of every association that received offers or formed groups in the
    campaign, by name."""
    found: dict[int, AssociationReliability] = {}

    def of(association_id: int, name: str) -> AssociationReliability:
        return found.setdefault(association_id, AssociationReliability(association_id, name))

    board = attendance_board(campaign=campaign, today=today)
    for totals in board.associations:
        item = of(totals.association_id, totals.association_name)
        item.named += totals.named_reported
        item.present += totals.present
        item.unreported_groups += totals.groups_unreported
        item.unreported_tickets += sum(g.named for g in totals.unreported)
    expired = (
        Offer.objects.filter(campaign=campaign, status=OfferStatus.EXPIRED)
        .values("association_id", "association__name")
        .annotate(tickets=Sum("pack__size"), offers=Count("pk"))
        .order_by()
    )
    for row in expired:
        item = of(row["association_id"], row["association__name"])
        item.expired_tickets += row["tickets"] or 0
        item.expired_offers += row["offers"]
    others = (
        Offer.objects.filter(campaign=campaign)
        .exclude(association_id__in=list(found))
        .values_list("association_id", "association__name")
        .distinct()
    )
    for association_id, name in others:
        of(association_id, name)
    return sorted(found.values(), key=lambda r: (r.association_name, r.association_id))


@dataclass
class Criterion:
    """The reliability criterion the operator chose for a campaign, and whom it moves."""

    source: Campaign
    threshold: int
    postponed: list[AssociationReliability]  # below the threshold and applying to this campaign

    @property
    def count(self) -> int:
        return len(self.postponed)


def _below(*, source, threshold: int, today: dt.date) -> list[AssociationReliability]:
    return [
        r
        for r in campaign_reliability(campaign=source, today=today)
        if r.percent is not None and r.percent < threshold
    ]


def reliability_criterion(*, campaign, today: dt.date) -> Criterion | None:
    """None when the operator chose no criterion; else the source, the threshold and the
    associations applying to `campaign` that it places one tier later."""
    if campaign.reliability_source_id is None or campaign.reliability_threshold is None:
        return None
    source = Campaign.objects.get(pk=campaign.reliability_source_id)
    applying = set(
        Application.objects.filter(campaign=campaign).values_list("association_id", flat=True)
    )
    below = _below(source=source, threshold=campaign.reliability_threshold, today=today)
    return Criterion(
        source=source,
        threshold=campaign.reliability_threshold,
        postponed=[r for r in below if r.association_id in applying],
    )


def reliability_postponed(*, campaign) -> set[int]:
    """Receiver of `core.hooks.tier_postponed`: the associations below the threshold (none when
    the operator chose no criterion)."""
    if campaign.reliability_source_id is None or campaign.reliability_threshold is None:
        return set()
    source = Campaign.objects.get(pk=campaign.reliability_source_id)
    below = _below(source=source, threshold=campaign.reliability_threshold, today=clock.today())
    return {r.association_id for r in below}
