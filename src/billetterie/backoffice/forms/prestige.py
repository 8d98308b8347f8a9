"""Form of the « Lots prestige » page: the fingerprint of the preview the operator read."""

from django import forms


class PrestigeStartForm(forms.Form):
    """Only what the preview showed is offered: a different plan is shown again first."""

    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)
