"""Writing messages: rendered from their kind's wording, queued in the caller's transaction.

`message_queue` is called inside the use case that takes the decision (accept an offer, refuse a
letter…): the message rows are committed with the decision or not at all, and the task worker
delivers them after commit. The same idempotency key never queues the same message twice.
"""

import html
import re
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from billetterie.accounts.models import Role, User
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, use_case
from billetterie.outbox.kinds import COMMON, Kind, kind_get
from billetterie.outbox.models import Channel, Message, MessageEvent, MessageTemplate, Status
from billetterie.outbox.tasks import message_deliver_task

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
URL = re.compile(r"(https?://[^\s<]+)")
BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")
# Rows written per query when many messages are queued at once.
BATCH = 500


def wording(*, operator, code: str) -> tuple[str, str, bool]:
    """(subject, body, edited): the operator's wording of this kind, else the default one."""
    kind = kind_get(code)
    template = (
        MessageTemplate.objects.filter(operator=operator, kind=code).first() if operator else None
    )
    if template is None:
        return kind.subject, kind.body, False
    return template.subject or kind.subject, template.body, True


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each known {placeholder} by its plain-text value; anything else stays as written."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def common_values(*, operator=None, campaign=None) -> dict[str, str]:
    values = dict.fromkeys(COMMON, "")
    if campaign is not None:
        values["campagne"] = campaign.name
        operator = operator or campaign.operator
    if operator is not None:
        values["operateur"] = operator.name
        contact = " — ".join(
            part for part in (getattr(operator, "contact_name", ""), operator.contact_email) if part
        )
        values["contact"] = contact or operator.name
    return values


def render(
    *,
    code: str,
    values: dict[str, str],
    operator=None,
    campaign=None,
    template: tuple[str, str] | None = None,
) -> tuple[str, str, str]:
    """(subject, text, html) of a message of this kind with these placeholder values.

    `template` is the (subject, body) wording when the caller already read it (a batch)."""
    kind = kind_get(code)
    subject, body = (
        template or wording(operator=operator or getattr(campaign, "operator", None), code=code)[:2]
    )
    everything = {**common_values(operator=operator, campaign=campaign), **values}
    subject = " ".join(fill(subject, everything).split())[:255]
    # A placeholder left empty (an optional comment) leaves no run of blank lines behind.
    text = BLANK_LINES.sub("\n\n", fill(body, everything)).strip() + "\n"
    return subject, text, _html(text, link=everything.get(kind.link, ""), subject=subject)


def _html(text: str, *, link: str, subject: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    parts = []
    for paragraph in paragraphs:
        escaped = html.escape(paragraph.strip())
        escaped = URL.sub(r'<a href="\1">\1</a>', escaped).replace("\n", "<br>\n")
        parts.append(f"<p>{escaped}</p>")
    button = (
        f'<p><a href="{html.escape(link)}" style="display:inline-block;padding:.6em 1.2em;'
        'background:#1d3f91;color:#fff;text-decoration:none;border-radius:4px">'
        "Ouvrir la page</a></p>"
        if link
        else ""
    )
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{html.escape(subject)}</title></head>"
        '<body style="font-family:sans-serif;line-height:1.5;max-width:40em">'
        + "\n".join(parts)
        + button
        + "</body></html>"
    )


def referent_addresses(*, association_id: int) -> list[str]:
    """The association's active referents, who receive every message about it."""
    return list(
        User.objects.filter(association_id=association_id, role=Role.REFERENT, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
    )


@dataclass(frozen=True)
class Outgoing:
    """One decision's message in a batch: who receives it, its placeholder values, its key."""

    recipients: list[str]
    values: dict[str, str]
    key: str
    association_id: int | None = None
    about: Any = None


def message_queue(
    *,
    code: str,
    recipients: list[str],
    values: dict[str, str],
    key: str,
    campaign=None,
    operator=None,
    association_id: int | None = None,
    about=None,
) -> list[Message]:
    """Inside the caller's transaction: one message per recipient, delivered after commit.

    `key` names the decision (e.g. "letter.refused:42"); with the recipient it makes the message's
    idempotency key, so that replaying the decision, or a retry, never sends it twice.
    """
    outgoing = Outgoing(recipients, values, key, association_id, about)
    return messages_queue(code=code, outgoing=[outgoing], campaign=campaign, operator=operator)


def messages_queue(
    *, code: str, outgoing: list[Outgoing], campaign=None, operator=None
) -> list[Message]:
    """Inside the caller's transaction: the messages of many decisions of one kind at once (the
    invitations of an import), in a few queries whatever their number: the wording is read once,
    the new rows written together. A key already used (a replayed decision) is skipped."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("message_queue must be called inside the transaction of the decision")
    kind: Kind = kind_get(code)
    operator = operator or (campaign.operator if campaign is not None else None)
    template = wording(operator=operator, code=code)[:2]
    created_at, due = clock.now(), timezone.now()
    rows: dict[str, Message] = {}
    for item in outgoing:
        subject, text, body_html = render(
            code=code, values=item.values, operator=operator, campaign=campaign, template=template
        )
        for recipient in sorted(set(r for r in item.recipients if r)):
            key = f"{item.key}|{kind.channel}|{recipient}"[:200]
            rows.setdefault(
                key,
                Message(
                    idempotency_key=key,
                    kind=code,
                    channel=Channel(kind.channel),
                    recipient=recipient,
                    campaign=campaign,
                    operator=operator,
                    association_id=item.association_id,
                    about_type=item.about._meta.label_lower if item.about is not None else "",
                    about_id=str(item.about.pk) if item.about is not None else "",
                    subject=subject if kind.channel == Channel.EMAIL else "",
                    body_text=text,
                    body_html=body_html if kind.channel == Channel.EMAIL else "",
                    created_at=created_at,
                    next_attempt_at=due,
                ),
            )
    queued = _messages_insert(list(rows.values()))
    if queued:
        transaction.on_commit(partial(_messages_deliver, [message.pk for message in queued]))
    return queued


def _messages_insert(messages: list[Message]) -> list[Message]:
    """Write the rows together; if one of their keys is already used (a replayed decision, or
    another transaction queued it meanwhile), write them one by one, keeping only the new ones."""
    if not messages:
        return []
    try:
        with transaction.atomic():
            return Message.objects.bulk_create(messages, batch_size=BATCH)
    except IntegrityError:
        kept = []
        for message in messages:
            message.pk = None
            fields = {
                f.attname: getattr(message, f.attname)
                for f in Message._meta.concrete_fields
                if not f.primary_key and f.name != "idempotency_key"
            }
            row, created = Message.objects.get_or_create(
                idempotency_key=message.idempotency_key, defaults=fields
            )
            if created:
                kept.append(row)
        return kept


def _messages_deliver(message_ids: list[int]) -> None:
    for message_id in message_ids:
        message_deliver_task.enqueue(message_id)


RESENT = "Renvoyé par l'équipe de l'opérateur : les tentatives repartent de zéro"
# The states the operator may resend from: failed (attempts exhausted or refused for good) and
# rejected by the recipient (a receipt). Resending all at once takes the failed ones only: a
# rejected address would most likely reject the message again; each is looked at on its page.
RESENDABLE = (Status.FAILED, Status.BOUNCED)


def _requeue(messages: list[Message]) -> None:
    """Inside the caller's transaction: back in the queue, due now, with an event each."""
    now = timezone.now()
    Message.objects.filter(pk__in=[m.pk for m in messages]).update(
        status=Status.QUEUED, attempts=0, last_error="", next_attempt_at=now, status_changed_at=now
    )
    MessageEvent.objects.bulk_create(
        [
            MessageEvent(message_id=m.pk, at=now, status=Status.QUEUED, detail=RESENT)
            for m in messages
        ],
        batch_size=BATCH,
    )
    ids = [m.pk for m in messages]
    transaction.on_commit(partial(_messages_deliver, ids))


def message_resend(*, message_id: int, campaign, actor: Actor) -> Message:
    """The operator sends a failed or rejected message again (its attempts start over)."""
    with use_case():
        message = Message.objects.select_for_update(of=("self",)).get(
            pk=message_id, campaign=campaign
        )
        if message.status not in RESENDABLE:
            return message
        _requeue([message])
        audit_log(
            action="outbox.resent",
            actor=actor,
            subject=message,
            campaign_id=campaign.pk,
            details={"kind": message.kind},
        )
    message.refresh_from_db()
    return message


def messages_resend_failed(*, campaign, actor: Actor) -> int:
    """The operator sends again every failed message of the campaign; how many were resent.

    The messages failed at the moment of the confirmation are taken (one journal entry with
    their number); a message that left that state meanwhile is not sent twice."""
    with use_case():
        failed = list(
            Message.objects.select_for_update(of=("self",))
            .filter(campaign=campaign, status=Status.FAILED)
            .order_by("pk")
            .only("pk")
        )
        if not failed:
            return 0
        _requeue(failed)
        audit_log(
            action="outbox.resent_failed",
            actor=actor,
            campaign_id=campaign.pk,
            details={"count": len(failed)},
        )
    return len(failed)


def site_link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
