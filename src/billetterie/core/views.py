"""Site-wide pages: the health check and the error pages."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET


@require_GET
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"statut": "ok"})


def _error(request, status: int, title: str, message: str) -> HttpResponse:
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("Requête incorrecte"), _("La demande n'a pas pu être comprise."))


def request_too_large(request, limit: int):
    return _error(
        request,
        413,
        _("Envoi trop volumineux"),
        _(
            "Ce que vous avez envoyé est trop volumineux : %(limit)s Mo au plus. Un fichier "
            "d'import ne dépasse pas %(imports)s Mo, un courrier numérisé %(letters)s Mo."
        )
        % {
            "limit": _megabytes(limit),
            "imports": _megabytes(settings.IMPORT_MAX_BYTES),
            "letters": _megabytes(settings.LETTER_MAX_BYTES),
        },
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


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
