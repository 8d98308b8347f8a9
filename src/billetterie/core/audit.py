"""The audit log: the registry of actions, and entries written inside the caller's transaction.

Every app declares the actions it audits in its own `actions.py` module, as a dict `ACTIONS`
(namespaced code → French label); `register_app_actions()`, called once from the core's `ready()`,
collects them all. An entry with an unregistered code is refused, and secrets in details are masked.
"""

from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils.module_loading import module_has_submodule

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.core.usecase import Actor, actor_label, actor_user

ACTIONS: dict[str, str] = {}


def register(code: str, label: str) -> None:
    if code in ACTIONS and ACTIONS[code] != label:
        raise ValueError(f"action {code} already registered with another label")
    ACTIONS[code] = label


# A detail whose stored value reads badly (0.333 for a supervision ratio) is shown in words by the
# function its app names in the VALUE_WORDS of its `actions.py` (detail key → words).
VALUE_WORDS: dict[str, Callable[[Any], str]] = {}


def register_app_actions() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("billetterie.") and module_has_submodule(
            config.module, "actions"
        ):
            module = import_module(f"{config.name}.actions")
            for code, text in module.ACTIONS.items():
                register(code, text)
            VALUE_WORDS.update(getattr(module, "VALUE_WORDS", {}))


def action_label(code: str) -> str:
    return ACTIONS.get(code, code)


SECRET_KEYS = ("password", "mot_de_passe", "token", "secret", "key", "jeton")
MASK = "•••"


def mask_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: (MASK if any(s in str(k).lower() for s in SECRET_KEYS) else mask_secrets(v))
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [mask_secrets(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def audit_log(
    *,
    action: str,
    actor: Actor = None,
    subject: models.Model | None = None,
    details: dict | None = None,
    campaign_id: int | None = None,
    association_id: int | None = None,
) -> AuditEntry:
    """Record an action. Must run inside the transaction that makes the change."""
    if action not in ACTIONS:
        raise ValueError(f"unregistered audit action: {action}")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_log must be called inside the transaction of the change")
    if campaign_id is None and subject is not None:
        campaign_id = getattr(subject, "campaign_id", None)
    if association_id is None and subject is not None:
        association_id = getattr(subject, "association_id", None)
    return AuditEntry.objects.create(
        created_at=clock.now(),
        actor=actor_user(actor),
        actor_label=actor_label(actor),
        action=action,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        subject_label=str(subject)[:255] if subject is not None else "",
        campaign_id=campaign_id,
        association_id=association_id,
        details=mask_secrets(details or {}),
    )


# Audit details are stored with English keys; people read them with these French labels.
DETAIL_LABELS = {
    "acknowledgement": "acceptation",
    "added": "ajouts",
    "after": "après",
    "after_offer": "après la proposition",
    "association": "association",
    "associations": "associations",
    "backup_date": "date de la sauvegarde",
    "before": "avant",
    "body": "texte",
    "changed": "changements",
    "changes": "modifications",
    "commitment": "engagement",
    "content": "contenu",
    "count": "nombre",
    "created": "créés",
    "decision": "demande",
    "deadline": "échéance",
    "derogation": "dérogation",
    "dry_run": "vérification seule",
    "error": "erreur",
    "fields": "champs",
    "file": "fichier",
    "files": "fichiers",
    "filters": "filtres",
    "format": "format",
    "from": "de",
    "frozen_at": "date fixée",
    "games": "Jeux",
    "application_texts": "commentaires et motifs des candidatures effacés",
    "group": "groupe",
    "group_names": "noms de groupes effacés",
    "holders": "bénéficiaires",
    "holders_removed": "bénéficiaires retirés",
    "identical": "identique",
    "invitations_queued": "invitations envoyées",
    "is_prestige": "prestige",
    "kept": "conservée",
    "kind": "type",
    "leader": "responsable du groupe",
    "letter": "courrier",
    "journal_texts": "motifs du journal masqués",
    "letters": "courriers",
    "link": "lien n°",
    "links_withdrawn": "liens retirés",
    "merged": "fusionnée",
    "message": "message",
    "missing_files": "fichiers absents",
    "move_reasons": "motifs de déplacement effacés",
    "name": "nom",
    "name_change": "réattribution",
    "name_changes": "réattributions",
    "nominative_exports": "exports nominatifs effacés",
    "days_before": "jours avant l'échéance",
    "named": "nommés",
    "new_deadline": "nouvelle échéance",
    "number": "numéro",
    "offers": "propositions",
    "operator": "opérateur",
    "organisations": "associations",
    "pack": "lot",
    "pack_id": "lot",
    "pack_link_kept": "lien du lot gardé pour les autres billets",
    "packs": "lots",
    "people": "personnes",
    "person": "personne",
    "position": "position",
    "previous_deadline": "ancienne échéance",
    "pruned": "anciennes sauvegardes supprimées",
    "question": "question",
    "reason": "motif",
    "reasons": "motifs effacés",
    "released_by": "libéré par l'association",
    "reminder": "relance",
    "retention_until": "conservation des données jusqu'au",
    "role": "rôle",
    "removed": "retirés",
    "replace": "base vidée d'abord",
    "replaced": "remplace",
    "rows": "lignes",
    "run": "calcul",
    "scope": "demandes servies",
    "seed": "graine",
    "sha256": "empreinte sha256",
    "size": "taille",
    "since": "depuis l'export n°",
    "slug": "identifiant",
    "status": "état",
    "subject": "objet",
    "submission": "envoi",
    "supervisors": "encadrants",
    "tables": "tables",
    "ticket": "billet",
    "tickets_distributed": "billets distribués",
    "tickets_moved": "billets déplacés",
    "tickets_used": "billets utilisés",
    "threshold": "seuil",
    "time_limit_auto": "temps de calcul fixé selon la taille du calcul",
    "to": "vers",
    "type": "type",
    "unchanged": "inchangés",
    "updated": "modifiés",
    "vendor": "base d'origine",
    # Leaders' pages (delivery/leaders.py)
    "messages": "messages mis en file",
    "send": "envoi n°",
    "version": "version du lien",
    # Settings the operator changes from the back office (inside "changes")
    "call_closes_on": "clôture de l'appel",
    "call_opens_on": "ouverture de l'appel",
    "contest_closes_on": "clôture du jeu-concours",
    "contest_confirmation_deadline": "confirmation du jeu-concours",
    "contest_opens_on": "ouverture du jeu-concours",
    "contact_email": "e-mail de contact",
    "contact_name": "personne à contacter",
    "contact_phone": "téléphone de contact",
    "continuous_mode": "réattribution en continu",
    "is_member": "adhérente",
    "jury_deliberation_on": "délibération du jury",
    "max_supervisors_per_youth": "encadrement",
    "max_tickets_per_youth": "billets par jeune au maximum",
    "nominative_deadline_OG": "échéance nominative JO",
    "nominative_deadline_PG": "échéance nominative JP",
    "nominative_reminder_days": "rappels avant l'échéance nominative (jours)",
    "over_request_tolerance": "tolérance de dépassement (billets)",
    "postal_code": "code postal",
    "referents_second_factor": "double authentification obligatoire pour les référents",
    "reliability_source": "fiabilité tirée de la campagne",
    "reliability_threshold": "seuil de fiabilité (%)",
    "response_delay_days": "délai de réponse (jours)",
    "size_weight_exponent": "poids de la taille des demandes (α)",
    "town": "commune",
    "youth_followed": "jeunes accompagnés",
    # Attendance on the day (delivery)
    "attendance_comments": "commentaires de présence effacés",
    "comment_changed": "commentaire modifié",
    "comment_given": "commentaire donné",
    "days_after": "jours après l'épreuve",
    "groups": "groupes",
    "supervisors_present": "encadrants présents",
    "youth_present": "jeunes présents",
    # The contest: settings, participation and entries
    "contest_entries": "enregistrements du jeu-concours effacés",
    "contest_kit_files": "fichiers du kit du jeu-concours effacés",
    "contest_comments": "commentaires du jury effacés",
    "download_links": "liens de téléchargement effacés",
    # Lodging's shredder (lodging/purge.py)
    "lodging_needs": "besoins d'hébergement dont les coordonnées et textes sont effacés",
    "host_offers": "offres d'hébergement dont les coordonnées et textes sont effacés",
    "lodging_reasons": "motifs de refus ou d'annulation d'hébergement effacés",
    "travel_reasons": "motifs de correction des temps de trajet effacés",
    "contest_move_reasons": "motifs des déplacements du président masqués",
    "criteria": "critères",
    "criterion": "critère",
    "duration": "durée (secondes)",
    "entry": "enregistrement",
    "group_size": "taille du groupe",
    "kit_text_changed": "texte du kit modifié",
    "max_duration_seconds": "durée maximale (secondes)",
    "max_size_bytes": "taille maximale (octets)",
    "order": "ordre",
    "prestige_tickets": "billets prestige mis en jeu",
    "score_method": "calcul du classement",
    "title": "titre",
    "weight": "poids",
    # The contest's jury and deliberation (contest/deliberation.py)
    "direction": "déplacement",
    "ranking": "classement",
    "scores": "notes",
    # Prestige packs of the contest (contest/prestige.py; "source" on offers)
    "offer": "proposition n°",
    "outcome": "issue",
    "rank": "rang",
    "source": "origine",
    "stock": "billets prestige en jeu",
    "tickets": "billets",
    "winners": "lauréats mis en file",
    # The size-weight preview on the run page (reporting/size_weight.py)
    "alphas": "valeurs de α essayées",
    # Lodging in the portal: needs, host offers, answers to proposals (lodging/services)
    "beds": "lits (toutes nuits)",
    "first_night": "première nuit",
    "last_night": "dernière nuit",
    "nights": "nuits",
    "persons": "personnes",
    "placement": "proposition d'hébergement n°",
    "placements_refused": "propositions d'hébergement refusées",
    "side": "côté",
    # --- end of lodging in the portal ---
    # Lodging: settings, host invitations, matching runs and placements (back office)
    "host_offer": "offre d'hébergement n°",
    "hosts": "hébergeurs",
    "identifier": "identifiant",
    "need": "besoin n°",
    "needs_deadline": "date limite des besoins",
    "offers_deadline": "date limite des offres",
    "person_nights": "personnes-nuits placées",
    "person_nights_requested": "personnes-nuits demandées",
    "placements": "propositions d'hébergement",
    "practical_length": "longueur de la page pratique (caractères)",
    "threshold_minutes": "seuil de temps de trajet (minutes)",
    "time_limit": "temps de calcul maximal (secondes)",
}


def _detail_value(value: Any, key: str = "") -> str:
    """`key` is the detail the value belongs to (inherited by "before" and "after" of a change)."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(
            f"{DETAIL_LABELS.get(k, k)} {_detail_value(v, k if k in VALUE_WORDS else key)}"
            for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return ", ".join(_detail_value(v, key) for v in value)
    if key in VALUE_WORDS:
        try:
            return VALUE_WORDS[key](value)
        except (ArithmeticError, TypeError, ValueError):
            return str(value)  # an old entry in another shape: shown as stored
    return str(value)


def details_display(details: dict) -> list[tuple[str, str]]:
    """An entry's details as (French label, readable value) pairs, for the journal page."""
    return [(DETAIL_LABELS.get(k, k), _detail_value(v, k)) for k, v in (details or {}).items()]
