"""Reminders of the nominative deadlines: the operator's « relancer », and the automatic reminders
the periodic work queues N days before each Games' deadline (the campaign's
`nominative_reminder_days`, by default 14, 7 and 2) to the associations with tickets still to name
and send, or a commitment letter still to deposit — each once per association, Games and N."""

import datetime as dt

from django.utils import timezone

from billetterie.attendees.models import CommitmentLetter, LetterStatus
from billetterie.attendees.selectors.completion import CompletionRow, completion_rows
from billetterie.attendees.services.notifications import attendees_link
from billetterie.campaigns.models import CampaignGames
from billetterie.campaigns.rules import days_left_words, reminder_due
from billetterie.core.audit import audit_log
from billetterie.core.changes import day, plural
from billetterie.core.periodic import Done
from billetterie.core.usecase import skip_busy, use_case
from billetterie.members.models import Association
from billetterie.outbox.referents import associations_to_remind, referents_tell
from billetterie.outbox.services import message_queue, referent_addresses

DEADLINE_REMINDER = "attendees.deadline_reminder"
LONGEST = 60  # days: the most a campaign may set (campaigns.models.reminder_days_validate)


def _state_lines(rows: list[CompletionRow]) -> str:
    lines = []
    for row in rows:
        named = plural(row.named, "billet") + (" nommés" if row.named > 1 else " nommé")
        deadline = f", échéance le {day(row.deadline)}" if row.deadline else ""
        lines.append(f"- {row.games} : {named} sur {row.tickets}{deadline}")
    return "\n".join(lines)


def reminder_request(*, campaign, association_id: int, actor) -> int:
    """The operator chases one association: one message per referent, audited; the number of
    messages queued (0 when everything is sent, or when the association has no active referent)."""
    with use_case():
        association = Association.objects.get(pk=association_id, operator=campaign.operator)
        rows = [
            r
            for r in completion_rows(campaign=campaign, association_ids=[association_id])
            if not r.done
        ]
        recipients = referent_addresses(association_id=association_id)
        if not rows or not recipients:
            return 0
        entry = audit_log(
            action="attendees.reminder_sent",
            actor=actor,
            subject=association,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"association": association.pk},
        )
        queued = message_queue(
            code="attendees.reminder",
            recipients=recipients,
            values={
                "association": association.name,
                "etat": _state_lines(rows),
                "lien": attendees_link(campaign),
            },
            key=f"attendees.reminder:{entry.pk}",
            campaign=campaign,
            association_id=association.pk,
            about=association,
        )
    return len(queued)


def _letters_missing(*, campaign) -> dict[int, str]:
    """Association id → what is missing of its commitment letter: "" (one is validated or waits
    for the operator), "refused" (the last one was refused) — absent: none was ever deposited."""
    statuses: dict[int, set[str]] = {}
    for association_id, status in CommitmentLetter.objects.filter(campaign=campaign).values_list(
        "association_id", "status"
    ):
        statuses.setdefault(association_id, set()).add(status)
    return {
        a: "" if s & {LetterStatus.PENDING, LetterStatus.VALIDATED} else "refused"
        for a, s in statuses.items()
    }


def missing_lines(row: CompletionRow, letter: str | None) -> list[str]:
    """What the association still has to do before the deadline, one line each (none: done)."""
    lines = []
    if row.to_name:
        lines.append(f"- {plural(row.to_name, 'billet')} à nommer sur {row.tickets}")
    if not row.submitted:
        lines.append("- l'envoi des attributions nominatives, une fois chaque billet nommé")
    if letter is None:
        lines.append("- le courrier d'engagement moral, signé par la direction, à déposer")
    elif letter == "refused":
        lines.append("- un nouveau courrier d'engagement moral à déposer (le dernier a été refusé)")
    return lines


def _deadline_remind(*, campaign, row, lines, deadline, days_left, key) -> bool:
    with use_case():
        queued = referents_tell(
            code=DEADLINE_REMINDER,
            association_id=row.association_id,
            values={
                "association": row.association_name,
                "jeux": row.games,
                "echeance": day(deadline),
                "delai": days_left_words(days_left),
                "manque": "\n".join(lines),
                "lien": attendees_link(campaign),
            },
            key=f"{key}:{row.association_id}",
            campaign=campaign,
        )
        if queued:
            audit_log(
                action="attendees.deadline_reminder_sent",
                actor=None,
                campaign_id=campaign.pk,
                association_id=row.association_id,
                details={"games": row.games, "days_before": days_left},
            )
    return bool(queued)


def deadline_reminders_send(*, now: dt.datetime) -> int:
    """Queue the due reminders of every Games' nominative deadline; the associations reminded."""
    today = timezone.localdate(now)
    games_settings = (
        CampaignGames.objects.filter(
            nominative_deadline__gte=today,
            nominative_deadline__lte=today + dt.timedelta(days=LONGEST),
        )
        .select_related("campaign__operator")
        .order_by("campaign_id", "games_id")
    )
    reminded = 0
    for setting in games_settings:
        campaign, deadline = setting.campaign, setting.nominative_deadline
        days_left = (deadline - today).days
        days = reminder_due(days=campaign.nominative_reminder_days or [], days_left=days_left)
        if days is None:
            continue
        key = f"{DEADLINE_REMINDER}:{campaign.pk}:{setting.games_id}:{deadline:%Y%m%d}:{days}"
        rows = {
            r.association_id: r
            for r in completion_rows(campaign=campaign)
            if r.games_id == setting.games_id
        }
        to_remind = associations_to_remind(kind=DEADLINE_REMINDER, key=key, association_ids=rows)
        letters = _letters_missing(campaign=campaign) if to_remind else {}
        for association_id in to_remind:
            row = rows[association_id]
            lines = missing_lines(row, letters.get(association_id))
            if lines:
                reminded += skip_busy(
                    _deadline_remind,
                    campaign=campaign,
                    row=row,
                    lines=lines,
                    deadline=deadline,
                    days_left=days_left,
                    key=key,
                )
    return reminded


def attendees_periodic(*, now) -> list[Done]:
    return [
        Done(
            "nominative_reminders",
            "Rappels des attributions nominatives envoyés",
            deadline_reminders_send(now=now),
        )
    ]
