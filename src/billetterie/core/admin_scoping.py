"""The Django admin is the platform administrators' tool, never an operator's.

Operator staff change campaigns, associations and packs through back-office pages that go through
the services and their rules. Platform administrators keep the admin for repairs, with two
safeguards: a row never moves to another owner (the keys that tie it to a campaign, an operator,
an association, a pack or a session are read-only once it exists), and the fields that carry a
state machine (a pack's status, its size once offered) are read-only — those change only through
the services. Every change made in the admin is audited.
"""

from django.contrib import admin

from billetterie.core.audit import audit_log

OWNERSHIP_FIELDS = ("operator", "campaign", "association", "pack", "session", "games", "group")


class PlatformAdmin(admin.ModelAdmin):
    """Administrators only; ownership keys and state fields read-only; every change audited."""

    state_fields: tuple[str, ...] = ()

    def _is_admin(self, request) -> bool:
        return self.admin_site.has_permission(request)

    def has_module_permission(self, request):
        return self._is_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_add_permission(self, request):
        return self._is_admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_admin(request)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        names = {f.name for f in self.model._meta.fields}
        if obj is not None:
            fields += [f for f in OWNERSHIP_FIELDS if f in names and f not in fields]
        fields += [f for f in self.state_fields if f in names and f not in fields]
        return fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_log(
            action="admin.changed" if change else "admin.created",
            actor=request.user,
            subject=obj,
            campaign_id=getattr(obj, "campaign_id", None),
            details={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request, obj):
        audit_log(
            action="admin.deleted",
            actor=request.user,
            subject=obj,
            campaign_id=getattr(obj, "campaign_id", None),
        )
        super().delete_model(request, obj)
