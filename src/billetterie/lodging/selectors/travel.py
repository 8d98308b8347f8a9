"""Travel times of a campaign's associations: the estimate to Paris and to the host city of each
accepted pack, the operator's correction, and whether the association is far (over the campaign's
threshold) — read in a fixed number of queries whatever the number of associations."""

import hashlib
from dataclasses import dataclass, field

from django.db.models import Q

from billetterie.accounts.models import Role, User
from billetterie.catalogue.models import HostCity
from billetterie.lodging.models import FarInvitation, LodgingSettings, Need, TravelOverride
from billetterie.lodging.travel import (
    PARIS,
    TEAHUPOO,
    Destination,
    Estimate,
    estimate,
    format_minutes,
)
from billetterie.members.models import Association
from billetterie.offers.models import Offer, OfferStatus
from billetterie.requests.models import Application

DEFAULT_THRESHOLD = 150


@dataclass(frozen=True)
class CityTime:
    name: str
    estimate: Estimate


@dataclass
class TravelRow:
    association_id: int
    name: str
    departement: str
    town: str
    to_paris: Estimate
    override_minutes: int | None = None
    override_reason: str = ""
    override_at: object = None
    cities: list[CityTime] = field(default_factory=list)
    threshold: int = DEFAULT_THRESHOLD
    need_declared: bool = False
    asked_lodging: bool = False  # ticked « hébergement » in its application
    invited_at: object = None

    @property
    def minutes(self) -> int | None:
        """The effective time to Paris: the operator's figure, else the estimate."""
        if self.override_minutes is not None:
            return self.override_minutes
        return self.to_paris.minutes

    @property
    def longest(self) -> int | None:
        """The longest known time: to Paris (effective) or to a host city of its packs."""
        known = [m for m in [self.minutes, *(c.estimate.minutes for c in self.cities)] if m]
        return max(known) if known else None

    @property
    def duration(self) -> str:
        return format_minutes(self.minutes)

    @property
    def longest_duration(self) -> str:
        return format_minutes(self.longest)

    @property
    def threshold_duration(self) -> str:
        """The threshold in words (« 2 h 30 »), for the portal's banner."""
        return format_minutes(self.threshold)

    @property
    def far(self) -> bool:
        longest = self.longest
        return longest is not None and longest > self.threshold

    @property
    def unknown(self) -> bool:
        return self.minutes is None


def threshold_minutes(campaign) -> int:
    value = (
        LodgingSettings.objects.filter(campaign=campaign)
        .values_list("threshold_minutes", flat=True)
        .first()
    )
    return value or DEFAULT_THRESHOLD


def destination_of(city: HostCity) -> Destination | None:
    """A host city as a destination; Teahupo'o by its fixed place (surfing, Tahiti)."""
    if city.departement == "987" or "teahupo" in city.name.casefold():
        return TEAHUPOO
    if city.latitude is None or city.longitude is None:
        return None
    return Destination(city.name, city.latitude, city.longitude, city.departement or "")


def _city_estimate(association: Association, city: HostCity) -> Estimate:
    destination = destination_of(city)
    if destination is None:
        return Estimate(None, None, "Lieu de la ville hôte inconnu")
    if destination == PARIS or city.name == "Paris":
        return estimate(
            lat=association.latitude, lon=association.longitude, departement=association.departement
        )
    return estimate(
        lat=association.latitude,
        lon=association.longitude,
        departement=association.departement,
        to=destination,
    )


def _rows(*, campaign, associations) -> list[TravelRow]:
    associations = list(associations)
    ids = [a.pk for a in associations]
    threshold = threshold_minutes(campaign)
    overrides = {
        o.association_id: o
        for o in TravelOverride.objects.filter(campaign=campaign, association_id__in=ids)
    }
    needs = set(
        Need.objects.filter(
            campaign=campaign, association_id__in=ids, withdrawn_at__isnull=True
        ).values_list("association_id", flat=True)
    )
    invited = dict(
        FarInvitation.objects.filter(campaign=campaign, association_id__in=ids).values_list(
            "association_id", "sent_at"
        )
    )
    asked = set(
        Application.objects.filter(
            campaign=campaign, association_id__in=ids, lodging_needed=True
        ).values_list("association_id", flat=True)
    )
    cities: dict[int, dict[int, HostCity]] = {}
    for offer in Offer.objects.filter(
        campaign=campaign, association_id__in=ids, status=OfferStatus.ACCEPTED
    ).select_related("pack__session__venue__host_city"):
        city = offer.pack.session.venue.host_city
        cities.setdefault(offer.association_id, {})[city.pk] = city
    rows = []
    for association in associations:
        override = overrides.get(association.pk)
        rows.append(
            TravelRow(
                association_id=association.pk,
                name=association.name,
                departement=association.departement,
                town=association.town,
                to_paris=estimate(
                    lat=association.latitude,
                    lon=association.longitude,
                    departement=association.departement,
                ),
                override_minutes=override.minutes if override else None,
                override_reason=override.reason if override else "",
                override_at=override.set_at if override else None,
                cities=[
                    CityTime(city.name, _city_estimate(association, city))
                    for city in sorted(
                        cities.get(association.pk, {}).values(), key=lambda c: c.name
                    )
                ],
                threshold=threshold,
                need_declared=association.pk in needs,
                asked_lodging=association.pk in asked,
                invited_at=invited.get(association.pk),
            )
        )
    return rows


def _campaign_associations(campaign):
    applied = Application.objects.filter(campaign=campaign).values("association_id")
    holding = Offer.objects.filter(campaign=campaign, status=OfferStatus.ACCEPTED).values(
        "association_id"
    )
    return Association.objects.filter(operator_id=campaign.operator_id).filter(
        Q(pk__in=applied) | Q(pk__in=holding)
    )


def _sort_key(row: TravelRow):
    longest = row.longest
    return (longest is None, -(longest or 0), row.name.casefold(), row.association_id)


def travel_rows(*, campaign) -> list[TravelRow]:
    """Every association that applied to the campaign or holds one of its packs, the farthest
    first (unknown places last)."""
    return sorted(
        _rows(campaign=campaign, associations=_campaign_associations(campaign)), key=_sort_key
    )


def association_travel(*, campaign, association) -> TravelRow:
    """One association's row (the portal's banner: « vous êtes à plus de 2 h 30… »)."""
    return _rows(campaign=campaign, associations=[association])[0]


def far_associations(*, campaign) -> list[TravelRow]:
    return [row for row in travel_rows(campaign=campaign) if row.far]


@dataclass(frozen=True)
class InvitePlan:
    to_invite: list[TravelRow]  # far, no need declared, not invited yet, with a referent
    unreachable: list[TravelRow]  # the same, but without any active referent: nothing is sent
    already: int  # far associations invited before, or that declared a need

    @property
    def count(self) -> int:
        return len(self.to_invite)

    @property
    def token(self) -> str:
        """The fingerprint of the list shown: a different list is shown again before sending."""
        ids = ",".join(str(r.association_id) for r in self.to_invite)
        return hashlib.sha256(ids.encode()).hexdigest()[:32]


def invite_plan(*, campaign) -> InvitePlan:
    """Who the invitation would reach now (the confirmation page shows it before sending)."""
    far = far_associations(campaign=campaign)
    waiting = [r for r in far if not r.need_declared and r.invited_at is None]
    reachable = set(
        User.objects.filter(
            association_id__in=[r.association_id for r in waiting],
            role=Role.REFERENT,
            is_active=True,
        ).values_list("association_id", flat=True)
    )
    return InvitePlan(
        to_invite=[r for r in waiting if r.association_id in reachable],
        unreachable=[r for r in waiting if r.association_id not in reachable],
        already=len(far) - len(waiting),
    )
