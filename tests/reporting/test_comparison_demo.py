"""The demo's first wave (JO, the call's applications): the run page's words match its figures.

On this wave « au plus mal servi d'abord » serves the least-served association far better than
the campaign's rule, which gives more tickets to small requests: the page must say so."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from billetterie.accounts.models import User
from billetterie.allocation.compute import run_execute
from billetterie.allocation.models import RunScope, RunStatus
from billetterie.campaigns.models import Campaign, Wave
from billetterie.catalogue.models import Games
from billetterie.demo.builder import SLUG
from billetterie.offers.waves import wave_run_start


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, inside a transaction rolled back at the end (as
    tests/demo/test_demo_load.py does), with its first wave computed."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True
        with outer:
            call_command("load_demo", "--force", stdout=io.StringIO())
            campaign = Campaign.objects.get(slug=SLUG)
            run = wave_run_start(
                campaign=campaign,
                actor="tests",
                games=Games.objects.get(code="OG"),
                wave=Wave.objects.get(campaign=campaign, number=1),
                scope=RunScope.CALL,
                time_limit=5,
            )
            run = run_execute(run_id=run.pk)
            yield run
            transaction.set_rollback(True)


def _pct(value):
    return f"{round(value * 100)}\u00a0%"


@pytest.fixture
def page(demo, db, client):
    client.force_login(User.objects.get(email="operateur@demo.billetterie.fr"))
    url = reverse("backoffice:run", kwargs={"campaign_slug": SLUG, "number": demo.number})
    return client.get(url).content.decode().replace("&#x27;", "'")


def test_the_first_wave_is_computed_with_the_four_methods(demo):
    assert demo.status == RunStatus.READY
    assert set(demo.comparison) == {"nash", "greedy", "proportional", "lottery"}


def test_no_fixed_claim_remains_and_each_method_says_what_it_favours(page):
    assert "équilibrer mieux" not in page and "doit servir au moins autant" not in page
    assert "les petites demandes sont favorisées, à dessein" in page
    assert "Relève d'abord la satisfaction la plus basse" in page
    assert "Partage en proportion des demandes" in page
    assert "Le hasard" in page


def test_on_the_demo_the_rule_serves_the_least_served_worse_than_greedy_and_says_it(demo, page):
    rule, greedy = demo.comparison["nash"], demo.comparison["greedy"]
    # The figures of the issue: the rule's lowest satisfaction is well below greedy's…
    assert rule["min_satisfaction"] < 0.6 < 0.75 < greedy["min_satisfaction"]
    # …and it gives a larger share of the tickets to small requests.
    assert rule["small_share"] > greedy["small_share"]
    assert ("Face à « Au plus mal servi d'abord », sur ce calcul, la règle de la campagne ") in page
    assert (
        f"sert moins bien l'association la moins servie ({_pct(rule['min_satisfaction'])} de sa "
        f"demande contre {_pct(greedy['min_satisfaction'])})"
    ) in page
    assert (
        f"donne plus de billets aux petites demandes ({_pct(rule['small_share'])} des billets "
        f"contre {_pct(greedy['small_share'])})"
    ) in page


@pytest.mark.parametrize("method", ["greedy", "proportional", "lottery"])
def test_every_figure_of_every_baseline_is_said_in_the_right_direction(demo, page, method):
    rule, other = demo.comparison["nash"], demo.comparison[method]
    for key, better, worse in (
        ("min_satisfaction", "sert mieux l'association", "sert moins bien l'association"),
        ("small_share", "donne plus de billets aux", "donne moins de billets aux"),
        ("organisations_served", "sert plus d'associations", "sert moins d'associations"),
        ("tickets_allocated", "attribue plus de billets", "attribue moins de billets"),
    ):
        ours, theirs = rule[key], other[key]
        shown = (
            (_pct(ours), _pct(theirs))
            if isinstance(ours, float)
            else (f"{ours:,}".replace(",", "\u202f"), f"{theirs:,}".replace(",", "\u202f"))
        )
        start = page.index(f"Face à « {_label(method)} »")
        sentence = page[start : page.index("</li>", start)]
        if shown[0] == shown[1]:
            assert better not in sentence and worse not in sentence
        elif ours > theirs:
            assert better in sentence and worse not in sentence, (key, sentence)
        else:
            assert worse in sentence and better not in sentence, (key, sentence)


def _label(method):
    return {
        "greedy": "Au plus mal servi d'abord",
        "proportional": "Proportionnelle aux demandes",
        "lottery": "Tirage au sort",
    }[method]
