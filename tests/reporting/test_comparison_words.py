"""The comparison's words come from the figures: what the rule gains and loses, never a fixed claim."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from billetterie.reporting.comparison import (
    METRICS,
    method_favours,
    methods_compared,
    percent_text,
    tradeoff,
    tradeoff_sentence,
)

BASE = {
    "organisations_served": 55,
    "tickets_allocated": 5345,
    "min_satisfaction": 0.5047,
    "p10_satisfaction": 0.7636,
    "gini_satisfaction": 0.046,
    "small_share": 0.2045,
    "small_request_share": 0.1796,
    "weighted_nash_welfare": 2249.2,
}


def _say(ours, theirs):
    return tradeoff_sentence(ours, theirs, other_label="Autre", subject="la règle")


def test_the_issue_s_example_says_worse_for_the_least_served_but_more_to_small_requests():
    greedy = {**BASE, "min_satisfaction": 0.8167, "small_share": 0.1867, "tickets_allocated": 5276}
    sentence = _say(BASE, greedy)
    assert sentence.startswith(
        "Face à « Autre », la règle donne plus de billets aux petites demandes (20\u00a0% des "
        "billets contre 19\u00a0%) et attribue plus de billets (5\u202f345 contre 5\u202f276), "
        "mais sert moins bien l'association la moins servie (50\u00a0% de sa demande contre "
        "82\u00a0%)."
    )
    # The figures that are the same are named as such, never as a gain or a loss.
    assert sentence.endswith(
        "À égalité : associations servies (55), 9 associations sur 10 reçoivent au moins "
        "76\u00a0% de leur demande et écart entre associations (0,05)."
    )


@pytest.mark.parametrize(
    ("key", "ours", "theirs", "words"),
    [
        ("min_satisfaction", 0.81, 0.52, "sert mieux l'association la moins servie (81\u00a0%"),
        (
            "min_satisfaction",
            0.52,
            0.81,
            "sert moins bien l'association la moins servie (52\u00a0%",
        ),
        ("small_share", 0.34, 0.21, "donne plus de billets aux petites demandes (34\u00a0%"),
        ("small_share", 0.21, 0.34, "donne moins de billets aux petites demandes (21\u00a0%"),
        (
            "gini_satisfaction",
            0.03,
            0.12,
            "laisse moins d'écart entre associations (0,03 contre 0,12)",
        ),
        (
            "gini_satisfaction",
            0.12,
            0.03,
            "laisse plus d'écart entre associations (0,12 contre 0,03)",
        ),
        (
            "tickets_allocated",
            5000,
            5100,
            "attribue moins de billets (5\u202f000 contre 5\u202f100)",
        ),
        ("organisations_served", 49, 55, "sert moins d'associations (49 contre 55)"),
        ("p10_satisfaction", 0.9, 0.6, "9 associations sur 10 reçoivent au moins 90\u00a0%"),
    ],
)
def test_each_figure_in_each_direction(key, ours, theirs, words):
    sentence = _say({**BASE, key: ours}, {**BASE, key: theirs})
    assert words in sentence
    # Only one figure differs: no « mais », and the rest is said to be equal.
    assert " mais " not in sentence and "À égalité" in sentence


def test_with_ten_associations_or_fewer_nine_in_ten_is_the_lowest_and_is_said_once():
    few = {**BASE, "min_satisfaction": 0.4, "p10_satisfaction": 0.4}
    other = {**BASE, "min_satisfaction": 0.46, "p10_satisfaction": 0.46}
    sentence = _say(few, other)
    assert "sert moins bien l'association la moins servie (40\u00a0% de sa demande" in sentence
    assert "9 associations sur 10" not in sentence


def test_figures_printed_the_same_are_equal_even_when_they_differ_a_little():
    sentence = _say({**BASE, "min_satisfaction": 0.5047}, {**BASE, "min_satisfaction": 0.5012})
    assert sentence == "Face à « Autre », les chiffres sont les mêmes."


def test_no_gain_no_claim_of_one():
    worse = {**BASE, "tickets_allocated": 5000, "min_satisfaction": 0.1}
    sentence = _say(worse, BASE)
    assert "sans faire mieux sur aucun chiffre" in sentence and " mais " not in sentence


figures = st.fixed_dictionaries(
    {
        "organisations_served": st.integers(0, 80),
        "tickets_allocated": st.integers(0, 9000),
        "min_satisfaction": st.floats(0, 1),
        "p10_satisfaction": st.floats(0, 1),
        "gini_satisfaction": st.floats(0, 1),
        "small_share": st.floats(0, 1),
    }
)


@settings(max_examples=500, deadline=None)
@given(ours=figures, theirs=figures)
def test_the_sentence_follows_the_shown_figures_whatever_they_are(ours, theirs):
    sentence = _say(ours, theirs)
    verdicts = tradeoff(ours, theirs)
    for metric in METRICS:
        a, b = metric.show(ours[metric.key]), metric.show(theirs[metric.key])
        if metric.key == "p10_satisfaction" and all(
            percent_text(x["p10_satisfaction"]) == percent_text(x["min_satisfaction"])
            for x in (ours, theirs)
        ):
            assert "9 associations sur 10" not in sentence  # the lowest satisfaction, said once
            continue
        if a == b:
            assert verdicts[metric.key] == 0
            continue
        expected = metric.better if verdicts[metric.key] > 0 else metric.worse
        assert expected.format(ours=a, theirs=b) in sentence
        # The direction matches the numbers: more is better except for the gap between associations.
        more = ours[metric.key] > theirs[metric.key]
        assert (verdicts[metric.key] > 0) == (more if metric.higher_is_better else not more)
    # Seen from the other side, every verdict flips.
    assert tradeoff(theirs, ours) == {k: -v for k, v in verdicts.items()}
    gains = any(v > 0 for v in verdicts.values())
    losses = any(v < 0 for v in verdicts.values())
    assert (" mais " in sentence) == (gains and losses)


def test_what_each_method_favours_is_said_plainly_and_the_rule_names_its_alpha():
    assert "petites demandes sont favorisées, à dessein" in method_favours("nash", alpha=0.5)
    assert "α = 0,5" in method_favours("nash", alpha=0.5)
    assert "favorise le plus les petites demandes" in method_favours("nash", alpha=0)
    assert "proportionnelles" in method_favours("nash", alpha=1)
    assert "satisfaction la plus basse" in method_favours("greedy", alpha=0.5)
    assert "proportion des demandes" in method_favours("proportional", alpha=0.5)
    assert "hasard" in method_favours("lottery", alpha=0.5).lower()


def test_methods_compared_writes_one_sentence_per_baseline_and_none_for_the_rule():
    comparison = {
        "nash": BASE,
        "greedy": {**BASE, "min_satisfaction": 0.8167},
        "proportional": {**BASE, "small_share": 0.1654},
        "lottery": {**BASE, "organisations_served": 49},
    }
    rows = methods_compared(comparison=comparison, alpha=0.5)
    assert [r["method"] for r in rows] == ["nash", "greedy", "proportional", "lottery"]
    assert rows[0]["sentence"] == ""
    assert "sert moins bien l'association la moins servie" in rows[1]["sentence"]
    assert "donne plus de billets aux petites demandes" in rows[2]["sentence"]
    assert "sert plus d'associations (55 contre 49)" in rows[3]["sentence"]
