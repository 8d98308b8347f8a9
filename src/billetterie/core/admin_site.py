"""The admin site: open to platform administrators only (see `admin_scoping`)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class PlatformAdminSite(admin.AdminSite):
    site_header = "Billetterie populaire — administration de la plateforme"
    site_title = "Billetterie populaire"

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or getattr(user, "is_platform_admin", False))


class PlatformAdminConfig(AdminConfig):
    default_site = "billetterie.core.admin_site.PlatformAdminSite"
