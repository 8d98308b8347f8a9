"""Messages about offers: packs offered, reminders to answer (by SMS too on the last day), a
deadline extended, an offer expired. Queued by `offers.notifications` inside each decision."""

from billetterie.outbox.kinds import SMS, Kind

ABOUT_OFFERS = {
    "association": "le nom de l'association",
    "lots": "la liste des lots (référence, épreuve, date et heure, site, nombre de billets)",
    "nombre": "le nombre de lots et de billets (« 2 lots, 10 billets »)",
    "echeance": "la date et l'heure limites de réponse (« lundi 18 mars 2024 à 10:00 »)",
    "echeance_jour": "le jour limite de réponse (« 18 mars »)",
    "lien": "le lien vers la page des propositions",
}
WAITING = {
    **ABOUT_OFFERS,
    "en_attente": "« 1 lot attend » ou « 2 lots attendent » (accordé au nombre de lots)",
    "heure": "l'heure limite de réponse (« 10:00 »)",
}
ONE_OFFER = {
    "association": "le nom de l'association",
    "lot": "la référence du lot",
    "epreuve": "l'épreuve, sa date et son site",
    "billets": "le nombre de billets du lot",
    "lien": "le lien vers la page des propositions",
}

KINDS = {
    "offers.made": Kind(
        label="Lots proposés",
        subject="Billetterie populaire : {propositions} — réponse avant le {echeance_jour}",
        body=(
            "Bonjour,\n\n"
            "« {campagne} » : voici ce que {operateur} propose à {association} ({nombre}) :\n"
            "{lots}\n\n"
            "Réponse attendue avant le {echeance}. Sans réponse à cette date, les lots vous sont "
            "retirés et peuvent aller à d'autres associations.\n\n"
            "Chaque lot s'accepte ou se refuse en entier. En acceptant, l'association s'engage à "
            "respecter les conditions d'utilisation :\n{conditions}\n\n"
            "Pour répondre : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **ABOUT_OFFERS,
            "propositions": "« 1 lot vous est proposé » ou « 2 lots vous sont proposés »",
            "conditions": "les conditions d'utilisation des billets, une par ligne",
        },
    ),
    "offers.reminder": Kind(
        label="Rappel : propositions en attente de réponse (deux jours avant l'échéance)",
        subject=(
            "Billetterie populaire : rappel — {en_attente} votre réponse avant le {echeance_jour}"
        ),
        body=(
            "Bonjour,\n\n"
            "Rappel : pour « {campagne} », {en_attente} la réponse de {association} avant le "
            "{echeance} :\n{lots}\n\n"
            "Sans réponse à cette échéance, les lots vous sont retirés et peuvent aller à "
            "d'autres associations.\n\n"
            "Pour répondre : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders=WAITING,
    ),
    "offers.last_day": Kind(
        label="Dernier jour pour répondre aux propositions",
        subject=(
            "Billetterie populaire : dernier jour — {en_attente} votre réponse avant {heure} "
            "aujourd'hui"
        ),
        body=(
            "Bonjour,\n\n"
            "C'est le dernier jour pour répondre : pour « {campagne} », {en_attente} la réponse "
            "de {association} avant le {echeance} :\n{lots}\n\n"
            "Sans réponse à cette échéance, les lots vous sont retirés et peuvent aller à "
            "d'autres associations.\n\n"
            "Pour répondre : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders=WAITING,
    ),
    "offers.last_day_sms": Kind(
        label="Dernier jour pour répondre aux propositions (SMS)",
        channel=SMS,
        audience="les référents de l'association qui ont indiqué un téléphone portable",
        subject="",
        body=(
            "Billetterie populaire, dernier jour : {en_attente} votre réponse avant {heure}. "
            "Répondre : {lien}"
        ),
        placeholders=WAITING,
    ),
    "offers.extended": Kind(
        label="Délai de réponse prolongé",
        subject="Billetterie populaire : lot {lot} — réponse attendue jusqu'au {echeance_jour}",
        body=(
            "Bonjour,\n\n"
            "{operateur} prolonge le délai de réponse au lot {lot} proposé à {association} "
            "({epreuve}, {billets}) : la réponse est attendue avant le {echeance}, au lieu du "
            "{ancienne_echeance}.\n\n"
            "Motif : {motif}\n\n"
            "Pour répondre : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **ONE_OFFER,
            "echeance": "la nouvelle date et heure limites de réponse",
            "echeance_jour": "le nouveau jour limite de réponse (« 25 mars »)",
            "ancienne_echeance": "l'échéance d'avant la prolongation",
            "motif": "le motif de la prolongation",
        },
    ),
    "offers.expired": Kind(
        label="Proposition expirée sans réponse",
        subject="Billetterie populaire : le lot {lot} n'est plus proposé à {association}",
        body=(
            "Bonjour,\n\n"
            "Le lot {lot} ({epreuve}, {billets}) attendait la réponse de {association} avant le "
            "{echeance}. Faute de réponse, il est retourné au vivier : il ne vous est plus "
            "proposé et peut aller à une autre association.\n\n"
            "Vos autres propositions : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **ONE_OFFER,
            "echeance": "la date et l'heure limites de réponse, passées",
        },
    ),
}
