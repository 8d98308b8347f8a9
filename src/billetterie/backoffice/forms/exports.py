"""Form of the « Exports » page: which list, in which format (one form per list, two buttons)."""

from django import forms
from django.http import QueryDict

from billetterie.reporting.exports import kinds_for
from billetterie.reporting.jobs import FORMATS


class ExportForm(forms.Form):
    kind = forms.ChoiceField(widget=forms.HiddenInput)
    # The list's filters, as a query string (« games=OG&delivered=1 »), chosen from the dashboard.
    filters = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)
    file_format = forms.ChoiceField(choices=[(code, label) for code, (label, _) in FORMATS.items()])

    def __init__(self, *args, association=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (k.code, k.label) for k in kinds_for(association=association)
        ]

    def chosen_filters(self) -> dict[str, str]:
        return query_filters(QueryDict(self.cleaned_data.get("filters") or ""))


def query_filters(query) -> dict[str, str]:
    """The export filters of a query string: every parameter but the list's kind."""
    return {
        k: v for k, v in query.items() if k not in ("kind", "file_format", "csrfmiddlewaretoken")
    }
