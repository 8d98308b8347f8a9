"""Immutable domain objects of an allocation instance and the interchangeable pack classes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Organisation:
    """An association asking for tickets, as read from a validated instance."""

    id: str
    name: str
    tier: int
    requested: dict[str, int]
    cities: dict[str, float]
    unavailable_dates: frozenset[str]

    @property
    def total_requested(self) -> int:
        return sum(self.requested.values())


@dataclass(frozen=True)
class Pack:
    """An indivisible group of tickets for one session, city and date."""

    id: str
    games: str
    session: str
    city: str
    date: str
    size: int


@dataclass(frozen=True)
class PackClass:
    """Interchangeable packs: same Games, host city, date and size."""

    games: str
    city: str
    date: str
    size: int
    pack_ids: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.pack_ids)


@dataclass(frozen=True)
class Instance:
    """A validated instance, sorted canonically by identifier."""

    name: str
    alpha: float
    tolerance: int
    organisations: tuple[Organisation, ...]
    packs: tuple[Pack, ...]
    sha256: str = ""
    classes: tuple[PackClass, ...] = field(default=(), compare=False)

    def with_alpha(self, alpha: float) -> Instance:
        return Instance(
            self.name,
            alpha,
            self.tolerance,
            self.organisations,
            self.packs,
            self.sha256,
            self.classes,
        )

    def weight(self, org: Organisation) -> float:
        """The association's weight w = R ** alpha in the Nash objective."""
        return float(org.total_requested) ** self.alpha if self.alpha else 1.0

    @property
    def tiers(self) -> list[int]:
        return sorted({o.tier for o in self.organisations})


def build_classes(packs: tuple[Pack, ...]) -> tuple[PackClass, ...]:
    """Group packs into classes sorted by (games, city, date, size), pack ids sorted inside."""
    groups: dict[tuple[str, str, str, int], list[str]] = {}
    for p in packs:
        groups.setdefault((p.games, p.city, p.date, p.size), []).append(p.id)
    return tuple(
        PackClass(g, c, d, s, tuple(sorted(ids))) for (g, c, d, s), ids in sorted(groups.items())
    )


def can_receive(inst: Instance, org: Organisation, pc: PackClass) -> bool:
    """Hard constraint 2 and the size part of constraint 3 for one pack of the class."""
    cap = org.requested.get(pc.games, 0)
    return (
        cap > 0
        and org.cities.get(pc.city, 0.0) > 0.0
        and pc.date not in org.unavailable_dates
        and pc.size <= cap + inst.tolerance
    )
