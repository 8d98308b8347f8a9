"""Portal pages."""

from django.shortcuts import render

from billetterie.portal.permissions import referent_required


@referent_required
def home(request):
    return render(request, "portal/home.html", {})
