"""The ranking rule (contest/ranking.py): examples, then properties that hold for any scores."""

import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from billetterie.contest.ranking import (
    DOWN,
    MEAN,
    TRIMMED,
    UP,
    Candidate,
    CriterionRule,
    Move,
    entry_score,
    member_mark,
    moves_apply,
    ranking,
    rounded,
)

T0 = dt.datetime(2024, 3, 20, 10, 0, tzinfo=dt.UTC)
CRITERIA = [CriterionRule(1, weight=2, scale=10), CriterionRule(2, weight=1, scale=5)]


def test_a_mark_is_out_of_20_and_weighs_each_criterion():
    # 20 × (2×7 + 1×3) / (2×10 + 1×5) = 20 × 17 / 25 = 13.6
    assert member_mark({1: 7, 2: 3}, CRITERIA) == Fraction(68, 5)
    assert member_mark({1: 10, 2: 5}, CRITERIA) == 20
    assert member_mark({1: 0, 2: 0}, CRITERIA) == 0


def test_a_partial_mark_counts_for_nothing():
    assert member_mark({1: 7}, CRITERIA) is None
    assert member_mark({}, CRITERIA) is None
    assert member_mark({1: 7}, []) is None


def test_trimmed_mean_drops_one_highest_and_one_lowest_from_four_marks():
    marks = [Fraction(2), Fraction(10), Fraction(12), Fraction(20)]
    assert entry_score(marks, MEAN) == 11
    assert entry_score(marks, TRIMMED) == 11  # (10 + 12) / 2
    assert entry_score(
        [Fraction(0), Fraction(10), Fraction(11), Fraction(20)], TRIMMED
    ) == Fraction(21, 2)
    # Three marks: too few to trim, the plain mean.
    assert entry_score([Fraction(0), Fraction(10), Fraction(20)], TRIMMED) == 10
    assert entry_score([], MEAN) is None


def _c(entry_id, *marks, minutes=0, label=None):
    return Candidate(
        entry_id=entry_id,
        label=label or f"Enregistrement {entry_id}",
        uploaded_at=T0 + dt.timedelta(minutes=minutes),
        marks=tuple(Fraction(m) for m in marks),
    )


def test_ties_go_to_the_higher_median_then_more_marks_then_the_earlier_upload():
    # Same mean 12: medians 14 and 12 → entry 2 first.
    higher_median = ranking([_c(1, 12, 12, 12, minutes=0), _c(2, 8, 14, 14, minutes=5)])
    assert [p.entry_id for p in higher_median] == [2, 1]
    # Same mean and median: 3 marks beat 2.
    more_marks = ranking([_c(1, 12, 12, minutes=0), _c(2, 12, 12, 12, minutes=5)])
    assert [p.entry_id for p in more_marks] == [2, 1]
    # Everything equal: the earlier upload.
    earlier = ranking([_c(1, 12, 12, minutes=9), _c(2, 12, 12, minutes=5)])
    assert [p.entry_id for p in earlier] == [2, 1]


def test_an_entry_nobody_scored_comes_last():
    placed = ranking([_c(1), _c(2, 0), _c(3, 5)])
    assert [p.entry_id for p in placed] == [3, 2, 1]
    assert placed[-1].score is None


def test_moves_are_applied_in_order_with_their_reasons():
    candidates = [_c(1, 18), _c(2, 15), _c(3, 10)]
    moves = [Move(3, UP, "Très touchant"), Move(3, UP, "Unanimité")]
    placed = ranking(candidates, MEAN, moves)
    assert [(p.entry_id, p.rank, p.computed_rank) for p in placed] == [
        (3, 1, 3),
        (1, 2, 1),
        (2, 3, 2),
    ]
    assert placed[0].reasons == ("Très touchant", "Unanimité")
    assert placed[1].reasons == ()
    # A later move applies to the order as the earlier ones left it.
    again = ranking(candidates, MEAN, [*moves, Move(1, UP, "Retour")])
    assert [p.entry_id for p in again] == [1, 3, 2]
    # Past either end, or of an entry no longer ranked, a move changes nothing.
    assert moves_apply([1, 2, 3], [Move(1, UP, "x"), Move(3, DOWN, "y"), Move(9, UP, "z")]) == [
        1,
        2,
        3,
    ]


def test_rounding_for_display():
    assert rounded(Fraction(68, 5)) == rounded(Fraction(1360, 100))
    assert str(rounded(Fraction(2, 3))) == "0.67"
    assert rounded(None) is None


# The machine may be busy: no deadline per example (a slow example is not a wrong one).
PROPERTY = settings(deadline=None)

# --- Properties ---------------------------------------------------------------------------------

marks_strategy = st.lists(
    st.fractions(min_value=0, max_value=20, max_denominator=25), min_size=0, max_size=6
)


@st.composite
def fields(draw, min_size=1, max_size=8):
    n = draw(st.integers(min_size, max_size))
    return [
        Candidate(
            entry_id=i + 1,
            label=f"Enregistrement {i + 1}",
            uploaded_at=T0 + dt.timedelta(minutes=draw(st.integers(0, 3))),
            marks=tuple(draw(marks_strategy)),
        )
        for i in range(n)
    ]


moves_strategy = st.lists(
    st.builds(
        Move,
        entry_id=st.integers(1, 9),
        direction=st.sampled_from([UP, DOWN]),
        reason=st.just("motif"),
    ),
    max_size=6,
)


@PROPERTY
@given(fields(), st.sampled_from([MEAN, TRIMMED]), moves_strategy)
def test_the_ranking_is_a_permutation_with_ranks_one_to_n(candidates, method, moves):
    placed = ranking(candidates, method, moves)
    assert sorted(p.entry_id for p in placed) == sorted(c.entry_id for c in candidates)
    assert [p.rank for p in placed] == list(range(1, len(candidates) + 1))
    assert sorted(p.computed_rank for p in placed) == list(range(1, len(candidates) + 1))


@PROPERTY
@given(fields(), st.sampled_from([MEAN, TRIMMED]))
def test_the_order_does_not_depend_on_the_order_given(candidates, method):
    forward = [p.entry_id for p in ranking(candidates, method)]
    backward = [p.entry_id for p in ranking(list(reversed(candidates)), method)]
    assert forward == backward


@PROPERTY
@given(fields(min_size=2), st.sampled_from([MEAN, TRIMMED]), st.data())
def test_raising_one_mark_never_lowers_that_entry(candidates, method, data):
    scored = [c for c in candidates if c.marks]
    if not scored:
        return
    target = data.draw(st.sampled_from(scored))
    at = data.draw(st.integers(0, len(target.marks) - 1))
    old = target.marks[at]
    new = data.draw(st.fractions(min_value=old, max_value=20, max_denominator=25))
    raised = Candidate(
        target.entry_id,
        target.label,
        target.uploaded_at,
        target.marks[:at] + (new,) + target.marks[at + 1 :],
    )
    before = {p.entry_id: p.rank for p in ranking(candidates, method)}
    after = {
        p.entry_id: p.rank
        for p in ranking([raised if c is target else c for c in candidates], method)
    }
    assert after[target.entry_id] <= before[target.entry_id]


@PROPERTY
@given(st.fractions(min_value=0, max_value=20, max_denominator=25), st.integers(1, 9))
def test_trimmed_equals_mean_when_all_marks_are_equal(mark, count):
    marks = [mark] * count
    assert entry_score(marks, TRIMMED) == entry_score(marks, MEAN) == mark


@PROPERTY
@given(marks_strategy.filter(bool), st.sampled_from([MEAN, TRIMMED]))
def test_the_score_lies_between_the_lowest_and_highest_mark(marks, method):
    assert min(marks) <= entry_score(marks, method) <= max(marks)


@PROPERTY
@given(
    st.dictionaries(st.integers(1, 2), st.integers(0, 10), min_size=2, max_size=2),
)
def test_a_complete_mark_lies_between_0_and_20(values):
    mark = member_mark(values, CRITERIA)
    assert mark is not None and 0 <= mark <= 20


@PROPERTY
@given(st.lists(st.integers(1, 6), min_size=1, max_size=6, unique=True), moves_strategy)
def test_moves_keep_a_permutation_and_each_changes_at_most_two_places(order, moves):
    result = list(order)
    for move in moves:
        after = moves_apply(result, [move])
        assert sorted(after) == sorted(result)
        assert sum(a != b for a, b in zip(after, result, strict=True)) in (0, 2)
        result = after
