"""Forms of the offer pages: they only carry the referent's input to the offer services."""

from django import forms


class AcceptForm(forms.Form):
    # Not required here: the service decides and explains, so the rule lives in one place.
    engagement = forms.BooleanField(required=False)


class GiveBackForm(forms.Form):
    reason = forms.CharField(
        label="Pourquoi rendez-vous ce lot ?",
        max_length=500,
        error_messages={"required": "Indiquez pourquoi vous rendez ce lot."},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Par exemple : groupe annulé, date devenue impossible. L'opérateur le lira.",
    )
