"""Reads on campaigns: the one rule saying who may see which campaign."""

import datetime as dt

from django.db.models import QuerySet

from billetterie.campaigns.models import Campaign, CampaignGames, Wave
from billetterie.campaigns.rules import (
    ratio_words,
    reminder_days_words,
    size_weight_words,
    youth_for_ratio,
)
from billetterie.catalogue.models import Games
from billetterie.core.changes import Change, day, plural, yes_no


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    """Operator staff see their operator's campaigns; a platform administrator sees all."""
    qs = Campaign.objects.select_related("operator")
    if user.is_platform_admin:
        return qs
    if user.is_operator_staff:
        return qs.filter(operator_id=user.operator_id)
    return qs.none()


def campaign_visible_to(user, slug: str) -> Campaign:
    """One campaign the user may manage; any other → Campaign.DoesNotExist."""
    return campaigns_visible_to(user).get(slug=slug)


def campaigns_of_association(*, association) -> QuerySet[Campaign]:
    """The campaigns of the association's operator: the only ones it takes part in."""
    return Campaign.objects.filter(operator_id=association.operator_id).order_by(
        "-created_at", "slug"
    )


def campaign_of_association(*, association, slug: str) -> Campaign:
    """One campaign the association takes part in; any other → Campaign.DoesNotExist."""
    return campaigns_of_association(association=association).get(slug=slug)


def campaign_games_of(*, campaign) -> list[Games]:
    return [
        cg.games for cg in campaign.games_settings.select_related("games").order_by("games__code")
    ]


# Reads for the back office


def campaign_slug_taken(*, slug: str) -> bool:
    """Whether a campaign of any operator already uses this slug (slugs are unique everywhere)."""
    return Campaign.objects.filter(slug=slug).exists()


def games_settings_of(*, campaign) -> QuerySet[CampaignGames]:
    """The campaign's settings for each Games it covers, with the Games."""
    return campaign.games_settings.select_related("games")


def waves_of(*, campaign) -> QuerySet[Wave]:
    """The campaign's planned waves, in their order."""
    return campaign.waves.all()


def reliability_sources(*, campaign) -> QuerySet[Campaign]:
    """The campaigns whose reliability may rank this one's associations: the operator's others."""
    return (
        Campaign.objects.filter(operator_id=campaign.operator_id)
        .exclude(pk=campaign.pk)
        .order_by("-created_at", "slug")
    )


def games_by_code() -> QuerySet[Games]:
    """Every Games of the catalogue, by code: what an allocation run may be limited to."""
    return Games.objects.order_by("code")


# Reads for the portal


def campaign_games_by_code(*, campaign, code: str) -> Games:
    """One Games the campaign distributes, by its code; any other → Games.DoesNotExist."""
    return Games.objects.get(code=code, pk__in=campaign.games_settings.values("games_id"))


# The settings page: what a change of the calendar and rules would do, before it is made

FIELD_WORDS = {
    "name": ("Nom de la campagne", str),
    "call_opens_on": ("Ouverture de l'appel à candidatures", day),
    "call_closes_on": ("Clôture de l'appel à candidatures", day),
    "response_delay_days": ("Délai de réponse aux propositions", lambda n: plural(n, "jour")),
    "contest_opens_on": ("Ouverture du jeu-concours", day),
    "contest_closes_on": ("Clôture du jeu-concours", day),
    "contest_confirmation_deadline": ("Confirmation de participation au jeu-concours", day),
    "jury_deliberation_on": ("Délibération du jury", day),
    "nominative_reminder_days": (
        "Rappels avant l'échéance des attributions nominatives",
        reminder_days_words,
    ),
    "retention_until": ("Conservation des données personnelles jusqu'au", day),
    "max_supervisors_per_youth": (
        "Encadrement",
        lambda ratio: ratio_words(youth=youth_for_ratio(ratio)),
    ),
    "max_tickets_per_youth": (
        "Billets par jeune",
        lambda n: f"au plus {plural(n, 'billet')} par jeune",
    ),
    "size_weight_exponent": ("Poids de la taille des demandes (α)", size_weight_words),
    "over_request_tolerance": (
        "Tolérance de dépassement de la demande",
        lambda n: plural(n, "billet"),
    ),
    "continuous_mode": (
        "Réattribution en continu",
        lambda on: "activée" if on else "désactivée",
    ),
    "reliability_source": (
        "Critère de fiabilité : campagne précédente",
        lambda source: f"fiabilité dans « {source.name} »",
    ),
    "reliability_threshold": ("Critère de fiabilité : seuil", lambda n: f"{n} %"),
}
# What an empty value reads as, when "non renseignée" (a date's word) does not fit.
EMPTY_WORDS = {
    "reliability_source": "aucune : la fiabilité n'est pas prise en compte",
    "reliability_threshold": "aucun",
}
RELIABILITY_WARNING = (
    "Vaut pour les prochains calculs d'attribution : les associations dont la fiabilité dans la "
    "campagne choisie est sous le seuil passent au rang suivant. La page « Attribution » les "
    "nomme avant chaque calcul ; les vagues publiées ne changent pas."
)
NEXT_RUNS = "Vaut pour les prochains calculs d'attribution ; les vagues publiées ne changent pas."


def _campaign_warnings(name, before, after, *, names_given: int, today: dt.date) -> list[str]:
    """What a person must know before changing one setting of the campaign."""
    named = (
        f"Des bénéficiaires sont déjà nommés ({plural(names_given, 'billet')}) : "
        if names_given
        else ""
    )
    stricter_ratio = name == "max_supervisors_per_youth" and (
        youth_for_ratio(after) > youth_for_ratio(before)
    )
    if stricter_ratio and named:
        return [
            named + "avec cette règle plus stricte, des groupes peuvent compter trop "
            "d'encadrants. Leurs associations le verront sur leur page et devront revoir "
            "leurs noms ou demander une dérogation."
        ]
    if name == "max_tickets_per_youth" and named and after < before:
        return [
            named + "avec cette règle plus stricte, des jeunes peuvent avoir plus de billets que "
            "permis. Leurs associations le verront sur leur page et devront revoir leurs noms."
        ]
    if name == "retention_until":
        erased = [
            f"Les données personnelles de la campagne (noms, dates de naissance, téléphones, "
            f"courriers) seront effacées le {day(after + dt.timedelta(days=1))}, sans retour "
            "possible."
        ]
        if before and after < before:
            erased.append(f"C'est plus tôt que prévu jusqu'ici ({day(before)}).")
        return erased
    if name == "continuous_mode":
        if after:
            return [
                "Dès la confirmation, un lot décliné, expiré ou rendu est aussitôt proposé à "
                "l'association suivante, sans attendre la prochaine vague ; les lots déjà dans le "
                "vivier attendent la prochaine vague."
            ]
        return [
            "Les lots déclinés, expirés ou rendus resteront dans le vivier jusqu'à la "
            "prochaine vague."
        ]
    if name == "call_closes_on" and after and after < today and (before is None or before >= today):
        return [
            "L'appel à candidatures sera clos dès la confirmation : les demandes suivantes iront "
            "sur la liste d'attente."
        ]
    if name == "response_delay_days":
        return [
            "Vaut pour les propositions envoyées après la confirmation ; celles déjà envoyées "
            "gardent leur échéance."
        ]
    if name == "nominative_reminder_days":
        return [
            "Vaut pour les rappels à venir, pour chaque Jeux ; un rappel déjà envoyé ne l'est pas "
            "une seconde fois."
        ]
    if name in ("size_weight_exponent", "over_request_tolerance"):
        return [NEXT_RUNS]
    if name in ("reliability_source", "reliability_threshold"):
        return [RELIABILITY_WARNING]
    return []


def _deadline_warnings(before, after, *, today: dt.date) -> list[str]:
    if after is not None and after < today:
        return [
            "Cette date est passée : les associations ne pourront plus donner ni modifier les "
            "noms pour ces Jeux (seulement demander une réattribution)."
        ]
    if after is not None and before is not None and after < before:
        return [
            "Les associations auront moins de temps pour donner les noms de leurs bénéficiaires."
        ]
    return []


def campaign_settings_preview(
    *,
    campaign: Campaign,
    values: dict,
    nominative_deadlines: dict[str, dt.date | None],
    referents_second_factor: bool,
    names_given: int,
    today: dt.date,
) -> list[Change]:
    """What saving the settings page would change, in plain French, with the consequences.

    `values` holds the new calendar and rules (fields of `campaign_update`), `nominative_deadlines`
    the new deadline of each Games by code; `names_given` is how many tickets already have a
    holder (a stricter rule may then be broken). Nothing is written. The changes come in the
    order of the page: calendar, nominative deadlines, retention, rules, the operator's setting.
    """
    fields = {}
    for name, after in values.items():
        before = getattr(campaign, name)
        if before == after:
            continue
        label, words = FIELD_WORDS[name]
        fields[name] = Change(
            name,
            label,
            words(before) if before is not None else EMPTY_WORDS.get(name, day(None)),
            words(after) if after is not None else EMPTY_WORDS.get(name, day(None)),
            tuple(_campaign_warnings(name, before, after, names_given=names_given, today=today)),
        )
    deadlines = []
    for setting in games_settings_of(campaign=campaign).order_by("games__code"):
        code = setting.games.code
        if code not in nominative_deadlines:
            continue
        before, after = setting.nominative_deadline, nominative_deadlines[code]
        if before != after:
            deadlines.append(
                Change(
                    f"nominative_deadline_{code}",
                    f"Échéance des attributions nominatives — {setting.games.name}",
                    day(before),
                    day(after),
                    tuple(_deadline_warnings(before, after, today=today)),
                )
            )
    order = list(FIELD_WORDS)
    calendar = order[: order.index("retention_until")]
    changes = [fields[n] for n in calendar if n in fields] + deadlines
    changes += [fields[n] for n in order if n in fields and n not in calendar]
    operator = campaign.operator
    if operator.referents_second_factor != referents_second_factor:
        everywhere = f"Ce réglage vaut pour toutes les campagnes de {operator.name}."
        changes.append(
            Change(
                "referents_second_factor",
                "Double authentification obligatoire pour les référents",
                yes_no(operator.referents_second_factor),
                yes_no(referents_second_factor),
                (
                    everywhere,
                    "À leur prochaine page, les référents qui n'ont pas encore de double "
                    "authentification devront en activer une avant de continuer."
                    if referents_second_factor
                    else "Les référents qui l'ont activée la gardent ; les autres ne seront plus "
                    "obligés de l'activer.",
                ),
            )
        )
    return changes
