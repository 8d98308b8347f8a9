"""Load and remove the demo campaign `cnape-2024`: CNAPE's 2024 campaign on the real Paris 2024 schedule."""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from billetterie.accounts.models import Role, User
from billetterie.attendees.models import Holder, NameChange
from billetterie.campaigns.models import Campaign, Wave
from billetterie.campaigns.services import campaign_write, games_ensure_defaults
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.services import clock_write
from billetterie.core.usecase import use_case
from billetterie.demo.applications import applications_create
from billetterie.demo.associations import IDENTIFIERS, associations_create
from billetterie.demo.catalogue import catalogue_ensure
from billetterie.demo.contest import contest_create
from billetterie.demo.delivery import delivery_stage_create
from billetterie.demo.help import help_seed
from billetterie.demo.inventory import packs_create
from billetterie.demo.lodging import HOST_ACCOUNTS, host_association_ids, lodging_stage_create
from billetterie.demo.roster import CONTEST_REFERENT_ASSOCIATION, REFERENT_ASSOCIATIONS
from billetterie.members.models import Association, Establishment

SLUG = "cnape-2024"
OPERATOR_NAME = "CNAPE"
CAMPAIGN_NAME = "Billetterie populaire des Jeux 2024 — Enfance protégée"
SEED = 2024
PASSWORD = "demo-billetterie-2024"  # noqa: S105 — shown to everyone on purpose: demo only
PARIS_TIME = ZoneInfo("Europe/Paris")
CREATED_AT = dt.datetime(2023, 8, 28, 10, 0, tzinfo=PARIS_TIME)
CLOCK_AT = dt.datetime(2024, 3, 15, 10, 0, tzinfo=PARIS_TIME)

CALENDAR = {
    "call_opens_on": dt.date(2023, 9, 1),
    "call_closes_on": dt.date(2023, 10, 15),
    "response_delay_days": 7,
    "contest_opens_on": dt.date(2024, 3, 19),
    "contest_closes_on": dt.date(2024, 4, 9),
    "contest_confirmation_deadline": dt.date(2024, 4, 1),
    "jury_deliberation_on": dt.date(2024, 4, 17),
    "retention_until": dt.date(2024, 12, 31),
}
NOMINATIVE_DEADLINES = {"OG": dt.date(2024, 4, 26), "PG": dt.date(2024, 5, 24)}
WAVES = (
    (1, "Vague 1 — JO", dt.date(2024, 3, 8), dt.date(2024, 3, 22)),
    (2, "Vague 2 — désistements et liste d'attente", dt.date(2024, 3, 29), dt.date(2024, 4, 12)),
    (3, "Vague 3 — JP", dt.date(2024, 4, 15), dt.date(2024, 4, 26)),
)
# (e-mail, role, first name, last name); the referents' associations are REFERENT_ASSOCIATIONS,
# then CONTEST_REFERENT_ASSOCIATION (a third association already in the contest).
ACCOUNTS = (
    ("admin@demo.billetterie.fr", Role.PLATFORM_ADMIN, "Alex", "Administrateur"),
    ("operateur@demo.billetterie.fr", Role.OPERATOR_STAFF, "Camille", "Moreau"),
    ("referent1@demo.billetterie.fr", Role.REFERENT, "Julien", "Lefèvre"),
    ("referent2@demo.billetterie.fr", Role.REFERENT, "Nadia", "Hoarau"),
    ("referent3@demo.billetterie.fr", Role.REFERENT, "Léa", "Vandamme"),
    ("jury@demo.billetterie.fr", Role.JURY, "Sophie", "Garnier"),
    ("jury2@demo.billetterie.fr", Role.JURY, "Karim", "Benali"),
    ("presidente-jury@demo.billetterie.fr", Role.JURY, "Hélène", "Marchand"),
    # The hosts' referents, invited by the operator in the lodging stage (`demo.lodging`).
    *((email, Role.REFERENT, first, last) for email, first, last, _phone in HOST_ACCOUNTS),
)
HOST_EMAILS = frozenset(email for email, *_ in HOST_ACCOUNTS)
JURY_PRESIDENT = "presidente-jury@demo.billetterie.fr"


def demo_exists() -> bool:
    return Campaign.objects.filter(slug=SLUG).exists()


def demo_purge() -> None:
    """Inside the caller's transaction: remove the demo campaign, its associations and its accounts
    (the catalogue stays)."""
    hosts = host_association_ids()
    User.objects.filter(email__in=[email for email, *_ in ACCOUNTS]).delete()
    # A ticket's holder and a name change keep their person (PROTECT): removed first, then
    # deleting the campaign removes its packs, tickets, people, applications, waves and settings.
    demo = Campaign.objects.filter(slug=SLUG)
    NameChange.objects.filter(campaign__in=demo).delete()
    Holder.objects.filter(campaign__in=demo).delete()
    demo.delete()
    Association.objects.filter(operator__name=OPERATOR_NAME, identifier__in=IDENTIFIERS).delete()
    Association.objects.filter(operator__name=OPERATOR_NAME, pk__in=hosts).delete()


def campaign_with_waves(*, slug: str, name: str, operator_name: str, waves) -> Campaign:
    """A campaign on the demo's calendar, created on CREATED_AT, with its planned `waves`
    ((number, label, starts on, ends on)); inside the caller's transaction."""
    with clock.frozen_at(CREATED_AT):
        campaign = campaign_write(
            slug=slug,
            name=name,
            operator_name=operator_name,
            nominative_deadlines=NOMINATIVE_DEADLINES,
            **CALENDAR,
        )
    Campaign.objects.filter(pk=campaign.pk).update(created_at=CREATED_AT)
    Wave.objects.bulk_create(
        Wave(campaign=campaign, number=n, label=label, starts_on=start, ends_on=end)
        for n, label, start, end in waves
    )
    return campaign


def demo_load(*, seed: int = SEED) -> tuple[Campaign, dict[str, int]]:
    """Seed the demo campaign into the configured database, in one transaction, then the later
    stages of the delivery (`demo.delivery`) and of lodging (`demo.lodging`); return the counts."""
    rng = random.Random(seed)
    with use_case():
        demo_purge()  # leftovers of a campaign deleted by hand
        games = {g.code: g for g in games_ensure_defaults()}
        catalogue_counts, session_codes = catalogue_ensure(games_by_code=games)
        campaign = campaign_with_waves(
            slug=SLUG, name=CAMPAIGN_NAME, operator_name=OPERATOR_NAME, waves=WAVES
        )
        associations = associations_create(rng=rng, operator=campaign.operator)
        pack_counts = packs_create(rng=rng, campaign=campaign, session_codes=session_codes)
        application_counts = applications_create(
            rng=rng,
            campaign=campaign,
            associations=associations,
            games_by_code=games,
            session_codes=session_codes,
        )
        accounts_create(campaign=campaign)
        other_referents_create(campaign=campaign)
        contest_counts = contest_create(
            campaign=campaign,
            president=User.objects.get(email=JURY_PRESIDENT),
            referents=_first_referents(campaign=campaign),
        )
        questions = help_seed(operator=campaign.operator)
        clock_write(frozen_at=CLOCK_AT)
        counts = {
            **catalogue_counts,
            "associations": len(associations),
            "members": sum(1 for a in associations if a.is_member),
            "non_members": sum(1 for a in associations if not a.is_member),
            "overseas": sum(1 for a in associations if len(a.departement) == 3),
            "establishments": Establishment.objects.filter(association__in=associations).count(),
            **pack_counts,
            **application_counts,
            "help_questions": questions,
            **contest_counts,
        }
        audit_log(action="demo.loaded", subject=campaign, campaign_id=campaign.pk, details=counts)
    # A later stage, through the pages' own services: each is its own use case (durable
    # transaction), so it runs once the campaign is committed. Should it fail, `load_demo --reset`
    # starts again from scratch.
    counts.update(delivery_stage_create(campaign=campaign))
    counts.update(lodging_stage_create(campaign=campaign, password=PASSWORD))
    return campaign, counts


def accounts_create(*, campaign: Campaign) -> list[User]:
    """The demo accounts, all with the shared demo password (the hosts' come later, with the
    lodging stage)."""
    referents = iter(
        Association.objects.get(operator=campaign.operator, name=name)
        for name in (*REFERENT_ASSOCIATIONS, CONTEST_REFERENT_ASSOCIATION)
    )
    users = []
    for email, role, first_name, last_name in ACCOUNTS:
        if email in HOST_EMAILS:
            continue  # invited by the operator in the lodging stage
        names = {"first_name": first_name, "last_name": last_name}
        if role == Role.PLATFORM_ADMIN:
            users.append(User.objects.create_superuser(email, PASSWORD, **names))
        elif role == Role.OPERATOR_STAFF:
            users.append(
                User.objects.create_user(
                    email, PASSWORD, role=role, operator=campaign.operator, is_staff=True, **names
                )
            )
        elif role == Role.REFERENT:
            users.append(
                User.objects.create_user(
                    email, PASSWORD, role=role, association=next(referents), **names
                )
            )
        else:
            users.append(
                User.objects.create_user(
                    email, PASSWORD, role=role, jury_campaign=campaign, **names
                )
            )
    return users


def _first_referents(*, campaign: Campaign) -> dict[int, User]:
    """Association id → its first referent (who confirmed the demo's contest participations)."""
    first: dict[int, User] = {}
    for user in User.objects.filter(
        role=Role.REFERENT, association__operator=campaign.operator
    ).order_by("pk"):
        first.setdefault(user.association_id, user)
    return first


def other_referents_create(*, campaign: Campaign) -> int:
    """Every other association gets a referent too (no password: they receive the e-mails)."""
    has_referent = set(
        User.objects.filter(role=Role.REFERENT).values_list("association_id", flat=True)
    )
    users = []
    for association in Association.objects.filter(operator=campaign.operator).exclude(
        pk__in=has_referent
    ):
        user = User(
            email=f"jop.{association.identifier.lower()}@demo.billetterie.fr",
            role=Role.REFERENT,
            association=association,
            first_name="Référent",
            last_name="JOP",
        )
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users)
    return len(users)


def demo_accounts() -> list[dict[str, str]]:
    """Who can sign in to the demo: role, e-mail and association, for the command's summary."""
    users = User.objects.filter(email__in=[email for email, *_ in ACCOUNTS]).select_related(
        "association", "operator"
    )
    order = {email: n for n, (email, *_) in enumerate(ACCOUNTS)}
    return [
        {
            "role": user.get_role_display(),
            "email": user.email,
            "association": user.association.name
            if user.association
            else (
                user.operator.name
                if user.operator
                else ("présidente du jury" if user.email == JURY_PRESIDENT else "")
            ),
        }
        for user in sorted(users, key=lambda u: order[u.email])
    ]
