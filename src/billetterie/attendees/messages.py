"""Messages about named attendees: reminders of the nominative deadlines (the operator's « relancer »
and the automatic ones), and the operator's decisions on derogations, letters and name changes.

No message names a child or a supervisor: a ticket is « le billet n° 3 du lot JO-0123 », a group
« votre groupe de l'épreuve … ». The bodies are kept until the campaign's retention date.
"""

from billetterie.outbox.kinds import Kind

ASSOCIATION = {"association": "le nom de l'association"}
DECISION = {
    **ASSOCIATION,
    "commentaire": "le commentaire de l'opérateur, s'il en a écrit un (sinon rien)",
}
REFUSAL = {**ASSOCIATION, "motif": "le motif du refus, écrit par l'opérateur"}
GROUP = {
    "groupe": "le groupe, sans aucun nom : « votre groupe de l'épreuve ATH05 (Athlétisme, "
    "mardi 30 juillet 2024), 8 billets »",
    "encadrants": "le nombre d'encadrants demandé (« 4 encadrants »)",
    "lien": "le lien vers la page du groupe",
}
LETTER = {
    "depose_le": "la date du dépôt du courrier",
    "lien": "le lien vers la page du courrier d'engagement",
}
TICKET = {
    "billet": "le billet, sans aucun nom : « le billet n° 3 du lot JO-0123 »",
    "epreuve": "l'épreuve du billet et sa date",
    "lien": "le lien vers la page du groupe du billet",
}
DEADLINE = {
    **ASSOCIATION,
    "jeux": "les Jeux (« JO », « JP »)",
    "echeance": "la date limite des attributions nominatives de ces Jeux",
    "delai": "le temps qui reste (« dans 7 jours », « demain », « aujourd'hui »)",
    "manque": "ce qui manque encore, une chose par ligne (billets à nommer, envoi, courrier)",
    "lien": "le lien vers la page des bénéficiaires",
}

KINDS = {
    "attendees.reminder": Kind(
        label="Relance des attributions nominatives (envoyée par l'opérateur)",
        subject="Billetterie populaire : rappel — nommez les bénéficiaires de vos billets",
        body=(
            "Bonjour,\n\n"
            "Les bénéficiaires des billets de {association} pour « {campagne} » ne sont pas encore "
            "tous envoyés à {operateur} :\n{etat}\n\n"
            "Nommez chaque jeune et chaque encadrant, choisissez un responsable de groupe avec un "
            "téléphone portable, puis envoyez les attributions nominatives :\n{lien}\n\n"
            "Un lot s'utilise en entier : si vous ne pouvez pas utiliser un lot, rendez-le au plus "
            "vite pour qu'il profite à une autre association.\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **ASSOCIATION,
            "etat": "pour chaque Jeux : billets nommés sur le total, et l'échéance",
            "lien": "le lien vers la page des bénéficiaires",
        },
    ),
    "attendees.deadline_reminder": Kind(
        label="Rappel avant l'échéance des attributions nominatives (automatique)",
        subject=(
            "Billetterie populaire : attributions nominatives des {jeux} — échéance le "
            "{echeance} ({delai})"
        ),
        body=(
            "Bonjour,\n\n"
            "L'échéance des attributions nominatives des {jeux} de « {campagne} » est le "
            "{echeance}, {delai}. Pour {association}, il reste :\n{manque}\n\n"
            "Après cette date, les noms ne peuvent plus être donnés ni modifiés : seule une "
            "réattribution demandée à {operateur} reste possible. Si vous ne pouvez pas utiliser "
            "un lot, rendez-le avant l'échéance pour qu'il profite à une autre association.\n\n"
            "Pour terminer : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders=DEADLINE,
    ),
    "attendees.derogation_granted": Kind(
        label="Dérogation au taux d'encadrement accordée",
        subject="Billetterie populaire : dérogation au taux d'encadrement accordée",
        body=(
            "Bonjour,\n\n"
            "{operateur} accorde à {association} la dérogation au taux d'encadrement demandée "
            "pour {groupe} : ce groupe peut compter jusqu'à {encadrants}.\n\n"
            "{commentaire}\n\n"
            "Voir le groupe : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={**DECISION, **GROUP},
    ),
    "attendees.derogation_refused": Kind(
        label="Dérogation au taux d'encadrement refusée",
        subject="Billetterie populaire : dérogation au taux d'encadrement refusée",
        body=(
            "Bonjour,\n\n"
            "{operateur} ne peut pas accorder à {association} la dérogation au taux "
            "d'encadrement demandée pour {groupe} ({encadrants}).\n\n"
            "Motif : {motif}\n\n"
            "Le groupe doit respecter le taux d'encadrement de la campagne avant l'envoi des "
            "attributions nominatives : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={**REFUSAL, **GROUP},
    ),
    "attendees.letter_validated": Kind(
        label="Courrier d'engagement moral validé",
        subject="Billetterie populaire : courrier d'engagement moral validé",
        body=(
            "Bonjour,\n\n"
            "{operateur} a validé le courrier d'engagement moral de {association} pour "
            "« {campagne} », déposé le {depose_le}.\n\n"
            "{commentaire}\n\n"
            "Voir le courrier : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={**DECISION, **LETTER},
    ),
    "attendees.letter_refused": Kind(
        label="Courrier d'engagement moral refusé",
        subject=(
            "Billetterie populaire : courrier d'engagement moral refusé — à déposer de nouveau"
        ),
        body=(
            "Bonjour,\n\n"
            "{operateur} n'a pas pu valider le courrier d'engagement moral de {association} pour "
            "« {campagne} », déposé le {depose_le}.\n\n"
            "Motif : {motif}\n\n"
            "Imprimez de nouveau le courrier, faites-le signer par la direction générale de "
            "l'association, puis déposez le scan signé : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={**REFUSAL, **LETTER},
    ),
    "attendees.name_change_approved": Kind(
        label="Réattribution nominative acceptée",
        subject="Billetterie populaire : réattribution acceptée pour {billet}",
        body=(
            "Bonjour,\n\n"
            "{operateur} accepte la réattribution demandée par {association} pour {billet} "
            "({epreuve}) : le billet est désormais au nom de la personne indiquée dans la "
            "demande.\n\n"
            "{commentaire}\n\n"
            "Voir le groupe : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={**DECISION, **TICKET},
    ),
    "attendees.name_change_refused": Kind(
        label="Réattribution nominative refusée",
        subject="Billetterie populaire : réattribution refusée pour {billet}",
        body=(
            "Bonjour,\n\n"
            "{operateur} refuse la réattribution demandée par {association} pour {billet} "
            "({epreuve}) : le billet reste au nom de son bénéficiaire actuel.\n\n"
            "Motif : {motif}\n\n"
            "Voir le groupe : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={**REFUSAL, **TICKET},
    ),
}
