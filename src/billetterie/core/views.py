"""Site-wide pages: the health check and the error pages.

The error pages are the platform's own, in the site's layout and in plain French, whatever DEBUG:
Django's technical pages (with the URL map, the settings or a traceback) show only with DEBUG on,
which the demo and production never use."""

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


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


def csrf_failure(request, reason=""):
    """A form sent without its valid security token (CSRF_FAILURE_VIEW): a page opened for too
    long, a sign-in in another tab (which renews the token), or cookies refused. Django's own
    page is in English."""
    return _error(
        request,
        403,
        _("Formulaire expiré"),
        _(
            "Ce formulaire n'a pas pu être vérifié : la page était ouverte depuis longtemps, ou "
            "vous vous êtes connecté entre-temps dans un autre onglet. Revenez en arrière, "
            "rechargez la page, puis envoyez de nouveau le formulaire. Si cela se reproduit, "
            "vérifiez que votre navigateur accepte les cookies de ce site."
        ),
    )


# The last resort when even the layout fails (it reads the session and the platform clock in the
# database, which may be the cause of the error): a page of its own, without anything to load.
PLAIN_ERROR = (
    '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{} — Billetterie populaire</title></head>"
    '<body><main><h1>{}</h1><p>{}</p><p><a href="/">Retour à l\'accueil</a></p></main></body></html>'
)


def server_error(request):
    title = _("Erreur inattendue")
    message = _(
        "La page n'a pas pu s'afficher à cause d'une erreur de la plateforme, enregistrée dans "
        "son journal. Réessayez dans un instant ; si l'erreur revient, signalez-la à l'équipe "
        "de l'opérateur."
    )
    try:
        return _error(request, 500, title, message)
    except Exception:
        logger.exception("The error page could not be rendered in the layout")
        page = format_html(PLAIN_ERROR, get_language() or "fr", title, title, message)
        return HttpResponse(page, status=500)
