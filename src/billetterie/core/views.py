"""The front door: sends each signed-in user to their own space; error pages."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from billetterie.accounts.models import Role

HOME_BY_ROLE = {
    Role.PLATFORM_ADMIN: "backoffice:home",
    Role.OPERATOR_STAFF: "backoffice:home",
    Role.REFERENT: "portal:home",
}


def home(request):
    """Anonymous visitors get the public welcome page; signed-in users go to their own space."""
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    target = HOME_BY_ROLE.get(request.user.role)
    if target is None:
        return render(request, "core/role_home.html", {"role": request.user.get_role_display()})
    return redirect(target)


@require_GET
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"statut": "ok"})


def _error(request, status: int, title: str, message: str) -> HttpResponse:
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("Requête incorrecte"), _("La demande n'a pas pu être comprise."))


def permission_denied(request, exception=None):
    return _error(request, 403, _("Accès refusé"), _("Votre compte n'a pas accès à cette page."))


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Page introuvable"),
        _("Cette page n'existe pas ou vous n'y avez pas accès."),
    )


def server_error(request):
    return _error(
        request, 500, _("Erreur"), _("Une erreur inattendue est survenue. L'équipe a été prévenue.")
    )
