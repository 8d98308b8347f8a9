"""Audited actions on applications."""

ACTIONS = {
    "application.submitted": "Candidature déposée",
    "application.updated": "Candidature modifiée par l'association",
    "application.corrected": "Candidature corrigée par l'opérateur",
    "application.ineligible": "Candidature marquée non éligible",
    "application.eligible": "Candidature rendue éligible",
    "application.call_reminder_sent": "Rappel de la clôture de l'appel à candidatures envoyé",
}
