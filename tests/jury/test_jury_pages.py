"""The jury's pages: who reaches them, what they show (no name before the close), scoring, the
president's deliberation and close, the results message, the operator's results page."""

from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.campaigns.services import campaign_create
from billetterie.contest.deliberation import (
    deliberation_table,
    member_entries,
    order_fingerprint,
)
from billetterie.contest.models import Deliberation, Review, Score
from billetterie.contest.selectors import deliberation_ranking
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.outbox.models import Message
from tests.conftest import PASSWORD
from tests.jury.world import BEFORE, DURING, NAMES

PAGES = ["jury:home", "jury:results"]
PRESIDENT_PAGES = ["jury:deliberation", "jury:deliberation_close"]
ENTRY_PAGES = ["jury:entry", "jury:entry_audio"]


def _urls(world):
    entry = world["entries"][0].pk
    return [reverse(n) for n in PAGES + PRESIDENT_PAGES] + [
        reverse(n, kwargs={"entry_id": entry}) for n in ENTRY_PAGES
    ]


def _score(client, entry, emotion, clarity, comment=""):
    criteria = Score._meta.get_field("criterion").related_model.objects.filter(
        campaign=entry.campaign
    )
    data = {"comment": comment}
    for criterion in criteria:
        data[f"criterion_{criterion.pk}"] = emotion if criterion.name == "Émotion" else clarity
    return client.post(reverse("jury:entry", kwargs={"entry_id": entry.pk}), data)


# --- Access --------------------------------------------------------------------------------------


def test_every_jury_page_is_404_for_anyone_but_the_campaigns_jury(
    client, world, after_window, referent_user, operator_user, admin_user_
):
    other = campaign_create(slug="autre-2024", name="Autre", operator_name="Autre opérateur")
    other_jury = User.objects.create_user(
        "jure.ailleurs@example.org", PASSWORD, role=Role.JURY, jury_campaign=other
    )
    # The other campaign's member presides over it: the president pages are still theirs only.
    from billetterie.contest.models import ContestSettings

    ContestSettings.objects.create(campaign=other, president=other_jury)
    own_referent = User.objects.get(email="referent.concours0@example.org")
    for user in (referent_user, own_referent, operator_user, admin_user_):
        client.force_login(user)
        for url in _urls(world):
            assert client.get(url).status_code == 404, (user.email, url)
    client.force_login(other_jury)
    for url in [reverse(n, kwargs={"entry_id": world["entries"][0].pk}) for n in ENTRY_PAGES]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("jury:entry", kwargs={"entry_id": world["entries"][0].pk}), {}
        ).status_code
        == 404
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for url in _urls(world):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/compte/connexion/")


def test_a_member_who_does_not_preside_gets_404_on_the_deliberation(client, world, after_window):
    client.force_login(world["jury"][1])
    for name in PRESIDENT_PAGES:
        assert client.get(reverse(name)).status_code == 404
    assert client.post(reverse("jury:deliberation"), {"reason": "x"}).status_code == 404


def test_a_jury_member_lands_on_the_jury_home_after_sign_in(client, world):
    client.force_login(world["jury"][1])
    assert client.get("/").url == reverse("jury:home")


# --- What the home says, and when -----------------------------------------------------------------


def test_before_and_during_the_window_the_home_says_what_will_happen(client, world):
    client.force_login(world["jury"][1])
    with clock.frozen_at(BEFORE):
        html = client.get(reverse("jury:home")).content.decode()
    assert "n'a pas encore commencé" in html
    assert "du 19 mars 2024 au 9 avril 2024" in html
    assert "à partir du 10 avril 2024" in html and "le 17 avril 2024" in html
    assert "Votre espace ouvrira" not in html
    with clock.frozen_at(DURING):
        html = client.get(reverse("jury:home")).content.decode()
    assert "5 enregistrements reçus à ce jour" in html
    assert "Enregistrement 1" not in html


# --- Anonymity -----------------------------------------------------------------------------------


def _secrets(world):
    names = [e.participation.association.name for e in world["entries"]]
    emails = [f"referent.concours{n}@example.org" for n in range(len(world["entries"]))]
    files = [f"Souvenirs {name}" for name in names] + ["Souvenirs"]
    return names + emails + files


def test_no_jury_page_names_an_association_before_the_close(client, world, after_window):
    president = world["president"]
    client.force_login(world["jury"][1])
    _score(client, world["entries"][0], 7, 3, "Très touchant")
    client.force_login(president)
    for entry in world["entries"]:
        _score(client, entry, 5, 2)
    audio = reverse("jury:entry_audio", kwargs={"entry_id": world["entries"][0].pk})
    pages = [u for u in _urls(world) if u != audio] + [
        reverse("jury:entry", kwargs={"entry_id": e.pk}) for e in world["entries"]
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for secret in _secrets(world):
            assert secret not in html, (url, secret)
            # Django escapes the apostrophe of « Maison d'enfants… »: look for that too.
            assert secret.replace("'", "&#x27;") not in html, (url, secret)
    # The sound itself carries no file name in its headers.
    response = client.get(audio)
    assert response.status_code == 200
    assert "Souvenirs" not in str(response.headers)
    response.close()
    # The names are really in the data (the search above could not pass for want of them).
    assert {e.participation.association.name for e in world["entries"]} <= set(NAMES)


def test_after_the_close_the_results_page_names_them(client, world, after_window):
    client.force_login(world["president"])
    for entry in world["entries"]:
        _score(client, entry, 5, 2)
    fingerprint = order_fingerprint(deliberation_table(world["entries"][0].campaign))
    response = client.post(
        reverse("jury:deliberation_close"), {"fingerprint": fingerprint, "confirm": "on"}
    )
    assert response.status_code == 302 and response.url == reverse("jury:results")
    client.force_login(world["jury"][2])
    html = client.get(reverse("jury:results")).content.decode()
    for entry in world["entries"]:
        assert entry.participation.association.name.replace("'", "&#x27;") in html


# --- Order ---------------------------------------------------------------------------------------


def test_each_member_has_a_stable_order_of_their_own(world, after_window):
    campaign = world["entries"][0].campaign
    orders = [[r.entry.pk for r in member_entries(campaign, m)] for m in world["jury"]]
    assert all(sorted(o) == sorted(e.pk for e in world["entries"]) for o in orders)
    assert len({tuple(o) for o in orders}) > 1  # not everyone hears them in the same order
    again = [[r.entry.pk for r in member_entries(campaign, m)] for m in world["jury"]]
    assert again == orders
    # The home page lists them in that order.
    upload_order = [e.pk for e in world["entries"]]
    assert any(o != upload_order for o in orders)


# --- Scoring -------------------------------------------------------------------------------------


def test_a_member_scores_changes_then_reads_only_after_the_close(client, world, after_window):
    member, entry = world["jury"][1], world["entries"][2]
    client.force_login(member)
    page = client.get(reverse("jury:entry", kwargs={"entry_id": entry.pk})).content.decode()
    assert (
        'preload="none"' in page
        and reverse("jury:entry_audio", kwargs={"entry_id": entry.pk}) in page
    )
    response = _score(client, entry, 8, 4, "Belle énergie")
    assert response.status_code == 302
    assert dict(
        Score.objects.filter(entry=entry, member=member).values_list("criterion__name", "value")
    ) == {"Émotion": 8, "Clarté": 4}
    assert Review.objects.get(entry=entry, member=member).comment == "Belle énergie"
    home = client.get(reverse("jury:home")).content.decode()
    assert "1 enregistrement noté sur 5" in home

    _score(client, entry, 6, 4)
    assert Score.objects.get(entry=entry, member=member, criterion__name="Émotion").value == 6
    log = AuditEntry.objects.filter(action="contest.scores_saved").order_by("pk").last()
    assert log.details["scores"] == {"Émotion": 6, "Clarté": 4}
    assert log.details["before"] == {"Émotion": 8, "Clarté": 4}

    # Out of range, missing: refused in French, nothing changes.
    bad = _score(client, entry, 11, "")
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Donnez une note de 0 à 10 pour « Émotion »" in text
    assert "Donnez une note de 0 à 5 pour « Clarté »" in text
    assert Score.objects.get(entry=entry, member=member, criterion__name="Émotion").value == 6

    Deliberation.objects.update_or_create(
        campaign=entry.campaign, defaults={"closed_at": clock.now()}
    )
    closed = client.get(reverse("jury:entry", kwargs={"entry_id": entry.pk})).content.decode()
    assert (
        "vos notes ne changent plus" in closed and '<form method="post" novalidate>' not in closed
    )
    _score(client, entry, 1, 1)
    assert Score.objects.get(entry=entry, member=member, criterion__name="Émotion").value == 6


# --- Deliberation --------------------------------------------------------------------------------


def _score_all(client, world, marks):
    """marks: {member index: [(emotion, clarity) per entry]}."""
    for index, values in marks.items():
        client.force_login(world["jury"][index])
        for entry, (emotion, clarity) in zip(world["entries"], values, strict=True):
            assert _score(client, entry, emotion, clarity).status_code == 302


def test_the_president_moves_with_a_reason_and_closes(client, world, after_window, mailoutbox):
    campaign = world["entries"][0].campaign
    _score_all(
        client,
        world,
        {
            0: [(9, 5), (7, 4), (5, 3), (3, 2), (1, 1)],
            1: [(8, 5), (8, 4), (4, 3), (3, 2), (2, 1)],
            2: [(9, 4), (6, 4), (6, 3), (2, 2), (1, 0)],
        },
    )
    table = deliberation_table(campaign)
    labels = [r.entry.label for r in table]
    assert labels == [f"Enregistrement {n}" for n in range(1, 6)]
    client.force_login(world["president"])
    page = client.get(reverse("jury:deliberation")).content.decode()
    assert "5 sur 5" in page  # each member's progress

    third = table[2].entry
    refused = client.post(
        reverse("jury:deliberation"), {"entry": third.pk, "direction": "up", "reason": "  "}
    )
    assert refused.status_code == 200
    assert "Écrivez le motif du déplacement" in refused.content.decode()
    assert Deliberation.objects.get(campaign=campaign).moves == []

    moved = client.post(
        reverse("jury:deliberation"),
        {"entry": third.pk, "direction": "up", "reason": "Le plus émouvant pour le jury"},
    )
    assert moved.status_code == 302
    table = deliberation_table(campaign)
    assert [r.entry.label for r in table][:3] == [
        "Enregistrement 1",
        "Enregistrement 3",
        "Enregistrement 2",
    ]
    assert (table[1].placed.rank, table[1].placed.computed_rank) == (2, 3)
    log = AuditEntry.objects.get(action="contest.ranking_adjusted")
    assert log.details == {
        "entry": "Enregistrement 3",
        "direction": "monter d'une place",
        "from": 3,
        "to": 2,
        "reason": "Le plus émouvant pour le jury",
    }
    page = client.get(reverse("jury:deliberation")).content.decode()
    assert "Le plus émouvant pour le jury" in page

    confirm = client.get(reverse("jury:deliberation_close")).content.decode()
    assert "pas réversible" in confirm
    fingerprint = order_fingerprint(table)

    # A member changes a score meanwhile: the close shows the new order instead of closing.
    client.force_login(world["jury"][2])
    _score(client, world["entries"][4], 10, 5)
    client.force_login(world["president"])
    stale = client.post(
        reverse("jury:deliberation_close"), {"fingerprint": fingerprint, "confirm": "on"}
    )
    assert stale.status_code == 200 and "Le classement a changé" in stale.content.decode()
    assert Deliberation.objects.get(campaign=campaign).closed_at is None

    table = deliberation_table(campaign)
    mailoutbox.clear()
    done = client.post(
        reverse("jury:deliberation_close"),
        {"fingerprint": order_fingerprint(table), "confirm": "on"},
    )
    assert done.status_code == 302
    closed = Deliberation.objects.get(campaign=campaign)
    assert closed.closed_at is not None and closed.closed_by == world["president"]
    assert [i["label"] for i in closed.ranking] == [r.entry.label for r in table]
    assert closed.ranking[1]["moved"] == "Le plus émouvant pour le jury"
    assert [p.association.name for p in deliberation_ranking(campaign)] == [
        r.entry.participation.association.name for r in table
    ]
    assert [p.contest_rank for p in deliberation_ranking(campaign)] == [1, 2, 3, 4, 5]

    # Each ranked association's referent is told its rank, once.
    messages = Message.objects.filter(kind="contest.results").order_by("recipient")
    assert messages.count() == 5
    first = messages.get(recipient="referent.concours0@example.org")
    assert "classé 1ᵉʳ sur 5" in first.body_text
    assert "Les Petits Loups de Belleville" in first.body_text
    assert AuditEntry.objects.filter(action="contest.deliberation_closed").count() == 1

    # Closed: nothing moves any more, the pages say so.
    again = client.post(
        reverse("jury:deliberation"),
        {"entry": third.pk, "direction": "down", "reason": "trop tard"},
    )
    assert again.status_code == 302 and again.url == reverse("jury:results")
    assert Deliberation.objects.get(campaign=campaign).moves == closed.moves
    assert client.get(reverse("jury:deliberation_close")).url == reverse("jury:results")


def test_a_partial_mark_is_shown_and_ignored(client, world, after_window):
    from billetterie.contest.models import Criterion

    campaign = world["entries"][0].campaign
    client.force_login(world["jury"][1])
    _score(client, world["entries"][0], 10, 5)
    Criterion.objects.create(campaign=campaign, name="Originalité", weight=1, scale=10, position=3)
    row = next(r for r in deliberation_table(campaign) if r.entry == world["entries"][0])
    mark = next(m for m in row.marks if m.member == world["jury"][1])
    assert mark.partial and mark.mark is None and row.score is None
    client.force_login(world["president"])
    assert "incomplète, ignorée" in client.get(reverse("jury:deliberation")).content.decode()


# --- The operator's results page -----------------------------------------------------------------


def test_the_operator_sees_progress_then_the_names_after_the_close(
    client, world, after_window, operator_user
):
    campaign = world["entries"][0].campaign
    url = reverse("backoffice:contest_results", kwargs={"campaign_slug": campaign.slug})
    client.force_login(operator_user)
    before = client.get(url).content.decode()
    assert "0 sur 5" in before
    assert "Enregistrement 1" not in before  # no label to link to an association yet
    client.force_login(world["president"])
    for entry in world["entries"]:
        _score(client, entry, 5, 2)
    client.post(
        reverse("jury:deliberation_close"),
        {"fingerprint": order_fingerprint(deliberation_table(campaign)), "confirm": "on"},
    )
    client.force_login(operator_user)
    after = client.get(url).content.decode()
    for entry in world["entries"]:
        assert entry.participation.association.name.replace("'", "&#x27;") in after


def test_no_input_makes_a_jury_page_fail(client, world, after_window):
    """Whatever the president sends to a jury page, the answer is never a 500 and nothing moves."""
    from tests.test_permissions import JUNK_FORMS, JUNK_QUERY

    client.raise_request_exception = False
    client.force_login(world["president"])
    entry = world["entries"][0].pk
    junk = [
        *JUNK_FORMS,
        {"entry": "999999", "direction": "sideways", "reason": "x"},
        {"fingerprint": "1:2", "confirm": "on"},
        {"criterion_1": "-1", "criterion_2": "1e9", "comment": "\x00" * 3},
    ]
    for url in [reverse(n) for n in PAGES + PRESIDENT_PAGES] + [
        reverse(n, kwargs={"entry_id": entry}) for n in ENTRY_PAGES
    ]:
        assert client.get(url + JUNK_QUERY).status_code < 500, url
        for data in junk:
            assert client.post(url, data).status_code < 500, (url, data)
    assert not Deliberation.objects.filter(closed_at__isnull=False).exists()
    assert Deliberation.objects.filter(moves=[]).count() == Deliberation.objects.count()
