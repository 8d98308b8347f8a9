"""Back-office forms of the travel times: the list's filter, the operator's own figure, and the
fingerprint of the invitation list the operator read before sending."""

import re

from django import forms

DURATION = re.compile(
    r"^\s*(?:(\d{1,2})\s*(?:h|:)\s*(\d{1,2})?\s*(?:min)?|(\d{1,4})\s*(?:min)?)\s*$"
)


def minutes_parse(text: str) -> int | None:
    """« 2:30 », « 2 h 30 », « 2h », « 150 », « 150 min » → minutes; None when unreadable."""
    match = DURATION.match((text or "").strip().lower())
    if not match:
        return None
    hours, rest, alone = match.groups()
    if alone is not None:
        return int(alone)
    rest = int(rest) if rest else 0
    if rest >= 60:
        return None
    return int(hours) * 60 + rest


class TravelFilterForm(forms.Form):
    far_only = forms.BooleanField(label="Éloignées seulement", required=False)
    page = forms.IntegerField(required=False)

    def chosen(self) -> tuple[bool, int | None]:
        if not self.is_valid():
            return False, None
        return self.cleaned_data["far_only"], self.cleaned_data["page"]


class TravelOverrideForm(forms.Form):
    minutes = forms.CharField(
        label="Temps de trajet jusqu'à Paris",
        max_length=20,
        help_text="En heures et minutes (« 3:15 » ou « 3 h 15 ») ou en minutes (« 195 »).",
    )
    reason = forms.CharField(
        label="Motif de la correction",
        max_length=300,
        help_text="Par exemple : « trajet confirmé par l'association, car jusqu'à la gare ».",
    )

    def clean_minutes(self) -> int:
        minutes = minutes_parse(self.cleaned_data["minutes"])
        if minutes is None:
            raise forms.ValidationError(
                "Temps de trajet : écrivez des heures et minutes (« 3:15 ») ou des minutes "
                "(« 195 »)."
            )
        if not 1 <= minutes <= 48 * 60:
            raise forms.ValidationError("Temps de trajet : indiquez entre 1 minute et 48 heures.")
        return minutes


class TravelInviteForm(forms.Form):
    """Only the list shown is invited: a different list is shown again first."""

    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)
