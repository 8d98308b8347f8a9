"""Writing audit entries: always inside the caller's transaction, secrets masked."""

from typing import Any

from django.db import models, transaction

from billetterie.core import clock
from billetterie.core.actions import ACTIONS
from billetterie.core.models import AuditEntry

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
    actor=None,
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
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        created_at=clock.now(),
        actor=actor_obj,
        actor_label=(
            actor_obj.email if actor_obj else (actor if isinstance(actor, str) else "système")
        ),
        action=action,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        subject_label=str(subject)[:255] if subject is not None else "",
        campaign_id=campaign_id,
        association_id=association_id,
        details=mask_secrets(details or {}),
    )
