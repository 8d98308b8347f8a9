"""Forms of the delivery pages: the nominative export for the ticket office."""

from django import forms

from billetterie.delivery.models import ExportFormat, ExportScope


class NominativeExportForm(forms.Form):
    """Sent by one of the two buttons (`scope`); `seen_last` is the number of the last export the
    page showed (empty: none), so that an export made meanwhile is not silently stacked on."""

    scope = forms.ChoiceField(choices=ExportScope.choices)
    file_format = forms.ChoiceField(
        label="Format du fichier",
        choices=ExportFormat.choices,
        initial=ExportFormat.XLSX,
        widget=forms.RadioSelect,
    )
    seen_last = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
