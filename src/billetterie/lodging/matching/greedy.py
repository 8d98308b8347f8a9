"""Compatible hosts per group, the greedy baseline, the relaxation bound and the French reasons."""

from __future__ import annotations

from collections import Counter

from .model import Group, Host, cost_km, fits, reason

#: Per group: the compatible hosts as (distance cost, host index), nearest first, ties by host id.
Compat = list[list[tuple[float, int]]]


def compatible_hosts(groups: list[Group], hosts: list[Host]) -> Compat:
    out: Compat = []
    for g in groups:
        row = [(cost_km(g, h), j) for j, h in enumerate(hosts) if fits(g, h)]
        row.sort(key=lambda c: (c[0], hosts[c[1]].id))
        out.append(row)
    return out


def greedy_order(groups: list[Group]) -> list[int]:
    """Largest person-nights first, ties by group id."""
    return sorted(range(len(groups)), key=lambda i: (-groups[i].person_nights, groups[i].id))


def greedy(groups: list[Group], hosts: list[Host], compat: Compat) -> list[int | None]:
    """Each group in turn to the nearest compatible host that still has its beds every night."""
    free = [dict(h.beds) for h in hosts]
    chosen: list[int | None] = [None] * len(groups)
    for i in greedy_order(groups):
        g = groups[i]
        for _, j in compat[i]:
            beds = free[j]
            if all(beds.get(n, 0) >= g.persons for n in g.nights):
                for n in g.nights:
                    beds[n] -= g.persons
                chosen[i] = j
                break
    return chosen


def relaxation_bound(groups: list[Group], hosts: list[Host], compat: Compat) -> int:
    """A valid upper bound on the person-nights of any feasible matching.

    Night by night, what is placed is at most the persons of the groups present that night that
    have a compatible host, and at most, summed over hosts, min(the host's beds, the persons of the
    compatible groups present that night)."""
    demand: Counter[str] = Counter()
    per_host: list[Counter[str]] = [Counter() for _ in hosts]
    for g, row in zip(groups, compat, strict=True):
        if not row:
            continue
        for n in g.nights:
            demand[n] += g.persons
        for _, j in row:
            for n in g.nights:
                per_host[j][n] += g.persons
    supply: Counter[str] = Counter()
    for h, wanted in zip(hosts, per_host, strict=True):
        for n, persons in wanted.items():
            supply[n] += min(persons, h.beds.get(n, 0))
    return sum(min(d, supply[n]) for n, d in demand.items())


def unplaced_reason(group: Group, hosts: list[Host], n_compatible: int) -> str:
    """Why a group is not placed, in French."""
    if not hosts:
        return "aucun lieu d'accueil proposé"
    if n_compatible:
        lieux = "lieu qui convient n'a" if n_compatible == 1 else "lieux qui conviennent n'ont"
        return (
            f"{'le' if n_compatible == 1 else 'les'} {n_compatible} {lieux} plus assez de lits "
            "libres sur ses nuits (pris par d'autres groupes)"
        )
    counts: Counter[str] = Counter()
    for h in hosts:
        why = reason(group, h) or ""
        counts["lits insuffisants" if why.startswith("lits insuffisants") else why] += 1
    parts = [
        f"{why} ({n} lieu{'x' if n > 1 else ''})"
        for why, n in sorted(counts.items(), key=lambda c: (-c[1], c[0]))
    ]
    return "aucun lieu ne convient : " + ", ".join(parts)
