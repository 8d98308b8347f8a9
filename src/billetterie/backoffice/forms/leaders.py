"""Forms of the « Remise aux responsables » pages: the groups of the preview read, one group's action."""

from django import forms

RESEND, RENEW, REVOKE = "resend", "renew", "revoke"


class LeadersSendForm(forms.Form):
    """The groups the preview listed, so that only what the operator read is sent."""

    groups = forms.CharField(widget=forms.HiddenInput, max_length=20000)

    def group_ids(self) -> list[int]:
        if not self.is_valid():
            return []
        parts = self.cleaned_data["groups"].split(",")
        return [int(p) for p in parts if p.strip().isdigit()][:5000]


class LeaderGroupForm(forms.Form):
    action = forms.ChoiceField(choices=[(RESEND, RESEND), (RENEW, RENEW), (REVOKE, REVOKE)])
    # The number of sends the page showed: a second click finds it moved on and sends nothing.
    seen_sends = forms.IntegerField(min_value=0, max_value=30000, widget=forms.HiddenInput)


class TrackingFilterForm(forms.Form):
    soon = forms.BooleanField(
        required=False, label="Seulement les épreuves dans les 2 jours sans confirmation"
    )
