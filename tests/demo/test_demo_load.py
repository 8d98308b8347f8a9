"""The demo campaign `cnape-2024`: its shape, its accounts, and that loading it twice changes nothing."""

import csv
import datetime as dt
import io
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Sum
from django.test import RequestFactory
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.campaigns.models import Campaign
from billetterie.catalogue.models import FINAL_STAGE, HostCity, Phase, Session, Venue
from billetterie.contest.models import ContestSettings, Criterion, Entry, Participation
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.demo.builder import PASSWORD, SLUG
from billetterie.inventory.models import Pack, PackStatus, Ticket
from billetterie.lodging.compute import run_execute
from billetterie.lodging.models import HostOffer, LodgingSettings, Need, Placement, PlacementStatus
from billetterie.lodging.selectors.portal import GUEST, HOST, allowed_nights, proposal_view
from billetterie.lodging.selectors.travel import far_associations
from billetterie.lodging.services.agreement import placement_answer
from billetterie.lodging.services.matching import run_publish, run_start
from billetterie.lodging.services.needs import need_create
from billetterie.members.models import Association, Establishment
from billetterie.requests.models import Application, ApplicationCity, Channel

MODELS = (
    Campaign,
    ContestSettings,
    Criterion,
    Participation,
    HostCity,
    Venue,
    Session,
    Association,
    Establishment,
    Pack,
    Ticket,
    Application,
    ApplicationCity,
    User,
    AuditEntry,
)


def _csv(name: str) -> list[dict[str, str]]:
    text = resources.files("billetterie.demo.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo once for the module, inside a transaction rolled back at the end.

    The outer block is marked as a test case's, as Django's TestCase marks its own, so that the
    loader's durable use case may run inside it.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True
        with outer:
            out = io.StringIO()
            call_command("load_demo", "--force", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


@pytest.fixture
def campaign(demo_output, db):
    return Campaign.objects.get(slug=SLUG)


def _snapshot() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_olympic_sessions_are_the_official_schedule(campaign):
    rows = _csv("sessions.csv")
    assert len(rows) == 758
    og = Session.objects.filter(games__code="OG")
    assert og.count() == 758
    assert set(og.values_list("code", flat=True)) == {row["code"] for row in rows}
    by_code = {s.code: s for s in og.select_related("venue")}
    for row in rows:
        session = by_code[row["code"]]
        assert (session.venue.code, session.date.isoformat()) == (row["venue_code"], row["date"])
    assert by_code["ATH01"].sport == "Athlétisme"
    assert og.get(code="SWM01").venue.host_city.name == "Nanterre"
    assert og.filter(
        sport="Athlétisme", venue__name="Stade de France", venue__host_city__name="Saint-Denis"
    ).exists()
    surf = og.select_related("venue__host_city").get(code="SRF01")
    assert surf.venue.host_city.name == "Teahupo'o (Tahiti)"
    assert (surf.date, surf.start_time) == (dt.date(2024, 7, 27), dt.time(19, 0))
    phases = Counter(og.values_list("phase", flat=True))
    assert set(phases) <= set(Phase.values)
    assert phases[Phase.FINAL] > 100 and phases[Phase.SEMI_FINAL] > 30


def test_all_venue_rows_and_host_cities_are_there(campaign):
    rows = _csv("venues.csv")
    assert len(rows) == 64
    venues = {v.code: v for v in Venue.objects.select_related("host_city")}
    for row in rows:  # 64 rows (43 Olympic, 21 Paralympic) for 45 distinct sites
        assert venues[row["code"]].name == row["venue"]
        assert venues[row["code"]].host_city.name == row["city"]
    assert Venue.objects.count() == len({row["venue"] for row in rows}) == 45
    cities = {c.name: c for c in HostCity.objects.all()}
    assert set(cities) == {row["city"] for row in rows}
    assert all(c.departement and c.latitude is not None for c in cities.values())
    assert cities["Paris"].departement == "75" and cities["Lille"].departement == "59"
    assert (
        cities["Teahupo'o (Tahiti)"].departement == "987"
        and cities["Teahupo'o (Tahiti)"].latitude < 0
    )


def test_paralympic_sessions_are_illustrative(campaign):
    pg = Session.objects.filter(games__code="PG")
    assert 150 <= pg.count() <= 400
    assert all(code.startswith("PARA-") for code in pg.values_list("code", flat=True))
    assert pg.filter(code="PARA-ATH-0830-1").exists()
    assert not pg.exclude(date__range=(dt.date(2024, 8, 28), dt.date(2024, 9, 8))).exists()
    assert not pg.exclude(description__startswith="Session illustrative").exists()
    assert pg.filter(phase=Phase.FINAL).exists() and pg.filter(phase=Phase.SEMI_FINAL).exists()


def test_associations_across_mainland_and_overseas(campaign):
    # The roster's associations (the lodging stage's three hosts are checked with lodging).
    associations = Association.objects.filter(
        operator=campaign.operator, identifier__startswith="CNAPE-"
    )
    assert Association.objects.filter(operator=campaign.operator).count() == (
        associations.count() + 3
    )
    assert 65 <= associations.count() <= 75
    assert 3 <= associations.filter(is_member=False).count() <= 5
    assert {"971", "972", "973", "974", "976"} <= set(
        associations.values_list("departement", flat=True)
    )
    reunion = associations.get(postal_code="97400")
    assert reunion.town == "Saint-Denis" and reunion.departement == "974"
    youth = list(associations.values_list("youth_followed", flat=True))
    assert (
        min(youth) >= 30 and max(youth) <= 2000 and max(youth) > 5 * sorted(youth)[len(youth) // 2]
    )
    per_association = Counter(
        Establishment.objects.filter(association__in=associations).values_list(
            "association", flat=True
        )
    )
    assert set(per_association) == set(associations.values_list("pk", flat=True))
    assert set(per_association.values()) <= {1, 2, 3}


def test_tickets_in_packs_like_the_ticket_office(campaign):
    packs = Pack.objects.filter(campaign=campaign)
    tickets = Ticket.objects.filter(pack__campaign=campaign)
    assert 7000 <= tickets.count() <= 7400
    assert packs.aggregate(n=Sum("size"))["n"] == tickets.count()
    og = packs.filter(is_prestige=False, session__games__code="OG").aggregate(n=Sum("size"))["n"]
    pg = packs.filter(is_prestige=False, session__games__code="PG").aggregate(n=Sum("size"))["n"]
    prestige = packs.filter(is_prestige=True).aggregate(n=Sum("size"))["n"]
    assert abs(og - 5500) <= 150 and abs(pg - 1200) <= 100 and abs(prestige - 450) <= 30
    assert (
        not packs.filter(is_prestige=True)
        .exclude(session__in=Session.objects.filter(FINAL_STAGE))
        .exists()
    )
    # Only the packs of the delivery stage (referent2: 2) and of the lodging stage (five far
    # associations: 6) are taken; all the others are free.
    assert (
        sorted(packs.exclude(status=PackStatus.AVAILABLE).values_list("status", flat=True))
        == [PackStatus.ACCEPTED] * 8
    )
    for pack in packs.annotate(n=Count("tickets")):
        assert pack.n == pack.size
    assert sorted(tickets.filter(pack=packs.first()).values_list("number", flat=True)) == list(
        range(1, packs.first().size + 1)
    )
    sizes = Counter(packs.values_list("size", flat=True))
    assert sum(n for size, n in sizes.items() if 4 <= size <= 12) > 0.8 * packs.count()
    assert any(20 <= size <= 34 for size in sizes)
    assert {"JO-0001", "JP-0001", "PR-0001"} <= set(packs.values_list("reference", flat=True))


def test_more_packs_in_paris_than_in_scarce_host_cities(campaign):
    per_city = Counter(
        Pack.objects.filter(campaign=campaign).values_list(
            "session__venue__host_city__name", flat=True
        )
    )
    assert per_city["Paris"] + per_city["Saint-Denis"] > 0.5 * sum(per_city.values())
    for scarce in ("Teahupo'o (Tahiti)", "Châteauroux", "Nice"):
        assert per_city[scarce] <= 5


def test_applications_ask_for_about_8000_tickets(campaign):
    applications = Application.objects.filter(campaign=campaign).select_related("association")
    requested = sum(a.youth + a.supervisors for a in applications)
    assert abs(requested - 8000) <= 300
    assert not applications.filter(association__is_member=False).exists()
    assert 55 <= applications.values("association").distinct().count() <= 75
    for application in applications:
        assert application.supervisors <= application.youth / 3 + 1
        ranks = list(application.city_choices.values_list("rank", flat=True))
        assert ranks == list(range(1, len(ranks) + 1)) and ranks
    call = applications.filter(channel=Channel.CALL)
    assert not call.exclude(
        received_on__range=(campaign.call_opens_on, campaign.call_closes_on)
    ).exists()
    waiting = applications.filter(channel=Channel.WAITING_LIST)
    assert 4 <= waiting.count() <= 6
    assert not waiting.filter(received_on__lte=campaign.call_closes_on).exists()
    assert applications.exclude(impossible_dates=[]).exists()


def test_host_cities_are_ranked_by_proximity(campaign):
    applications = Application.objects.filter(campaign=campaign)

    def first_choices(departement: str, games: str = "OG") -> list[list[str]]:
        return [
            list(a.city_choices.values_list("host_city__name", flat=True))
            for a in applications.filter(association__departement=departement, games__code=games)
        ]

    assert all(choices[0] == "Lille" for choices in first_choices("59"))
    assert all(
        choices[0] in ("Marseille", "Nice") for choices in first_choices("13") + first_choices("06")
    )
    for overseas in ("971", "972", "973", "974", "976"):
        for choices in first_choices(overseas) + first_choices(overseas, "PG"):
            assert choices[:2] == ["Paris", "Saint-Denis"]
    assert not applications.filter(
        association__departement__in=["971", "972", "973", "974", "976"], lodging_needed=False
    ).exists()
    assert not applications.filter(
        association__departement__in=["75", "92", "93", "94"], lodging_needed=True
    ).exists()


def test_campaign_calendar_and_rules(campaign):
    assert campaign.operator.name == "CNAPE"
    assert campaign.name == "Billetterie populaire des Jeux 2024 — Enfance protégée"
    assert (campaign.call_opens_on, campaign.call_closes_on) == (
        dt.date(2023, 9, 1),
        dt.date(2023, 10, 15),
    )
    assert (campaign.contest_opens_on, campaign.contest_closes_on) == (
        dt.date(2024, 3, 19),
        dt.date(2024, 4, 9),
    )
    assert campaign.contest_confirmation_deadline == dt.date(2024, 4, 1)
    assert campaign.jury_deliberation_on == dt.date(2024, 4, 17)
    assert campaign.retention_until == dt.date(2024, 12, 31)
    assert campaign.response_delay_days == 7 and campaign.max_tickets_per_youth == 2
    deadlines = dict(campaign.games_settings.values_list("games__code", "nominative_deadline"))
    assert deadlines == {"OG": dt.date(2024, 4, 26), "PG": dt.date(2024, 5, 24)}
    waves = list(campaign.waves.values_list("number", "starts_on", "ends_on"))
    assert waves == [
        (1, dt.date(2024, 3, 8), dt.date(2024, 3, 22)),
        (2, dt.date(2024, 3, 29), dt.date(2024, 4, 12)),
        (3, dt.date(2024, 4, 15), dt.date(2024, 4, 26)),
    ]


def test_clock_stands_at_15_march_2024_and_load_is_audited(campaign):
    assert clock.today() == dt.date(2024, 3, 15)
    entry = AuditEntry.objects.get(action="demo.loaded")
    assert entry.campaign_id == campaign.pk
    assert entry.details["tickets_total"] == Ticket.objects.filter(pack__campaign=campaign).count()


def test_demo_accounts_sign_in_with_their_role(campaign, settings):
    # The demo was loaded with the project's hashers, before the shared fixture swapped them.
    settings.PASSWORD_HASHERS = [
        *settings.PASSWORD_HASHERS,
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    request = RequestFactory().post("/connexion/")
    expected = {
        "admin@demo.billetterie.fr": Role.PLATFORM_ADMIN,
        "operateur@demo.billetterie.fr": Role.OPERATOR_STAFF,
        "referent1@demo.billetterie.fr": Role.REFERENT,
        "referent2@demo.billetterie.fr": Role.REFERENT,
        "referent3@demo.billetterie.fr": Role.REFERENT,
        "jury@demo.billetterie.fr": Role.JURY,
        "jury2@demo.billetterie.fr": Role.JURY,
        "presidente-jury@demo.billetterie.fr": Role.JURY,
        "hote1@demo.billetterie.fr": Role.REFERENT,
        "hote2@demo.billetterie.fr": Role.REFERENT,
        "hote3@demo.billetterie.fr": Role.REFERENT,
    }
    for email, role in expected.items():
        user = authenticate(request, username=email, password=PASSWORD)
        assert user is not None and user.role == role, email
    assert User.objects.get(email="admin@demo.billetterie.fr").is_superuser
    operator = User.objects.get(email="operateur@demo.billetterie.fr")
    assert operator.operator == campaign.operator and operator.is_staff
    assert User.objects.get(email="jury@demo.billetterie.fr").jury_campaign == campaign
    one = User.objects.get(email="referent1@demo.billetterie.fr").association
    two = User.objects.get(email="referent2@demo.billetterie.fr").association
    assert one != two
    assert set(one.applications.values_list("games__code", flat=True)) == {"OG", "PG"}
    assert two.applications.exists()


def test_command_prints_counts_url_and_accounts(demo_output, settings):
    assert "758 JO" in demo_output
    assert f"Adresse : {settings.SITE_URL}/" in demo_output
    assert f"Se connecter : {settings.SITE_URL}{reverse('accounts:login')}" in demo_output
    assert "referent2@demo.billetterie.fr" in demo_output
    assert PASSWORD in demo_output
    assert "liste d'attente" in demo_output
    assert "hote3@demo.billetterie.fr" in demo_output
    assert "Hébergement : 3 hébergeurs d'Île-de-France (hote1 à hote3)" in demo_output


def _readme_text() -> str:
    """The README as one line of words: thousands may be split by any space (7 150, 7\u202f150)."""
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def test_the_readme_figures_are_the_loaders(campaign, demo_output):
    """The README describes the demo with the figures the loader counted (its audit entry) and
    printed; a change of the loader that changes them must change the README too."""
    counts = AuditEntry.objects.get(action="demo.loaded").details

    def n(key: str) -> str:
        return f"{counts[key]:,}".replace(",", " ")

    readme = _readme_text()
    phrases = (
        f"les {n('sessions_og')} épreuves olympiques réelles de Paris 2024 et "
        f"{n('sessions_pg')} épreuves paralympiques illustratives",
        f"sur {n('venues')} sites de {n('host_cities')} villes hôtes",
        f"{n('associations')} associations de protection de l'enfance ({n('members')} "
        f"adhérentes, {n('non_members')} non adhérentes ; {n('overseas')} en outre-mer)",
        f"{n('tickets_total')} billets en {n('packs')} lots ({n('tickets_og')} JO, "
        f"{n('tickets_pg')} JP et {n('tickets_prestige')} prestige)",
        f"{n('applications')} candidatures qui demandent {n('tickets_requested')} billets, "
        f"dont {n('waiting_list')} en liste d'attente",
        f"les {n('tickets_prestige')} billets prestige aux lauréats",
    )
    missing = [phrase for phrase in phrases if phrase not in readme]
    assert not missing, "Chiffres du README à mettre à jour :\n" + "\n".join(missing)
    printed = " ".join(demo_output.replace("\u202f", " ").split())
    for key in ("tickets_total", "packs", "tickets_requested"):
        assert n(key) in printed, key


def test_second_run_without_reset_changes_nothing(campaign):
    before = _snapshot()
    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert "existe déjà" in out.getvalue()
    assert _snapshot() == before


def test_reset_reloads_the_same_demo(campaign):
    def packs() -> list[tuple[str, str, int]]:
        return list(
            Pack.objects.filter(campaign__slug=SLUG).values_list(
                "reference", "session__code", "size"
            )
        )

    before, counts = packs(), _snapshot()
    call_command("load_demo", "--reset", "--force", stdout=io.StringIO())
    assert packs() == before
    counts_after = _snapshot()
    assert counts_after.pop("AuditEntry") > counts.pop("AuditEntry")
    assert counts_after == counts


def test_every_association_has_a_referent_to_write_to(campaign):
    from billetterie.accounts.models import Role, User
    from billetterie.members.models import Association

    without = Association.objects.exclude(
        pk__in=User.objects.filter(role=Role.REFERENT, is_active=True).values("association_id")
    )
    assert not without.exists()


def test_the_operator_has_a_contact_and_a_help_page(campaign, demo_output):
    from billetterie.campaigns.help import help_entries_of

    operator = campaign.operator
    assert operator.contact_name and operator.contact_email
    assert operator.contact_phone_uri == "tel:+33199002424"  # a number reserved for fiction
    entries = list(help_entries_of(operator=operator))
    assert 8 <= len(entries) <= 12
    assert [e.position for e in entries] == list(range(len(entries)))
    everything = " ".join(f"{e.question} {e.answer}" for e in entries)
    for fact in (
        "un lot s'accepte en entier",
        "repas",
        "un encadrant pour trois à quatre jeunes",
        "deux billets",
        "téléphone portable",
        "application officielle",
        "QR code",
        "pièce d'identité avec photo",
        "26 avril 2024",
        "24 mai 2024",
        "Une semaine",
        "Rendez-le",
        "Je me souviens",
        "9 avril 2024",
        "2 h 30",
    ):
        assert fact in everything, fact
    assert f"Aide du portail : {len(entries)} questions et réponses" in demo_output


def test_the_contest_is_ready_to_walk(campaign, demo_output):
    """Three jury members with a president, weighted criteria, the kit, and four associations
    that confirmed before the deadline; no entry yet: the window opens on 19 March."""
    settings = ContestSettings.objects.get(campaign=campaign)
    assert settings.max_duration_seconds == 60 and settings.prestige_tickets is None
    assert settings.kit_text.startswith("« Je me souviens de… »")
    jury = set(campaign.jury_members.values_list("email", flat=True))
    assert jury == {
        "jury@demo.billetterie.fr",
        "jury2@demo.billetterie.fr",
        "presidente-jury@demo.billetterie.fr",
    }
    assert settings.president.email == "presidente-jury@demo.billetterie.fr"
    criteria = list(Criterion.objects.filter(campaign=campaign).values_list("name", "weight"))
    assert len(criteria) == 4 and all(weight >= 1 for _, weight in criteria)
    participations = Participation.objects.filter(campaign=campaign)
    assert participations.count() == 4
    deadline = dt.datetime.combine(campaign.contest_confirmation_deadline, dt.time.max)
    for p in participations.select_related("association", "confirmed_by"):
        assert p.confirmed_at <= clock.now() and p.confirmed_at.replace(tzinfo=None) < deadline
        assert p.confirmed_by.association == p.association
        assert 1 <= p.group_size <= 60
    referent2 = User.objects.get(email="referent2@demo.billetterie.fr")
    assert participations.filter(association=referent2.association).exists()
    assert not Entry.objects.filter(campaign=campaign).exists()
    # Enough prestige packs of every size for the groups declared.
    sizes = sorted(
        Pack.objects.filter(campaign=campaign, is_prestige=True).values_list("size", flat=True)
    )
    assert all(any(s <= p.group_size for s in sizes) for p in participations)
    assert "Jeu-concours : 4 associations inscrites, 4 critères de notation" in demo_output
    assert "présidente du jury" in demo_output


def test_lodging_is_ready_to_walk(campaign, demo_output):
    """Lodging open (2 h 30, deadlines, practical page), three hosts of Île-de-France with their
    offers over the Olympic nights, five far associations with accepted packs in Île-de-France
    and their stays; referent2 (La Réunion) holds Parisian packs but has not declared yet."""
    settings = LodgingSettings.objects.get(campaign=campaign)
    assert settings.threshold_minutes == 150
    assert settings.needs_deadline == settings.offers_deadline == dt.date(2024, 5, 31)
    assert settings.practical_text.startswith("Héberger un groupe venu de loin")
    offers = HostOffer.objects.filter(campaign=campaign).select_related("association")
    assert sorted(o.association.departement for o in offers) == ["78", "93", "94"]
    for offer in offers:
        assert not offer.association.is_member
        assert offer.latitude is not None and "adresse fictive" in offer.address
        nights = list(offer.nights.values_list("night", flat=True))
        # From the eve of the first Olympic session (football, 24 July) to the last evening.
        assert nights[0] == dt.date(2024, 7, 23) and nights[-1] == dt.date(2024, 8, 11)
        host = User.objects.get(association=offer.association)
        assert host.email.startswith("hote") and host.has_usable_password()
    constraints = {
        (o.wheelchair_accessible, o.single_sex_rooms, o.price_per_night is not None) for o in offers
    }
    assert constraints == {(False, False, False), (True, True, False), (True, False, True)}
    far = {r.association_id for r in far_associations(campaign=campaign)}
    needs = Need.objects.filter(campaign=campaign).select_related("association")
    assert needs.count() == 5
    referent2 = User.objects.get(email="referent2@demo.billetterie.fr").association
    for need in needs:
        assert need.association_id in far and need.association != referent2
        allowed = {a.night for a in allowed_nights(campaign=campaign, association=need.association)}
        assert need.first_night in allowed and need.last_night in allowed
    assert sum(len(a.departement) == 3 for a in (n.association for n in needs)) == 4
    assert referent2.pk in far
    assert [a.night for a in allowed_nights(campaign=campaign, association=referent2)] == [
        dt.date(2024, 7, 26),
        dt.date(2024, 7, 27),
    ]
    assert "Hébergement : 3 hébergeurs" in demo_output


def test_lodging_walk_through_the_services(campaign):
    """The README's walk without the browser: referent2 declares its stay, the matching places
    the six groups (the simple method leaves one out), the operator publishes, both sides of
    referent2's proposal accept and only then see each other's contacts."""
    referent2 = User.objects.get(email="referent2@demo.billetterie.fr")
    operator = User.objects.get(email="operateur@demo.billetterie.fr")
    with clock.frozen_at(dt.datetime(2024, 3, 15, 10, tzinfo=dt.UTC)):
        need_create(
            campaign=campaign,
            association=referent2.association,
            nights=[dt.date(2024, 7, 26), dt.date(2024, 7, 27)],
            fields={
                "youth": 6,
                "age_min": 10,
                "age_max": 14,
                "girls": 3,
                "boys": 3,
                "supervisors": 2,
                "wheelchair_users": 0,
                "contact_name": "Jessica Grondin",
                "contact_phone": "01 99 00 41 10",
                "contact_email": "hebergement.reunion@demo.billetterie.fr",
            },
            actor=referent2,
        )
        run = run_start(campaign=campaign, time_limit=10, actor=operator)
    run = run_execute(run_id=run.pk)
    assert run.result["groups_placed"] == 6
    assert run.result["person_nights"] == run.result["person_nights_requested"] == 114
    assert run.result["greedy_person_nights"] == 98
    run_publish(run=run, actor=operator)
    placement = Placement.objects.select_related("offer__association").get(
        need__association=referent2.association, status=PlacementStatus.PENDING
    )
    host = User.objects.get(association=placement.offer.association)
    assert host.email == "hote3@demo.billetterie.fr"

    def views():
        guest = proposal_view(Placement.objects.get(pk=placement.pk), side=GUEST)
        return guest, proposal_view(Placement.objects.get(pk=placement.pk), side=HOST)

    assert [v.contact for v in views()] == [None, None]
    placement_answer(
        placement_id=placement.pk,
        association=referent2.association,
        side=GUEST,
        accept=True,
        actor=referent2,
    )
    assert [v.contact for v in views()] == [None, None]
    placement_answer(
        placement_id=placement.pk, association=host.association, side=HOST, accept=True, actor=host
    )
    guest, hosting = views()
    assert ("Personne à contacter", "Aïcha Diallo") in guest.contact
    assert ("Personne à contacter", "Jessica Grondin") in hosting.contact
