"""What several back-office pages share: the page of a long list."""

from django.core.paginator import Page, Paginator

from billetterie.backoffice.forms.paging import PageForm

PER_PAGE = 50


def paginate(request, items) -> tuple[Page, str]:
    """The page the address asks for, and the rest of the query string for the page links."""
    page = Paginator(items, PER_PAGE).get_page(PageForm(request.GET).number())
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
