"""Each association's explanation: real figures from a real run, reasons, frozen, PDF, pages."""

import io
import re

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.allocation.services import run_move_pack
from billetterie.allocation.weights import city_weight, distance_km
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import Pack
from billetterie.members.models import Association
from billetterie.offers.waves import wave_publish, wave_run_start
from billetterie.reporting.explanation import association_explanation
from billetterie.reporting.explanation_pdf import explanation_pdf
from billetterie.requests.models import ApplicationCity
from tests import factories as f
from tests.reporting.explanation_permission_rows import OTHERS

# Words an association should never have to decode.
JARGON = (
    "nash",
    "α",
    "alpha",
    "puissance",
    "solveur",
    "highs",
    "instance",
    "exposant",
    "gini",
    "lexicograph",
    "algorithme glouton",
    "A0000",
    "P000",
)


def _published(campaign, user, capture, **options):
    with capture(execute=True):
        run = wave_run_start(campaign=campaign, actor=user, time_limit=10, **options)
    run.refresh_from_db()
    assert run.status == RunStatus.READY
    return run


def _publish(run, user, capture):
    with capture(execute=True):
        wave_publish(run=run, actor=user)
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    return run


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u202f", " ")).strip()


@pytest.fixture
def scene(campaign, association, other_association):
    """A (Paris, 12 tickets) and B (Lille then Paris, 8 tickets); Marseille is asked by nobody."""
    other_association.latitude, other_association.longitude = 50.6292, 3.0573  # Lille
    other_association.save()
    a_app = f.application(
        campaign=campaign,
        association=association,
        youth=9,
        supervisors=3,
        cities=("Paris",),
        received="2024-02-12",
    )
    f.application(
        campaign=campaign,
        association=other_association,
        youth=6,
        supervisors=2,
        cities=("Lille", "Paris"),
        received="2024-02-20",
    )
    packs = [
        f.pack(campaign=campaign, size=s, city=c, reference=f"LOT-{c[:3].upper()}-{s}")
        for s, c in [(8, "Paris"), (4, "Paris"), (8, "Lille"), (6, "Marseille")]
    ]
    return {
        "campaign": campaign,
        "packs": packs,
        "a": association,
        "b": other_association,
        "app": a_app,
    }


def test_the_explanation_names_the_association_s_real_figures(
    scene, operator_user, django_capture_on_commit_callbacks
):
    run = _published(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    _publish(run, operator_user, django_capture_on_commit_callbacks)
    e = association_explanation(campaign=scene["campaign"], association=scene["a"])
    [wave] = e.waves
    text = _flat(e.text())
    # Its request, with its source: the application of 12 February.
    assert (
        "votre candidature du 12 février 2024 demande 12 billets (9 jeunes et 3 encadrants)" in text
    )
    assert "villes par ordre de préférence : Paris." in text
    assert wave.tier[0].startswith("Rang : « appel à candidatures »")
    assert "Paris (1er choix" in wave.cities[0] and wave.cities[0].endswith("compte pour 1.")
    # What it received: the two Paris packs, 12 tickets, all of its request.
    assert wave.received_tickets == 12
    assert "2 lots vous ont été proposés, soit 12 billets, 100 % de votre demande restante" in text
    assert any(line.startswith("Lot LOT-PAR-8 — JO") for line in wave.received)
    assert any(line.startswith("Lot LOT-PAR-4 — JO") for line in wave.received)
    assert wave.why_not_more == [
        "Pour les JO, votre demande restante (12 billets) est entièrement servie."
    ]
    # The pool: Paris only (Lille is not one of its cities), shared with one other association.
    assert "2 lots, 12 billets en tout — Paris (JO) : 2 lots, 12 billets." in text
    assert "1 autre association de votre rang" in text
    assert "Ajustements manuels vous concernant : aucun." in text
    # No other association's name, no jargon.
    assert scene["b"].name not in text
    assert not [w for w in JARGON if w.lower() in text.lower()]


def test_b_sees_its_second_city_weight_with_its_distance(
    scene, operator_user, django_capture_on_commit_callbacks
):
    run = _published(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    _publish(run, operator_user, django_capture_on_commit_callbacks)
    e = association_explanation(campaign=scene["campaign"], association=scene["b"])
    [wave] = e.waves
    assert wave.cities[0] == "Lille (1er choix, à 0 km de votre association) compte pour 1."
    # Paris, 2nd choice, about 200 km from Lille: 0.85 × (1 − (d − 150) / 1500).
    paris = wave.cities[1]
    km = distance_km((50.6292, 3.0573), f.CITIES["Paris"][:2])
    weight = f"{city_weight(rank=2, km=km):.3f}".rstrip("0").replace(".", ",")
    assert 0.8 < city_weight(rank=2, km=km) < 0.85  # the distance lowers the 2nd choice's 0.85
    assert paris == f"Paris (2e choix, à {round(km)} km de votre association) compte pour {weight}."
    assert wave.received_tickets == 8
    assert scene["a"].name not in e.text()


def test_the_explanation_is_frozen_with_the_run(
    scene, operator_user, django_capture_on_commit_callbacks
):
    run = _published(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    _publish(run, operator_user, django_capture_on_commit_callbacks)
    before = association_explanation(campaign=scene["campaign"], association=scene["a"]).text()
    # A year later: the application, the packs and the association changed.
    app = scene["app"]
    app.youth, app.supervisors, app.impossible_dates = 30, 5, ["2024-07-30"]
    app.received_on = "2024-03-01"
    app.save()
    ApplicationCity.objects.filter(application=app).delete()
    ApplicationCity.objects.create(application=app, host_city=f.host_city("Lille"), rank=1)
    Pack.objects.filter(pk=scene["packs"][0].pk).update(size=2, reference="CHANGÉ")
    Association.objects.filter(pk=scene["a"].pk).update(latitude=43.3, longitude=5.4)
    after = association_explanation(campaign=scene["campaign"], association=scene["a"]).text()
    assert after == before
    assert "12 février 2024" in after and "LOT-PAR-8" in after and "CHANGÉ" not in after


def test_a_pack_larger_than_the_remaining_request(
    campaign, association, other_association, operator_user, django_capture_on_commit_callbacks
):
    """3 tickets asked in Lille, only packs of 4 there: « plus grands que votre demande restante »."""
    f.application(
        campaign=campaign, association=association, youth=2, supervisors=1, cities=("Lille",)
    )
    f.application(
        campaign=campaign, association=other_association, youth=3, supervisors=1, cities=("Lille",)
    )
    f.pack(campaign=campaign, size=4, city="Lille")
    f.pack(campaign=campaign, size=4, city="Lille")
    run = _published(campaign, operator_user, django_capture_on_commit_callbacks)
    _publish(run, operator_user, django_capture_on_commit_callbacks)
    e = association_explanation(campaign=campaign, association=association)
    [wave] = e.waves
    assert wave.received_tickets == 0
    assert wave.why_not_more == [
        "Pour les JO, le plus petit lot restant (4 billets à Lille) dépassait votre demande "
        "restante (3 billets) : un lot ne se coupe pas."
    ]
    other = association_explanation(campaign=campaign, association=other_association)
    assert other.waves[0].received_tickets == 4


def test_no_pack_on_the_possible_dates_and_no_pack_in_its_cities(
    campaign, association, other_association, operator_user, django_capture_on_commit_callbacks
):
    f.application(
        campaign=campaign,
        association=association,
        cities=("Paris",),
        impossible=("2024-07-30",),
    )
    f.application(campaign=campaign, association=other_association, cities=("Marseille",))
    f.pack(campaign=campaign, size=4, city="Paris", day="2024-07-30")
    f.pack(campaign=campaign, size=4, city="Paris", day="2024-07-30")
    run = _published(campaign, operator_user, django_capture_on_commit_callbacks)
    _publish(run, operator_user, django_capture_on_commit_callbacks)
    mine = association_explanation(campaign=campaign, association=association)
    assert mine.waves[0].why_not_more == [
        "Pour les JO, les 2 lots de vos villes tombaient tous à des dates que vous aviez "
        "indiquées comme impossibles : aucun lot à vos dates possibles."
    ]
    assert "30 juillet 2024" in mine.waves[0].impossible
    theirs = association_explanation(campaign=campaign, association=other_association)
    assert theirs.waves[0].why_not_more == [
        "Pour les JO, aucun lot n'était disponible dans vos villes (Marseille) dans cette vague."
    ]


def test_packs_taken_by_others_and_the_waiting_list(
    campaign, make_association, operator_user, django_capture_on_commit_callbacks
):
    """Three packs of 4 in Paris, three call associations asking 8 and one on the waiting list."""
    call = [make_association(name=f"Appel {i}") for i in range(3)]
    late = make_association(name="En attente")
    for a in call:
        f.application(campaign=campaign, association=a, youth=6, supervisors=2)
    f.application(campaign=campaign, association=late, youth=3, supervisors=1, channel=2)
    for _ in range(3):
        f.pack(campaign=campaign, size=4, city="Paris")
    run = _published(campaign, operator_user, django_capture_on_commit_callbacks)
    _publish(run, operator_user, django_capture_on_commit_callbacks)
    e = association_explanation(campaign=campaign, association=late)
    [wave] = e.waves
    assert wave.tier[0].startswith("Rang : « liste d'attente »")
    assert "3 autres associations" in wave.why_not_more[0]
    assert (
        "servies en moyenne à 50 % de leur demande restante, contre 0 % pour vous"
        in (wave.why_not_more[0])
    )
    assert "3 d'un rang qui passe avant le vôtre" in " ".join(wave.pool)
    for a in call:
        assert a.name not in e.text()


def test_the_operator_s_moves_with_their_reasons(
    scene, operator_user, django_capture_on_commit_callbacks
):
    run = _published(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    paris4 = scene["packs"][1]
    run_move_pack(
        run=run,
        pack_id=paris4.pk,
        association_id=None,
        reason="Site fermé ce jour-là",
        actor=operator_user,
    )
    _publish(run, operator_user, django_capture_on_commit_callbacks)
    a = association_explanation(campaign=scene["campaign"], association=scene["a"])
    b = association_explanation(campaign=scene["campaign"], association=scene["b"])
    assert a.waves[0].manual == [
        "L'équipe vous a retiré le lot LOT-PAR-4 (30 juillet 2024, Paris, 4 billets). "
        "Motif : « Site fermé ce jour-là »."
    ]
    assert "Ajustements manuels vous concernant : 1" in a.text()
    assert a.waves[0].received_tickets == 8
    # The pack left free after the move is one A could take: the explanation says the team did it.
    assert a.waves[0].why_not_more == [
        "Pour les JO, des lots à votre mesure sont restés libres après les ajustements de "
        "l'équipe (voir « Ajustements manuels »)."
    ]
    assert b.waves[0].manual == [] and "Ajustements manuels vous concernant : aucun." in b.text()


def test_a_run_not_published_is_not_explained(
    scene, operator_user, django_capture_on_commit_callbacks
):
    _published(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    e = association_explanation(campaign=scene["campaign"], association=scene["a"])
    assert e.waves == []
    assert "Aucune répartition ne vous concernant n'a encore été publiée." in e.automation


def test_the_pdf_names_the_real_figures_and_no_one_else(
    scene, operator_user, django_capture_on_commit_callbacks
):
    run = _published(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    _publish(run, operator_user, django_capture_on_commit_callbacks)
    e = association_explanation(campaign=scene["campaign"], association=scene["a"])
    content = explanation_pdf(e)
    assert content.startswith(b"%PDF")
    text = _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))
    assert scene["a"].name in text
    for figure in (
        "12 billets (9 jeunes et 3 encadrants)",
        "LOT-PAR-8",
        "LOT-PAR-4",
        "12 février 2024",
    ):
        assert figure in text
    assert "appel à candidatures" in text and "Paris" in text
    assert scene["b"].name not in text
    assert not [w for w in JARGON if w.lower() in text.lower()]


def test_the_referent_downloads_their_pdf_from_the_portal(
    scene, operator_user, referent_user, client, django_capture_on_commit_callbacks
):
    run = _published(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    _publish(run, operator_user, django_capture_on_commit_callbacks)
    client.force_login(referent_user)
    # The offers page and the home page lead to it.
    slug = scene["campaign"].slug
    page_url = reverse("portal:explanation", kwargs={"campaign_slug": slug})
    assert page_url in client.get(reverse("portal:offers")).content.decode()
    assert page_url in client.get(reverse("portal:home")).content.decode()
    page = client.get(page_url)
    html = _flat(page.content.decode())
    assert "Pourquoi ces lots ?" in html and "LOT-PAR-8" in html
    assert scene["b"].name not in html
    assert not [w for w in JARGON if w.lower() in re.sub(r"<[^>]+>", " ", html).lower()]
    pdf = client.get(reverse("portal:explanation_pdf", kwargs={"campaign_slug": slug}))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "12 février 2024" in _flat(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    )
    # Reading one's own explanation is not audited.
    assert not AuditEntry.objects.filter(action="reporting.explanation_opened").exists()


def test_the_operator_opens_it_from_the_run_and_is_audited(
    scene, operator_user, client, django_capture_on_commit_callbacks
):
    run = _published(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    _publish(run, operator_user, django_capture_on_commit_callbacks)
    client.force_login(operator_user)
    slug = scene["campaign"].slug
    url = reverse(
        "backoffice:association_explanation",
        kwargs={"campaign_slug": slug, "association_id": scene["a"].pk},
    )
    run_page = client.get(
        reverse("backoffice:run", kwargs={"campaign_slug": slug, "number": run.number})
    )
    assert url in run_page.content.decode()
    response = client.get(url)
    assert response.status_code == 200 and "LOT-PAR-8" in response.content.decode()
    entry = AuditEntry.objects.get(action="reporting.explanation_opened")
    assert entry.association_id == scene["a"].pk and entry.details["format"] == "page"
    assert entry.actor == operator_user


@pytest.mark.parametrize("name", sorted(OTHERS))
def test_someone_else_s_explanation_answers_404(
    name, client, campaign, referent_user, operator_user
):
    from billetterie.campaigns.services import campaign_create

    ctx = {
        "campaign": campaign,
        "other_campaign": campaign_create(
            slug="autre-2024", name="Autre campagne", operator_name="Autre opérateur"
        ),
        "users": {"referent": referent_user, "operator": operator_user},
    }
    kwargs_factory, expected = OTHERS[name]
    url = reverse(name, kwargs=kwargs_factory(ctx))
    for role in ("referent", "operator"):
        client.force_login(ctx["users"][role])
        want = expected[role]
        assert client.get(url).status_code == (want if isinstance(want, int) else 302), role


def test_runs_exist_only_for_this_campaign(
    scene, operator_user, django_capture_on_commit_callbacks
):
    """Guard: the scene's run belongs to the scene's campaign (the explanation reads no other)."""
    run = _published(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    assert AllocationRun.objects.filter(campaign=scene["campaign"]).get() == run


def test_packs_too_big_in_several_cities_read_as_one_sentence():
    from billetterie.reporting.explanation import _too_big

    assert _too_big({"Paris": [5, 4], "Lille": [6]}, "votre demande restante (3 billets)") == (
        "les plus petits lots restants (6 billets à Lille et 4 billets à Paris) dépassaient "
        "votre demande restante (3 billets)"
    )


# The rivals of an association, indexed by Games and city, match their definition: every other
# organisation for which one of the packs it could receive is possible.
_CITIES, _DATES = ("Paris", "Lille"), ("2024-07-30", "2024-07-31")
_org_strategy = st.fixed_dictionaries(
    {
        "requested": st.dictionaries(st.sampled_from(("OG", "PG")), st.integers(0, 2), max_size=2),
        "cities": st.dictionaries(st.sampled_from(_CITIES), st.sampled_from((0.0, 0.5, 1.0))),
        "unavailable_dates": st.lists(st.sampled_from(_DATES), unique=True, max_size=2),
    }
)
_pack_strategy = st.fixed_dictionaries(
    {
        "games": st.sampled_from(("OG", "PG")),
        "city": st.sampled_from(_CITIES),
        "date": st.sampled_from(_DATES),
    }
)


@given(st.lists(_org_strategy, min_size=1, max_size=6), st.lists(_pack_strategy, max_size=8))
@settings(max_examples=300, deadline=None)
def test_rivals_match_their_definition(orgs, packs):
    from billetterie.reporting.explanation import _possible, _rivals

    orgs = [{"id": f"o{i}", **o} for i, o in enumerate(orgs)]
    me = orgs[0]
    possible = [p for p in packs if _possible(me, p)]
    expected = [o for o in orgs[1:] if any(_possible(o, p) for p in possible)]
    assert _rivals(orgs, me, possible) == expected


def test_a_city_weighing_nothing_or_a_games_not_asked_makes_no_rival():
    from billetterie.reporting.explanation import _rivals

    me = {"id": "me", "requested": {"OG": 4}, "cities": {"Paris": 1.0}, "unavailable_dates": []}
    pack = {"games": "OG", "city": "Paris", "date": "2024-07-30"}
    zero_city = {"id": "a", "requested": {"OG": 4}, "cities": {"Paris": 0.0}}
    zero_games = {"id": "b", "requested": {"OG": 0, "PG": 3}, "cities": {"Paris": 1.0}}
    busy = {
        "id": "c",
        "requested": {"OG": 2},
        "cities": {"Paris": 1.0},
        "unavailable_dates": ["2024-07-30"],
    }
    rival = {"id": "d", "requested": {"OG": 2}, "cities": {"Paris": 0.4}}
    assert _rivals([me, zero_city, zero_games, busy, rival], me, [pack]) == [rival]
