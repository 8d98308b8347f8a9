"""Read-only admin views of named attendees for operator staff (changes go through the pages)."""

from django.contrib import admin

from billetterie.attendees import models
from billetterie.core.admin_scoping import OperatorScopedAdmin


class ReadOnlyScoped(OperatorScopedAdmin):
    operator_path = "campaign__operator_id"
    staff_can_change = False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


@admin.register(models.Person)
class PersonAdmin(ReadOnlyScoped):
    list_display = ("pk", "association", "kind", "anonymised_at")
    list_filter = ("kind", "campaign")
    search_fields = ("association__name",)


@admin.register(models.Group)
class GroupAdmin(ReadOnlyScoped):
    list_display = ("pk", "name", "association", "session")
    list_filter = ("campaign",)


@admin.register(models.Holder)
class HolderAdmin(ReadOnlyScoped):
    list_display = ("pk", "ticket", "association", "group")
    list_filter = ("campaign",)


@admin.register(models.Derogation)
class DerogationAdmin(ReadOnlyScoped):
    list_display = ("pk", "association", "group", "status", "requested_at")
    list_filter = ("status", "campaign")


@admin.register(models.CommitmentLetter)
class CommitmentLetterAdmin(ReadOnlyScoped):
    list_display = ("pk", "association", "status", "uploaded_at")
    list_filter = ("status", "campaign")
    exclude = ("file",)  # served only through the back office's private view

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "file"]


@admin.register(models.NameChange)
class NameChangeAdmin(ReadOnlyScoped):
    list_display = ("pk", "association", "ticket", "status", "exported_at")
    list_filter = ("status", "campaign")


@admin.register(models.Submission)
class SubmissionAdmin(ReadOnlyScoped):
    list_display = ("pk", "association", "games", "submitted_at")
    list_filter = ("campaign", "games")
