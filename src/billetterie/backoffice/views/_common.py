"""What several back-office pages share: the page of a long list, the steps of a previewed change."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator

from billetterie.backoffice.forms.confirmation import CONFIRM, EDIT, StepForm
from billetterie.backoffice.forms.paging import PageForm
from billetterie.core.audit import details_display
from billetterie.core.changes import Change, changes_token
from billetterie.core.selectors import audit_history
from billetterie.core.web import form_add_errors

PER_PAGE = 50


def paginate(request, items) -> tuple[Page, str]:
    """The page the address asks for, and the rest of the query string for the page links."""
    page = Paginator(items, PER_PAGE).get_page(PageForm(request.GET).number())
    return page, query_without_page(request)


def query_without_page(request) -> str:
    """The query string of the address, its page number left out (the page links add theirs)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@dataclass
class Preview:
    """Where a previewed change stands after this request (see `preview_then_confirm`)."""

    changes: list[Change] = field(default_factory=list)
    token: str = ""
    stale: bool = False  # confirmed, but the data changed since the preview: shown again
    confirmed: bool = False  # the service ran
    unchanged: bool = False  # the values typed are those already recorded


def preview_then_confirm(
    request, form, *, preview: Callable[[], list[Change]], confirm: Callable[[], object]
) -> Preview:
    """Never apply what was typed without showing it first.

    The first valid submit runs `preview()` (a selector: it writes nothing, and may refuse with a
    ValidationError) and the page shows the changes with a confirm button; the typed values travel
    in hidden fields. Only a confirmation of that same preview runs `confirm()` (the services);
    when the data changed in between, the new preview is shown instead. Refusals land on the form.
    """
    if request.method != "POST":
        return Preview()
    step, seen = StepForm(request.POST).chosen()
    if step == EDIT or not form.is_valid():
        return Preview()
    try:
        changes = preview()
    except ValidationError as exc:
        form_add_errors(form, exc)
        return Preview()
    if not changes:
        return Preview(unchanged=True)
    token = changes_token(changes)
    if step != CONFIRM:
        return Preview(changes, token)
    if seen != token:
        return Preview(changes, token, stale=True)
    try:
        confirm()
    except ValidationError as exc:
        form_add_errors(form, exc)
        return Preview()
    return Preview(changes, token, confirmed=True)


def history_of(subject, *, hidden: tuple[str, ...] = ()) -> list[dict]:
    """The journal entries about one object, newest first, each with its details in French
    (less the `hidden` keys, which the page already shows)."""
    return [
        {
            **item,
            "details": details_display(
                {k: v for k, v in item["entry"].details.items() if k not in hidden}
            ),
        }
        for item in audit_history(subject=subject)
    ]
