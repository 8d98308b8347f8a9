"""Reads on the audit log."""

from django.db.models import Model, QuerySet

from billetterie.core.audit import action_label
from billetterie.core.models import AuditEntry


def audit_entries_for_campaign(
    *, campaign_id: int, action: str | None = None
) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.filter(campaign_id=campaign_id).select_related("actor")
    if action:
        qs = qs.filter(action=action)
    return qs.order_by("-created_at", "-pk")


def audit_history(*, subject: Model, limit: int = 50) -> list[dict]:
    """The journal entries about one object, newest first, with their French labels."""
    entries = AuditEntry.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    ).order_by("-created_at", "-pk")[:limit]
    return [{"entry": e, "label": action_label(e.action)} for e in entries]
