"""Back-office pages."""

from django.shortcuts import render

from billetterie.backoffice.permissions import operator_required


@operator_required
def home(request):
    return render(request, "backoffice/home.html", {})
