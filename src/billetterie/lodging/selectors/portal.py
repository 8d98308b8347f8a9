"""What an association sees of lodging in its portal: its campaigns where lodging is open, the
nights it may declare (tied to its accepted packs in Île-de-France), its needs, its host offers and
the published proposals on either side. Every query requires the association: another
association's need, offer or proposal is never found (DoesNotExist, a 404 in the portal)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from billetterie.campaigns.models import Campaign
from billetterie.campaigns.selectors import campaigns_of_association
from billetterie.catalogue.models import Session
from billetterie.core.phones import phone_e164, phone_parse
from billetterie.lodging.models import (
    IDF_DEPARTEMENTS,
    LIVE,
    HostOffer,
    Need,
    Placement,
    PlacementStatus,
)
from billetterie.lodging.nights import (
    ONE_DAY,
    day_words,
    games_periods,
    night_words,
    stay_words,
)
from billetterie.lodging.selectors.capacity import beds_used_by_offer
from billetterie.members.selectors import departement_words
from billetterie.offers.models import Offer, OfferStatus

# The Games of 2024 when a campaign has no session yet: the eve of the first day to the last.
DEFAULT_PERIODS = (
    ("Jeux olympiques", dt.date(2024, 7, 26), dt.date(2024, 8, 11)),
    ("Jeux paralympiques", dt.date(2024, 8, 28), dt.date(2024, 9, 8)),
)

GUEST, HOST = "guest", "host"


def lodging_campaigns_of(*, association) -> QuerySet[Campaign]:
    """The association's campaigns where the operator opened lodging (they have its settings)."""
    return (
        campaigns_of_association(association=association)
        .filter(lodging_settings__isnull=False)
        .select_related("lodging_settings")
    )


def lodging_open_for(*, association) -> bool:
    return lodging_campaigns_of(association=association).exists()


@dataclass(frozen=True)
class AllowedNight:
    night: dt.date
    reasons: tuple[str, ...]  # « veille de Natation, 26 juillet », « soir de Natation, 25 juillet »
    games: str

    @property
    def words(self) -> str:
        return f"{night_words(self.night)} — {' ; '.join(self.reasons)}"


def idf_sessions_of(*, campaign, association) -> list[Session]:
    """Sessions of the association's accepted packs whose venue's host city is in Île-de-France."""
    session_ids = Offer.objects.filter(
        campaign=campaign,
        association=association,
        status=OfferStatus.ACCEPTED,
        pack__session__venue__host_city__departement__in=IDF_DEPARTEMENTS,
    ).values("pack__session_id")
    return list(
        Session.objects.filter(pk__in=session_ids)
        .select_related("games", "venue")
        .order_by("date", "start_time", "pk")
    )


def allowed_nights(*, campaign, association) -> list[AllowedNight]:
    """The nights a need may cover: the eve and the evening of each session of the association's
    accepted packs in Île-de-France, each with the sessions it relates to, in order."""
    reasons: dict[dt.date, list[str]] = defaultdict(list)
    games: dict[dt.date, str] = {}
    for session in idf_sessions_of(campaign=campaign, association=association):
        what = f"{session.event_name}, {day_words(session.date)}"
        reasons[session.date - ONE_DAY].append(f"veille de {what}")
        reasons[session.date].append(f"soir de {what}")
        for night in (session.date - ONE_DAY, session.date):
            games.setdefault(night, session.games.name)
    return [
        AllowedNight(night=night, reasons=tuple(dict.fromkeys(reasons[night])), games=games[night])
        for night in sorted(reasons)
    ]


def offer_periods(*, campaign) -> list[tuple[str, list[dt.date]]]:
    """The nights a host may offer beds for, per Games: from the eve of the campaign's first
    session to the evening of its last (the 2024 Games' dates while the campaign has no pack)."""
    dates = list(
        Session.objects.filter(packs__campaign=campaign)
        .values_list("games__name", "date")
        .distinct()
    )
    if dates:
        return games_periods(dates)
    return [
        (name, [first - ONE_DAY + ONE_DAY * i for i in range((last - first).days + 2)])
        for name, first, last in DEFAULT_PERIODS
    ]


def _live_placements():
    return Prefetch(
        "placements",
        queryset=Placement.objects.filter(status__in=LIVE).select_related("offer"),
        to_attr="live_placements",
    )


def needs_of(*, campaign, association) -> QuerySet[Need]:
    """The association's needs still standing (not withdrawn), each with `live_placements`."""
    return Need.objects.filter(
        campaign=campaign, association=association, withdrawn_at__isnull=True
    ).prefetch_related(_live_placements())


def need_of(*, campaign, association, need_id: int) -> Need:
    return needs_of(campaign=campaign, association=association).get(pk=need_id)


def host_offers_of(*, campaign, association) -> QuerySet[HostOffer]:
    return HostOffer.objects.filter(
        campaign=campaign, association=association, withdrawn_at__isnull=True
    ).prefetch_related("nights", _live_placements())


def host_offers_with_beds(*, campaign, association) -> list[HostOffer]:
    """The association's live offers, each with `bed_nights`: (night, beds, taken by live
    proposals) for every night it offers — one query for what is taken, whatever the offers."""
    offers = list(host_offers_of(campaign=campaign, association=association))
    used = beds_used_by_offer([offer.pk for offer in offers])
    for offer in offers:
        taken = used.get(offer.pk, {})
        offer.bed_nights = [(n, n.beds, taken.get(n.night, 0)) for n in offer.nights.all()]
    return offers


def host_offer_of(*, campaign, association, offer_id: int) -> HostOffer:
    return host_offers_of(campaign=campaign, association=association).get(pk=offer_id)


PUBLISHED = Q(published_at__isnull=False) & ~Q(status=PlacementStatus.DRAFT)


def placements_of(*, campaign, association, side: str) -> QuerySet[Placement]:
    """The published proposals where the association is the guest (its need) or the host (its
    offer), newest first within each stay."""
    owner = {GUEST: "need__association", HOST: "offer__association"}[side]
    return (
        Placement.objects.filter(PUBLISHED, campaign=campaign, **{owner: association})
        .select_related("need", "need__association", "offer", "offer__association")
        .order_by("need__first_night", "-published_at", "pk")
    )


def placement_of(*, campaign, association, side: str, placement_id: int) -> Placement:
    return placements_of(campaign=campaign, association=association, side=side).get(pk=placement_id)


def placement_side(*, campaign, association, placement_id: int) -> str:
    """GUEST or HOST: the association's side of this proposal (Placement.DoesNotExist if none)."""
    for side in (GUEST, HOST):
        if (
            placements_of(campaign=campaign, association=association, side=side)
            .filter(pk=placement_id)
            .exists()
        ):
            return side
    raise Placement.DoesNotExist("proposition introuvable")


@dataclass(frozen=True)
class ProposalView:
    """A proposal as one side sees it: facts about the other side, and its contact details only
    once both accepted. Every portal page shows a proposal through this, never the raw rows."""

    placement: Placement
    side: str
    facts: list[tuple[str, str]]
    contact: list[tuple[str, str]] | None  # None until both sides accepted
    contact_tel: str = ""  # the other side's phone as a « tel: » number (E.164), once agreed

    @property
    def my_answer(self) -> str:
        return getattr(self.placement, f"{self.side}_answer")

    @property
    def can_answer(self) -> bool:
        return self.placement.status == PlacementStatus.PENDING


def _price_words(offer: HostOffer) -> str:
    if offer.price_per_night is None:
        return "gratuit"
    amount = f"{offer.price_per_night:.2f}".replace(".", ",").removesuffix(",00")
    return f"{amount} € par personne et par nuit"


def _yes(value: bool) -> str:
    return "oui" if value else "non"


def _host_facts(placement: Placement) -> list[tuple[str, str]]:
    offer = placement.offer
    facts = [
        ("Lieu", offer.place_name),
        ("Commune", offer.town),
        (
            "Distance à vos épreuves",
            f"environ {placement.distance_km:.0f} km".replace(".", ",")
            if placement.distance_km is not None
            else "non connue",
        ),
        ("Âges accueillis", f"de {offer.age_min} à {offer.age_max} ans"),
        ("Groupes mixtes acceptés", _yes(offer.mixed_groups)),
        ("Chambres non mixtes", _yes(offer.single_sex_rooms)),
        ("Accessible en fauteuil roulant", _yes(offer.wheelchair_accessible)),
        ("Prix", _price_words(offer)),
        ("Repas", offer.get_meals_display()),
    ]
    for label, text in (
        ("Accessibilité, précisions", offer.accessibility),
        ("Autres conditions", offer.conditions),
        ("Assurance et responsabilité", offer.insurance_notes),
    ):
        if text:
            facts.append((label, text))
    return facts


def _guest_facts(placement: Placement) -> list[tuple[str, str]]:
    need = placement.need
    group = (
        f"{need.youth} jeune{'s' if need.youth > 1 else ''}, de {need.age_min} à {need.age_max} ans"
    )
    if need.girls is not None:
        group += f" (dont {need.girls} fille{'s' if need.girls > 1 else ''} et {need.boys} garçon{'s' if need.boys > 1 else ''})"
    facts = [
        ("Association", need.association.name),
        ("Vient de", _where_from(need.association)),
        ("Séjour", stay_words(need.first_night, need.last_night)),
        ("Groupe", group),
        ("Encadrants", str(need.supervisors)),
        ("Personnes en fauteuil roulant", str(need.wheelchair_users)),
    ]
    if need.accessibility:
        facts.append(("Autres besoins d'accessibilité", need.accessibility))
    return facts


def _where_from(association) -> str:
    """« Saint-Pierre, La Réunion (974) »: the town and the département's name."""
    name = departement_words(association.departement)
    return f"{association.town}, {name}" if association.town else name


def proposal_view(placement: Placement, *, side: str) -> ProposalView:
    confirmed = placement.status == PlacementStatus.CONFIRMED
    if side == GUEST:
        offer = placement.offer
        facts = [("Nuits", stay_words(placement.need.first_night, placement.need.last_night))]
        facts += _host_facts(placement)
        contact = (
            [
                ("Structure qui accueille", offer.association.name),
                ("Adresse", f"{offer.address}, {offer.postal_code} {offer.town}"),
                ("Personne à contacter", offer.contact_name),
                ("Téléphone", offer.contact_phone),
                ("Adresse e-mail", offer.contact_email),
            ]
            if confirmed
            else None
        )
    else:
        need = placement.need
        facts = [("Lieu proposé", placement.offer.place_name), *_guest_facts(placement)]
        contact = (
            [
                ("Personne à contacter", need.contact_name),
                ("Téléphone", need.contact_phone),
                ("Adresse e-mail", need.contact_email),
                *([("Commentaire", need.comment)] if need.comment else []),
            ]
            if confirmed
            else None
        )
    tel = ""
    if confirmed:
        phone = offer.contact_phone if side == GUEST else need.contact_phone
        number = phone_parse(phone)
        tel = phone_e164(number) if number is not None else ""
    return ProposalView(
        placement=placement, side=side, facts=facts, contact=contact, contact_tel=tel
    )


def proposals_of(*, campaign, association, side: str) -> list[ProposalView]:
    return [
        proposal_view(p, side=side)
        for p in placements_of(campaign=campaign, association=association, side=side)
    ]
