"""Back-office forms of the offers: filter the list, extend a deadline."""

from django import forms

from billetterie.offers.models import OfferStatus


class OfferFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="État", required=False, choices=[("", "Tous les états"), *OfferStatus.choices]
    )
    association = forms.TypedChoiceField(
        label="Association", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, associations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].choices = [
            ("", "Toutes les associations"),
            *[(a.pk, a.name) for a in associations],
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "status": self.cleaned_data["status"] or None,
            "association_id": self.cleaned_data["association"],
        }


class OfferExtendForm(forms.Form):
    new_deadline = forms.DateTimeField(
        label="Nouvelle échéance de réponse",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Date et heure, heure de Paris.",
        error_messages={"required": "Indiquez la nouvelle échéance.", "invalid": "Date illisible."},
    )
    reason = forms.CharField(
        label="Motif de la prolongation",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Il est enregistré dans le journal de la campagne.",
        error_messages={"required": "Indiquez le motif de la prolongation."},
    )
