"""Back-office forms of the applications: filter the list, correct one, set its eligibility."""

from django import forms

from billetterie.requests.form_fields import DateListField, RankedCitiesForm, ranked_city_ids
from billetterie.requests.models import Channel


class ApplicationFilterForm(forms.Form):
    games = forms.ChoiceField(label="Jeux", required=False)
    channel = forms.TypedChoiceField(
        label="Voie",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Toutes les voies"), *Channel.choices],
    )
    eligibility = forms.ChoiceField(
        label="Éligibilité",
        required=False,
        choices=[("", "Toutes"), ("oui", "Éligibles"), ("non", "Non éligibles")],
    )
    q = forms.CharField(label="Association (nom ou identifiant)", required=False, max_length=100)

    def __init__(self, *args, games=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["games"].choices = [
            ("", "Tous les Jeux"),
            *[(g.code, g.short_name) for g in games],
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        eligible = {"oui": True, "non": False}.get(data["eligibility"])
        return {
            "games_code": data["games"],
            "channel": data["channel"],
            "eligible": eligible,
            "search": data["q"].strip(),
        }


class ApplicationCorrectForm(RankedCitiesForm):
    youth = forms.IntegerField(label="Nombre de jeunes", min_value=1, max_value=10000)
    supervisors = forms.IntegerField(label="Nombre d'encadrants", min_value=0, max_value=10000)
    impossible_dates = DateListField(
        label="Dates impossibles",
        required=False,
        help_text="Une date par ligne, JJ/MM/AAAA ou AAAA-MM-JJ.",
    )
    lodging_needed = forms.BooleanField(
        label="Hébergement en Île-de-France nécessaire", required=False
    )
    channel = forms.TypedChoiceField(label="Voie", coerce=int, choices=Channel.choices)
    received_on = forms.DateField(
        label="Reçue le",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Date illisible : JJ/MM/AAAA ou AAAA-MM-JJ."},
    )
    comment = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label="Motif de la correction",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Il est enregistré dans le journal de la campagne.",
        error_messages={"required": "Indiquez le motif de la correction."},
    )

    @classmethod
    def initial_from(cls, application, *extra: str) -> dict:
        return super().initial_from(application, "channel", "received_on", *extra)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "youth",
                "supervisors",
                "impossible_dates",
                "lodging_needed",
                "channel",
                "received_on",
                "comment",
            )
        }
        return {**fields, "city_ids_ranked": ranked_city_ids(data), "reason": data["reason"]}


class EligibilityForm(forms.Form):
    """The target state travels with the form, so a replayed post never flips it back."""

    eligible = forms.TypedChoiceField(
        coerce=lambda v: v == "1",
        choices=[("1", "éligible"), ("0", "non éligible")],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label="Motif",
        max_length=255,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Il est montré à l'association et enregistré dans le journal.",
    )
