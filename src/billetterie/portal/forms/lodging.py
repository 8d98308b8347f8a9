"""Forms of the portal's « Hébergement » pages: they carry the referent's input to the lodging
services, which decide (nights tied to packs, consecutive, beds under live use…)."""

import datetime as dt

from django import forms

from billetterie.lodging.models import Meals
from billetterie.lodging.nights import night_words

NUMBER = {"invalid": "Indiquez un nombre entier.", "required": "Indiquez un nombre."}
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _number(label, *, low=0, high=500, required=True, help_text=""):
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        required=required,
        help_text=help_text,
        error_messages={
            **NUMBER,
            "min_value": f"Indiquez un nombre de {low} à {high}.",
            "max_value": f"Indiquez un nombre de {low} à {high}.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _contact_fields():
    return {
        "contact_name": forms.CharField(
            label="Personne à contacter",
            max_length=150,
            error_messages={"required": "Indiquez la personne à contacter."},
        ),
        "contact_phone": forms.CharField(
            label="Téléphone",
            max_length=32,
            error_messages={"required": "Indiquez un numéro de téléphone."},
            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        ),
        "contact_email": forms.EmailField(
            label="Adresse e-mail",
            max_length=254,
            error_messages={
                "required": "Indiquez une adresse e-mail.",
                "invalid": "Indiquez une adresse e-mail valide.",
            },
        ),
    }


class NeedForm(forms.Form):
    nights = forms.MultipleChoiceField(
        label="Nuits à héberger",
        widget=forms.CheckboxSelectMultiple,
        help_text="Seules les nuits de la veille ou du soir d'une épreuve de vos lots acceptés en "
        "Île-de-France peuvent être cochées. Les nuits d'un même séjour se suivent.",
        error_messages={
            "required": "Cochez au moins une nuit.",
            "invalid_choice": "Cette nuit n'est pas liée à un de vos lots en Île-de-France.",
        },
    )
    youth = _number("Nombre de jeunes")
    age_min = _number("Âge du plus jeune", low=3, high=25)
    age_max = _number("Âge du plus âgé", low=3, high=25)
    girls = _number(
        "Dont filles",
        required=False,
        help_text="Facultatif : certains hébergeurs le demandent (chambres non mixtes).",
    )
    boys = _number(
        "Dont garçons",
        required=False,
        help_text="Facultatif : certains hébergeurs le demandent (chambres non mixtes).",
    )
    supervisors = _number("Nombre d'encadrants", high=200)
    wheelchair_users = _number("Personnes en fauteuil roulant", high=200)
    accessibility = forms.CharField(
        label="Autres besoins d'accessibilité", required=False, max_length=2000, widget=TEXTAREA
    )
    comment = forms.CharField(label="Commentaire", required=False, max_length=2000, widget=TEXTAREA)

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_contact_fields())
        groups: dict[str, list] = {}
        for night in allowed:
            groups.setdefault(night.games, []).append((night.night.isoformat(), night.words))
        self.fields["nights"].choices = list(groups.items())

    def clean_nights(self) -> list[dt.date]:
        return sorted(dt.date.fromisoformat(v) for v in self.cleaned_data["nights"])

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "nights"}


class HostOfferForm(forms.Form):
    place_name = forms.CharField(
        label="Nom du lieu",
        max_length=160,
        error_messages={"required": "Indiquez le nom du lieu."},
        help_text="Il est montré aux associations à qui le lieu est proposé.",
    )
    address = forms.CharField(
        label="Adresse",
        max_length=255,
        error_messages={"required": "Indiquez l'adresse."},
        help_text="Montrée seulement à l'association accueillie, quand vous avez accepté tous "
        "les deux.",
    )
    postal_code = forms.CharField(
        label="Code postal",
        max_length=5,
        error_messages={"required": "Indiquez le code postal."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
        help_text="Si c'est le code postal de votre association, le lieu est placé à son adresse "
        "pour choisir les groupes les plus proches de leurs épreuves ; sinon il est compté comme "
        "éloigné.",
    )
    town = forms.CharField(
        label="Commune", max_length=120, error_messages={"required": "Indiquez la commune."}
    )
    default_beds = _number(
        "Lits par nuit",
        high=1000,
        required=False,
        help_text="Ce nombre remplit toutes les nuits laissées vides dans le tableau ci-dessous.",
    )
    age_min = _number("Âge minimum accueilli", low=3, high=25)
    age_max = _number("Âge maximum accueilli", low=3, high=25)
    mixed_groups = forms.BooleanField(label="Groupes mixtes acceptés", required=False)
    single_sex_rooms = forms.BooleanField(
        label="Chambres non mixtes (nous demanderons le nombre de filles et de garçons)",
        required=False,
    )
    wheelchair_accessible = forms.BooleanField(
        label="Accessible en fauteuil roulant", required=False
    )
    accessibility = forms.CharField(
        label="Accessibilité, précisions", required=False, max_length=4000, widget=TEXTAREA
    )
    price_per_night = forms.DecimalField(
        label="Prix par personne et par nuit (€)",
        required=False,
        min_value=0,
        max_value=9999,
        decimal_places=2,
        help_text="Laissez vide si l'accueil est gratuit.",
        error_messages={
            "invalid": "Indiquez un prix en euros (par exemple 12,50), ou rien.",
            "min_value": "Le prix ne peut pas être négatif.",
            "max_value": "Indiquez un prix de moins de 10 000 €.",
            "max_decimal_places": "Indiquez les centimes avec deux chiffres au plus.",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        localize=True,
    )
    meals = forms.ChoiceField(
        label="Repas",
        choices=Meals.choices,
        error_messages={"invalid_choice": "Choisissez les repas proposés dans la liste."},
    )
    conditions = forms.CharField(
        label="Autres conditions", required=False, max_length=4000, widget=TEXTAREA
    )
    insurance_notes = forms.CharField(
        label="Assurance et responsabilité",
        required=False,
        max_length=4000,
        widget=TEXTAREA,
        help_text="Ce que couvre votre assurance, ce que vous demandez à l'association accueillie "
        "(attestation, encadrement la nuit…).",
    )

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_contact_fields())
        self.periods = []
        for name, nights in periods:
            rows = []
            for night in nights:
                key = f"beds_{night.isoformat()}"
                self.fields[key] = _number(f"Lits, {night_words(night)}", high=1000, required=False)
                rows.append((night, key))
            self.periods.append((name, rows))

    def bed_rows(self):
        """Per Games period: (name, [(night, bound field)])."""
        return [(name, [(night, self[key]) for night, key in rows]) for name, rows in self.periods]

    def beds(self) -> dict[dt.date, int | None]:
        return {
            night: self.cleaned_data.get(key) for _name, rows in self.periods for night, key in rows
        }

    def service_fields(self) -> dict:
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if not k.startswith("beds_") and k != "default_beds"
        }


ANSWERS = [("accept", "J'accepte cette proposition"), ("refuse", "Je refuse cette proposition")]


class PlacementAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label="Votre réponse",
        choices=ANSWERS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez d'accepter ou de refuser la proposition.",
            "invalid_choice": "Choisissez d'accepter ou de refuser la proposition.",
        },
    )
    reason = forms.CharField(
        label="Motif du refus",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire si vous refusez : il aide l'opérateur à proposer mieux.",
        error_messages={"max_length": "Le motif tient en 300 caractères au plus."},
    )


class ConfirmForm(forms.Form):
    """A withdrawal: the POST itself is the confirmation (the page says what will happen)."""
