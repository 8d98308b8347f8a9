"""The rules of use as one pure function: plain data in, the violations in plain French out.

The rules (docs/rules.md, « Les règles des attributions nominatives »):
- every ticket of an accepted pack has a holder (a pack is used whole);
- per group, supervisors ≤ max(1, youth // N) where "1 supervisor for N youth" is the campaign's
  ratio, unless the operator granted a derogation (then up to the supervisors it allows);
- a youth holds at most `max_tickets_per_youth` tickets over the whole campaign;
- nobody holds two tickets of the same session;
- each group has a leader: a supervisor of the group (holding one of its tickets) with a mobile;
- the referent attests that the youth are followed or accommodated by the association.
"""

from collections import defaultdict
from dataclasses import dataclass, field

YOUTH = "youth"
SUPERVISOR = "supervisor"


@dataclass(frozen=True)
class PersonIn:
    id: int
    name: str
    kind: str  # YOUTH or SUPERVISOR
    has_mobile: bool = False


@dataclass(frozen=True)
class PackIn:
    reference: str
    size: int
    session: int
    group: int | None = None


@dataclass(frozen=True)
class GroupIn:
    id: int
    name: str
    leader: int | None = None
    derogation_supervisors: int | None = None  # granted derogation: supervisors allowed


@dataclass(frozen=True)
class HolderIn:
    pack: str
    ticket: int
    person: int


@dataclass(frozen=True)
class Nomination:
    people: tuple[PersonIn, ...]
    packs: tuple[PackIn, ...]
    groups: tuple[GroupIn, ...]
    holders: tuple[HolderIn, ...]
    youth_per_supervisor: int = 3
    max_tickets_per_youth: int = 2
    attested: bool = True


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    packs: tuple[str, ...] = ()
    groups: tuple[int, ...] = ()
    people: tuple[int, ...] = field(default=())


CODES = ("incomplete", "ratio", "too_many_tickets", "same_session", "leader", "attestation")


def supervisors_allowed(*, youth: int, youth_per_supervisor: int, derogation: int | None) -> int:
    """Supervisors a group may have: one per N youth, at least one (a group needs its leader)."""
    allowed = max(1, youth // max(1, youth_per_supervisor))
    return max(allowed, derogation) if derogation is not None else allowed


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:12])
    return shown + (" …" if len(numbers) > 12 else "")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def violations(nomination: Nomination) -> list[Violation]:
    """Every rule broken by this nomination, in a stable order (rules, then packs and people)."""
    people = {p.id: p for p in nomination.people}
    packs = {p.reference: p for p in nomination.packs}
    found: list[Violation] = []
    held: dict[str, set[int]] = defaultdict(set)
    for h in nomination.holders:
        held[h.pack].add(h.ticket)

    def name(person_id: int) -> str:
        person = people.get(person_id)
        return person.name if person else f"personne n° {person_id}"

    # Every ticket of every pack is named.
    for pack in sorted(packs.values(), key=lambda p: p.reference):
        missing = [n for n in range(1, pack.size + 1) if n not in held[pack.reference]]
        if missing:
            found.append(
                Violation(
                    "incomplete",
                    f"Lot {pack.reference} : {_plural(len(missing), 'billet')} sans bénéficiaire "
                    f"(n° {_numbers(missing)}). Un lot s'utilise en entier.",
                    packs=(pack.reference,),
                    groups=(pack.group,) if pack.group is not None else (),
                )
            )

    # Per group: supervision ratio and leader.
    group_packs: dict[int, list[str]] = defaultdict(list)
    for pack in packs.values():
        if pack.group is not None:
            group_packs[pack.group].append(pack.reference)
    members: dict[int, list[int]] = defaultdict(list)
    for h in nomination.holders:
        pack = packs.get(h.pack)
        if pack is not None and pack.group is not None:
            members[pack.group].append(h.person)
    for group in sorted(nomination.groups, key=lambda g: g.id):
        refs = tuple(sorted(group_packs[group.id]))
        lots = ", ".join(refs) or "aucun lot"
        kinds = [people[p].kind for p in members[group.id] if p in people]
        youth, supervisors = kinds.count(YOUTH), kinds.count(SUPERVISOR)
        allowed = supervisors_allowed(
            youth=youth,
            youth_per_supervisor=nomination.youth_per_supervisor,
            derogation=group.derogation_supervisors,
        )
        if supervisors > allowed:
            found.append(
                Violation(
                    "ratio",
                    f"Groupe « {group.name} » (lots {lots}) : {_plural(supervisors, 'encadrant')} "
                    f"pour {_plural(youth, 'jeune')}, au plus {allowed} permis (1 encadrant pour "
                    f"{_plural(nomination.youth_per_supervisor, 'jeune')}). Remplacez un encadrant "
                    "par un "
                    "jeune ou demandez une dérogation.",
                    packs=refs,
                    groups=(group.id,),
                )
            )
        leader = people.get(group.leader) if group.leader is not None else None
        problem = None
        if leader is None:
            problem = "n'a pas de responsable de groupe"
        elif leader.kind != SUPERVISOR:
            problem = f"a pour responsable {leader.name}, qui n'est pas encadrant"
        elif leader.id not in members[group.id]:
            problem = f"a pour responsable {leader.name}, qui n'a pas de billet dans ce groupe"
        elif not leader.has_mobile:
            problem = (
                f"a pour responsable {leader.name}, sans numéro de téléphone portable valide "
                "(les billets sont uniquement numériques)"
            )
        if problem:
            found.append(
                Violation(
                    "leader",
                    f"Groupe « {group.name} » (lots {lots}) {problem}.",
                    packs=refs,
                    groups=(group.id,),
                    people=(leader.id,) if leader else (),
                )
            )

    # Per person: tickets over the campaign and sessions.
    by_person: dict[int, list[HolderIn]] = defaultdict(list)
    for h in nomination.holders:
        by_person[h.person].append(h)
    for person_id in sorted(by_person, key=lambda pid: (name(pid), pid)):
        tickets = sorted(by_person[person_id], key=lambda h: (h.pack, h.ticket))
        refs = tuple(sorted({h.pack for h in tickets}))
        shown = ", ".join(f"{h.pack} n° {h.ticket}" for h in tickets)
        person = people.get(person_id)
        if (
            person is not None
            and person.kind == YOUTH
            and len(tickets) > nomination.max_tickets_per_youth
        ):
            found.append(
                Violation(
                    "too_many_tickets",
                    f"{person.name} est nommé sur {len(tickets)} billets ({shown}) : au plus "
                    f"{_plural(nomination.max_tickets_per_youth, 'billet')} par jeune.",
                    packs=refs,
                    people=(person_id,),
                )
            )
        sessions: dict[int, list[HolderIn]] = defaultdict(list)
        for h in tickets:
            if h.pack in packs:
                sessions[packs[h.pack].session].append(h)
        for same in sessions.values():
            if len(same) > 1:
                found.append(
                    Violation(
                        "same_session",
                        f"{name(person_id)} a {len(same)} billets pour la même épreuve ("
                        + ", ".join(f"{h.pack} n° {h.ticket}" for h in same)
                        + ") : un seul billet par épreuve.",
                        packs=tuple(sorted({h.pack for h in same})),
                        people=(person_id,),
                    )
                )

    if not nomination.attested:
        found.append(
            Violation(
                "attestation",
                "Attestez que les jeunes nommés sont suivis ou accueillis par votre association.",
            )
        )
    order = {code: i for i, code in enumerate(CODES)}
    return sorted(found, key=lambda v: order[v.code])


def is_valid(nomination: Nomination) -> bool:
    return not violations(nomination)
