"""One plain-French paragraph per association: what it asked, what it got, and why not more."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Instance, Organisation, PackClass

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
GAMES_LABEL = {"OG": "JO", "PG": "JP"}
METHOD_LABEL = {
    "greedy": "la méthode « au moins servi d'abord »",
    "lottery": "le tirage au sort",
}


def number(value: float, digits: int = 2) -> str:
    """French number: decimal comma, no useless zeros."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def plural(count: float, word: str) -> str:
    """« 1 lot », « 12 lots » (0 lot, as French says). The engine imports nothing from the
    project (tests/allocation/test_allocation_purity.py): billetterie.core.plural's rule, here."""
    return f"{number(count)} {word if abs(count) < 2 else word + 's'}"


def tickets(count: float) -> str:
    """« 1 billet », « 12 billets »."""
    return plural(count, "billet")


def still_to_receive(count: int) -> str:
    """What an association still lacks: « le seul billet qui lui reste », « les 3 billets… »."""
    if count == 1:
        return "le seul billet qui lui reste à recevoir"
    return f"les {tickets(count)} qui lui restent à recevoir"


def day(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)}{'er' if d == '01' else ''} {MONTHS[int(m) - 1]} {y}"


def games(code: str) -> str:
    return GAMES_LABEL.get(code, code)


@dataclass
class Allocation:
    """The final allocation as the explanations need it."""

    rule: Instance  # the instance with the exponent of the method (1 for proportional)
    method: str
    counts: dict[str, dict[int, int]]  # association id -> class index -> packs
    leftover: list[int]  # packs left per class
    holders: dict[int, list[str]]  # class index -> association ids holding some
    utility: dict[str, float]


def _tier_text(org: Organisation) -> str:
    if org.tier == 1:
        return "au rang de priorité 1 (réponses à l'appel à candidatures)"
    return (
        f"au rang de priorité {org.tier} (liste d'attente : elle passe après les rangs "
        "précédents, qui ne lui cèdent jamais un lot à leurs dépens)"
    )


def _received_text(org: Organisation, alloc: Allocation) -> str:
    mine = alloc.counts.get(org.id, {})
    if not mine:
        return "Elle ne reçoit aucun lot."
    classes = alloc.rule.classes
    parts = []
    for g in org.requested:
        by_city: dict[str, int] = {}
        for k, n in sorted(mine.items()):
            if classes[k].games == g:
                by_city[classes[k].city] = by_city.get(classes[k].city, 0) + n * classes[k].size
        if by_city:
            detail = ", ".join(f"{c} {number(t)}" for c, t in sorted(by_city.items()))
            parts.append(f"{tickets(sum(by_city.values()))} {games(g)} ({detail})")
    packs = sum(mine.values())
    total = sum(n * classes[k].size for k, n in mine.items())
    share = total / org.total_requested
    return (
        f"Elle reçoit {plural(packs, 'lot')} : {' et '.join(parts)}, "
        f"soit {number(round(100 * share))} % de sa demande."
    )


def _competition(org: Organisation, g: str, eligible: list[int], alloc: Allocation) -> str:
    rule, classes = alloc.rule, alloc.rule.classes
    by_id = {o.id: o for o in rule.organisations}
    holders = {j for k in eligible for j in alloc.holders.get(k, ()) if j != org.id}
    if holders and all(by_id[j].tier < org.tier for j in holders):
        return "ils sont allés aux associations d'un rang de priorité supérieur"
    if alloc.method in METHOD_LABEL:
        return f"{METHOD_LABEL[alloc.method]} les a donnés à d'autres associations avant elle"
    u_i = alloc.utility[org.id]
    if u_i <= 0:
        return (
            "lui en donner un aurait obligé à retirer son seul lot à une autre association : la "
            "règle sert d'abord le plus grand nombre d'associations"
        )
    w_i = rule.weight(org)
    best = None
    for k in eligible:
        pc: PackClass = classes[k]
        gain = w_i * math.log1p(pc.size * org.cities[pc.city] / u_i)
        for j in alloc.holders.get(k, ()):
            other = by_id[j]
            if j == org.id or other.tier != org.tier:
                continue
            a_j = pc.size * other.cities[pc.city]
            packs_j = sum(alloc.counts[j].values())
            loss = (
                math.inf
                if packs_j == 1
                else -rule.weight(other) * math.log1p(-a_j / alloc.utility[j])
            )
            key = (loss - gain, j, k)
            if best is None or key < best[0]:
                best = (key, other, pc)
    if best is None:
        return "ils sont allés à d'autres associations"
    (loss_minus_gain, _, _), other, pc = best
    where = f"un lot de {tickets(pc.size)} à {pc.city} le {day(pc.date)}"
    if math.isinf(loss_minus_gain):
        return (
            f"ils sont allés à des associations qui n'ont que ce lot : lui donner {where}, repris "
            f"à « {other.name} », laisserait cette association sans rien, et la règle sert d'abord "
            "le plus grand nombre d'associations"
        )
    return (
        f"ils sont allés à d'autres associations dont la demande pèse autant ou plus selon la "
        f"règle : par exemple, lui donner {where}, repris à « {other.name} », ferait perdre "
        "davantage à cette association que cela ne lui apporterait"
    )


def _reason(org: Organisation, g: str, alloc: Allocation) -> str:
    rule, classes = alloc.rule, alloc.rule.classes
    got = sum(
        n * classes[k].size
        for k, n in alloc.counts.get(org.id, {}).items()
        if classes[k].games == g
    )
    label = games(g)
    if got >= org.requested[g]:
        return f"pour les {label}, sa demande est atteinte"
    remaining = org.requested[g] + rule.tolerance - got
    in_cities = [
        k
        for k, pc in enumerate(classes)
        if pc.games == g and org.cities.get(pc.city, 0) > 0 and pc.date not in org.unavailable_dates
    ]
    if not in_cities:
        return f"pour les {label}, aucun lot n'était proposé dans ses villes aux dates possibles"
    fitting = [k for k in in_cities if classes[k].size <= remaining]
    if not fitting:
        smallest = min(classes[k].size for k in in_cities)
        return (
            f"pour les {label}, les lots de ses villes comptent au moins {tickets(smallest)}, plus "
            f"que {still_to_receive(remaining)}"
        )
    if any(alloc.leftover[k] > 0 for k in fitting):
        return (
            f"pour les {label}, il reste des lots qui lui conviendraient : le calcul s'est arrêté "
            "avant de les répartir"
        )
    reason = _competition(org, g, fitting, alloc)
    too_big = [classes[k].size for k in in_cities if alloc.leftover[k] > 0]
    extra = (
        f" (les lots encore libres dans ses villes comptent au moins {tickets(min(too_big))}, "
        f"plus que {still_to_receive(remaining)})"
        if too_big
        else ""
    )
    return (
        f"pour les {label}, les lots de ses villes à sa mesure (au plus {tickets(remaining)}) sont "
        f"tous attribués{extra} : {reason}"
    )


def explain(org: Organisation, alloc: Allocation) -> str:
    """The paragraph shown to the association and to the operator."""
    rule = alloc.rule
    asked = " et ".join(f"{tickets(n)} {games(g)}" for g, n in org.requested.items() if n > 0)
    if not asked:
        return (
            f"« {org.name} » ({org.id}) figure {_tier_text(org)} mais n'a demandé aucun billet ; "
            "elle ne reçoit donc aucun lot."
        )
    sentences = [
        f"« {org.name} » ({org.id}) figure {_tier_text(org)} ; elle a demandé {asked}, "
        f"soit {tickets(org.total_requested)}."
    ]
    if rule.alpha == 0:
        sentences.append(
            "Dans la règle, toutes les associations comptent autant : son poids est 1."
        )
    else:
        sentences.append(
            f"Son poids dans la règle est {number(rule.weight(org))} (sa demande de "
            f"{tickets(org.total_requested)}, à la puissance {number(rule.alpha)})."
        )
    cities = sorted(((w, c) for c, w in org.cities.items() if w > 0), key=lambda t: (-t[0], t[1]))
    if cities:
        listed = ", ".join(f"{c} ({number(w)})" for w, c in cities)
        sentences.append(
            f"Villes hôtes qu'elle peut recevoir, avec son intérêt de 0 à 1 : {listed}."
        )
    else:
        sentences.append("Elle n'a indiqué aucune ville hôte.")
    if org.unavailable_dates:
        dates = ", ".join(day(d) for d in sorted(org.unavailable_dates))
        sentences.append(f"Dates impossibles : {dates}.")
    sentences.append(_received_text(org, alloc))
    reasons = [_reason(org, g, alloc) for g, n in org.requested.items() if n > 0]
    text = " ; ".join(reasons)
    sentences.append(f"Pourquoi pas davantage : {text}.")
    return " ".join(sentences)
