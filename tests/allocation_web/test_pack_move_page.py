"""The hand-move page of a run: find a pack (search, filters, pages), choose it, move it; a refusal
keeps every choice and names the field; success names the pack and both associations."""

from html import unescape

import pytest
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.allocation.instance import org_key, pack_key
from billetterie.allocation.models import AllocationRun, RunAssignment, RunStatus
from billetterie.allocation.proposal import MoveRefused, move_check, move_targets
from billetterie.allocation.selectors import run_pairs
from billetterie.campaigns.services import campaign_create
from billetterie.catalogue.models import HostCity, Session
from billetterie.core.models import AuditEntry
from billetterie.offers.waves import wave_run_start
from tests import factories as f
from tests.conftest import PASSWORD

MARSEILLE_FILLERS = 25  # with the five packs below: 30 packs, two pages of 25


def _pack(campaign, *, sport, city, day, size):
    pack = f.pack(campaign=campaign, size=size, city=city, day=day)
    Session.objects.filter(pk=pack.session_id).update(sport=sport)
    return pack


@pytest.fixture
def scene(campaign, association, other_association, operator_user):
    """A run ready to review, whose proposal is set here (not computed): the Essonne association
    (Paris, 12 tickets) holds the Paris judo pack of 8; the Lille one (Lille then Paris, 16)
    holds the Lille handball pack; the rest goes to nobody."""
    f.application(
        campaign=campaign, association=association, youth=9, supervisors=3, cities=("Paris",)
    )
    f.application(
        campaign=campaign,
        association=other_association,
        youth=12,
        supervisors=4,
        cities=("Lille", "Paris"),
    )
    judo_8 = _pack(campaign, sport="Judo", city="Paris", day="2024-07-27", size=8)
    judo_4 = _pack(campaign, sport="Judo", city="Paris", day="2024-07-28", size=4)
    handball = _pack(campaign, sport="Handball", city="Lille", day="2024-07-30", size=8)
    sailing = _pack(campaign, sport="Voile", city="Marseille", day="2024-08-01", size=6)
    athletics = _pack(campaign, sport="Athlétisme", city="Paris", day="2024-08-02", size=8)
    for _ in range(MARSEILLE_FILLERS):
        _pack(campaign, sport="Athlétisme", city="Marseille", day="2024-08-02", size=2)
    # Not committed in a test: the run stays queued with its frozen instance; it is made ready here.
    run = wave_run_start(campaign=campaign, actor=operator_user, time_limit=10)
    AllocationRun.objects.filter(pk=run.pk).update(status=RunStatus.READY, metrics={})
    RunAssignment.objects.create(run=run, pack=judo_8, association=association)
    RunAssignment.objects.create(run=run, pack=handball, association=other_association)
    run.refresh_from_db()
    return {
        "campaign": campaign,
        "run": run,
        "a": association,
        "b": other_association,
        "judo_8": judo_8,
        "judo_4": judo_4,
        "handball": handball,
        "sailing": sailing,
        "athletics": athletics,
    }


def _url(scene, query=""):
    url = reverse(
        "backoffice:run_move",
        kwargs={"campaign_slug": scene["campaign"].slug, "number": scene["run"].number},
    )
    return f"{url}?{query}" if query else url


def _listed(response) -> list[str]:
    assert response.status_code == 200
    return [p.reference for p in response.context["page"]]


def _text(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def operator(client, operator_user):
    client.force_login(operator_user)
    return client


def test_the_list_shows_every_pack_by_date_on_pages_of_25(operator, scene):
    first = operator.get(_url(scene))
    assert len(_listed(first)) == 25
    assert _listed(first)[:3] == [
        scene["judo_8"].reference,
        scene["judo_4"].reference,
        scene["handball"].reference,
    ]
    text = _text(first)
    assert "30 lots, par date — page 1 sur 2" in text
    # Each row says what the pack is and who has it, and offers to choose it by keyboard.
    assert "Judo (JO)" in text and "samedi 27 juillet 2024" in text
    assert f'Choisir<span class="visually-hidden"> le lot {scene["judo_8"].reference}' in text
    second = operator.get(_url(scene, "page=2"))
    assert len(_listed(second)) == 5


def test_each_filter_and_the_search_narrow_the_list(operator, scene):
    lille = HostCity.objects.get(name="Lille").pk
    refs = {key: scene[key].reference for key in ("judo_8", "judo_4", "handball", "sailing")}
    cases = {
        "sport=Judo": [refs["judo_8"], refs["judo_4"]],
        "day=2024-07-30": [refs["handball"]],
        f"city={lille}": [refs["handball"]],
        "size=6": [refs["sailing"]],
        f"holder={scene['a'].pk}": [refs["judo_8"]],
        f"holder={scene['b'].pk}": [refs["handball"]],
        # Several filters at once.
        "sport=Judo&size=4": [refs["judo_4"]],
        # The search: a reference, a sport in any case, the holder's name.
        f"q={refs['sailing']}": [refs["sailing"]],
        "q=jUdO": [refs["judo_8"], refs["judo_4"]],
        "q=voisine": [refs["handball"]],
        "q=introuvable": [],
    }
    for query, expected in cases.items():
        assert _listed(operator.get(_url(scene, query))) == expected, query
    nobody = operator.get(_url(scene, "holder=personne"))
    assert nobody.context["page"].paginator.count == 28
    # The page links keep the filters.
    assert "?holder=personne&amp;page=2" in nobody.content.decode()
    assert "28 lots pour ces critères" in _text(nobody)


def test_a_filter_the_page_does_not_offer_is_said_and_ignored(operator, scene):
    response = operator.get(_url(scene, "sport=Curling&day=2024-13-45&size=abc&q=Judo"))
    assert _listed(response) == [scene["judo_8"].reference, scene["judo_4"].reference]
    assert response.context["filters"].errors.keys() == {"sport", "day", "size"}
    # The choices offered are the run's own values only.
    text = _text(response)
    assert '<option value="Voile">Voile</option>' in text
    assert "Curling</option>" not in text
    # "²".isdigit() is true but int("²") fails: never a server error.
    assert operator.get(_url(scene, "pack=²&page=²&holder=²&city=²")).status_code == 200


def test_choosing_a_pack_shows_it_and_the_associations_as_the_rule_sees_them(operator, scene):
    handball = scene["handball"]
    response = operator.get(_url(scene, f"sport=Handball&pack={handball.pk}"))
    text = _text(response)
    assert f"Déplacer le lot {handball.reference}" in text
    assert "mardi 30 juillet 2024" in text and "Stade de Lille, Lille" in text
    # The form's address keeps the filters, so that the list comes back as it was.
    assert 'action="?sport=Handball"' in text
    choices = dict(response.context["form"].fields["association"].choices)
    assert choices["personne"] == "Personne : le lot reste disponible"
    # Its holder is not offered; the rule refuses Lille to the Essonne, and says why.
    assert choices["La règle le refuse (1)"] == [
        (scene["a"].pk, "Sauvegarde de l'Essonne — n'a pas demandé la ville hôte Lille")
    ]
    assert "La règle le permet (0)" not in choices
    # A pack nobody holds: no « Personne »; the Essonne may take the small judo pack.
    response = operator.get(_url(scene, f"pack={scene['judo_4'].pk}"))
    choices = dict(response.context["form"].fields["association"].choices)
    assert "personne" not in choices
    assert choices["La règle le permet (2)"] == [
        (scene["b"].pk, "Association voisine — a 8 billets JO pour une demande restante de 16"),
        (scene["a"].pk, "Sauvegarde de l'Essonne — a 8 billets JO pour une demande restante de 12"),
    ]


def _post(operator, scene, data, query=""):
    return operator.post(_url(scene, query), data)


def test_a_refused_move_keeps_every_choice_and_names_the_field(operator, scene):
    handball = scene["handball"]
    before = list(RunAssignment.objects.values_list("pack_id", "association_id", "reason"))
    response = _post(
        operator,
        scene,
        {"pack": handball.pk, "association": scene["a"].pk, "reason": "Demande du référent"},
        query="sport=Handball",
    )
    assert response.status_code == 200
    text = _text(response)
    assert "Le lot n'est pas déplacé." in text
    assert (
        "Nouvelle association</a> : Sauvegarde de l'Essonne n'a pas demandé la ville hôte Lille."
        in text
    )
    # The chosen pack, association and reason are all still there, and the filters too.
    assert f'name="pack" value="{handball.pk}"' in text
    assert f'<option value="{scene["a"].pk}" selected>' in text
    assert 'value="Demande du référent"' in text
    assert 'action="?sport=Handball"' in text
    assert _listed(response) == [handball.reference]

    # No reason: said beside « Motif », the association still chosen.
    text = _text(
        _post(operator, scene, {"pack": handball.pk, "association": "personne", "reason": " "})
    )
    assert "Motif</a> : Indiquez le motif du déplacement." in text
    assert '<option value="personne" selected>' in text
    # No association: said beside « Nouvelle association », the reason kept.
    text = _text(_post(operator, scene, {"pack": handball.pk, "association": "", "reason": "Site"}))
    assert (
        "Nouvelle association</a> : Choisissez l'association qui reçoit le lot, ou « Personne »."
        in text
    )
    assert 'value="Site"' in text
    # No pack (a form sent without choosing): said, the association and reason kept.
    for pack in ("", "abc", "²", "99999999999999999999"):
        text = _text(
            _post(operator, scene, {"pack": pack, "association": scene["b"].pk, "reason": "Site"})
        )
        assert "Lot à déplacer : Choisissez d'abord un lot dans la liste." in text, pack
        assert f'<option value="{scene["b"].pk}" selected>' in text
    assert list(RunAssignment.objects.values_list("pack_id", "association_id", "reason")) == before
    assert not AuditEntry.objects.filter(action="allocation.pack_moved").exists()


def test_a_done_move_names_the_pack_and_both_associations(operator, scene):
    a, b, run = scene["a"], scene["b"], scene["run"]

    def move(pack, association, query=""):
        response = _post(
            operator,
            scene,
            {"pack": pack.pk, "association": association, "reason": "Demande du référent"},
            query=query,
        )
        assert response.status_code == 302
        said = [str(m) for m in operator.get(response.url).context["messages"]]
        return response.url, said

    # From nobody to the Essonne; back to the same filtered list.
    url, said = move(scene["judo_4"], a.pk, query="sport=Judo&page=1")
    assert url == _url(scene, "sport=Judo")
    assert said == [
        f"Le lot {scene['judo_4'].reference} (Judo, dimanche 28 juillet 2024, Paris, 4 billets) "
        "n'était proposé à personne ; il est maintenant proposé à « Sauvegarde de l'Essonne ». "
        "Les indicateurs du calcul sont recalculés."
    ]
    # From the Essonne to Lille's association (which asked for Paris too).
    _, said = move(scene["judo_8"], b.pk)
    assert said == [
        f"Le lot {scene['judo_8'].reference} (Judo, samedi 27 juillet 2024, Paris, 8 billets) "
        "passe de « Sauvegarde de l'Essonne » à « Association voisine ». "
        "Les indicateurs du calcul sont recalculés."
    ]
    # From Lille's association to nobody.
    url, said = move(scene["handball"], "personne", query="holder=personne&page=2")
    assert url == _url(scene, "holder=personne&page=2")
    assert said == [
        f"Le lot {scene['handball'].reference} (Handball, mardi 30 juillet 2024, Lille, 8 billets) "
        "n'est plus proposé à « Association voisine » : il n'est proposé à personne et reste "
        "disponible. Les indicateurs du calcul sont recalculés."
    ]
    held = dict(RunAssignment.objects.filter(run=run).values_list("pack_id", "association_id"))
    assert held == {scene["judo_4"].pk: a.pk, scene["judo_8"].pk: b.pk}
    assert all(RunAssignment.objects.filter(run=run).values_list("moved_by_hand", flat=True))
    entries = AuditEntry.objects.filter(action="allocation.pack_moved").order_by("pk")
    assert [(e.details["from"], e.details["to"]) for e in entries] == [
        (None, a.pk),
        (a.pk, b.pk),
        (b.pk, None),
    ]
    run.refresh_from_db()
    assert run.metrics["tickets_allocated"] == 12
    # The list shows the new holder, marked as moved by hand.
    text = _text(operator.get(_url(scene, f"holder={b.pk}")))
    assert "déplacé à la main" in text and scene["judo_8"].reference in text


def test_the_run_page_leads_to_the_picker_and_to_each_pack(operator, scene):
    run = scene["run"]
    page = _text(
        operator.get(
            reverse(
                "backoffice:run",
                kwargs={"campaign_slug": scene["campaign"].slug, "number": run.number},
            )
        )
    )
    assert f'href="{_url(scene)}">Chercher un lot à déplacer</a>' in page
    assert f'href="{_url(scene)}?pack={scene["judo_8"].pk}#deplacement"' in page


def test_another_campaigns_pack_or_operator_answers_404(client, operator, scene):
    other = campaign_create(slug="autre-2024", name="Autre campagne", operator_name="Autre")
    foreign = f.pack(campaign=other, size=4)
    # A pack of another campaign, or of this campaign but not in the run: 404, nothing moved.
    outside = f.pack(campaign=scene["campaign"], size=4)
    for pack in (foreign, outside):
        assert operator.get(_url(scene, f"pack={pack.pk}")).status_code == 404
        response = _post(
            operator, scene, {"pack": pack.pk, "association": scene["a"].pk, "reason": "x"}
        )
        assert response.status_code == 404
    assert RunAssignment.objects.count() == 2
    # Another operator's staff: 404 on the page, the chosen pack and the move.
    stranger = User.objects.create_user(
        "autre@example.org", PASSWORD, role=Role.OPERATOR_STAFF, operator=other.operator
    )
    client.force_login(stranger)
    assert client.get(_url(scene)).status_code == 404
    assert client.get(_url(scene, f"pack={scene['judo_4'].pk}")).status_code == 404
    response = client.post(
        _url(scene), {"pack": scene["judo_4"].pk, "association": scene["a"].pk, "reason": "x"}
    )
    assert response.status_code == 404
    assert RunAssignment.objects.count() == 2


@pytest.mark.parametrize("status", [RunStatus.PUBLISHED, RunStatus.DISCARDED, RunStatus.QUEUED])
def test_a_run_that_cannot_change_says_so_and_moves_nothing(operator, scene, status):
    AllocationRun.objects.filter(pk=scene["run"].pk).update(
        status=status, published_at=scene["run"].created_at
    )
    text = _text(operator.get(_url(scene, f"pack={scene['judo_4'].pk}")))
    assert "ses lots ne se déplacent pas à la main" in text
    assert "Trouver un lot" not in text
    response = _post(
        operator, scene, {"pack": scene["judo_4"].pk, "association": scene["a"].pk, "reason": "x"}
    )
    assert response.status_code == 302
    said = [str(m) for m in operator.get(response.url).context["messages"]]
    assert said == ["Ce calcul ne peut plus être modifié."]
    assert RunAssignment.objects.count() == 2


def test_the_targets_say_exactly_what_the_move_check_refuses(scene):
    """One statement of the rule: for every pack and association of the run, the page's « allowed »
    is the service's check passing."""
    run = scene["run"]
    pairs = run_pairs(run)
    for pack in run.instance["packs"]:
        for target in move_targets(instance=run.instance, pairs=pairs, pack_id=pack["id"]):
            try:
                move_check(
                    instance=run.instance, pairs=pairs, pack_id=pack["id"], org_id=target["org_id"]
                )
            except MoveRefused as exc:
                assert target["refusal"] and target["refusal"] in str(exc)
            else:
                assert target["refusal"] is None
    # An association at its remaining demand is refused a pack that would exceed it, with the
    # numbers; the other one, with room left, may take it.
    targets = move_targets(
        instance=run.instance, pairs=pairs, pack_id=pack_key(scene["athletics"].pk)
    )
    by_org = {t["org_id"]: t for t in targets}
    essonne, lille = by_org[org_key(scene["a"].pk)], by_org[org_key(scene["b"].pk)]
    assert (essonne["held"], essonne["requested"]) == (8, 12)
    assert essonne["refusal"] == (
        "recevrait 16 billets pour ces Jeux, au-delà de sa demande restante (12)"
    )
    assert (lille["held"], lille["requested"], lille["refusal"]) == (8, 16, None)
