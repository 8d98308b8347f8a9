"""Messages about applications: received (the referent's confirmation), corrected by the operator,
marked ineligible or eligible again, and the reminder before the call for applications closes."""

from billetterie.outbox.kinds import Kind

APPLICATION = {
    "association": "le nom de l'association",
    "jeux": "les Jeux de la candidature (« JO », « JP »)",
    "lien": "le lien vers la page de la candidature",
}

KINDS = {
    "application.received": Kind(
        label="Candidature reçue (confirmation au référent)",
        subject="Billetterie populaire : candidature reçue — {jeux}",
        body=(
            "Bonjour,\n\n"
            "{operateur} a bien reçu la candidature de {association} pour les {jeux} "
            "(« {campagne} »), le {recue_le} :\n{demande}\n\n"
            "{suite}\n\n"
            "Consulter la candidature : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **APPLICATION,
            "recue_le": "la date de réception",
            "demande": "ce qui est demandé : jeunes, encadrants, villes hôtes par ordre de préférence",
            "suite": "ce qui se passe ensuite (appel à candidatures ou liste d'attente)",
        },
    ),
    "application.corrected": Kind(
        label="Candidature corrigée par l'opérateur",
        subject="Billetterie populaire : votre candidature {jeux} a été corrigée",
        body=(
            "Bonjour,\n\n"
            "{operateur} a corrigé la candidature de {association} pour les {jeux} "
            "(« {campagne} ») :\n{changements}\n\n"
            "Motif : {motif}\n\n"
            "Consulter la candidature : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **APPLICATION,
            "changements": "chaque changement, avant et après, un par ligne",
            "motif": "le motif de la correction",
        },
    ),
    "application.ineligible": Kind(
        label="Candidature marquée non éligible",
        subject="Billetterie populaire : votre candidature {jeux} n'est pas éligible",
        body=(
            "Bonjour,\n\n"
            "{operateur} a examiné la candidature de {association} pour les {jeux} "
            "(« {campagne} ») : elle n'est pas éligible, et ne recevra donc pas de billets.\n\n"
            "Motif : {motif}\n\n"
            "Consulter la candidature : {lien}\n\n"
            "Si vous pensez qu'il s'agit d'une erreur, écrivez à {contact}"
        ),
        placeholders={**APPLICATION, "motif": "le motif de la non-éligibilité"},
    ),
    "application.eligible": Kind(
        label="Candidature de nouveau éligible",
        subject="Billetterie populaire : votre candidature {jeux} est de nouveau éligible",
        body=(
            "Bonjour,\n\n"
            "{operateur} a réexaminé la candidature de {association} pour les {jeux} "
            "(« {campagne} ») : elle est de nouveau éligible et participera aux prochaines "
            "attributions de billets.\n\n"
            "{commentaire}\n\n"
            "Consulter la candidature : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            **APPLICATION,
            "commentaire": "le commentaire de l'opérateur, s'il en a écrit un (sinon rien)",
        },
    ),
    "application.call_reminder": Kind(
        label="Rappel avant la clôture de l'appel à candidatures (automatique)",
        audience="les référents des associations adhérentes qui n'ont pas encore candidaté",
        subject="Billetterie populaire : l'appel à candidatures se termine le {cloture} ({delai})",
        body=(
            "Bonjour,\n\n"
            "L'appel à candidatures de « {campagne} » est ouvert jusqu'au {cloture} inclus "
            "({delai}) et {association} n'a pas encore déposé de candidature.\n\n"
            "Les demandes reçues après la clôture vont sur la liste d'attente, examinée après "
            "les candidatures de l'appel.\n\n"
            "Déposer une candidature : {lien}\n\n"
            "Une question ? {contact}"
        ),
        placeholders={
            "association": "le nom de l'association",
            "cloture": "le dernier jour de l'appel à candidatures",
            "delai": "le temps qui reste (« dans 7 jours », « demain », « aujourd'hui »)",
            "lien": "le lien vers la page des candidatures",
        },
    ),
}
