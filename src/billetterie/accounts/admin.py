"""Admin for users: e-mail is the identifier, role and its target are shown."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from billetterie.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "role",
        "operator",
        "association",
        "is_active",
    ]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["association"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "phone"]}),
        ("Rôle", {"fields": ["role", "operator", "association", "jury_campaign"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "fields": [
                    "email",
                    "role",
                    "operator",
                    "association",
                    "jury_campaign",
                    "password1",
                    "password2",
                ]
            },
        )
    ]
    filter_horizontal = ["groups"]
