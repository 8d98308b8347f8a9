"""The jury's work: what each member sees (anonymised), their scores, the president's deliberation.

Reads:
- `contest_phase`: where the contest stands for the jury (dates, entries received, closed or not);
- `member_entries`: the entries a member scores, by label only, in an order of their own — random
  but stable (HMAC of the member and the entry), so that no two members hear them in the same order
  and no order hints at who sent what;
- `deliberation_table`: the president's view — each member's marks, the computed and final ranks.

Writes (use cases, audited):
- `scores_save`: a member scores every criterion of an entry (and may comment), until the close;
- `deliberation_move`: the president moves an entry one place up or down, with a reason;
- `deliberation_close`: the president closes: the final ranking is stored, the names are revealed,
  each ranked association is told its rank (outbox). Irreversible.

The ranking rule itself is in `contest/ranking.py` (pure functions).
"""

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.contest.models import (
    ContestSettings,
    Criterion,
    Deliberation,
    Entry,
    Review,
    Score,
    ScoreMethod,
)
from billetterie.contest.ranking import (
    DOWN,
    UP,
    Candidate,
    CriterionRule,
    Move,
    Placed,
    member_mark,
    ranking,
    rounded,
)
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.changes import day
from billetterie.core.usecase import Actor, actor_user, use_case
from billetterie.outbox.referents import referents_tell
from billetterie.outbox.services import site_link

ORDER_SALT = b"billetterie.contest.jury_order"
MAX_REASON = 500


# --- Reads ----------------------------------------------------------------------------------------


def contest_settings(campaign) -> ContestSettings | None:
    return ContestSettings.objects.filter(campaign=campaign).first()


def is_president(campaign, user) -> bool:
    return ContestSettings.objects.filter(campaign=campaign, president_id=user.pk).exists()


def deliberation_of(campaign) -> Deliberation | None:
    return Deliberation.objects.filter(campaign=campaign).first()


def is_closed(campaign) -> bool:
    return Deliberation.objects.filter(campaign=campaign, closed_at__isnull=False).exists()


def jury_members(campaign):
    return User.objects.filter(role=Role.JURY, jury_campaign=campaign, is_active=True).order_by(
        "last_name", "first_name", "email"
    )


def criteria_of(campaign) -> list[Criterion]:
    return list(Criterion.objects.filter(campaign=campaign).order_by("position", "pk"))


def _rules(criteria) -> list[CriterionRule]:
    return [CriterionRule(id=c.pk, weight=c.weight, scale=c.scale) for c in criteria]


def ranked_entries(campaign):
    """The entries in the contest: a participation not withdrawn, a file still held."""
    return Entry.objects.filter(
        campaign=campaign,
        participation__withdrawn_at__isnull=True,
        file_deleted_at__isnull=True,
    )


UPCOMING, SUBMISSIONS, SCORING, CLOSED = "upcoming", "submissions", "scoring", "closed"


@dataclass(frozen=True)
class Phase:
    """Where the contest stands, for the jury's home page."""

    state: str
    opens_on: date | None
    closes_on: date | None
    deliberation_on: date | None
    entries: int
    closed_at: datetime | None = None

    @property
    def listening_from(self) -> date | None:
        return self.closes_on and date.fromordinal(self.closes_on.toordinal() + 1)


def contest_phase(campaign, today: date | None = None) -> Phase:
    """Before the window; during it (entries may still be replaced: the jury waits); after it (the
    jury listens and scores); closed. Without a closing date, the jury waits."""
    today = today or clock.today()
    closed = deliberation_of(campaign)
    closed_at = closed.closed_at if closed else None
    count = ranked_entries(campaign).count()
    opens, closes = campaign.contest_opens_on, campaign.contest_closes_on
    if closed_at:
        state = CLOSED
    elif closes is not None and today > closes:
        state = SCORING
    elif opens is not None and today >= opens:
        state = SUBMISSIONS
    else:
        state = UPCOMING
    return Phase(state, opens, closes, campaign.jury_deliberation_on, count, closed_at)


def _order_key(member_id: int, entry_id: int) -> str:
    key = hmac.new(settings.SECRET_KEY.encode(), ORDER_SALT, hashlib.sha256).digest()
    return hmac.new(key, f"{member_id}:{entry_id}".encode(), hashlib.sha256).hexdigest()


@dataclass
class MemberEntry:
    entry: Entry
    scored: int  # criteria this member scored on it
    criteria: int

    @property
    def complete(self) -> bool:
        return self.criteria > 0 and self.scored >= self.criteria


def listening_open(campaign, today: date | None = None) -> bool:
    return contest_phase(campaign, today).state in (SCORING, CLOSED)


def member_entries(campaign, member) -> list[MemberEntry]:
    """The entries this member listens to, in their own stable random order (none before the
    submission window closes)."""
    if not listening_open(campaign):
        return []
    criteria = {c.pk for c in criteria_of(campaign)}
    entries = list(
        ranked_entries(campaign).annotate(
            mine=Count(
                "scores",
                filter=Q(scores__member=member, scores__criterion_id__in=criteria),
            )
        )
    )
    entries.sort(key=lambda e: _order_key(member.pk, e.pk))
    return [MemberEntry(e, e.mine, len(criteria)) for e in entries]


def entry_for_member(campaign, member, entry_id: int) -> Entry:
    """One entry the member may listen to; Entry.DoesNotExist otherwise (another campaign, not
    yet open, withdrawn)."""
    if not listening_open(campaign):
        raise Entry.DoesNotExist
    return ranked_entries(campaign).get(pk=entry_id)


def neighbours(rows: list[MemberEntry], entry_id: int) -> tuple[Entry | None, Entry | None]:
    """The previous and next entries in the member's order (to move on after saving)."""
    ids = [r.entry.pk for r in rows]
    if entry_id not in ids:
        return None, None
    at = ids.index(entry_id)
    return (
        rows[at - 1].entry if at > 0 else None,
        rows[at + 1].entry if at + 1 < len(rows) else None,
    )


def member_scores(entry, member) -> tuple[dict[int, int], str]:
    values = dict(
        Score.objects.filter(entry=entry, member=member).values_list("criterion_id", "value")
    )
    review = Review.objects.filter(entry=entry, member=member).first()
    return values, review.comment if review else ""


@dataclass
class MemberProgress:
    member: User
    scored: int
    total: int
    last_at: datetime | None


def members_progress(campaign) -> list[MemberProgress]:
    """How many entries each member has fully scored (counts only)."""
    criteria = [c.pk for c in criteria_of(campaign)]
    entries = list(ranked_entries(campaign).values_list("pk", flat=True))
    done: dict[int, int] = {}
    last: dict[int, datetime] = {}
    counts = (
        Score.objects.filter(entry_id__in=entries, criterion_id__in=criteria)
        .values("member_id", "entry_id")
        .annotate(n=Count("pk"))
    )
    for row in counts:
        if criteria and row["n"] >= len(criteria):
            done[row["member_id"]] = done.get(row["member_id"], 0) + 1
    for member_id, at in Score.objects.filter(entry_id__in=entries).values_list(
        "member_id", "updated_at"
    ):
        if member_id not in last or at > last[member_id]:
            last[member_id] = at
    total = len(entries) if listening_open(campaign) else 0
    return [
        MemberProgress(m, done.get(m.pk, 0), total, last.get(m.pk)) for m in jury_members(campaign)
    ]


@dataclass
class MemberMark:
    member: User
    mark: object  # Fraction | None
    partial: bool  # scored some criteria, not all: ignored
    comment: str = ""

    @property
    def shown(self):
        return rounded(self.mark)


@dataclass
class TableRow:
    placed: Placed
    entry: Entry
    marks: list[MemberMark] = field(default_factory=list)

    @property
    def score(self):
        return rounded(self.placed.score)

    @property
    def moved(self) -> bool:
        return self.placed.rank != self.placed.computed_rank or bool(self.placed.reasons)


def _moves(deliberation: Deliberation | None) -> list[Move]:
    if deliberation is None:
        return []
    return [Move(m["entry"], m["direction"], m["reason"]) for m in deliberation.moves]


def deliberation_table(campaign) -> list[TableRow]:
    """The ranking as it stands (computed, then the president's moves), with each member's mark."""
    criteria = _rules(criteria_of(campaign))
    entries = {e.pk: e for e in ranked_entries(campaign).select_related("participation")}
    members = list(jury_members(campaign))
    values: dict[tuple[int, int], dict[int, int]] = {}
    for entry_id, member_id, criterion_id, value in Score.objects.filter(
        entry_id__in=entries
    ).values_list("entry_id", "member_id", "criterion_id", "value"):
        values.setdefault((entry_id, member_id), {})[criterion_id] = value
    comments = {
        (r.entry_id, r.member_id): r.comment
        for r in Review.objects.filter(entry_id__in=entries).exclude(comment="")
    }
    marks: dict[int, list[MemberMark]] = {}
    for entry_id in entries:
        row = []
        for member in members:
            given = values.get((entry_id, member.pk), {})
            mark = member_mark(given, criteria)
            row.append(
                MemberMark(
                    member,
                    mark,
                    partial=mark is None and bool(given),
                    comment=comments.get((entry_id, member.pk), ""),
                )
            )
        marks[entry_id] = row
    candidates = [
        Candidate(
            entry_id=e.pk,
            label=e.label,
            uploaded_at=e.uploaded_at,
            marks=tuple(m.mark for m in marks[e.pk] if m.mark is not None),
        )
        for e in entries.values()
    ]
    options = contest_settings(campaign)
    method = options.score_method if options else ScoreMethod.MEAN
    placed = ranking(candidates, method, _moves(deliberation_of(campaign)))
    return [TableRow(p, entries[p.entry_id], marks[p.entry_id]) for p in placed]


def order_fingerprint(rows: list[TableRow]) -> str:
    """The final order as the president read it: entry ids and rounded scores."""
    return ",".join(f"{r.entry.pk}:{r.score}" for r in rows)


# --- Writes ---------------------------------------------------------------------------------------


def _member_check(campaign, user) -> None:
    if not (user and user.is_jury and user.jury_campaign_id == campaign.pk):
        raise ValidationError("Seuls les membres du jury de cette campagne peuvent noter.")


def _president_check(campaign, user) -> None:
    if not (user and user.is_jury and is_president(campaign, user)):
        raise ValidationError("Seul le président du jury peut faire cela.")


def _open_deliberation(campaign) -> Deliberation:
    """Inside the use case: the campaign's deliberation, locked; refused once closed."""
    Deliberation.objects.get_or_create(campaign=campaign)
    deliberation = Deliberation.objects.select_for_update(of=("self",)).get(campaign=campaign)
    if deliberation.closed_at is not None:
        raise ValidationError(
            "La délibération est close : les notes et le classement ne changent plus."
        )
    return deliberation


def scores_save(
    *, campaign, entry_id: int, values: dict[int, int], comment: str, actor: Actor
) -> Entry:
    """A member's scores of one entry, every criterion from 0 to its scale, and their comment."""
    member = actor_user(actor)
    _member_check(campaign, member)
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError({"comment": "Le commentaire dépasse 2 000 caractères."})
    with use_case():
        _open_deliberation(campaign)
        if not listening_open(campaign):
            raise ValidationError("Les enregistrements ne sont pas encore ouverts à l'écoute.")
        entry = ranked_entries(campaign).get(pk=entry_id)
        criteria = criteria_of(campaign)
        if not criteria:
            raise ValidationError("Les critères de notation ne sont pas encore fixés.")
        errors = {}
        for criterion in criteria:
            value = values.get(criterion.pk)
            if value is None or not 0 <= value <= criterion.scale:
                errors[f"criterion_{criterion.pk}"] = (
                    f"Donnez une note de 0 à {criterion.scale} pour « {criterion.name} »."
                )
        if errors:
            raise ValidationError(errors)
        now = clock.now()
        before, before_comment = member_scores(entry, member)
        for criterion in criteria:
            Score.objects.update_or_create(
                entry=entry,
                member=member,
                criterion=criterion,
                defaults={"value": values[criterion.pk], "updated_at": now},
            )
        Review.objects.update_or_create(
            entry=entry, member=member, defaults={"comment": comment, "updated_at": now}
        )
        audit_log(
            action="contest.scores_saved",
            actor=actor,
            subject=entry,
            campaign_id=campaign.pk,
            details={
                "entry": entry.label,
                "scores": {c.name: values[c.pk] for c in criteria},
                "before": {c.name: before[c.pk] for c in criteria if c.pk in before},
                "comment_changed": comment != before_comment,
            },
        )
    return entry


def deliberation_move(
    *, campaign, entry_id: int, direction: str, reason: str, actor: Actor
) -> list[TableRow]:
    """The president moves an entry one place up or down; the reason is mandatory and audited."""
    president = actor_user(actor)
    _president_check(campaign, president)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Écrivez le motif du déplacement : il sera journalisé."})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": f"Le motif dépasse {MAX_REASON} caractères."})
    if direction not in (UP, DOWN):
        raise ValidationError({"direction": "Choisissez de monter ou de descendre."})
    with use_case():
        deliberation = _open_deliberation(campaign)
        before = deliberation_table(campaign)
        ids = [r.entry.pk for r in before]
        if entry_id not in ids:
            raise ValidationError({"entry": "Cet enregistrement n'est pas dans le classement."})
        at = ids.index(entry_id)
        if (direction == UP and at == 0) or (direction == DOWN and at == len(ids) - 1):
            raise ValidationError(
                {
                    "direction": "Cet enregistrement est déjà premier."
                    if direction == UP
                    else "Cet enregistrement est déjà dernier."
                }
            )
        deliberation.moves = [
            *deliberation.moves,
            {
                "entry": entry_id,
                "direction": direction,
                "reason": reason,
                "at": clock.now().isoformat(),
                "by": president.pk,
            },
        ]
        deliberation.save(update_fields=["moves"])
        after = deliberation_table(campaign)
        entry = before[at].entry
        audit_log(
            action="contest.ranking_adjusted",
            actor=actor,
            subject=entry,
            campaign_id=campaign.pk,
            details={
                "entry": entry.label,
                "direction": "monter d'une place" if direction == UP else "descendre d'une place",
                "from": at + 1,
                "to": [r.entry.pk for r in after].index(entry_id) + 1,
                "reason": reason,
            },
        )
    return after


def _rank_words(rank: int, total: int) -> str:
    return f"{rank}{'ᵉʳ' if rank == 1 else 'ᵉ'} sur {total}"


def deliberation_close(*, campaign, fingerprint: str, actor: Actor) -> Deliberation:
    """The president closes the deliberation on the order they read (`fingerprint`); if a score or
    a move changed it since, nothing is written. Stores the final ranking, reveals the names and
    tells each ranked association its rank. Irreversible."""
    president = actor_user(actor)
    _president_check(campaign, president)
    with use_case():
        deliberation = _open_deliberation(campaign)
        if not listening_open(campaign):
            raise ValidationError("Le dépôt des enregistrements n'est pas encore clos.")
        rows = deliberation_table(campaign)
        if not rows:
            raise ValidationError("Aucun enregistrement à classer.")
        if order_fingerprint(rows) != fingerprint:
            raise ValidationError(
                "Le classement a changé depuis son affichage (une note ou un déplacement) : "
                "relisez-le avant de clore."
            )
        deliberation.ranking = [
            {
                "entry": r.entry.pk,
                "participation": r.entry.participation_id,
                "label": r.entry.label,
                "rank": r.placed.rank,
                "computed_rank": r.placed.computed_rank,
                "score": str(r.score) if r.score is not None else None,
                "moved": " ; ".join(r.placed.reasons),
            }
            for r in rows
        ]
        deliberation.closed_at = clock.now()
        deliberation.closed_by = president
        deliberation.save(update_fields=["ranking", "closed_at", "closed_by"])
        total = len(rows)
        link = site_link(reverse("portal:home"))
        told = 0
        for r in rows:
            participation = r.entry.participation
            told += len(
                referents_tell(
                    code="contest.results",
                    association_id=participation.association_id,
                    values={
                        "association": participation.association.name,
                        "enregistrement": r.entry.label,
                        "rang": _rank_words(r.placed.rank, total),
                        "deliberation": day(deliberation.closed_at.date()),
                        "lien": link,
                    },
                    key=f"contest.results:{deliberation.pk}:{participation.association_id}",
                    campaign=campaign,
                    about=deliberation,
                )
            )
        audit_log(
            action="contest.deliberation_closed",
            actor=actor,
            subject=deliberation,
            campaign_id=campaign.pk,
            details={
                "count": total,
                "ranking": [f"{r.placed.rank}. {r.entry.label}" for r in rows],
                "messages": told,
            },
        )
    return deliberation


@dataclass
class Revealed:
    rank: int
    computed_rank: int
    label: str
    association: str
    score: Decimal | None
    moved: str


def revealed_ranking(campaign) -> list[Revealed]:
    """After the close only: the stored ranking with the associations' names ([] before)."""
    deliberation = deliberation_of(campaign)
    if deliberation is None or deliberation.closed_at is None:
        return []
    entries = {
        e.pk: e
        for e in Entry.objects.filter(campaign=campaign).select_related(
            "participation__association"
        )
    }
    rows = []
    for item in deliberation.ranking:
        entry = entries.get(item["entry"])
        rows.append(
            Revealed(
                rank=item["rank"],
                computed_rank=item.get("computed_rank", item["rank"]),
                label=item.get("label") or (entry.label if entry else ""),
                association=entry.participation.association.name if entry else "",
                score=Decimal(item["score"]) if item.get("score") else None,
                moved=item.get("moved", ""),
            )
        )
    return rows
