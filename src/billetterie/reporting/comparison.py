"""An honest comparison of allocation methods: what each one favours, and the trade-off in words
generated from the figures of the run being read — never a fixed claim.

Pure functions over the engine's metrics (`allocation.engine.metrics.compute_metrics`): the run
page and the size-weight preview read them. Figures are compared as they are shown (percentages
rounded to the unit, the inequality index to two decimals), so a sentence never says « moins »
between two figures the page prints the same.
"""

from dataclasses import dataclass

from billetterie.allocation.methods import BASELINES, METHOD_LABELS

RULE = "nash"


def alpha_text(alpha: float) -> str:
    """0.5 → « 0,5 »; 1.0 → « 1 »."""
    return f"{float(alpha):g}".replace(".", ",")


def method_favours(method: str, *, alpha: float) -> str:
    """What a method favours, in one plain sentence (the rule's depends on the campaign's α)."""
    if method == RULE:
        if float(alpha) == 0:
            weight = (
                "avec α = 0, chaque association compte autant, quelle que soit sa demande : c'est "
                "le réglage qui favorise le plus les petites demandes"
            )
        elif float(alpha) == 1:
            weight = (
                "avec α = 1, chaque association pèse autant que sa demande : les parts tendent "
                "à être proportionnelles aux demandes"
            )
        else:
            weight = (
                f"avec α = {alpha_text(alpha)}, une association qui demande plus pèse plus, mais "
                "moins que proportionnellement : les petites demandes sont favorisées, à dessein"
            )
        return (
            "Sert d'abord le plus grand nombre d'associations, puis équilibre les parts selon la "
            f"pondération par la taille de la campagne ; {weight}. Elle ne cherche pas à relever "
            "à tout prix l'association la moins servie."
        )
    return {
        "greedy": (
            "Relève d'abord la satisfaction la plus basse : donne tour à tour un lot à "
            "l'association la moins bien servie jusque-là, sans regarder la taille des demandes."
        ),
        "proportional": (
            "Partage en proportion des demandes : une association qui demande deux fois plus "
            "pèse deux fois plus (la règle de la campagne avec α = 1)."
        ),
        "lottery": (
            "Le hasard : un ordre est tiré au sort et chaque association prend à son tour ce "
            "qu'elle peut ; rien n'y favorise les petites demandes ni les moins servies."
        ),
    }[method]


def percent_text(value: float) -> str:
    """0.5047 → « 50 % » (unit, French spacing), as the page's `percent` filter."""
    return f"{round(float(value) * 100)}\u00a0%"


def count_text(value: int) -> str:
    """5345 → « 5 345 »."""
    return f"{int(value):,}".replace(",", "\u202f")


def index_text(value: float) -> str:
    """0.0374 → « 0,04 »."""
    return f"{float(value):.2f}".replace(".", ",")


@dataclass(frozen=True)
class Metric:
    key: str
    higher_is_better: bool
    show: object  # the value as the page prints it
    better: str  # « la règle de la campagne … » (then « ({ours} contre {theirs}) »)
    worse: str
    tie: str  # names the figure, for « À égalité : … »


METRICS = (
    Metric(
        "organisations_served",
        True,
        count_text,
        "sert plus d'associations ({ours} contre {theirs})",
        "sert moins d'associations ({ours} contre {theirs})",
        "associations servies ({ours})",
    ),
    Metric(
        "min_satisfaction",
        True,
        percent_text,
        "sert mieux l'association la moins servie ({ours} de sa demande contre {theirs})",
        "sert moins bien l'association la moins servie ({ours} de sa demande contre {theirs})",
        "satisfaction la plus basse ({ours})",
    ),
    Metric(
        "p10_satisfaction",
        True,
        percent_text,
        "garantit plus aux moins servies (9 associations sur 10 reçoivent au moins {ours} "
        "de leur demande, contre {theirs})",
        "garantit moins aux moins servies (9 associations sur 10 reçoivent au moins {ours} "
        "de leur demande, contre {theirs})",
        "9 associations sur 10 reçoivent au moins {ours} de leur demande",
    ),
    Metric(
        "small_share",
        True,
        percent_text,
        "donne plus de billets aux petites demandes ({ours} des billets contre {theirs})",
        "donne moins de billets aux petites demandes ({ours} des billets contre {theirs})",
        "part des billets aux petites demandes ({ours})",
    ),
    Metric(
        "gini_satisfaction",
        False,
        index_text,
        "laisse moins d'écart entre associations ({ours} contre {theirs})",
        "laisse plus d'écart entre associations ({ours} contre {theirs})",
        "écart entre associations ({ours})",
    ),
    Metric(
        "tickets_allocated",
        True,
        count_text,
        "attribue plus de billets ({ours} contre {theirs})",
        "attribue moins de billets ({ours} contre {theirs})",
        "billets attribués ({ours})",
    ),
)


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} et {parts[-1]}"


def _verdict(metric: Metric, ours: dict, theirs: dict) -> tuple[int, str, str]:
    """(+1 the rule does better, −1 worse, 0 the same as shown), our figure and theirs as shown."""
    a, b = metric.show(ours[metric.key]), metric.show(theirs[metric.key])
    if a == b:
        return 0, a, b
    better = ours[metric.key] > theirs[metric.key]
    if not metric.higher_is_better:
        better = not better
    return (1 if better else -1), a, b


def _p10_says_nothing_more(ours: dict, theirs: dict) -> bool:
    """With few associations (ten or fewer), « 9 sur 10 » is the lowest satisfaction itself: the
    sentence names it once."""
    return all(
        percent_text(f["p10_satisfaction"]) == percent_text(f["min_satisfaction"])
        for f in (ours, theirs)
    )


def tradeoff(ours: dict, theirs: dict) -> dict:
    """Per metric, whether the rule does better (+1), worse (−1) or the same (0) than the other."""
    return {m.key: _verdict(m, ours, theirs)[0] for m in METRICS}


def tradeoff_sentence(ours: dict, theirs: dict, *, other_label: str, subject: str) -> str:
    """One sentence, from the figures only: what `subject` gains and loses against the other."""
    gains, losses, ties = [], [], []
    for metric in METRICS:
        if metric.key == "p10_satisfaction" and _p10_says_nothing_more(ours, theirs):
            continue
        verdict, a, b = _verdict(metric, ours, theirs)
        if verdict > 0:
            gains.append(metric.better.format(ours=a, theirs=b))
        elif verdict < 0:
            losses.append(metric.worse.format(ours=a, theirs=b))
        else:
            ties.append(metric.tie.format(ours=a))
    if not gains and not losses:
        return f"Face à « {other_label} », les chiffres sont les mêmes."
    if gains and losses:
        body = f"{_joined(gains)}, mais {_joined(losses)}"
    elif gains:
        body = f"{_joined(gains)}, sans faire moins bien sur aucun chiffre"
    else:
        body = f"{_joined(losses)}, sans faire mieux sur aucun chiffre"
    sentence = f"Face à « {other_label} », {subject} {body}."
    if ties:
        sentence += f" À égalité : {_joined(ties)}."
    return sentence


def methods_compared(*, comparison: dict, alpha: float) -> list[dict]:
    """The run page's comparison: per method, its figures, what it favours, and — for each
    baseline — the sentence of the trade-off with the campaign's rule."""
    ours = comparison.get(RULE)
    rows = []
    for method in (RULE, *BASELINES):
        figures = comparison.get(method)
        if not figures:
            continue
        row = {
            "method": method,
            "label": METHOD_LABELS[method],
            "favours": method_favours(method, alpha=alpha),
            "sentence": "",
            **figures,
        }
        if method != RULE and ours:
            row["sentence"] = tradeoff_sentence(
                ours,
                figures,
                other_label=METHOD_LABELS[method],
                subject="sur ce calcul, la règle de la campagne",
            )
        rows.append(row)
    return rows
