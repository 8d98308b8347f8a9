"""Form of the portal's « Exports » page: one of the association's lists, in one format."""

from django import forms

from billetterie.reporting.exports import kinds_for
from billetterie.reporting.jobs import FORMATS


class ExportForm(forms.Form):
    kind = forms.ChoiceField(widget=forms.HiddenInput)
    file_format = forms.ChoiceField(choices=[(code, label) for code, (label, _) in FORMATS.items()])

    def __init__(self, *args, association, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (k.code, k.label) for k in kinds_for(association=association)
        ]
