"""The group leader's page: no account, no cookie, the signed link is the only key.

- A link that does not open the page (altered, revoked, expired, for a group that has none) answers
  the ordinary 404 page, and one WARNING line says why with the group's number when the signature
  was good: never the link, never a name. Django's own « Not Found: <path> » line is not written
  (it would carry the link).
- « J'ai récupéré les billets » is a POST without a CSRF token, on purpose: the page sets no cookie
  and the person has no session, so there is no ambient credential a forged cross-site form could
  borrow. The proof is the signed link itself, which an attacker would need to know — and whoever
  knows it can open the page anyway. Requiring Django's CSRF cookie would make the page depend on
  cookies (some phones block them) for no protection. The button is idempotent: recorded once.
- Every answer is private (`Cache-Control: private, no-store`), not indexed (`X-Robots-Tag`), and
  never tells the next site where the person came from (`Referrer-Policy: no-referrer`).
"""

import logging

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from billetterie.core.views import page_not_found
from billetterie.delivery.leaders import (
    LinkRefused,
    access_from_token,
    leader_calendar,
    leader_confirm,
    leader_page,
    leader_page_opened,
)

logger = logging.getLogger("billetterie.leaders")


def _private(response):
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _refused(request, refusal: LinkRefused):
    logger.warning(
        "Lien de responsable de groupe refusé : %s (groupe %s)",
        refusal.reason,
        refusal.group_id if refusal.group_id is not None else "inconnu",
    )
    response = page_not_found(request)
    # Django would log « Not Found: /responsable/<link>/ »: the line above says it without the link.
    response._has_been_logged = True
    return _private(response)


@require_http_methods(["GET", "HEAD"])
def leader_page_view(request, token: str):
    try:
        access = access_from_token(token)
    except LinkRefused as refusal:
        return _refused(request, refusal)
    if request.method == "GET":
        leader_page_opened(access_id=access.pk)
        access.refresh_from_db()
    context = {"page": leader_page(access), "token": token, "access": access}
    return _private(render(request, "leaders/page.html", context))


@require_http_methods(["GET", "HEAD"])
def leader_calendar_view(request, token: str):
    try:
        access = access_from_token(token)
    except LinkRefused as refusal:
        return _refused(request, refusal)
    response = HttpResponse(leader_calendar(access), content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="epreuve.ics"'
    return _private(response)


@csrf_exempt
@require_POST
def leader_confirm_view(request, token: str):
    try:
        access = access_from_token(token)
    except LinkRefused as refusal:
        return _refused(request, refusal)
    leader_confirm(access_id=access.pk)
    return _private(redirect(f"{request.path.removesuffix('recupere/')}#recuperation"))
