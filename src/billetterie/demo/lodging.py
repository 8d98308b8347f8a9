"""A later stage, ready for the lodging walk: the operator opened lodging (threshold 2 h 30,
deadlines, the practical page), invited three hosts of Île-de-France that each offer a place over
the Olympic nights, and five associations far from Paris hold accepted OG packs in Île-de-France
and declared their stays. The sixth far association, referent2's (La Réunion, packs of the
delivery stage), declares its own stay in the README's walk: then the operator runs the matching.

Built through the same services as the pages (settings, invitation, offer, packs offered and
accepted, needs), at fixed dates before the demo clock; deterministic (the far associations in the
order of `far_associations`, the first fitting packs by date and reference).

Every person, address, phone number and e-mail below is fictitious: the phone numbers are in the
ranges reserved for fiction (01 99 00 …), the addresses say « adresse fictive »."""

import datetime as dt

from django.contrib.auth.hashers import make_password

from billetterie.accounts.models import Role, User
from billetterie.campaigns.models import Campaign
from billetterie.catalogue.models import Games
from billetterie.core import clock
from billetterie.inventory.models import Pack, PackStatus
from billetterie.lodging.models import IDF_DEPARTEMENTS
from billetterie.lodging.selectors.portal import offer_periods
from billetterie.lodging.selectors.travel import far_associations
from billetterie.lodging.services.hosts import host_invite
from billetterie.lodging.services.needs import need_create
from billetterie.lodging.services.offers import host_offer_create
from billetterie.lodging.services.settings import (
    DEFAULT_PRACTICAL_TEXT,
    practical_update,
    settings_update,
)
from billetterie.members.models import Association
from billetterie.offers.services import offer_accept, offers_create

OPENED_AT = dt.datetime(2024, 3, 6, 10, 0, tzinfo=dt.UTC)  # settings, practical page, hosts
PACKS_AT = dt.datetime(2024, 3, 8, 11, 0, tzinfo=dt.UTC)  # the far associations' packs
DECLARED_AT = dt.datetime(2024, 3, 12, 10, 0, tzinfo=dt.UTC)  # offers and needs
THRESHOLD_MINUTES = 150
DEADLINE = dt.date(2024, 5, 31)
OPERATOR = "operateur@demo.billetterie.fr"
REFERENT = "referent2@demo.billetterie.fr"  # declares its stay in the walk: not seeded
FAR_COUNT = 5

# (e-mail, first name, last name, phone); the structure, its place and its offer follow in HOSTS.
HOST_ACCOUNTS = (
    ("hote1@demo.billetterie.fr", "Martine", "Lebrun", "01 99 00 31 01"),
    ("hote2@demo.billetterie.fr", "Olivier", "Ferrand", "01 99 00 31 02"),
    ("hote3@demo.billetterie.fr", "Aïcha", "Diallo", "01 99 00 31 03"),
)
# Per host: the structure (name, postal code, town, département, latitude, longitude: the town's,
# so that distances to the venues make sense), the beds of each Olympic night, the offer's fields.
HOSTS = (
    (
        ("Maison d'enfants Les Tilleuls", "93100", "Montreuil", "93", 48.8611, 2.4437),
        14,
        {
            "place_name": "Maison d'enfants Les Tilleuls",
            "address": "7 allée des Hirondelles (adresse fictive)",
            "age_min": 6,
            "age_max": 18,
            "mixed_groups": True,
            "single_sex_rooms": False,
            "wheelchair_accessible": False,
            "accessibility": "Chambres à l'étage, sans ascenseur.",
            "price_per_night": "",
            "meals": "breakfast",
            "conditions": "Arrivée après 17 h. Draps fournis, serviettes à apporter.",
            "insurance_notes": "Notre assurance couvre l'accueil de groupes extérieurs.",
            "contact_name": "Martine Lebrun",
            "contact_phone": "01 99 00 31 01",
            "contact_email": "accueil.tilleuls@demo.billetterie.fr",
        },
    ),
    (
        ("Foyer éducatif Le Colombier", "78000", "Versailles", "78", 48.8049, 2.1204),
        12,
        {
            "place_name": "Foyer Le Colombier",
            "address": "3 impasse du Colombier (adresse fictive)",
            "age_min": 12,
            "age_max": 21,
            "mixed_groups": True,
            "single_sex_rooms": True,
            "wheelchair_accessible": True,
            "accessibility": "Deux chambres de plain-pied, douche accessible.",
            "price_per_night": "",
            "meals": "none",
            "conditions": "Cuisine à disposition du groupe. Calme après 22 h.",
            "insurance_notes": "À voir ensemble avant l'arrivée.",
            "contact_name": "Olivier Ferrand",
            "contact_phone": "01 99 00 31 02",
            "contact_email": "foyer.colombier@demo.billetterie.fr",
        },
    ),
    (
        ("Centre d'accueil des Bords de Marne", "94000", "Créteil", "94", 48.7904, 2.4556),
        16,
        {
            "place_name": "Centre des Bords de Marne",
            "address": "21 quai des Saules (adresse fictive)",
            "age_min": 6,
            "age_max": 25,
            "mixed_groups": True,
            "single_sex_rooms": False,
            "wheelchair_accessible": True,
            "accessibility": "Ascenseur, deux chambres adaptées.",
            "price_per_night": "14",
            "meals": "half",
            "conditions": "Le prix comprend le petit-déjeuner et le dîner.",
            "insurance_notes": "Attestation d'assurance demandée au groupe.",
            "contact_name": "Aïcha Diallo",
            "contact_phone": "01 99 00 31 03",
            "contact_email": "bords-de-marne@demo.billetterie.fr",
        },
    ),
)
# The five far associations, in the order of `far_associations` (four overseas, then the farthest
# of mainland France): their packs (day, size, a word of the venue's name preferred), their nights
# and group. Each group fills its packs' tickets.
FAR_STAYS = (
    (
        ((dt.date(2024, 7, 27), 12, "Arena Paris Sud"), (dt.date(2024, 7, 28), 12, "Vaires")),
        (dt.date(2024, 7, 26), dt.date(2024, 7, 28)),
        {"youth": 9, "age_min": 12, "age_max": 16, "supervisors": 3},
        ("Anli Saïd", "01 99 00 41 01"),
    ),
    (
        ((dt.date(2024, 7, 30), 8, "Stade de France"),),
        (dt.date(2024, 7, 29), dt.date(2024, 7, 30)),
        {"youth": 6, "age_min": 13, "age_max": 17, "girls": 6, "boys": 0, "supervisors": 2},
        ("Josiane Payet", "01 99 00 41 02"),
    ),
    (
        ((dt.date(2024, 8, 1), 10, "Centre Aquatique"),),
        (dt.date(2024, 7, 31), dt.date(2024, 8, 1)),
        {"youth": 8, "age_min": 8, "age_max": 12, "supervisors": 2, "wheelchair_users": 1},
        ("Rudy Bellony", "01 99 00 41 03"),
    ),
    (
        ((dt.date(2024, 7, 27), 10, "Arena Paris Nord"),),
        (dt.date(2024, 7, 26), dt.date(2024, 7, 27)),
        {"youth": 8, "age_min": 14, "age_max": 17, "girls": 4, "boys": 4, "supervisors": 2},
        ("Murielle Jean-Baptiste", "01 99 00 41 04"),
    ),
    (
        ((dt.date(2024, 8, 2), 6, "Stade de France"),),
        (dt.date(2024, 8, 2), dt.date(2024, 8, 2)),
        {"youth": 5, "age_min": 10, "age_max": 13, "supervisors": 1},
        ("Paul Rinaldi", "01 99 00 41 05"),
    ),
)


def far_chosen(campaign: Campaign, *, excluded_id: int) -> list[Association]:
    """The five far associations of the stage: the four farthest overseas ones and the farthest
    of mainland France, among those that ticked « hébergement » (referent2's excluded)."""
    rows = [
        r
        for r in far_associations(campaign=campaign)
        if r.asked_lodging and r.association_id != excluded_id
    ]
    overseas = [r for r in rows if len(r.departement) == 3][: FAR_COUNT - 1]
    mainland = [r for r in rows if len(r.departement) != 3][:1]
    ids = [r.association_id for r in (*overseas, *mainland)]
    by_id = Association.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids]


def _pack(campaign: Campaign, day: dt.date, size: int, venue_word: str, taken: set) -> Pack:
    """The first available OG pack in Île-de-France of this day and size, at a venue whose name
    has `venue_word` if there is one (else any venue)."""
    candidates = [
        p
        for p in Pack.objects.filter(
            campaign=campaign,
            status=PackStatus.AVAILABLE,
            is_prestige=False,
            size=size,
            session__games__code="OG",
            session__date=day,
            session__venue__host_city__departement__in=IDF_DEPARTEMENTS,
        )
        .select_related("session__venue")
        .order_by("session__start_time", "reference")
        if p.pk not in taken
    ]
    preferred = [p for p in candidates if venue_word in p.session.venue.name]
    return (preferred or candidates)[0]


def _referent(association: Association) -> User:
    return User.objects.filter(association=association, role=Role.REFERENT).order_by("pk").first()


def _olympic_beds(campaign: Campaign, beds: int) -> dict[dt.date, int]:
    nights = dict(offer_periods(campaign=campaign))[Games.objects.get(code="OG").name]
    return dict.fromkeys(nights, beds)


def hosts_create(*, campaign: Campaign, operator: User, password: str) -> list[Association]:
    """The three hosts: invited by the operator (a structure and its referent), the demo password
    set on their account, each with its offer of beds over the Olympic nights."""
    structures = []
    hashed = make_password(password)  # once: hashing is slow on purpose, the password is shared
    for (email, first, last, phone), (place, beds, fields) in zip(
        HOST_ACCOUNTS, HOSTS, strict=True
    ):
        name, postal_code, town, departement, latitude, longitude = place
        with clock.frozen_at(OPENED_AT):
            association = host_invite(
                campaign=campaign,
                name=name,
                postal_code=postal_code,
                town=town,
                departement=departement,
                first_name=first,
                last_name=last,
                email=email,
                phone=phone,
                actor=operator,
            )
        # The platform places a new structure at its département's prefecture; the demo puts it in
        # its own town, so that the distances to the venues make sense.
        Association.objects.filter(pk=association.pk).update(latitude=latitude, longitude=longitude)
        association.refresh_from_db()
        user = User.objects.get(email=email)
        user.password = hashed
        user.save(update_fields=["password"])
        with clock.frozen_at(DECLARED_AT):
            host_offer_create(
                campaign=campaign,
                association=association,
                fields={**fields, "postal_code": postal_code, "town": town},
                beds=_olympic_beds(campaign, beds),
                actor=user,
            )
        structures.append(association)
    return structures


def far_stays_create(*, campaign: Campaign, operator: User, referent2: User) -> tuple[int, int]:
    """The five far associations' packs (offered, then accepted) and stays; (packs, needs)."""
    associations = far_chosen(campaign, excluded_id=referent2.association_id)
    taken: set[int] = set()
    packs = needs = 0
    for association, (wanted, (first, last), group, (contact, phone)) in zip(
        associations, FAR_STAYS, strict=True
    ):
        referent = _referent(association)
        chosen = []
        for day, size, venue_word in wanted:
            pack = _pack(campaign, day, size, venue_word, taken)
            taken.add(pack.pk)
            chosen.append(pack)
        with clock.frozen_at(PACKS_AT):
            offers = offers_create(
                campaign=campaign, pairs=[(p.pk, association.pk) for p in chosen], actor=operator
            )
            for offer in offers:
                offer_accept(
                    offer_id=offer.pk, association=association, actor=referent, commitment=True
                )
        packs += len(offers)
        nights = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        fields = {
            "girls": None,
            "boys": None,
            "wheelchair_users": 0,
            "accessibility": "",
            "comment": "",
            **group,
            "contact_name": contact,
            "contact_phone": phone,
            "contact_email": f"hebergement.{association.identifier.lower()}@demo.billetterie.fr",
        }
        if fields["wheelchair_users"]:
            fields["accessibility"] = (
                "Un jeune en fauteuil roulant : chambre et douche de plain-pied."
            )
        with clock.frozen_at(DECLARED_AT):
            need_create(
                campaign=campaign,
                association=association,
                nights=nights,
                fields=fields,
                actor=referent,
            )
        needs += 1
    return packs, needs


def lodging_stage_create(*, campaign: Campaign, password: str) -> dict[str, int]:
    """After the delivery stage: lodging opened, three hosts with their offers, five far
    associations with accepted packs in Île-de-France and their stays declared."""
    operator = User.objects.get(email=OPERATOR)
    referent2 = User.objects.get(email=REFERENT)
    with clock.frozen_at(OPENED_AT):
        settings_update(
            campaign=campaign,
            threshold_minutes=THRESHOLD_MINUTES,
            needs_deadline=DEADLINE,
            offers_deadline=DEADLINE,
            actor=operator,
        )
        practical_update(campaign=campaign, text=DEFAULT_PRACTICAL_TEXT, actor=operator)
    hosts = hosts_create(campaign=campaign, operator=operator, password=password)
    packs, needs = far_stays_create(campaign=campaign, operator=operator, referent2=referent2)
    return {"lodging_hosts": len(hosts), "lodging_packs": packs, "lodging_needs": needs}


def host_association_ids() -> list[int]:
    """The demo hosts' structures (to remove them with the demo)."""
    return list(
        User.objects.filter(email__in=[email for email, *_ in HOST_ACCOUNTS])
        .exclude(association=None)
        .values_list("association_id", flat=True)
    )
