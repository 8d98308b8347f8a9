"""The demo's contest « La parole aux petits champions », as the operator set it up in 2024.

The dates are the campaign's (confirmation by 1 April, entries from 19 March to 9 April,
deliberation on 17 April). At the demo's clock (15 March) the submission window is not open yet,
so no audio entry is seeded: a few associations have confirmed their participation, and the
walk-through uploads the entries itself (the tests generate real short audio files)."""

import datetime as dt
from zoneinfo import ZoneInfo

from billetterie.campaigns.models import Campaign
from billetterie.contest.models import ContestSettings, Criterion, Participation, ScoreMethod
from billetterie.members.models import Association

PARIS_TIME = ZoneInfo("Europe/Paris")

CRITERIA = (
    ("Parole des enfants", "Les enfants parlent eux-mêmes, avec leurs mots.", 3),
    ("Émotion", "Le souvenir touche, fait sourire ou donne envie.", 3),
    ("Récit", "Un souvenir qui se suit, de « Je me souviens de… » jusqu'à la fin.", 2),
    ("Écoute", "On entend bien les voix ; le bruit ne couvre pas le récit.", 1),
)

# One line per paragraph: the portal shows the text as typed (a line break stays a break).
KIT_TEXT = "\n".join(
    (
        "« Je me souviens de… » — le kit pour lancer la conversation",
        "",
        (
            "1. Choisir le moment. Un temps calme, en petit groupe (3 à 6 jeunes), sans enjeu : après"
            " un repas, au retour d'une activité. Prévoir 20 minutes ; l'enregistrement lui-même ne "
            "dure qu'une minute."
        ),
        (
            "2. Ouvrir par une question simple. « Un jour de sport dont tu te souviens ? » ; « Un "
            "match vu à la télé, un but, une course, une fois où tu as gagné ou perdu ? » ; « "
            "Quelqu'un qui t'a appris un sport ? ». Chaque phrase commence par « Je me souviens de… "
            "»."
        ),
        (
            "3. Laisser parler. Pas de bonne réponse ; on relance avec « Et après ? », « Qu'est-ce "
            "que tu as ressenti ? ». Un souvenir triste ou drôle a sa place."
        ),
        (
            "4. Protéger. Aucun nom de famille, aucun nom d'établissement ni de ville, rien qui "
            "permette de reconnaître un enfant. Un jeune qui ne veut pas être enregistré ne l'est "
            "pas."
        ),
        (
            "5. Enregistrer. Un téléphone posé au milieu du groupe suffit, loin des bruits ; 60 "
            "secondes au plus. Plusieurs voix peuvent se succéder."
        ),
        (
            "6. Avant d'envoyer. Les représentants légaux de chaque enfant enregistré ont donné leur "
            "accord ; vous l'attesterez au moment de l'envoi."
        ),
        "",
    )
)

# (association name, group size declared, confirmed on): a few associations already take part.
PARTICIPATIONS = (
    ("Sauvegarde de l'enfance de La Réunion", 10, dt.datetime(2024, 3, 12, 14, 30)),
    ("Les Maisons d'enfants de Flandre", 8, dt.datetime(2024, 3, 13, 9, 15)),
    ("Sauvegarde de l'enfance de la Gironde", 12, dt.datetime(2024, 3, 13, 16, 40)),
    ("Les Calanques — maisons d'enfants à caractère social", 6, dt.datetime(2024, 3, 14, 11, 5)),
)


def contest_create(
    *, campaign: Campaign, president, referents: dict[int, object]
) -> dict[str, int]:
    """Inside the caller's transaction: settings, criteria, kit text and the confirmed
    participations; `referents` maps an association id to the referent who confirmed."""
    ContestSettings.objects.create(
        campaign=campaign,
        max_duration_seconds=60,
        prestige_tickets=None,  # every prestige pack of the campaign
        score_method=ScoreMethod.MEAN,
        kit_text=KIT_TEXT,
        president=president,
        updated_at=dt.datetime(2024, 3, 1, 10, 0, tzinfo=PARIS_TIME),
    )
    Criterion.objects.bulk_create(
        Criterion(
            campaign=campaign,
            name=name,
            description=description,
            weight=weight,
            scale=10,
            position=n,
        )
        for n, (name, description, weight) in enumerate(CRITERIA)
    )
    associations = {
        a.name: a
        for a in Association.objects.filter(
            operator=campaign.operator, name__in=[name for name, *_ in PARTICIPATIONS]
        )
    }
    participations = Participation.objects.bulk_create(
        Participation(
            campaign=campaign,
            association=associations[name],
            group_size=size,
            confirmed_at=when.replace(tzinfo=PARIS_TIME),
            confirmed_by=referents.get(associations[name].pk),
        )
        for name, size, when in PARTICIPATIONS
    )
    return {"contest_criteria": len(CRITERIA), "contest_participations": len(participations)}
