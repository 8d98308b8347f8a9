"""Back-office forms of the offers: filter the list, extend a deadline."""

from django import forms

from billetterie.offers.models import OfferStatus
from billetterie.reporting.dashboard import DUE_BUCKETS


class OfferFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="État", required=False, choices=[("", "Tous les états"), *OfferStatus.choices]
    )
    association = forms.TypedChoiceField(
        label="Association", required=False, coerce=int, empty_value=None
    )
    games = forms.ChoiceField(label="Jeux", required=False)
    city = forms.TypedChoiceField(label="Ville hôte", required=False, coerce=int, empty_value=None)
    due = forms.ChoiceField(
        label="Réponse attendue",
        required=False,
        choices=[("", "Toutes les échéances"), *[(k, w.capitalize()) for k, w in DUE_BUCKETS]],
    )

    def __init__(self, *args, associations=(), games=(), cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].choices = [
            ("", "Toutes les associations"),
            *[(a.pk, a.name) for a in associations],
        ]
        self.fields["games"].choices = [
            ("", "Tous les Jeux"),
            *[(g.code, g.short_name) for g in games],
        ]
        self.fields["city"].choices = [("", "Toutes les villes"), *[(c.pk, c.name) for c in cities]]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "status": self.cleaned_data["status"] or None,
            "association_id": self.cleaned_data["association"],
            "games_code": self.cleaned_data["games"],
            "host_city_id": self.cleaned_data["city"],
        }

    def due_window(self) -> str:
        """The due window asked (`reporting.dashboard.DUE_BUCKETS`), or ""."""
        return self.cleaned_data["due"] if self.is_valid() else ""


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
