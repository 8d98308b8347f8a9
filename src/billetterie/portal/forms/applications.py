"""Portal form of an application: youth, supervisors, ranked host cities, impossible dates, lodging."""

from django import forms

from billetterie.requests.form_fields import DateListField, RankedCitiesForm, ranked_city_ids


class ApplicationForm(RankedCitiesForm):
    youth = forms.IntegerField(
        label="Nombre de jeunes",
        min_value=1,
        max_value=10000,
        error_messages={
            "required": "Indiquez le nombre de jeunes.",
            "min_value": "Indiquez au moins un jeune.",
        },
    )
    supervisors = forms.IntegerField(
        label="Nombre d'encadrants",
        min_value=0,
        max_value=10000,
        error_messages={
            "required": "Indiquez le nombre d'encadrants (0 si aucun).",
            "min_value": "Le nombre d'encadrants ne peut pas être négatif.",
        },
    )
    impossible_dates = DateListField(
        label="Dates impossibles",
        required=False,
        help_text="Une date par ligne (ou séparées par des virgules), au format JJ/MM/AAAA ou AAAA-MM-JJ.",
    )
    lodging_needed = forms.BooleanField(
        label="Nous avons besoin d'un hébergement en Île-de-France",
        required=False,
        help_text="Pour les associations à plus de 2 h 30 de Paris.",
    )
    comment = forms.CharField(
        label="Commentaire pour l'opérateur",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="N'y écrivez pas de nom de jeune.",
    )

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, cities=cities, **kwargs)
        self.order_fields(
            [
                "youth",
                "supervisors",
                *self.city_fields,
                "impossible_dates",
                "lodging_needed",
                "comment",
            ]
        )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "youth": data["youth"],
            "supervisors": data["supervisors"],
            "city_ids_ranked": ranked_city_ids(data),
            "impossible_dates": data["impossible_dates"],
            "lodging_needed": data["lodging_needed"],
            "comment": data["comment"],
        }
