"""The portal's help page: the operator's questions and answers, and whom to contact."""

from django.shortcuts import render

from billetterie.campaigns.help import answer_paragraphs, help_entries_of
from billetterie.portal.permissions import referent_required


@referent_required
def help_page(request):
    operator = request.association.operator
    entries = [
        {"entry": entry, "paragraphs": answer_paragraphs(entry.answer)}
        for entry in help_entries_of(operator=operator)
    ]
    return render(request, "portal/help.html", {"operator": operator, "entries": entries})
