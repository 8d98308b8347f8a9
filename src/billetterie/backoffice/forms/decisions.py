"""The form of the operator's decisions on derogations, commitment letters and name changes."""

from django import forms


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label="Motif (obligatoire pour un refus)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
