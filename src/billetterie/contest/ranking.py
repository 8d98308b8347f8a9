"""The contest's ranking, as pure functions (no database): marks, entry scores, tie-breaks, moves.

The rule (docs/contest.md says it in French):

- A member's **mark** of an entry is out of 20: 20 × Σ(weight × score) ÷ Σ(weight × scale), over
  the campaign's criteria. A member who has not scored every criterion of an entry gives it no mark
  (their partial scores are shown, and ignored).
- An entry's **score** is the mean of its members' marks; with the « trimmed » method and at least
  `TRIMMED_MIN_MARKS` marks, the highest and the lowest are dropped first. An entry no member
  has fully scored has no score and comes after every scored entry.
- **Ties** are broken, in this order, by: the higher median mark, the more marks, the earlier
  upload, the label. The ranking is therefore a strict order: no two entries share a rank.
- The president's **moves** (one place up or down, with a reason) are applied in the order they
  were made to the computed ranking; a move at the top (or bottom) changes nothing.

Arithmetic is exact (`Fraction`); only the display rounds (2 decimals).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from statistics import median

OUT_OF = 20
TRIMMED_MIN_MARKS = 4
MEAN, TRIMMED = "mean", "trimmed"
UP, DOWN = "up", "down"


@dataclass(frozen=True)
class CriterionRule:
    id: int
    weight: int
    scale: int


@dataclass(frozen=True)
class Candidate:
    """An entry as the ranking sees it: its members' complete marks, its upload date, its label."""

    entry_id: int
    label: str
    uploaded_at: datetime
    marks: tuple[Fraction, ...] = ()


@dataclass(frozen=True)
class Placed:
    entry_id: int
    label: str
    score: Fraction | None
    marks: tuple[Fraction, ...]
    computed_rank: int
    rank: int
    reasons: tuple[str, ...] = field(default=())


def member_mark(values: dict[int, int], criteria: Sequence[CriterionRule]) -> Fraction | None:
    """The member's mark out of 20, or None when a criterion has no score (or there are none)."""
    if not criteria or any(c.id not in values for c in criteria):
        return None
    total = sum(c.weight * c.scale for c in criteria)
    got = sum(c.weight * min(max(values[c.id], 0), c.scale) for c in criteria)
    return Fraction(OUT_OF * got, total)


def entry_score(marks: Sequence[Fraction], method: str = MEAN) -> Fraction | None:
    """Mean of the marks; trimmed (without one highest and one lowest) when asked and enough."""
    if not marks:
        return None
    kept = sorted(marks)
    if method == TRIMMED and len(kept) >= TRIMMED_MIN_MARKS:
        kept = kept[1:-1]
    return Fraction(sum(kept), len(kept))


def _key(candidate: Candidate, method: str):
    score = entry_score(candidate.marks, method)
    middle = Fraction(median(candidate.marks)) if candidate.marks else Fraction(0)
    return (
        score is None,
        -(score or 0),
        -middle,
        -len(candidate.marks),
        candidate.uploaded_at,
        candidate.label,
        candidate.entry_id,
    )


def computed_order(candidates: Iterable[Candidate], method: str = MEAN) -> list[Candidate]:
    """The candidates best first, ties broken by the documented rule."""
    return sorted(candidates, key=lambda c: _key(c, method))


@dataclass(frozen=True)
class Move:
    entry_id: int
    direction: str
    reason: str


def moves_apply(order: Sequence[int], moves: Iterable[Move]) -> list[int]:
    """The order of entry ids after the president's moves, in the order they were made. A move of
    an entry no longer ranked, or past either end, changes nothing."""
    result = list(order)
    for move in moves:
        if move.entry_id not in result:
            continue
        at = result.index(move.entry_id)
        to = at - 1 if move.direction == UP else at + 1
        if 0 <= to < len(result):
            result[at], result[to] = result[to], result[at]
    return result


def ranking(
    candidates: Iterable[Candidate], method: str = MEAN, moves: Sequence[Move] = ()
) -> list[Placed]:
    """The final ranking: computed order, then the moves; each entry with both ranks and reasons."""
    computed = computed_order(candidates, method)
    by_id = {c.entry_id: c for c in computed}
    computed_rank = {c.entry_id: n for n, c in enumerate(computed, start=1)}
    final = moves_apply([c.entry_id for c in computed], moves)
    reasons: dict[int, list[str]] = {}
    for move in moves:
        if move.entry_id in by_id:
            reasons.setdefault(move.entry_id, []).append(move.reason)
    return [
        Placed(
            entry_id=entry_id,
            label=by_id[entry_id].label,
            score=entry_score(by_id[entry_id].marks, method),
            marks=by_id[entry_id].marks,
            computed_rank=computed_rank[entry_id],
            rank=rank,
            reasons=tuple(reasons.get(entry_id, ())),
        )
        for rank, entry_id in enumerate(final, start=1)
    ]


def rounded(value: Fraction | None) -> Decimal | None:
    """For display and storage: 2 decimals, half up."""
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
