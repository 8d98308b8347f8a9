"""National-scale data for load tests: `billetterie seed_scale` (campaign `echelle-2024`).

One operator and its campaign on the Paris 2024 catalogue of the demo, thousands of member
associations across France (overseas included, in proportion to the population), one referent
each, their applications, tens of thousands of packs, and wave 1 computed and published: a
published run with its assignments and its offers, a third still pending (deadline ahead), a third
accepted with every ticket named, a third accepted still to name, a few declined.

The rows are written directly, in bulk, one transaction per phase: the allocation engine is not
called (its rule would take far too long at this size). A simple greedy proposal stands in for it,
within each association's ranked cities and remaining demand; the run's figures are scored by the
engine's own metrics (`proposal_scores`). The platform clock is frozen mid-campaign, as the demo's.
Offers and naming are not audited nor e-mailed one by one (the loader writes one journal entry):
only the pages' data is needed, and it is what the services would write.
"""

import base64
import datetime as dt
import heapq
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from billetterie.accounts.models import Role, User
from billetterie.accounts.second_factor import TOTP_NAME
from billetterie.allocation.engine import validate_instance
from billetterie.allocation.engine.solve import RESULT_FORMAT
from billetterie.allocation.instance import association_pk, org_key, pack_key, pack_pk
from billetterie.allocation.models import AllocationRun, RunAssignment, RunScope, RunStatus
from billetterie.allocation.proposal import proposal_scores
from billetterie.attendees.models import Group, GroupPack, Holder, NameChange, Person, PersonKind
from billetterie.attendees.names import name_key
from billetterie.campaigns.models import Campaign, Wave
from billetterie.campaigns.services import games_ensure_defaults
from billetterie.catalogue.models import FINAL_STAGE, HostCity, Session
from billetterie.core.audit import audit_log
from billetterie.core.services import clock_write
from billetterie.demo.applications import cities_ranked
from billetterie.demo.associations import of_town, youth_followed_draw
from billetterie.demo.builder import (
    CALENDAR,
    CLOCK_AT,
    PARIS_TIME,
    campaign_with_waves,
)
from billetterie.demo.catalogue import catalogue_ensure
from billetterie.demo.inventory import CITY_WEIGHTS, LARGE_SIZES, PRESTIGE_SIZES, SMALL_SIZES
from billetterie.demo.places import DEPARTEMENTS
from billetterie.demo.progress import Progress
from billetterie.inventory.models import Pack, PackStatus, Ticket
from billetterie.members.models import Association, Establishment
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.waves import campaign_instance
from billetterie.requests.models import Application, ApplicationCity, Channel

SLUG = "echelle-2024"
OPERATOR_NAME = "Opérateur national (données d'échelle)"
CAMPAIGN_NAME = "Billetterie populaire 2024 — données d'échelle nationale"
DOMAIN = "echelle.billetterie.test"
PASSWORD = "echelle-billetterie-2024"  # noqa: S105 — test data only, printed by the command
OPERATOR_EMAIL = f"operateur@{DOMAIN}"
SEED = 2024
IDENTIFIER_PREFIX = "ECH-"
# The operators' authenticator app: the RFC 6238 test secret "12345678901234567890", so that a
# load test computes the six-digit code itself (django_otp.oath.totp or any TOTP library).
TOTP_KEY_HEX = "3132333435363738393031323334353637383930"
TOTP_KEY_BASE32 = base64.b32encode(bytes.fromhex(TOTP_KEY_HEX)).decode()

RUN_AT = dt.datetime(2024, 3, 11, 9, 0, tzinfo=PARIS_TIME)
SENT_AT = dt.datetime(2024, 3, 12, 10, 0, tzinfo=PARIS_TIME)
WAVES = (
    (1, "Vague 1", dt.date(2024, 3, 11), dt.date(2024, 3, 22)),
    (2, "Vague 2 — désistements et liste d'attente", dt.date(2024, 3, 29), dt.date(2024, 4, 12)),
)

# The national shape: 21,000 packs hold about 190,000 tickets; 60,000 people for that many packs.
TICKETS_PER_PACK = 190_000 / 21_000
PEOPLE_PER_PACK = 60_000 / 21_000
SHARE_PG, SHARE_PRESTIGE = 0.17, 0.03
DEMAND_OVER_SUPPLY = 1.15  # the call asks for more than the stock
DECLINED_SHARE = 0.04
YOUTH_REUSE = 0.25  # chance that a youth already named for another session takes one more ticket
BATCH = 5000

# Approximate population (thousands, INSEE 2021) of the demo's départements: associations are
# spread in proportion.
POPULATION = {
    "02": 526, "06": 1098, "10": 311, "13": 2056, "14": 697, "18": 298, "21": 535, "25": 545,
    "29": 919, "30": 752, "31": 1435, "33": 1656, "34": 1201, "35": 1102, "36": 217, "37": 612,
    "38": 1284, "42": 767, "44": 1469, "45": 686, "49": 823, "51": 565, "54": 731, "56": 763,
    "57": 1047, "59": 2611, "60": 830, "62": 1459, "63": 664, "64": 688, "67": 1149, "68": 768,
    "69": 1891, "72": 566, "75": 2133, "76": 1256, "77": 1438, "78": 1451, "80": 568, "83": 1087,
    "84": 563, "86": 439, "87": 372, "91": 1306, "92": 1635, "93": 1655, "94": 1407, "95": 1250,
    "971": 384, "972": 361, "973": 286, "974": 871, "976": 256,
}  # fmt: skip
ASSOCIATION_KINDS = (
    "Sauvegarde de l'enfance",
    "Association départementale d'entraide",
    "Maison d'enfants",
    "Foyer éducatif",
    "Service d'action éducative",
    "Lien éducatif",
    "Jeunesse et avenir",
    "Association de prévention spécialisée",
    "Accueil et protection de l'enfance",
    "Horizons jeunesse",
)
LAST_NAMES = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Hoarau", "Payet",
    "Técher", "Grondin", "Nativel", "Benali", "Diallo", "Nguyen", "Da Silva", "Traoré",
)  # fmt: skip
FIRST_NAMES = (
    "Léa", "Emma", "Chloé", "Inès", "Jade", "Louise", "Manon", "Camille", "Sarah", "Lina",
    "Zoé", "Alice", "Rose", "Mila", "Ambre", "Anna", "Nina", "Yasmine", "Maëlys", "Lou",
    "Lucas", "Hugo", "Noah", "Louis", "Gabriel", "Arthur", "Jules", "Adam", "Nathan", "Ethan",
    "Mohamed", "Rayan", "Sacha", "Tom", "Enzo", "Léo", "Kylian", "Théo", "Yanis", "Noa",
    "Mickaël", "Sandrine", "Karim", "Sophie", "Julien", "Nadia", "Hélène", "Olivier",
    "Isabelle", "Thierry",
)  # fmt: skip


@dataclass
class Shape:
    associations: int
    packs: int
    seed: int = SEED
    password: str = PASSWORD
    operators: int = 1
    counts: dict[str, int] = field(default_factory=dict)
    session_codes: dict[str, set[str]] = field(default_factory=dict)


def referent_email(n: int) -> str:
    return f"referent{n}@{DOMAIN}"


def operator_email(n: int) -> str:
    return OPERATOR_EMAIL if n == 1 else f"operateur{n}@{DOMAIN}"


def scale_exists() -> bool:
    return Campaign.objects.filter(slug=SLUG).exists()


def _scale_operator_ids() -> list[int]:
    return list(Campaign.objects.filter(slug=SLUG).values_list("operator_id", flat=True).distinct())


def scale_purge() -> None:
    """Inside the caller's transaction: remove the scale campaign, its associations and accounts
    (the catalogue and the demo stay). Largest tables first, by campaign, in bulk."""
    campaigns = Campaign.objects.filter(slug=SLUG)
    operators = _scale_operator_ids()
    User.objects.filter(email__endswith=f"@{DOMAIN}").delete()
    NameChange.objects.filter(campaign__in=campaigns).delete()
    Holder.objects.filter(campaign__in=campaigns).delete()
    GroupPack.objects.filter(group__campaign__in=campaigns).delete()
    Group.objects.filter(campaign__in=campaigns).delete()
    Person.objects.filter(campaign__in=campaigns).delete()
    Offer.objects.filter(campaign__in=campaigns).delete()
    RunAssignment.objects.filter(run__campaign__in=campaigns).delete()
    Ticket.objects.filter(pack__campaign__in=campaigns)._raw_delete(Ticket.objects.db)
    campaigns.delete()
    Association.objects.filter(
        operator_id__in=operators, identifier__startswith=IDENTIFIER_PREFIX
    ).delete()


def scale_seed(*, shape: Shape, progress: Progress) -> Campaign:
    """Seed everything, phase by phase (one transaction each); fill `shape.counts`."""
    rng = random.Random(shape.seed)
    with transaction.atomic():
        progress.start("Nettoyage", 1)
        scale_purge()
        progress.done()
    with transaction.atomic():
        campaign = _campaign_create(shape=shape, progress=progress)
    with transaction.atomic():
        referents = _associations_create(rng=rng, shape=shape, campaign=campaign, progress=progress)
    with transaction.atomic():
        _applications_create(rng=rng, shape=shape, campaign=campaign, progress=progress)
    with transaction.atomic():
        _packs_create(rng=rng, shape=shape, campaign=campaign, progress=progress)
    with transaction.atomic():
        run, pairs = _run_create(rng=rng, shape=shape, campaign=campaign, progress=progress)
    with transaction.atomic():
        plan = _offers_create(
            rng=rng, shape=shape, campaign=campaign, run=run, pairs=pairs, referents=referents,
            progress=progress,
        )  # fmt: skip
    with transaction.atomic():
        _people_create(rng=rng, shape=shape, campaign=campaign, plan=plan, progress=progress)
    with transaction.atomic():
        clock_write(frozen_at=CLOCK_AT)
        audit_log(
            action="demo.scale_seeded",
            subject=campaign,
            campaign_id=campaign.pk,
            details={**shape.counts, "seed": shape.seed},
        )
    return campaign


def _campaign_create(*, shape: Shape, progress: Progress) -> Campaign:
    progress.start("Catalogue, campagne et comptes de l'opérateur", 3 + shape.operators)
    games = {g.code: g for g in games_ensure_defaults()}
    counts, codes = catalogue_ensure(games_by_code=games)
    shape.counts.update(sessions_og=counts["sessions_og"], sessions_pg=counts["sessions_pg"])
    shape.session_codes = codes
    progress.advance()
    campaign = campaign_with_waves(
        slug=SLUG, name=CAMPAIGN_NAME, operator_name=OPERATOR_NAME, waves=WAVES
    )
    progress.advance()
    hashed = make_password(shape.password)
    progress.advance()
    for n in range(1, shape.operators + 1):
        user = User(
            email=operator_email(n),
            role=Role.OPERATOR_STAFF,
            operator=campaign.operator,
            is_staff=True,
            first_name="Opérateur",
            last_name=f"n° {n}",
            password=hashed,
        )
        user.save()
        TOTPDevice.objects.create(user=user, name=TOTP_NAME, key=TOTP_KEY_HEX, confirmed=True)
        progress.advance()
    shape.counts["operators"] = shape.operators
    progress.done()
    return campaign


def _departement_draw(*, rng: random.Random, n: int) -> list[str]:
    """`n` départements in proportion to their population (largest remainders, then shuffled)."""
    total = sum(POPULATION.values())
    quotas = {d: n * p / total for d, p in POPULATION.items()}
    counts = {d: math.floor(q) for d, q in quotas.items()}
    short = n - sum(counts.values())
    for d in sorted(quotas, key=lambda d: (counts[d] - quotas[d], d))[:short]:
        counts[d] += 1
    drawn = [d for d in sorted(counts) for _ in range(counts[d])]
    rng.shuffle(drawn)
    return drawn


def _associations_create(
    *, rng: random.Random, shape: Shape, campaign: Campaign, progress: Progress
) -> dict[int, int]:
    """The associations (all members), one establishment each, one referent each.

    Returns association id → referent user id. The referents share one password hash (hashing
    thousands of passwords with argon2 would take an hour); each signs in with `shape.password`.
    """
    n = shape.associations
    progress.start("Associations et référents", 3 * n)
    associations = []
    for number, departement in enumerate(_departement_draw(rng=rng, n=n), start=1):
        town = rng.choice(DEPARTEMENTS[departement][1])
        associations.append(
            Association(
                operator=campaign.operator,
                identifier=f"{IDENTIFIER_PREFIX}{number:05d}",
                name=f"{rng.choice(ASSOCIATION_KINDS)}{of_town(town=town[0])} (n° {number})",
                is_member=True,
                postal_code=town[1],
                town=town[0],
                departement=departement,
                latitude=town[2],
                longitude=town[3],
                youth_followed=youth_followed_draw(rng=rng),
            )
        )
    created = []
    for start in range(0, n, BATCH):
        created += Association.objects.bulk_create(associations[start : start + BATCH])
        progress.advance(len(associations[start : start + BATCH]))
    if any(a.pk is None for a in created):
        ids = dict(
            Association.objects.filter(
                operator=campaign.operator, identifier__startswith=IDENTIFIER_PREFIX
            ).values_list("identifier", "pk")
        )
        for a in created:
            a.pk = ids[a.identifier]
    Establishment.objects.bulk_create(
        [
            Establishment(
                association=a,
                name=f"Service éducatif{of_town(town=a.town)}",
                postal_code=a.postal_code,
                town=a.town,
                departement=a.departement,
                latitude=a.latitude,
                longitude=a.longitude,
            )
            for a in created
        ],
        batch_size=BATCH,
    )
    progress.advance(n)
    hashed = make_password(shape.password)
    users = [
        User(
            email=referent_email(number),
            role=Role.REFERENT,
            association_id=a.pk,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            password=hashed,
        )
        for number, a in enumerate(created, start=1)
    ]
    for start in range(0, n, BATCH):
        User.objects.bulk_create(users[start : start + BATCH])
        progress.advance(len(users[start : start + BATCH]))
    referents = dict(
        User.objects.filter(email__endswith=f"@{DOMAIN}", role=Role.REFERENT).values_list(
            "association_id", "pk"
        )
    )
    shape.counts.update(
        associations=n,
        overseas=sum(1 for a in created if len(a.departement) == 3),
        referents=len(referents),
    )
    progress.done()
    return referents


def _session_cities(*, codes: dict[str, set[str]]) -> dict[str, list[HostCity]]:
    cities = {}
    for code, session_codes in codes.items():
        ids = Session.objects.filter(games__code=code, code__in=session_codes).values_list(
            "venue__host_city", flat=True
        )
        cities[code] = list(HostCity.objects.filter(pk__in=ids).order_by("name"))
    return cities


def _applications_create(
    *, rng: random.Random, shape: Shape, campaign: Campaign, progress: Progress
) -> None:
    """Each association applies to the call for the Olympics (most), the Paralympics (some), or
    both; its request follows the youth it follows, scaled so that the call asks for more than the
    stock (`DEMAND_OVER_SUPPLY`); ranked host cities as in the demo."""
    associations = list(
        Association.objects.filter(
            operator=campaign.operator, identifier__startswith=IDENTIFIER_PREFIX
        ).order_by("identifier")
    )
    progress.start("Candidatures", 2 * len(associations))
    games = {g.code: g for g in games_ensure_defaults()}
    cities = _session_cities(codes=shape.session_codes)
    supply = shape.packs * TICKETS_PER_PACK * (1 - SHARE_PRESTIGE)
    supply_by_games = {"OG": supply * (1 - SHARE_PG - SHARE_PRESTIGE), "PG": supply * SHARE_PG}
    plans = []
    for association in associations:
        wants_og = rng.random() < 0.92
        wants_pg = rng.random() < 0.45 or not wants_og
        for code, wanted, share in (("OG", wants_og, 0.2), ("PG", wants_pg, 0.08)):
            if wanted:
                plans.append((association, code, association.youth_followed * share))
    raw_by_games = defaultdict(float)
    for _, code, raw in plans:
        raw_by_games[code] += raw
    applications, choices = [], []
    for association, code, raw in plans:
        tickets = max(
            6, round(raw * DEMAND_OVER_SUPPLY * supply_by_games[code] / raw_by_games[code])
        )
        supervisors = max(1, tickets // 4)
        applications.append(
            Application(
                campaign=campaign,
                association=association,
                games=games[code],
                youth=tickets - supervisors,
                supervisors=supervisors,
                lodging_needed=len(association.departement) == 3,
                received_on=CALENDAR["call_opens_on"] + dt.timedelta(days=rng.randint(0, 44)),
                channel=Channel.CALL,
            )
        )
        choices.append(cities_ranked(rng=rng, association=association, cities=cities[code]))
        progress.advance()
    created = []
    for start in range(0, len(applications), BATCH):
        created += Application.objects.bulk_create(applications[start : start + BATCH])
    if any(a.pk is None for a in created):
        by_key = {
            (a.association_id, a.games_id): a.pk
            for a in Application.objects.filter(campaign=campaign).only("association", "games")
        }
        for a in created:
            a.pk = by_key[(a.association_id, a.games_id)]
    rows = [
        ApplicationCity(application_id=a.pk, host_city=city, rank=rank)
        for a, ranked in zip(created, choices, strict=True)
        for rank, city in enumerate(ranked, start=1)
    ]
    ApplicationCity.objects.bulk_create(rows, batch_size=BATCH)
    progress.advance(len(associations) * 2 - progress.count)
    shape.counts.update(
        applications=len(created),
        tickets_requested=sum(a.youth + a.supervisors for a in created),
    )
    progress.done()


def _pack_sizes(*, rng: random.Random, count: int, total: int) -> list[int]:
    """`count` sizes, mostly small, a few large, adding up exactly to `total`."""
    sizes = [
        rng.choice(LARGE_SIZES) if rng.random() < 0.09 else rng.choice(SMALL_SIZES)
        for _ in range(count)
    ]
    gap = total - sum(sizes)
    step = 1 if gap > 0 else -1
    while gap:
        i = rng.randrange(count)
        if (step > 0 and sizes[i] < 40) or (step < 0 and sizes[i] > 4):
            sizes[i] += step
            gap -= step
    return sizes


def _packs_create(
    *, rng: random.Random, shape: Shape, campaign: Campaign, progress: Progress
) -> None:
    """The packs over the real sessions (weighted by host city like the demo), and their tickets."""
    codes = shape.session_codes
    sessions = [
        s
        for s in Session.objects.select_related("venue__host_city", "games").order_by(
            "games__code", "date", "start_time", "code"
        )
        if s.code in codes.get(s.games.code, ())
    ]
    finals = set(Session.objects.filter(FINAL_STAGE).values_list("pk", flat=True))
    n = shape.packs
    n_prestige = round(n * SHARE_PRESTIGE)
    n_pg = round(n * SHARE_PG)
    n_og = n - n_pg - n_prestige
    prestige_sizes = [rng.choice(PRESTIGE_SIZES) for _ in range(n_prestige)]
    sizes = _pack_sizes(
        rng=rng, count=n - n_prestige, total=round(n * TICKETS_PER_PACK) - sum(prestige_sizes)
    )
    sizes += prestige_sizes  # in the order of `plans`: JO, JP, then prestige
    progress.start("Lots et billets", n + sum(sizes))

    def spread(pool: list[Session], k: int) -> list[Session]:
        weights = [CITY_WEIGHTS.get(s.venue.host_city.name, 0.6) for s in pool]
        return rng.choices(pool, weights=weights, k=k)

    og = [s for s in sessions if s.games.code == "OG"]
    pg = [s for s in sessions if s.games.code == "PG"]
    plans = {
        "JO": spread(og, n_og),
        "JP": spread(pg, n_pg),
        "PR": spread([s for s in sessions if s.pk in finals], n_prestige),
    }
    packs, size_iter = [], iter(sizes)
    for prefix, chosen in plans.items():
        chosen.sort(key=lambda s: (s.date, s.start_time or dt.time(0), s.code))
        for number, session in enumerate(chosen, start=1):
            size = next(size_iter)
            packs.append(
                Pack(
                    campaign=campaign,
                    reference=f"{prefix}-{number:05d}",
                    session=session,
                    size=size,
                    is_prestige=prefix == "PR",
                    status=PackStatus.AVAILABLE,
                )
            )
    for start in range(0, n, BATCH):
        Pack.objects.bulk_create(packs[start : start + BATCH])
        progress.advance(len(packs[start : start + BATCH]))
    ids = dict(Pack.objects.filter(campaign=campaign).values_list("reference", "pk"))
    tickets: list[Ticket] = []
    written = 0
    for pack in packs:
        tickets.extend(
            Ticket(pack_id=ids[pack.reference], number=k) for k in range(1, pack.size + 1)
        )
        if len(tickets) >= BATCH:
            Ticket.objects.bulk_create(tickets)
            written += len(tickets)
            progress.advance(len(tickets))
            tickets = []
    Ticket.objects.bulk_create(tickets)
    written += len(tickets)
    progress.advance(len(tickets))
    shape.counts.update(
        packs=len(packs),
        packs_prestige=n_prestige,
        tickets=written,
    )
    progress.done()


def _greedy_pairs(*, rng: random.Random, instance: dict) -> list[tuple[str, str]]:
    """Stand-in for the engine: each pack, in random order, to the least-served association that
    ranked its city for its Games and still needs at least its size."""
    remaining = {
        (o["id"], games): n
        for o in instance["organisations"]
        for games, n in o["requested"].items()
    }
    asked = {o["id"]: max(1, sum(o["requested"].values())) for o in instance["organisations"]}
    served: dict[str, int] = defaultdict(int)
    heaps: dict[tuple[str, str], list] = defaultdict(list)
    games_of = {}
    for o in instance["organisations"]:
        for games in o["requested"]:
            games_of.setdefault(o["id"], set()).add(games)
            for city in o["cities"]:
                heaps[(games, city)].append((0.0, rng.random(), o["id"]))
    for heap in heaps.values():
        heapq.heapify(heap)
    packs = list(instance["packs"])
    rng.shuffle(packs)
    pairs = []
    for pack in packs:
        heap = heaps.get((pack["games"], pack["city"]))
        if not heap:
            continue
        aside = []
        for _ in range(40):  # bounded search: a pack nobody nearby can take stays in the pool
            if not heap:
                break
            sat, tie, org = heapq.heappop(heap)
            current = served[org] / asked[org]
            if current != sat:
                heapq.heappush(heap, (current, tie, org))
                continue
            if remaining[(org, pack["games"])] >= pack["size"]:
                pairs.append((pack["id"], org))
                remaining[(org, pack["games"])] -= pack["size"]
                served[org] += pack["size"]
                heapq.heappush(heap, (served[org] / asked[org], tie, org))
                break
            aside.append((sat, tie, org))
        for entry in aside:
            heapq.heappush(heap, entry)
    return sorted(pairs)


def _explanation(*, org: dict, allocated: dict[str, int]) -> str:
    asked = sum(org["requested"].values())
    got = sum(allocated.values())
    return (
        f"Données d'échelle : {got} billets proposés pour {asked} demandés, dans les villes "
        "choisies. Cette proposition a été écrite par le chargeur de données d'échelle, sans "
        "calcul du moteur."
    )


def _run_create(
    *, rng: random.Random, shape: Shape, campaign: Campaign, progress: Progress
) -> tuple[AllocationRun, list[tuple[int, int]]]:
    """Wave 1's run: frozen instance (the real one, from the pool and the remaining demand), the
    greedy proposal, scored with the engine's metrics; published."""
    progress.start("Calcul de la vague 1 (proposition écrite, sans moteur)", 4)
    instance = campaign_instance(campaign=campaign, name="Vague 1")
    progress.advance()
    validated = validate_instance(instance)
    pairs = _greedy_pairs(rng=rng, instance=instance)
    progress.advance()
    scores = proposal_scores(instance=instance, pairs=pairs)
    organisations = [
        {
            "id": o["id"],
            "allocated": scores["organisations"][o["id"]]["allocated"],
            "satisfaction": scores["organisations"][o["id"]]["satisfaction"],
            "explanation": _explanation(
                org=o, allocated=scores["organisations"][o["id"]]["allocated"]
            ),
        }
        for o in instance["organisations"]
    ]
    result = {
        "format": RESULT_FORMAT,
        "instance_sha256": validated.sha256,
        "method": "nash",
        "seed": shape.seed,
        "status": "feasible",
        "objective": {"tiers": []},
        "assignments": [{"pack": p, "organisation": o} for p, o in pairs],
        "organisations": organisations,
        "metrics": scores["metrics"],
    }
    operator = User.objects.get(email=OPERATOR_EMAIL)
    run = AllocationRun.objects.create(
        campaign=campaign,
        number=1,
        wave=Wave.objects.get(campaign=campaign, number=1),
        scope=RunScope.ALL,
        seed=shape.seed,
        status=RunStatus.PUBLISHED,
        progress=100,
        progress_label="Terminé (données d'échelle : proposition écrite sans le moteur)",
        instance=instance,
        instance_sha256=validated.sha256,
        result=result,
        metrics=scores["metrics"],
        created_by=operator,
        created_at=RUN_AT,
        finished_at=RUN_AT + dt.timedelta(minutes=3),
        published_by=operator,
        published_at=SENT_AT,
    )
    progress.advance()
    int_pairs = [(pack_pk(p), association_pk(o)) for p, o in pairs]
    RunAssignment.objects.bulk_create(
        (RunAssignment(run=run, pack_id=p, association_id=a) for p, a in int_pairs),
        batch_size=BATCH,
    )
    progress.advance()
    shape.counts.update(
        run_assignments=len(pairs),
        associations_served=len({o for _, o in pairs}),
        tickets_assigned=scores["metrics"]["tickets_allocated"],
    )
    progress.done()
    return run, int_pairs


@dataclass
class OfferPlan:
    """What the offers phase decided, for the people phase: accepted packs by association."""

    named: dict[int, list[int]]  # association → accepted packs to name now
    to_name: dict[int, list[int]]  # association → accepted packs left to name


# A third pending, a third accepted still to name, a third accepted and named; some declined.
CYCLE = (OfferStatus.PENDING, "to_name", "named")


def _offers_create(
    *, rng: random.Random, shape: Shape, campaign: Campaign, run, pairs, referents, progress
) -> OfferPlan:
    progress.start("Propositions et réponses", len(pairs))
    by_association: dict[int, list[int]] = defaultdict(list)
    for pack_id, association_id in pairs:
        by_association[association_id].append(pack_id)
    expires = SENT_AT + dt.timedelta(days=campaign.response_delay_days)
    offers, plan = [], OfferPlan(named=defaultdict(list), to_name=defaultdict(list))
    status_of_pack: dict[int, str] = {}
    for association_id in sorted(by_association):
        packs = sorted(by_association[association_id])
        rng.shuffle(packs)
        start = rng.randrange(3) if len(packs) > 3 else 0
        for i, pack_id in enumerate(packs):
            role = CYCLE[(start + i) % 3]
            if role == OfferStatus.PENDING and rng.random() < DECLINED_SHARE * 3:
                role = OfferStatus.DECLINED
            answered = SENT_AT + dt.timedelta(hours=rng.randint(2, 60))
            if role == OfferStatus.PENDING:
                status = OfferStatus.PENDING
            elif role == OfferStatus.DECLINED:
                status = OfferStatus.DECLINED
            else:
                status = OfferStatus.ACCEPTED
                (plan.named if role == "named" else plan.to_name)[association_id].append(pack_id)
            status_of_pack[pack_id] = status
            offers.append(
                Offer(
                    campaign=campaign,
                    pack_id=pack_id,
                    association_id=association_id,
                    run=run,
                    status=status,
                    sent_at=SENT_AT,
                    expires_at=expires,
                    answered_at=None if status == OfferStatus.PENDING else answered,
                    answered_by_id=None
                    if status == OfferStatus.PENDING
                    else referents[association_id],
                    commitment_accepted=status == OfferStatus.ACCEPTED,
                )
            )
    for start in range(0, len(offers), BATCH):
        Offer.objects.bulk_create(offers[start : start + BATCH])
        progress.advance(len(offers[start : start + BATCH]))
    # The packs follow their offers (a declined pack is back in the pool: continuous mode is off).
    pack_status = {
        OfferStatus.PENDING: PackStatus.OFFERED,
        OfferStatus.ACCEPTED: PackStatus.ACCEPTED,
    }
    for offer_status, status in pack_status.items():
        ids = [p for p, s in status_of_pack.items() if s == offer_status]
        for start in range(0, len(ids), BATCH):
            Pack.objects.filter(pk__in=ids[start : start + BATCH]).update(status=status)
    # The applications these offers answer are frozen for their associations (`first_offer_at`).
    games_of = dict(Pack.objects.filter(campaign=campaign).values_list("pk", "session__games_id"))
    answered = {(a, games_of[p]) for p, a in pairs}
    applications = [
        a
        for a in Application.objects.filter(campaign=campaign).only("association", "games")
        if (a.association_id, a.games_id) in answered
    ]
    for application in applications:
        application.first_offer_at = SENT_AT
    Application.objects.bulk_update(applications, ["first_offer_at"], batch_size=BATCH)
    for status in OfferStatus:
        shape.counts[f"offers_{status.value}"] = sum(1 for o in offers if o.status == status)
    shape.counts["offers"] = len(offers)
    progress.done()
    return plan


class _Names:
    """Fictitious, unique names within an association (youth also differ by birth date)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.taken: set[str] = set()

    def next(self) -> tuple[str, str, str]:
        for _ in range(1000):
            last, first = self.rng.choice(LAST_NAMES), self.rng.choice(FIRST_NAMES)
            key = name_key(last_name=last, first_name=first)
            if key not in self.taken:
                self.taken.add(key)
                return last, first, key
        # Beyond the lists' combinations: a second family name keeps the names unique.
        last = f"{self.rng.choice(LAST_NAMES)}-{self.rng.choice(LAST_NAMES)}"
        first = self.rng.choice(FIRST_NAMES)
        key = name_key(last_name=last, first_name=first)
        self.taken.add(key)
        return last, first, key


def _mobile(rng: random.Random) -> str:
    """A valid mainland French mobile (06 10 to 06 38; 06 39 and 06 9x are overseas ranges)."""
    return f"06 {rng.randint(10, 38)}" + "".join(f" {rng.randint(0, 99):02d}" for _ in range(3))


def _birth_date(rng: random.Random) -> dt.date:
    return dt.date(2006, 9, 1) + dt.timedelta(days=rng.randint(0, 365 * 10))


def _people_create(
    *, rng: random.Random, shape: Shape, campaign: Campaign, plan: OfferPlan, progress
) -> None:
    """People of the associations: every ticket of the « named » packs has its holder, in one
    group per pack led by one of its supervisors (1 for 3 youth at most, a mobile); the
    associations with packs left to name have registered some more people, and half of those
    packs already sit in an empty group. The total follows `PEOPLE_PER_PACK`."""
    named_packs = sorted(p for packs in plan.named.values() for p in packs)
    to_name_packs = sorted(p for packs in plan.to_name.values() for p in packs)
    pack_rows = {
        pk: (session_id, reference, size)
        for pk, session_id, reference, size in Pack.objects.filter(campaign=campaign).values_list(
            "pk", "session_id", "reference", "size"
        )
    }
    target = round(shape.packs * PEOPLE_PER_PACK)
    progress.start("Bénéficiaires : qui tient quel billet", len(named_packs))
    now = CLOCK_AT - dt.timedelta(days=1)
    people: list[Person] = []
    # (association, group index in `groups`, pack, [person index per ticket], leader index)
    groups: list[Group] = []
    group_packs: list[tuple[int, int]] = []  # (group index, pack id)
    holdings: list[tuple[int, int, int, int]] = []  # (group index, pack, ticket number, person)
    leaders: dict[int, int] = {}  # group index → person index
    names_of: dict[int, _Names] = {}

    def person(association_id: int, kind: str) -> int:
        names = names_of.setdefault(association_id, _Names(rng))
        last, first, key = names.next()
        youth = kind == PersonKind.YOUTH
        people.append(
            Person(
                campaign=campaign,
                association_id=association_id,
                kind=kind,
                last_name=last,
                first_name=first,
                birth_date=_birth_date(rng) if youth else None,
                mobile_phone="" if youth else _mobile(rng),
                name_key=key,
                created_at=now,
            )
        )
        return len(people) - 1

    def new_group(association_id: int, session_id: int, reference: str, pack_id: int) -> int:
        """A group named after its one pack; its index in `groups`."""
        groups.append(
            Group(
                campaign=campaign,
                association_id=association_id,
                session_id=session_id,
                name=f"Groupe {reference}",
                created_at=now,
            )
        )
        group_packs.append((len(groups) - 1, pack_id))
        return len(groups) - 1

    max_per_youth = campaign.max_tickets_per_youth
    for association_id in sorted(plan.named):
        youth_pool: list[int] = []  # youth of this association who may take one more ticket
        supervisors: list[int] = []
        sessions_of: dict[int, set[int]] = defaultdict(set)
        held: dict[int, int] = defaultdict(int)
        for pack_id in sorted(plan.named[association_id]):
            session_id, reference, size = pack_rows[pack_id]
            g = new_group(association_id, session_id, reference, pack_id)
            n_sup = max(1, size // 4)
            members: list[int] = []

            def take(
                p: int, session_id=session_id, members=members, sessions_of=sessions_of, held=held
            ) -> None:
                members.append(p)
                sessions_of[p].add(session_id)
                held[p] += 1

            for _ in range(n_sup):
                free = [s for s in supervisors if session_id not in sessions_of[s]]
                if free:
                    take(free[0])
                else:
                    supervisors.append(person(association_id, PersonKind.SUPERVISOR))
                    take(supervisors[-1])
            for _ in range(size - n_sup):
                reusable = [
                    y
                    for y in youth_pool
                    if held[y] < max_per_youth and session_id not in sessions_of[y]
                ]
                if reusable and rng.random() < YOUTH_REUSE:
                    take(reusable[0])
                else:
                    youth_pool.append(person(association_id, PersonKind.YOUTH))
                    take(youth_pool[-1])
            for number, p in enumerate(members, start=1):
                holdings.append((g, pack_id, number, p))
            leaders[g] = members[0]
            progress.advance()
    # Packs left to name: half already in an empty group (the page's next step: name the holders).
    for association_id in sorted(plan.to_name):
        for i, pack_id in enumerate(sorted(plan.to_name[association_id])):
            if i % 2 == 0:
                session_id, reference, _ = pack_rows[pack_id]
                new_group(association_id, session_id, reference, pack_id)
    # More people registered by the associations that still have packs to name (1 supervisor in 4).
    to_name_tickets = {a: sum(pack_rows[p][2] for p in packs) for a, packs in plan.to_name.items()}
    extra = max(0, target - len(people))
    total_to_name = sum(to_name_tickets.values()) or 1
    for association_id in sorted(to_name_tickets):
        share = min(
            to_name_tickets[association_id],
            round(extra * to_name_tickets[association_id] / total_to_name),
        )
        for k in range(share):
            person(association_id, PersonKind.SUPERVISOR if k % 4 == 0 else PersonKind.YOUTH)
    progress.done()

    # Writes, in dependency order, with the keys returned (PostgreSQL, SQLite 3.35+).
    progress.start(
        "Bénéficiaires : écriture", len(people) + len(groups) + len(group_packs) + len(holdings)
    )
    for start in range(0, len(people), BATCH):
        Person.objects.bulk_create(people[start : start + BATCH])
        progress.advance(len(people[start : start + BATCH]))
    for start in range(0, len(groups), BATCH):
        Group.objects.bulk_create(groups[start : start + BATCH])
        progress.advance(len(groups[start : start + BATCH]))
    if any(p.pk is None for p in people) or any(g.pk is None for g in groups):
        raise RuntimeError("this database does not return the keys of bulk inserts")
    GroupPack.objects.bulk_create(
        (GroupPack(group_id=groups[g].pk, pack_id=pack_id) for g, pack_id in group_packs),
        batch_size=BATCH,
    )
    progress.advance(len(group_packs))
    ticket_ids: dict[tuple[int, int], int] = {}
    for start in range(0, len(named_packs), BATCH // 5):
        chunk = named_packs[start : start + BATCH // 5]
        for pk, pack_id, number in Ticket.objects.filter(pack_id__in=chunk).values_list(
            "pk", "pack_id", "number"
        ):
            ticket_ids[(pack_id, number)] = pk
    holders = [
        Holder(
            campaign=campaign,
            association_id=groups[g].association_id,
            group_id=groups[g].pk,
            ticket_id=ticket_ids[(pack_id, number)],
            person_id=people[p].pk,
            session_id=groups[g].session_id,
            named_at=now,
        )
        for g, pack_id, number, p in holdings
    ]
    for start in range(0, len(holders), BATCH):
        Holder.objects.bulk_create(holders[start : start + BATCH])
        progress.advance(len(holders[start : start + BATCH]))
    for g, p in leaders.items():
        groups[g].leader_id = people[p].pk
    Group.objects.bulk_update([groups[g] for g in leaders], ["leader"], batch_size=BATCH)
    shape.counts.update(
        people=len(people),
        youth=sum(1 for p in people if p.kind == PersonKind.YOUTH),
        supervisors=sum(1 for p in people if p.kind == PersonKind.SUPERVISOR),
        groups=len(groups),
        holders=len(holders),
        packs_named=len(named_packs),
        packs_to_name=len(to_name_packs),
    )
    progress.done()


def scale_counts(*, campaign: Campaign) -> dict[str, int]:
    """The figures read back from the database (the command's summary, the tests)."""
    counts = {
        "associations": Association.objects.filter(
            operator=campaign.operator, identifier__startswith=IDENTIFIER_PREFIX
        ).count(),
        "referents": User.objects.filter(role=Role.REFERENT, email__endswith=f"@{DOMAIN}").count(),
        "applications": Application.objects.filter(campaign=campaign).count(),
        "packs": Pack.objects.filter(campaign=campaign).count(),
        "tickets": Ticket.objects.filter(pack__campaign=campaign).count(),
        "people": Person.objects.filter(campaign=campaign).count(),
        "groups": Group.objects.filter(campaign=campaign).count(),
        "holders": Holder.objects.filter(campaign=campaign).count(),
        "run_assignments": RunAssignment.objects.filter(run__campaign=campaign).count(),
    }
    for status in OfferStatus:
        counts[f"offers_{status.value}"] = Offer.objects.filter(
            campaign=campaign, status=status
        ).count()
    return counts


__all__ = [
    "CLOCK_AT",
    "OPERATOR_EMAIL",
    "PASSWORD",
    "SLUG",
    "TOTP_KEY_BASE32",
    "TOTP_KEY_HEX",
    "Shape",
    "org_key",
    "pack_key",
    "referent_email",
    "scale_counts",
    "scale_exists",
    "scale_purge",
    "scale_seed",
]
