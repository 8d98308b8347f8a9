"""Django admin for operator staff: only their operator's rows, no deletion, every change audited."""

from django.contrib import admin

from billetterie.core.audit import audit_log


class OperatorScopedAdmin(admin.ModelAdmin):
    """`operator_path` is the lookup from the model to its operator's id; None means facts shared by all."""

    operator_path: str | None = None
    staff_can_change = True

    def _is_staff_operator(self, request) -> bool:
        return bool(getattr(request.user, "is_operator_staff", False)) and request.user.is_staff

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        if self._is_staff_operator(request):
            if self.operator_path is None:
                return qs
            return qs.filter(**{self.operator_path: request.user.operator_id})
        return qs.none()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser and self.operator_path and self.operator_path != "id":
            # Staff cannot move a row to another operator or campaign.
            fields.append(self.operator_path.split("__")[0].removesuffix("_id"))
        return fields

    def has_module_permission(self, request):
        return request.user.is_superuser or self._is_staff_operator(request)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return (
            self._is_staff_operator(request)
            and self.staff_can_change
            and self.operator_path is not None
        )

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

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
