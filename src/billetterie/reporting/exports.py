"""Every list of a campaign, exported: a registry of list kinds, each with French headers, a scope
rule and a row generator that reads in bounded queries (`iterator(chunk_size=…)`, joined rows).

- `export_rows(kind, campaign, association=None, filters=None)`: the rows, one list per line, in
  the order of `LIST_KINDS[kind].headers`;
- `export_count(kind, campaign, association=None, filters=None)`: how many rows that would give
  (one COUNT query; the dashboard compares its figures with it).

Scope: the operator sees every row of the campaign (`association=None`); a referent passes their
association and gets only its rows, and only for the kinds marked `referent=True` (the audit log,
the runs, the packs, the links and the contest are the operator's). `ExportScopeError` otherwise.

Filters (a dict of strings, each kind accepts the names listed in its `filters`; an unknown name
or value is an `ExportScopeError`). They are the dashboard's selections: each figure of the
dashboard is the count of one export with its filters (docs/reporting.md lists them):
- `status`: the row's status code (offers: pending, accepted, declined, expired, given_back; packs:
  available, offered, accepted, withdrawn; letters: pending, validated, refused, replaced;
  derogations and name changes: pending, granted, refused; runs: queued, running, ready,
  published, failed, discarded; links: the link status codes; prestige awards: theirs);
- `games`: the Games' code (« OG », « PG »); `city`: a host city's id; `host_city`: its name;
- `run`: a run's number — assignments;
- offers: `due` (overdue, today, soon, later: how soon the answer is due, now), `size=small`
  (the offers of the small associations);
- applications: `eligible=1` (eligible and asking at least one ticket), `satisfaction` (a bucket
  of the dashboard, with `games`), `served=1` (at least one pack accepted for these Games),
  `size=small` (the eligible applications of the small associations);
- holders: `named=1` (tickets of accepted packs), `delivered=1` (the group's leader confirmed);
- groups: `leader_sent=1`, `leader_confirmed=1`; contest: `active=1`, `entry=1`.

Datetimes are written in local time (a spreadsheet has no time zones). Nothing here writes."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from billetterie.allocation.methods import METHOD_LABELS
from billetterie.allocation.models import AllocationRun, RunAssignment
from billetterie.attendees.models import (
    CommitmentLetter,
    Derogation,
    Group,
    Holder,
    NameChange,
    Submission,
)
from billetterie.catalogue.models import HostCity
from billetterie.contest.models import Participation, PrestigeAward
from billetterie.core import clock
from billetterie.core.audit import DETAIL_LABELS, action_label
from billetterie.core.models import AuditEntry
from billetterie.delivery.models import AttendanceReport, TicketLink
from billetterie.inventory.models import Pack
from billetterie.offers.models import Offer, OfferStatus
from billetterie.reporting.dashboard import (
    DUE_BUCKETS,
    SATISFACTION_BUCKETS,
    due_filter,
    requests_and_received,
    satisfaction_pairs,
    small_associations,
)
from billetterie.requests.models import Application, ApplicationCity

CHUNK = 500


class ExportScopeError(ValueError):
    """A kind, scope or filter that this export does not offer (a French message)."""


@dataclass(frozen=True)
class ListKind:
    code: str
    label: str  # French, as a person names the list
    headers: list[str]
    queryset: Callable[..., QuerySet]  # (campaign, association, filters) -> rows' queryset
    row: Callable[[object], list]
    referent: bool = False  # offered to an association's referent (their own rows)
    personal: bool = False  # names, birth dates…: deleted with the campaign's personal data
    # name -> a lookup, or a function (queryset, value, campaign) -> the filtered queryset
    filters: dict[str, object] = field(default_factory=dict)


def _local(value):
    """A naive local datetime (or None), the way a spreadsheet shows it."""
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None)


def _yes(value: bool) -> str:
    return "oui" if value else "non"


def _session_cells(session) -> list:
    return [
        session.games.short_name,
        session.code,
        session.sport,
        session.date,
        session.venue.name,
        session.venue.host_city.name,
    ]


SESSION_HEADERS = ["Jeux", "Épreuve", "Sport", "Date", "Site", "Ville hôte"]
SESSION_JOINS = ("session__games", "session__venue__host_city")


def _pack_joins(prefix: str) -> list[str]:
    return [f"{prefix}{j}" for j in ("session__games", "session__venue__host_city")]


# --- applications -----------------------------------------------------------------------------


def _applications(campaign, association, filters):
    cities = Prefetch(
        "city_choices",
        queryset=ApplicationCity.objects.select_related("host_city").order_by("rank"),
        to_attr="ranked_cities",
    )
    return (
        Application.objects.filter(campaign=campaign)
        .select_related("association", "games")
        .prefetch_related(cities)
        .order_by("association__name", "games__code", "pk")
    )


def _application_row(a) -> list:
    return [
        a.association.identifier,
        a.association.name,
        a.games.short_name,
        a.get_channel_display(),
        a.youth,
        a.supervisors,
        ", ".join(c.host_city.name for c in a.ranked_cities),
        ", ".join(str(d) for d in a.impossible_dates or []),
        _yes(a.lodging_needed),
        a.received_on,
        _yes(a.is_eligible),
        a.ineligibility_reason,
        _local(a.first_offer_at),
        a.comment,
    ]


# --- runs and their assignments -----------------------------------------------------------------


def _runs(campaign, association, filters):
    return (
        AllocationRun.objects.filter(campaign=campaign)
        .select_related("wave", "games", "created_by", "published_by")
        .order_by("number")
    )


def _run_row(r) -> list:
    return [
        r.number,
        r.wave.number if r.wave else None,
        r.games.short_name if r.games else "tous",
        r.get_scope_display(),
        METHOD_LABELS.get(r.method, r.method),
        r.seed,
        r.get_status_display(),
        _local(r.created_at),
        r.created_by.email if r.created_by else "",
        _local(r.finished_at),
        _local(r.published_at),
        r.published_by.email if r.published_by else "",
    ]


def _assignments(campaign, association, filters):
    return (
        RunAssignment.objects.filter(run__campaign=campaign)
        .select_related("run", "association", "pack", *_pack_joins("pack__"))
        .order_by("run__number", "pack__reference", "pk")
    )


def _assignment_row(a) -> list:
    return [
        a.run.number,
        a.run.get_status_display(),
        a.pack.reference,
        *_session_cells(a.pack.session),
        a.pack.size,
        _yes(a.pack.is_prestige),
        a.association.identifier,
        a.association.name,
        _yes(a.moved_by_hand),
        a.reason,
    ]


# --- offers, packs ------------------------------------------------------------------------------


def _offers(campaign, association, filters):
    return (
        Offer.objects.filter(campaign=campaign)
        .select_related("association", "run", "pack", *_pack_joins("pack__"))
        .order_by("sent_at", "pk")
    )


def _offer_row(o) -> list:
    return [
        o.pack.reference,
        *_session_cells(o.pack.session),
        o.pack.size,
        _yes(o.pack.is_prestige),
        o.association.identifier,
        o.association.name,
        o.run.number if o.run else None,
        o.get_status_display(),
        _local(o.sent_at),
        _local(o.expires_at),
        _local(o.answered_at),
    ]


def _packs(campaign, association, filters):
    return (
        Pack.objects.filter(campaign=campaign)
        .select_related(*SESSION_JOINS)
        .order_by("reference", "pk")
    )


def _pack_row(p) -> list:
    return [
        p.reference,
        *_session_cells(p.session),
        p.size,
        _yes(p.is_prestige),
        p.get_status_display(),
    ]


# --- named holders and the operator's decisions -------------------------------------------------


def _holders(campaign, association, filters):
    return (
        Holder.objects.filter(campaign=campaign)
        .select_related("association", "group", "person", "ticket__pack", *SESSION_JOINS)
        .order_by("association__name", "ticket__pack__reference", "ticket__number")
    )


def _holder_row(h) -> list:
    return [
        h.association.identifier,
        h.association.name,
        *_session_cells(h.session),
        h.ticket.pack.reference,
        h.ticket.number,
        h.group.name,
        h.person.last_name,
        h.person.first_name,
        h.person.birth_date,
        h.person.get_kind_display(),
        _local(h.named_at),
    ]


def _letters(campaign, association, filters):
    return (
        CommitmentLetter.objects.filter(campaign=campaign)
        .select_related("association")
        .order_by("uploaded_at", "pk")
    )


def _letter_row(c) -> list:
    return [
        c.pk,
        c.association.identifier,
        c.association.name,
        c.file_kind,
        _local(c.uploaded_at),
        c.get_status_display(),
        _local(c.decided_at),
        c.decision_reason,
    ]


def _derogations(campaign, association, filters):
    return (
        Derogation.objects.filter(campaign=campaign)
        .select_related("association", "group", "group__session__games")
        .order_by("requested_at", "pk")
    )


def _derogation_row(d) -> list:
    return [
        d.pk,
        d.association.identifier,
        d.association.name,
        d.group.name,
        d.group.session.games.short_name,
        d.group.session.code,
        d.group.session.date,
        d.supervisors,
        d.reason,
        _local(d.requested_at),
        d.get_status_display(),
        _local(d.decided_at),
        d.decision_reason,
    ]


def _name_changes(campaign, association, filters):
    return (
        NameChange.objects.filter(campaign=campaign)
        .select_related("association", "ticket__pack", "old_person", "new_person")
        .order_by("requested_at", "pk")
    )


def _name_change_row(n) -> list:
    return [
        n.pk,
        n.association.identifier,
        n.association.name,
        n.ticket.pack.reference,
        n.ticket.number,
        f"{n.old_person.last_name} {n.old_person.first_name}",
        f"{n.new_person.last_name} {n.new_person.first_name}",
        n.reason,
        _local(n.requested_at),
        n.get_status_display(),
        _local(n.decided_at),
        n.decision_reason,
        _local(n.exported_at),
    ]


# --- delivery: attendance and links -------------------------------------------------------------


def _attendance(campaign, association, filters):
    return (
        AttendanceReport.objects.filter(campaign=campaign)
        .select_related("association", "group", "group__session__games", "group__session__venue")
        .order_by("group__session__date", "association__name", "pk")
    )


def _attendance_row(r) -> list:
    return [
        r.association.identifier,
        r.association.name,
        r.group.name,
        r.group.session.games.short_name,
        r.group.session.code,
        r.group.session.date,
        r.youth_present,
        r.supervisors_present,
        r.comment,
        _local(r.filed_at),
    ]


def _links(campaign, association, filters):
    # The URL is never exported: it is the key to the ticket.
    return (
        TicketLink.objects.filter(campaign=campaign)
        .select_related("pack", "ticket")
        .order_by("pack__reference", "ticket__number", "pk")
        .defer("url")
    )


def _link_row(link) -> list:
    return [
        link.pack.reference,
        link.ticket.number if link.ticket else "tout le lot",
        link.get_status_display(),
        _local(link.imported_at),
        _local(link.withdrawn_at),
        link.withdrawn_reason,
    ]


# --- contest, audit log -------------------------------------------------------------------------


def _participations(campaign, association, filters):
    return (
        Participation.objects.filter(campaign=campaign)
        .select_related("association", "entry")
        .defer("entry__file")
        .order_by("association__name", "pk")
    )


def _participation_row(p) -> list:
    entry = getattr(p, "entry", None)
    return [
        p.association.identifier,
        p.association.name,
        p.group_size,
        _local(p.confirmed_at),
        _local(p.withdrawn_at),
        entry.label if entry else "",
        _local(entry.uploaded_at) if entry else None,
        float(entry.duration_seconds) if entry else None,
    ]


def _audit(campaign, association, filters):
    return AuditEntry.objects.filter(campaign_id=campaign.pk).order_by("created_at", "pk")


def details_words(details) -> str:
    """An entry's details in French words ("lignes : 12 ; format : CSV")."""
    if not isinstance(details, dict):
        return str(details or "")
    parts = []
    for key, value in details.items():
        if isinstance(value, dict):
            value = ", ".join(f"{DETAIL_LABELS.get(k, k)} : {v}" for k, v in value.items())
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        parts.append(f"{DETAIL_LABELS.get(key, key)} : {value}")
    return " ; ".join(parts)


def _audit_row(e) -> list:
    return [
        _local(e.created_at),
        e.actor_label,
        action_label(e.action),
        e.subject_label,
        e.association_id,
        details_words(e.details),
    ]


# --- groups, submissions, prestige awards -------------------------------------------------------


def _groups(campaign, association, filters):
    return (
        Group.objects.filter(campaign=campaign)
        .select_related("association", "leader_access", *SESSION_JOINS)
        .order_by("session__date", "association__name", "pk")
    )


def _group_row(g) -> list:
    access = getattr(g, "leader_access", None)
    return [
        g.association.identifier,
        g.association.name,
        *_session_cells(g.session),
        g.name,
        _local(access.sent_at) if access and access.revoked_at is None else None,
        _local(access.confirmed_at) if access else None,
    ]


def _submissions(campaign, association, filters):
    return (
        Submission.objects.filter(campaign=campaign)
        .select_related("association", "games")
        .order_by("games__code", "association__name", "pk")
    )


def _submission_row(s) -> list:
    return [
        s.association.identifier,
        s.association.name,
        s.games.short_name,
        _local(s.submitted_at),
    ]


def _awards(campaign, association, filters):
    return (
        PrestigeAward.objects.filter(campaign=campaign)
        .select_related("participation__association", "pack")
        .order_by("rank", "pk")
    )


def _award_row(a) -> list:
    return [
        a.rank,
        a.participation.association.identifier,
        a.participation.association.name,
        a.pack.reference if a.pack else "",
        a.pack.size if a.pack else None,
        a.get_status_display(),
        _local(a.updated_at),
    ]


# --- the filters that are more than a lookup ----------------------------------------------------


def _yes_only(name):
    def check(value):
        if value != "1":
            raise ExportScopeError(f"Le filtre « {name} » ne prend que la valeur 1.")

    return check


def _flag(name: str, condition: Q):
    check = _yes_only(name)

    def apply(queryset, value, campaign):
        check(value)
        return queryset.filter(condition)

    return apply


def _due(queryset, value, campaign):
    if value not in dict(DUE_BUCKETS):
        raise ExportScopeError("Ce délai de réponse n'existe pas.")
    return queryset.filter(status=OfferStatus.PENDING).filter(due_filter(value, clock.now()))


def _small_only(queryset, value, campaign, *, eligible=False):
    if value != "small":
        raise ExportScopeError("Le filtre de taille ne prend que la valeur « small ».")
    _threshold, small = small_associations(requests_and_received(campaign)[0])
    queryset = queryset.filter(association_id__in=small)
    return queryset.filter(is_eligible=True) if eligible else queryset


def _pairs_filter(queryset, pairs):
    by_games: dict[str, list[int]] = {}
    for association_id, code in pairs:
        by_games.setdefault(code, []).append(association_id)
    condition = Q(pk__in=[])
    for code, ids in by_games.items():
        condition |= Q(games__code=code, association_id__in=ids)
    return queryset.filter(condition, is_eligible=True)


def _satisfaction(queryset, value, campaign):
    if value not in dict(SATISFACTION_BUCKETS):
        raise ExportScopeError("Cette tranche de satisfaction n'existe pas.")
    requested, received, _names = requests_and_received(campaign)
    return _pairs_filter(queryset, satisfaction_pairs(requested, received, bucket=value))


def _served(queryset, value, campaign):
    _yes_only("served")(value)
    requested, received, _names = requests_and_received(campaign)
    return _pairs_filter(queryset, satisfaction_pairs(requested, received, served=True))


def _eligible(queryset, value, campaign):
    _yes_only("eligible")(value)
    return queryset.annotate(_asked=F("youth") + F("supervisors")).filter(
        is_eligible=True, _asked__gt=0
    )


def _place(prefix: str) -> dict[str, str]:
    return {
        "games": f"{prefix}session__games__code",
        "city": f"{prefix}session__venue__host_city_id",
        "host_city": f"{prefix}session__venue__host_city__name",
    }


ASSOCIATION = ["Identifiant de l'association", "Association"]
PACK_HEADERS = ["Lot", *SESSION_HEADERS, "Billets", "Prestige"]

LIST_KINDS: dict[str, ListKind] = {
    k.code: k
    for k in (
        ListKind(
            "applications",
            "Candidatures",
            [
                *ASSOCIATION,
                "Jeux",
                "Rang (appel ou liste d'attente)",
                "Jeunes",
                "Encadrants",
                "Villes classées (dans l'ordre)",
                "Dates impossibles",
                "Hébergement nécessaire",
                "Reçue le",
                "Éligible",
                "Motif de non-éligibilité",
                "Premier lot proposé le",
                "Commentaire",
            ],
            _applications,
            _application_row,
            referent=True,
            filters={
                "games": "games__code",
                "eligible": _eligible,
                "satisfaction": _satisfaction,
                "served": _served,
                "size": lambda qs, value, campaign: _small_only(qs, value, campaign, eligible=True),
            },
        ),
        ListKind(
            "runs",
            "Calculs d'attribution",
            [
                "Calcul n°",
                "Vague",
                "Jeux",
                "Demandes servies",
                "Méthode",
                "Graine",
                "État",
                "Lancé le",
                "Lancé par",
                "Terminé le",
                "Publié le",
                "Publié par",
            ],
            _runs,
            _run_row,
            filters={"status": "status"},
        ),
        ListKind(
            "assignments",
            "Attributions par lot des calculs",
            [
                "Calcul n°",
                "État du calcul",
                *PACK_HEADERS,
                *ASSOCIATION,
                "Déplacé à la main",
                "Motif du déplacement",
            ],
            _assignments,
            _assignment_row,
            filters={"run": "run__number", **_place("pack__")},
        ),
        ListKind(
            "offers",
            "Propositions",
            [
                *PACK_HEADERS,
                *ASSOCIATION,
                "Calcul n°",
                "État",
                "Envoyée le",
                "Réponse attendue avant le",
                "Répondue le",
            ],
            _offers,
            _offer_row,
            referent=True,
            filters={
                "status": "status",
                **_place("pack__"),
                "due": _due,
                "size": _small_only,
            },
        ),
        ListKind(
            "packs",
            "Lots",
            [*PACK_HEADERS, "État"],
            _packs,
            _pack_row,
            filters={"status": "status", **_place("")},
        ),
        ListKind(
            "holders",
            "Bénéficiaires",
            [
                *ASSOCIATION,
                *SESSION_HEADERS,
                "Lot",
                "Billet n°",
                "Groupe",
                "Nom",
                "Prénom",
                "Date de naissance",
                "Rôle",
                "Nommé le",
            ],
            _holders,
            _holder_row,
            referent=True,
            personal=True,
            filters={
                **_place(""),
                "named": _flag("named", Q(ticket__pack__status="accepted")),
                "delivered": _flag(
                    "delivered",
                    Q(
                        ticket__pack__status="accepted",
                        group__leader_access__confirmed_at__isnull=False,
                    ),
                ),
            },
        ),
        ListKind(
            "letters",
            "Courriers d'engagement",
            [
                "Courrier n°",
                *ASSOCIATION,
                "Type de fichier",
                "Déposé le",
                "État",
                "Décidé le",
                "Motif de la décision",
            ],
            _letters,
            _letter_row,
            referent=True,
            filters={"status": "status"},
        ),
        ListKind(
            "derogations",
            "Dérogations",
            [
                "Dérogation n°",
                *ASSOCIATION,
                "Groupe",
                "Jeux",
                "Épreuve",
                "Date",
                "Encadrants demandés",
                "Motif",
                "Demandée le",
                "État",
                "Décidée le",
                "Motif de la décision",
            ],
            _derogations,
            _derogation_row,
            referent=True,
            personal=True,
            filters={"status": "status"},
        ),
        ListKind(
            "name_changes",
            "Réattributions",
            [
                "Réattribution n°",
                *ASSOCIATION,
                "Lot",
                "Billet n°",
                "Ancien bénéficiaire",
                "Nouveau bénéficiaire",
                "Motif",
                "Demandée le",
                "État",
                "Décidée le",
                "Motif de la décision",
                "Envoyée à la billetterie le",
            ],
            _name_changes,
            _name_change_row,
            referent=True,
            personal=True,
            filters={"status": "status"},
        ),
        ListKind(
            "attendance",
            "Présence le jour J",
            [
                *ASSOCIATION,
                "Groupe",
                "Jeux",
                "Épreuve",
                "Date",
                "Jeunes présents",
                "Encadrants présents",
                "Commentaire",
                "Déclaré le",
            ],
            _attendance,
            _attendance_row,
            referent=True,
            personal=True,
            filters=_place("group__"),
        ),
        ListKind(
            "groups",
            "Groupes et leurs responsables",
            [
                *ASSOCIATION,
                *SESSION_HEADERS,
                "Groupe",
                "Lien envoyé au responsable le",
                "Billets récupérés le",
            ],
            _groups,
            _group_row,
            referent=True,
            filters={
                **_place(""),
                "leader_sent": _flag(
                    "leader_sent",
                    Q(leader_access__sent_at__isnull=False, leader_access__revoked_at__isnull=True),
                ),
                "leader_confirmed": _flag(
                    "leader_confirmed", Q(leader_access__confirmed_at__isnull=False)
                ),
            },
        ),
        ListKind(
            "submissions",
            "Envois des attributions nominatives",
            [*ASSOCIATION, "Jeux", "Envoyées le"],
            _submissions,
            _submission_row,
            referent=True,
            filters={"games": "games__code"},
        ),
        ListKind(
            "links",
            "Liens de téléchargement (état, sans les liens)",
            ["Lot", "Billet n°", "État", "Importé le", "Retiré le", "Motif du retrait"],
            _links,
            _link_row,
            filters={"status": "status"},
        ),
        ListKind(
            "contest",
            "Participations au jeu-concours",
            [
                *ASSOCIATION,
                "Taille du groupe",
                "Confirmée le",
                "Retrait le",
                "Enregistrement (nom anonyme)",
                "Déposé le",
                "Durée (secondes)",
            ],
            _participations,
            _participation_row,
            filters={
                "active": _flag("active", Q(withdrawn_at__isnull=True)),
                "entry": _flag("entry", Q(entry__isnull=False)),
            },
        ),
        ListKind(
            "prestige_awards",
            "Lots prestige du jeu-concours",
            ["Rang", *ASSOCIATION, "Lot", "Billets", "État", "Modifié le"],
            _awards,
            _award_row,
            filters={"status": "status"},
        ),
        ListKind(
            "audit",
            "Journal des actions",
            ["Date", "Auteur", "Action", "Objet", "Association (n°)", "Détails"],
            _audit,
            _audit_row,
            personal=True,
        ),
    )
}


def kinds_for(*, association=None) -> list[ListKind]:
    """The lists a person may export: all for the operator, the referent's own for a referent."""
    return [k for k in LIST_KINDS.values() if association is None or k.referent]


def list_kind(kind: str, *, association=None) -> ListKind:
    spec = LIST_KINDS.get(kind)
    if spec is None:
        raise ExportScopeError("Cette liste n'existe pas.")
    if association is not None and not spec.referent:
        raise ExportScopeError("Cette liste n'est exportable que par l'équipe de l'opérateur.")
    return spec


def _queryset(kind: str, campaign, association=None, filters=None) -> QuerySet:
    spec = list_kind(kind, association=association)
    queryset = spec.queryset(campaign, association, filters or {})
    if association is not None:
        queryset = queryset.filter(association=association)
    for name, value in (filters or {}).items():
        lookup = spec.filters.get(name)
        if lookup is None:
            raise ExportScopeError(f"Le filtre « {name} » ne s'applique pas à cette liste.")
        if callable(lookup):
            queryset = lookup(queryset, str(value), campaign)
        else:
            if name == "city" and not str(value).isdigit():
                raise ExportScopeError("Cette ville hôte n'existe pas.")
            queryset = queryset.filter(**{lookup: value})
    return queryset


def filters_words(kind: str, filters: dict) -> list[str]:
    """The filters of an export in French words (« État : acceptés », « Jeux : OG »…); one query
    at most (the host city's name)."""
    list_kind(kind)
    words = []
    for name, value in filters.items():
        value = str(value)
        if name == "status":
            words.append(f"État : {STATUS_WORDS.get(value, value)}")
        elif name == "games":
            words.append(f"Jeux : {value}")
        elif name == "city":
            city = HostCity.objects.filter(pk=value).values_list("name", flat=True).first()
            words.append(f"Ville hôte : {city or value}")
        elif name == "host_city":
            words.append(f"Ville hôte : {value}")
        elif name == "run":
            words.append(f"Calcul n° {value}")
        elif name == "due":
            words.append(f"Réponse {dict(DUE_BUCKETS).get(value, value)}")
        elif name == "satisfaction":
            words.append(
                f"Part de la demande reçue : {dict(SATISFACTION_BUCKETS).get(value, value)}"
            )
        elif name == "size":
            words.append("Petites associations seulement")
        else:
            words.append(FLAG_WORDS.get(name, name))
    return words


STATUS_WORDS = {
    "pending": "en attente",
    "accepted": "acceptés",
    "declined": "déclinés",
    "expired": "expirés",
    "given_back": "rendus",
    "available": "disponibles",
    "offered": "proposés",
    "withdrawn": "retirés du vivier",
    "validated": "validés",
    "refused": "refusés",
    "replaced": "remplacés",
    "granted": "accordés",
    "active": "actifs",
}
FLAG_WORDS = {
    "eligible": "Candidatures éligibles (au moins un billet demandé)",
    "served": "Servies : au moins un lot accepté",
    "named": "Billets des lots acceptés (nommés)",
    "delivered": "Remis : le responsable du groupe a récupéré les billets",
    "leader_sent": "Le responsable a reçu son lien",
    "leader_confirmed": "Le responsable a récupéré les billets",
    "active": "Participations non retirées",
    "entry": "Avec un enregistrement déposé",
}


def export_count(kind: str, campaign, association=None, filters=None) -> int:
    """How many rows `export_rows` gives for the same arguments (one COUNT query)."""
    return _queryset(kind, campaign, association, filters).count()


def export_rows(kind: str, campaign, association=None, filters=None) -> Iterator[list]:
    """The rows of one list, streamed by chunks of joined rows (a bounded number of queries per
    chunk, whatever the number of rows)."""
    spec = list_kind(kind, association=association)
    queryset = _queryset(kind, campaign, association, filters)
    for obj in queryset.iterator(chunk_size=CHUNK):
        yield spec.row(obj)
