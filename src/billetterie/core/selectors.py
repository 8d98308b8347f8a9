"""Reads on the audit log."""

from django.db.models import QuerySet

from billetterie.core.models import AuditEntry


def audit_entries_for_campaign(
    *, campaign_id: int, action: str | None = None
) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.filter(campaign_id=campaign_id).select_related("actor")
    if action:
        qs = qs.filter(action=action)
    return qs.order_by("-created_at", "-pk")
