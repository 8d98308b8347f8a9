"""The form of the operator's decisions on derogations, commitment letters and name changes."""

from django import forms

APPROVE = "accepter"


class DecisionForm(forms.Form):
    """The reason field, and the button pressed: « accepter » approves, anything else refuses."""

    reason = forms.CharField(
        label="Motif (obligatoire pour un refus)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Sent by the button pressed (name="decision"), never shown as a field.
    decision = forms.CharField(required=False)

    def clean_decision(self) -> bool:
        return self.cleaned_data["decision"] == APPROVE

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"]
