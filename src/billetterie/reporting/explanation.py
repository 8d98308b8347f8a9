"""Each association's own explanation of what it received, in plain French.

Computed only from what each published allocation run froze — its instance (the pool, the
remaining requests, the city weights and, since the instance carries them, the applications as they
were), its current proposal (the engine's choice and the operator's moves, recorded in the audit
log with their reasons) — so that it reads the same a year later, whatever changed since.

It answers what French law asks of an individual decision taken with the help of an algorithm
(CRPA L311-3-1 and R311-3-1-2): the degree and mode of the program's contribution, the data used
and their sources, the parameters and their weighting as applied to the association, and the
operations performed. Words are the association's: no "Nash", no exponent, no solver.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from billetterie.allocation.engine.explain import day, number
from billetterie.allocation.instance import association_pk, org_key, pack_pk
from billetterie.allocation.models import AllocationRun, RunAssignment, RunStatus
from billetterie.campaigns.models import Campaign
from billetterie.catalogue.models import Session
from billetterie.core.audit import audit_log
from billetterie.core.models import AuditEntry
from billetterie.core.plural import plural
from billetterie.core.usecase import use_case
from billetterie.requests.models import Application

GAMES = {"OG": "Jeux olympiques", "PG": "Jeux paralympiques"}
GAMES_SHORT = {"OG": "JO", "PG": "JP"}


def _games(code: str) -> str:
    return GAMES_SHORT.get(code, code)


def _tickets(n: int) -> str:
    return f"{number(n)} billet{'s' if n > 1 else ''}"


def _packs(n: int) -> str:
    return f"{n} lot{'s' if n > 1 else ''}"


def _rank(rank: int) -> str:
    return f"{rank}{'er' if rank == 1 else 'e'} choix"


def _percent(part: float, whole: float) -> str:
    return f"{number(round(100 * part / whole)) if whole else 100} %"


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} et {items[-1]}"


RULE = (
    "Les billets arrivent en lots indivisibles : un lot, c'est un nombre fixe de places pour une "
    "épreuve, dans une ville hôte, à une date, et il va entier à une seule association. Une "
    "association ne peut recevoir un lot que pour des Jeux qu'elle a demandés, dans une ville qu'elle "
    "a choisie, hors de ses dates impossibles, et sans dépasser sa demande. Les candidatures de "
    "l'appel passent avant la liste d'attente : la liste d'attente reçoit les lots que l'appel a "
    "laissés, et un lot de l'appel ne lui est cédé que par un échange contre un lot libre qui vaut "
    "au moins autant pour l'association de l'appel. Parmi toutes les répartitions possibles, le programme retient celle qui sert d'abord "
    "le plus grand nombre d'associations, puis qui équilibre le mieux les parts : donner deux billets "
    "de plus à une association qui en a déjà beaucoup compte moins que les donner à une association "
    "qui en a peu. Un billet dans une ville que vous avez classée plus loin, ou éloignée de chez vous, "
    "compte un peu moins pour vous, ce qui vous oriente vers les villes que vous préférez."
)
CITY_RULE = (
    "Votre 1er choix compte pour 1, chaque choix suivant pour 0,15 de moins (jamais moins de 0,40) ; "
    "au-delà de 150 km de votre association, ce chiffre baisse un peu avec la distance, sans jamais "
    "perdre plus de la moitié."
)


@dataclass
class WaveExplanation:
    """What one published run decided for the association, and why."""

    title: str
    published_on: str
    request: list[str] = field(default_factory=list)
    tier: list[str] = field(default_factory=list)
    weight: str = ""
    cities: list[str] = field(default_factory=list)
    impossible: str = ""
    pool: list[str] = field(default_factory=list)
    received: list[str] = field(default_factory=list)
    received_tickets: int = 0
    why_not_more: list[str] = field(default_factory=list)
    manual: list[str] = field(default_factory=list)


@dataclass
class Explanation:
    association: str
    campaign: str
    operator: str
    rule: str = RULE
    waves: list[WaveExplanation] = field(default_factory=list)
    automation: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    law: str = ""

    def text(self) -> str:
        """All the words, in reading order (the tests and the PDF read the same words)."""
        parts = [self.association, self.campaign, self.rule]
        for wave in self.waves:
            parts += [wave.title, wave.published_on, *wave.request, *wave.tier, wave.weight]
            parts += [*wave.cities, wave.impossible, *wave.pool, *wave.received]
            parts += [*wave.why_not_more, *wave.manual]
        return "\n".join(p for p in [*parts, *self.automation, *self.sources, self.law] if p)


def published_runs(*, campaign):
    """The campaign's published runs with their instance (the explanation reads nothing else of
    their frozen data: the engine's result and the comparison stay in the database)."""
    return (
        AllocationRun.objects.filter(campaign=campaign, status=RunStatus.PUBLISHED)
        .select_related("wave", "published_by")
        .defer("result", "comparison", "metrics")
        .order_by("number")
    )


def explanation_campaigns(*, association) -> list:
    """The campaigns where the association applied and at least one run was published.

    Asked on every referent home and offers page: it reads campaign rows only, never a run's
    instance or result (tens of megabytes each at national scale).
    """
    applied = Application.objects.filter(association=association).values("campaign_id")
    published = AllocationRun.objects.filter(status=RunStatus.PUBLISHED).values("campaign_id")
    return list(
        Campaign.objects.filter(pk__in=applied).filter(pk__in=published).order_by("name", "pk")
    )


def association_explanation(*, campaign, association) -> Explanation:
    """The association's explanation over every published run of the campaign that concerned it.

    Reads only the frozen runs (their instance and current proposal) and the audit entries of the
    operator's moves; the live application, packs and catalogue are never read for figures (the
    catalogue gives only the sport of a session, a fact that does not change).
    """
    operator = campaign.operator.name
    out = Explanation(association=association.name, campaign=campaign.name, operator=operator)
    me = org_key(association.pk)
    runs = list(published_runs(campaign=campaign))
    assignments = defaultdict(list)
    for run_id, pack_id, assoc_id, by_hand, reason in RunAssignment.objects.filter(
        run__in=runs
    ).values_list("run_id", "pack_id", "association_id", "moved_by_hand", "reason"):
        assignments[run_id].append((pack_id, assoc_id, by_hand, reason))
    moves = defaultdict(list)
    for entry in AuditEntry.objects.filter(
        action="allocation.pack_moved",
        subject_type="allocation.allocationrun",
        subject_id__in=[str(r.pk) for r in runs],
    ).order_by("created_at", "pk"):
        moves[int(entry.subject_id)].append(entry.details or {})
    # Only the packs named to this association (the ones it received) need their event's name.
    received = {
        pack_id for r in runs for pack_id, a, _, _ in assignments[r.pk] if a == association.pk
    }
    codes = {
        p["session"]
        for r in runs
        for p in (r.instance or {}).get("packs", [])
        if p.get("session") and pack_pk(p["id"]) in received
    }
    sports = {
        (s.games.code, s.code): s.event_name
        for s in Session.objects.filter(code__in=codes).select_related("games")
    }
    total_moves = 0
    for run in runs:
        instance = run.instance or {}
        orgs = {o["id"]: o for o in instance.get("organisations", [])}
        mine = [(p, a, h, r) for p, a, h, r in assignments[run.pk] if a == association.pk]
        concerned = [m for m in moves[run.pk] if association.pk in (m.get("from"), m.get("to"))]
        if me not in orgs and not mine and not concerned:
            continue
        total_moves += len(concerned)
        out.waves.append(
            _wave(
                run=run,
                instance=instance,
                org=orgs.get(me),
                association_id=association.pk,
                pairs=assignments[run.pk],
                moves=concerned,
                sports=sports,
                operator=operator,
            )
        )
    out.automation = _automation(out.waves, total_moves, operator)
    out.sources = _sources(operator)
    out.law = (
        "Ces informations vous sont données au titre des articles L311-3-1 et R311-3-1-2 du code des "
        "relations entre le public et l'administration : pour toute décision prise à l'aide d'un "
        "programme, la personne concernée peut connaître la part qu'il y a prise, les données "
        "utilisées et leur origine, les critères et leur poids appliqués à sa situation, et les "
        f"opérations effectuées. Pour toute question, contactez l'équipe de {operator}."
    )
    return out


def _possible(org: dict, pack: dict) -> bool:
    return (
        org.get("requested", {}).get(pack["games"], 0) > 0
        and org.get("cities", {}).get(pack["city"], 0) > 0
        and pack["date"] not in org.get("unavailable_dates", [])
    )


def _rivals(orgs: list[dict], org: dict, possible: list[dict]) -> list[dict]:
    """The other organisations for which at least one of `possible` is possible (`_possible`).

    Indexed by Games and city (the dates of the packs there), not every pack for every
    organisation: a national run has thousands of each.
    """
    dates = defaultdict(set)
    for p in possible:
        dates[(p["games"], p["city"])].add(p["date"])
    rivals = []
    for o in orgs:
        if o["id"] == org["id"]:
            continue
        unavailable = set(o.get("unavailable_dates", []))
        if any(
            dates.get((g, city), set()) - unavailable
            for g, n in o.get("requested", {}).items()
            if n > 0
            for city, weight in o.get("cities", {}).items()
            if weight > 0
        ):
            rivals.append(o)
    return rivals


def _wave(*, run, instance, org, association_id, pairs, moves, sports, operator):
    title = str(run.wave) if run.wave else f"Répartition n° {run.number}"
    published = run.published_at
    wave = WaveExplanation(
        title=title,
        published_on=f"Répartition calculée le {day(run.created_at.date().isoformat())} et "
        f"publiée le {day(published.date().isoformat())} par l'équipe de {operator}.",
    )
    packs = {pack_pk(p["id"]): p for p in instance.get("packs", [])}
    holder = {pack_id: assoc for pack_id, assoc, _, _ in pairs}
    if org is None:
        wave.request.append(
            "Votre association ne faisait pas partie de ce calcul (aucune demande restante "
            "à ce moment), mais l'équipe vous a attribué des lots à la main : voir plus bas."
        )
        _received(wave, packs, pairs, association_id, sports)
        wave.manual = _manual(moves, packs, association_id)
        return wave
    tolerance = int(instance.get("rules", {}).get("over_request_tolerance", 0))
    alpha = float(instance.get("rules", {}).get("size_weight_exponent", 0))
    apps = org.get("applications", {})
    requested = org["requested"]
    # The request, as the application stated it when the run was frozen.
    for g, remaining in sorted(requested.items()):
        app = apps.get(g)
        if app:
            asked = app["youth"] + app["supervisors"]
            cities = ", ".join(c["city"] for c in app["cities"]) or "aucune"
            line = (
                f"{GAMES.get(g, g)} : votre candidature du {day(app['received_on'])} demande "
                f"{_tickets(asked)} ({plural(app['youth'], 'jeune')} et "
                f"{plural(app['supervisors'], 'encadrant')}) ; "
                f"villes par ordre de préférence : {cities}."
            )
            if asked != remaining:
                line += (
                    f" {_tickets(asked - remaining)} vous étaient déjà acceptés ou proposés : "
                    f"il vous en restait {remaining} à recevoir."
                )
        else:
            line = f"{GAMES.get(g, g)} : il vous restait {_tickets(remaining)} à recevoir."
        wave.request.append(line)
    wave.tier = _tier(org, apps)
    total = sum(requested.values())
    wave.weight = _weight_text(total, alpha)
    ranks = {}
    kms = {}
    for app in apps.values():
        for c in app["cities"]:
            ranks[c["city"]] = min(ranks.get(c["city"], 99), c["rank"])
            if c.get("km") is not None:
                kms[c["city"]] = c["km"]
    for city, w in sorted(
        org.get("cities", {}).items(), key=lambda kv: (ranks.get(kv[0], 99), kv[0])
    ):
        where = [_rank(ranks[city])] if city in ranks else []
        if city in kms:
            where.append(f"à {number(kms[city])} km de votre association")
        detail = f" ({', '.join(where)})" if where else ""
        wave.cities.append(f"{city}{detail} compte pour {number(w, 3)}.")
    if org.get("unavailable_dates"):
        dates = ", ".join(day(d) for d in sorted(org["unavailable_dates"]))
        wave.impossible = f"Dates que vous avez indiquées comme impossibles : {dates}."
    else:
        wave.impossible = "Vous n'avez indiqué aucune date impossible."
    # The pool it competed for: the packs it could receive, in that wave.
    possible = [p for p in packs.values() if _possible(org, p)]
    by_city = defaultdict(lambda: [0, 0])
    for p in possible:
        by_city[(p["games"], p["city"])][0] += 1
        by_city[(p["games"], p["city"])][1] += p["size"]
    if possible:
        wave.pool.append(
            f"Lots que vous pouviez recevoir dans cette vague (vos villes, vos Jeux, hors de vos "
            f"dates impossibles) : {_packs(len(possible))}, "
            f"{_tickets(sum(p['size'] for p in possible))} en tout — "
            + _join(
                [
                    f"{city} ({_games(g)}) : {_packs(n)}, {_tickets(t)}"
                    for (g, city), (n, t) in sorted(by_city.items())
                ]
            )
            + "."
        )
        rivals = _rivals(instance.get("organisations", []), org, possible)
        same = sum(1 for o in rivals if o.get("tier", 1) == org.get("tier", 1))
        before = sum(1 for o in rivals if o.get("tier", 1) < org.get("tier", 1))
        text = f"{same} autre{'s' if same > 1 else ''} association{'s' if same > 1 else ''} de votre rang pouvai{'en' if same > 1 else ''}t recevoir certains de ces lots"
        if before:
            text += f", et {before} d'un rang qui passe avant le vôtre"
        wave.pool.append(text + ".")
    else:
        wave.pool.append(
            "Aucun lot de cette vague ne correspondait à la fois à vos Jeux, à vos villes et à "
            "vos dates possibles."
        )
    _received(wave, packs, pairs, association_id, sports, requested=total)
    # Why not more, Games by Games, from the frozen pool and the final proposal.
    share = _shares(instance, pairs, packs)
    for g, remaining in sorted(requested.items()):
        if remaining > 0:
            wave.why_not_more.append(
                _why(org, g, remaining, tolerance, packs, holder, association_id, share, moves)
            )
    wave.manual = _manual(moves, packs, association_id)
    return wave


def _tier(org: dict, apps: dict) -> list[str]:
    tier = org.get("tier", 1)
    channels = {a.get("channel") for a in apps.values()}
    lines = []
    if tier == 1:
        lines.append(
            "Rang : « appel à candidatures ». Votre candidature est arrivée pendant l'appel : "
            "vous avez concouru avec toutes les associations de l'appel, sur tous les lots."
        )
    else:
        lines.append(
            "Rang : « liste d'attente ». "
            + (
                "Votre candidature est arrivée après l'appel ou a été placée en liste d'attente : "
                if 2 in channels or not channels
                else ""
            )
            + "vous passiez après les associations de l'appel : vous ne pouviez recevoir que les "
            "lots qu'elles ont laissés, ou un lot qu'une d'elles échangeait contre un lot libre "
            "valant au moins autant pour elle."
        )
    if org.get("postponed"):
        lines.append(
            "Votre association a été placée un rang plus loin selon le critère choisi par "
            "l'opérateur dans les réglages de la campagne (la fiabilité lors d'une campagne "
            "précédente)."
        )
    return lines


def _weight_text(total: int, alpha: float) -> str:
    if alpha == 0:
        return (
            "Taille de la demande : toutes les associations comptent autant, quelle que soit la "
            "taille de leur demande."
        )
    weight = float(total) ** alpha
    if alpha == 1:
        return (
            f"Taille de la demande : chaque association compte en proportion de sa demande ; "
            f"votre demande de {_tickets(total)} vous donne un poids de {number(weight)}."
        )
    return (
        "Taille de la demande : plus une demande est grande, moins chaque billet supplémentaire "
        f"compte. Votre demande restante de {_tickets(total)} vous donne un poids de "
        f"{number(weight)} (une demande de 1 billet a un poids de 1) ; une demande deux fois plus "
        f"grande pèserait {number(2**alpha)} fois plus, et non deux fois plus."
    )


def _pack_line(p: dict, sports: dict) -> str:
    sport = sports.get((p["games"], p.get("session", "")))
    what = f"{sport}, " if sport else ""
    return (
        f"Lot {p.get('reference') or p['id']} — {_games(p['games'])}, {what}{day(p['date'])}, "
        f"{p['city']} — {_tickets(p['size'])}"
    )


def _received(wave, packs, pairs, association_id, sports, requested: int | None = None) -> None:
    mine = [(packs[p], by_hand) for p, a, by_hand, _ in pairs if a == association_id and p in packs]
    mine.sort(key=lambda t: (t[0]["date"], t[0].get("reference", ""), t[0]["id"]))
    wave.received_tickets = sum(p["size"] for p, _ in mine)
    if not mine:
        wave.received.append("Dans cette vague, aucun lot ne vous a été proposé.")
        return
    head = f"Dans cette vague, {_packs(len(mine))} vous {'ont' if len(mine) > 1 else 'a'} été proposé{'s' if len(mine) > 1 else ''}, soit {_tickets(wave.received_tickets)}"
    if requested:
        head += f", {_percent(wave.received_tickets, requested)} de votre demande restante"
    wave.received.append(head + " :")
    for p, by_hand in mine:
        wave.received.append(
            _pack_line(p, sports) + (" (attribué à la main par l'équipe)" if by_hand else "")
        )


def _shares(instance: dict, pairs, packs) -> dict[int, float]:
    """Each association's share of its remaining request in the final proposal."""
    got = defaultdict(int)
    for pack_id, assoc, _, _ in pairs:
        if pack_id in packs:
            got[assoc] += packs[pack_id]["size"]
    out = {}
    for o in instance.get("organisations", []):
        total = sum(o["requested"].values())
        out[association_pk(o["id"])] = got[association_pk(o["id"])] / total if total else 1.0
    return out


def _too_big(too_big: dict, demand: str) -> str:
    """« le plus petit lot restant (4 billets à Lille) dépassait votre demande restante (3 billets) »."""
    smallest = _join(
        [f"{_tickets(min(sizes))} à {city}" for city, sizes in sorted(too_big.items())]
    )
    if len(too_big) > 1:
        return f"les plus petits lots restants ({smallest}) dépassaient {demand}"
    return f"le plus petit lot restant ({smallest}) dépassait {demand}"


def _why(org, g, remaining, tolerance, packs, holder, association_id, share, moves) -> str:
    label = f"Pour les {_games(g)}"
    got = sum(
        p["size"]
        for pid, p in packs.items()
        if holder.get(pid) == association_id and p["games"] == g
    )
    if got >= remaining:
        return f"{label}, votre demande restante ({_tickets(remaining)}) est entièrement servie."
    left = remaining + tolerance - got
    in_cities = [
        (pid, p)
        for pid, p in packs.items()
        if p["games"] == g and org.get("cities", {}).get(p["city"], 0) > 0
    ]
    if not in_cities:
        cities = _join(sorted(c for c, w in org.get("cities", {}).items() if w > 0))
        return f"{label}, aucun lot n'était disponible dans vos villes ({cities}) dans cette vague."
    possible = [
        (pid, p) for pid, p in in_cities if p["date"] not in org.get("unavailable_dates", [])
    ]
    if not possible:
        return (
            f"{label}, les {_packs(len(in_cities))} de vos villes tombaient tous à des dates que "
            "vous aviez indiquées comme impossibles : aucun lot à vos dates possibles."
        )
    free = [(pid, p) for pid, p in possible if pid not in holder]
    fitting = [
        (pid, p) for pid, p in possible if p["size"] <= left and holder.get(pid) != association_id
    ]
    demand = f"votre demande restante ({_tickets(left)})"
    if not fitting:
        too_big = defaultdict(list)
        for pid, p in possible:
            if holder.get(pid) != association_id:
                too_big[p["city"]].append(p["size"])
        if not too_big:
            return (
                f"{label}, tous les lots de vos villes à vos dates possibles vous ont été proposés."
            )
        return f"{label}, {_too_big(too_big, demand)} : un lot ne se coupe pas."
    fitting_free = [(pid, p) for pid, p in fitting if pid not in holder]
    if fitting_free:
        if moves:
            return (
                f"{label}, des lots à votre mesure sont restés libres après les ajustements de "
                "l'équipe (voir « Ajustements manuels »)."
            )
        return (
            f"{label}, des lots à votre mesure sont restés libres : le calcul s'est arrêté avant de "
            "les répartir."
        )
    takers = {holder[pid] for pid, _ in fitting}
    sentences = []
    # Free packs too big for what it still needed, city by city.
    too_big = defaultdict(list)
    for _, p in free:
        if p["size"] > left:
            too_big[p["city"]].append(p["size"])
    if too_big:
        sentences.append(_too_big(too_big, demand))
    others = [t for t in takers if t != association_id]
    mine_share = share.get(association_id, 0.0)
    rest = [share.get(t, 0.0) for t in others]
    if others:
        avg = sum(rest) / len(rest)
        taken = (
            f"les {_packs(len(fitting))} à votre mesure dans vos villes à vos dates sont allés à "
            f"{len(others)} autre{'s' if len(others) > 1 else ''} association{'s' if len(others) > 1 else ''}"
            f", servie{'s' if len(others) > 1 else ''} en moyenne à {number(round(100 * avg))} % "
            f"de leur demande restante, contre {number(round(100 * mine_share))} % pour vous"
        )
        sentences.append(taken)
        if got == 0:
            sentences.append(
                "la règle sert d'abord le plus grand nombre d'associations : vous donner l'un de "
                "ces lots aurait laissé une autre association sans rien"
            )
        else:
            sentences.append(
                "la règle équilibre les parts : vous donner l'un de ces lots en plus aurait fait "
                "perdre davantage à l'association qui l'a reçu que cela ne vous aurait apporté"
            )
    return f"{label}, " + " ; ".join(sentences) + "."


def _manual(moves, packs, association_id) -> list[str]:
    lines = []
    for m in moves:
        p = packs.get(m.get("pack_id"))
        what = (
            f"le lot {p.get('reference') or p['id']} ({day(p['date'])}, {p['city']}, "
            f"{_tickets(p['size'])})"
            if p
            else "un lot"
        )
        reason = m.get("reason") or "motif effacé avec les données personnelles de la campagne"
        if m.get("to") == association_id:
            lines.append(f"L'équipe vous a attribué {what} à la main. Motif : « {reason} ».")
        else:
            lines.append(f"L'équipe vous a retiré {what}. Motif : « {reason} ».")
    return lines


def _automation(waves, moves: int, operator: str) -> list[str]:
    lines = [
        "La répartition a été calculée par un programme, à partir des données ci-dessous et selon "
        f"la règle fixée par {operator}, puis relue et publiée par l'équipe de {operator}. Le "
        "programme propose ; l'équipe décide de publier, et peut déplacer un lot à la main en "
        "donnant un motif, inscrit au journal.",
        "Ajustements manuels vous concernant : "
        + (f"{moves} (détaillés vague par vague)." if moves else "aucun."),
        "Chaque lot proposé reste à accepter par votre association : rien ne vous est imposé.",
    ]
    if not waves:
        lines.insert(0, "Aucune répartition ne vous concernant n'a encore été publiée.")
    return lines


def _sources(operator: str) -> list[str]:
    return [
        "Votre demande, vos villes classées et vos dates impossibles : votre candidature déposée "
        "sur la plateforme, telle qu'elle était au moment du calcul.",
        "Les billets déjà acceptés ou en attente de réponse : les propositions enregistrées sur la "
        "plateforme au moment du calcul.",
        f"Les lots (épreuve, ville, date, nombre de billets) : les lots confiés à {operator}, "
        "encore libres au moment du calcul.",
        "Les distances : à vol d'oiseau, entre la position enregistrée de votre association (à "
        "défaut, la préfecture de son département) et la ville hôte.",
        "Le rang et les réglages de la règle : le calendrier et les réglages de la campagne.",
        CITY_RULE,
    ]


def explanation_opened(*, campaign, association, actor, file_format: str) -> None:
    """The operator opened an association's explanation (page or PDF): audited.

    An association reading its own explanation is not audited.
    """
    with use_case():
        audit_log(
            action="reporting.explanation_opened",
            actor=actor,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"association": association.name, "format": file_format},
        )
