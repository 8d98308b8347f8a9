"""The operator's contact and help page: whom the associations call or write to, and the questions
and answers of the portal's « Aide » page — reads, the preview of a contact change, and writes.

Both belong to the operator, not to one campaign: they hold for all its campaigns. The services
take the campaign of the back-office page that made the change only so that the change shows in
that campaign's journal.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet

from billetterie.campaigns.models import HelpEntry, Operator
from billetterie.core.audit import audit_log
from billetterie.core.changes import Change
from billetterie.core.phones import phone_display, phone_parse
from billetterie.core.usecase import Actor, use_case

# The operator's contact, in the order of the page, with its French label.
CONTACT_FIELDS = {
    "contact_name": "Personne à contacter",
    "contact_email": "E-mail de contact",
    "contact_phone": "Téléphone de contact",
}
QUESTION_MAX, ANSWER_MAX = 300, 6000


def _contact_clean(*, contact_name: str, contact_email: str, contact_phone: str) -> dict:
    """The contact as it will be stored (trimmed, the phone written as people write it)."""
    values = {
        "contact_name": " ".join((contact_name or "").split())[:200],
        "contact_email": (contact_email or "").strip().lower(),
        "contact_phone": "",
    }
    if values["contact_email"]:
        try:
            validate_email(values["contact_email"])
        except ValidationError:
            raise ValidationError(
                {"contact_email": "Cette adresse e-mail est illisible."}
            ) from None
    if (contact_phone or "").strip():
        number = phone_parse(contact_phone)
        if number is None:
            raise ValidationError(
                {
                    "contact_phone": "Ce numéro de téléphone est illisible (par exemple 01 40 00 00 00)."
                }
            )
        values["contact_phone"] = phone_display(number)
    return values


def _contact_changes(operator: Operator, values: dict) -> dict[str, dict]:
    return {
        name: {"before": getattr(operator, name), "after": value}
        for name, value in values.items()
        if getattr(operator, name) != value
    }


def operator_contact_preview(
    *, operator: Operator, contact_name: str, contact_email: str, contact_phone: str
) -> list[Change]:
    """What saving the contact would change (nothing is written); refuses as the service would."""
    values = _contact_clean(
        contact_name=contact_name, contact_email=contact_email, contact_phone=contact_phone
    )
    changes = _contact_changes(operator, values)
    shown = [
        Change(
            name,
            CONTACT_FIELDS[name],
            change["before"] or "non renseigné",
            change["after"] or "non renseigné",
        )
        for name, change in changes.items()
    ]
    if shown:
        first = shown[0]
        shown[0] = Change(
            first.field,
            first.label,
            first.before,
            first.after,
            (
                f"Le contact s'affiche sur chaque page du portail, pour toutes les associations "
                f"et toutes les campagnes de {operator.name}, et dans les messages qui le citent.",
            ),
        )
    return shown


def operator_contact_update(
    *,
    operator: Operator,
    actor: Actor,
    contact_name: str,
    contact_email: str,
    contact_phone: str,
    campaign=None,
) -> dict[str, dict]:
    """Change the operator's contact person, e-mail and phone; returns the changes made."""
    values = _contact_clean(
        contact_name=contact_name, contact_email=contact_email, contact_phone=contact_phone
    )
    with use_case():
        operator = Operator.objects.select_for_update(of=("self",)).get(pk=operator.pk)
        changes = _contact_changes(operator, values)
        if changes:
            for name in changes:
                setattr(operator, name, values[name])
            operator.save(update_fields=list(changes))
            audit_log(
                action="operator.contact_updated",
                actor=actor,
                subject=operator,
                campaign_id=campaign.pk if campaign is not None else None,
                details={"changes": changes},
            )
    return changes


# The help page


def help_entries_of(*, operator) -> QuerySet[HelpEntry]:
    """The operator's questions and answers, in the order of the page."""
    return HelpEntry.objects.filter(operator=operator).order_by("position", "pk")


def help_entry_of(*, operator, entry_id: int) -> HelpEntry:
    """One of the operator's entries; another operator's → HelpEntry.DoesNotExist."""
    return help_entries_of(operator=operator).get(pk=entry_id)


def answer_paragraphs(answer: str) -> list[str]:
    """The paragraphs of an answer (a blank line separates them)."""
    paragraphs, current = [], []
    for line in answer.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _entry_clean(question: str, answer: str) -> tuple[str, str]:
    question = " ".join((question or "").split())
    answer = "\n\n".join(answer_paragraphs(answer or ""))
    errors = {}
    if not question:
        errors["question"] = "La question ne peut pas être vide."
    elif len(question) > QUESTION_MAX:
        errors["question"] = f"La question dépasse {QUESTION_MAX} caractères."
    if not answer:
        errors["answer"] = "La réponse ne peut pas être vide."
    elif len(answer) > ANSWER_MAX:
        errors["answer"] = f"La réponse dépasse {ANSWER_MAX} caractères."
    if errors:
        raise ValidationError(errors)
    return question, answer


def _locked_entries(operator) -> list[HelpEntry]:
    """Inside the use case: the operator's row locked (one change of the page at a time), then its
    entries in order."""
    Operator.objects.select_for_update(of=("self",)).get(pk=operator.pk)
    return list(help_entries_of(operator=operator))


def _renumber(entries: list[HelpEntry]) -> None:
    for position, entry in enumerate(entries):
        if entry.position != position:
            entry.position = position
            entry.save(update_fields=["position"])


def help_entry_create(
    *, operator, question: str, answer: str, actor: Actor, campaign=None
) -> HelpEntry:
    """Add a question and its answer at the end of the help page."""
    question, answer = _entry_clean(question, answer)
    with use_case():
        entries = _locked_entries(operator)
        _renumber(entries)
        entry = HelpEntry.objects.create(
            operator=operator, question=question, answer=answer, position=len(entries)
        )
        audit_log(
            action="help.entry_created",
            actor=actor,
            subject=entry,
            campaign_id=campaign.pk if campaign is not None else None,
            details={"question": question, "position": entry.position + 1},
        )
    return entry


def help_entry_update(
    *, operator, entry_id: int, question: str, answer: str, actor: Actor, campaign=None
) -> HelpEntry:
    """Rewrite a question or its answer; nothing is recorded when neither changed."""
    question, answer = _entry_clean(question, answer)
    with use_case():
        _locked_entries(operator)
        entry = help_entry_of(operator=operator, entry_id=entry_id)
        changed = [
            label
            for label, before, after in (
                ("question", entry.question, question),
                ("réponse", entry.answer, answer),
            )
            if before != after
        ]
        if changed:
            before = entry.question
            entry.question, entry.answer = question, answer
            entry.save(update_fields=["question", "answer"])
            audit_log(
                action="help.entry_updated",
                actor=actor,
                subject=entry,
                campaign_id=campaign.pk if campaign is not None else None,
                details={
                    "question": question
                    if before == question
                    else {"before": before, "after": question},
                    "fields": changed,
                },
            )
    return entry


def help_entry_delete(*, operator, entry_id: int, actor: Actor, campaign=None) -> None:
    """Remove a question from the help page (the others close the gap)."""
    with use_case():
        entries = _locked_entries(operator)
        entry = next((e for e in entries if e.pk == entry_id), None)
        if entry is None:
            raise HelpEntry.DoesNotExist
        entries.remove(entry)
        audit_log(
            action="help.entry_deleted",
            actor=actor,
            subject=operator,
            campaign_id=campaign.pk if campaign is not None else None,
            details={"question": entry.question},
        )
        entry.delete()
        _renumber(entries)


def help_entry_move(*, operator, entry_id: int, up: bool, actor: Actor, campaign=None) -> bool:
    """Move a question one place up (or down); False when it is already first (or last)."""
    with use_case():
        entries = _locked_entries(operator)
        index = next((n for n, e in enumerate(entries) if e.pk == entry_id), None)
        if index is None:
            raise HelpEntry.DoesNotExist
        other = index - 1 if up else index + 1
        if not 0 <= other < len(entries):
            return False
        entries[index], entries[other] = entries[other], entries[index]
        _renumber(entries)
        audit_log(
            action="help.entry_moved",
            actor=actor,
            subject=entries[other],
            campaign_id=campaign.pk if campaign is not None else None,
            details={"question": entries[other].question, "from": index + 1, "to": other + 1},
        )
    return True


def help_entries_replace(*, operator, entries: list[tuple[str, str]]) -> list[HelpEntry]:
    """Inside the caller's transaction: the operator's help page becomes these (question, answer)
    pairs, in this order (the demo loader writes its questions with the rest of its data)."""
    HelpEntry.objects.filter(operator=operator).delete()
    return HelpEntry.objects.bulk_create(
        HelpEntry(operator=operator, question=q, answer=a, position=n)
        for n, (q, a) in enumerate(_entry_clean(q, a) for q, a in entries)
    )
