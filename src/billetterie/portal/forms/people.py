"""Forms of the people pages: a youth's or a supervisor's record, and the button that deletes it."""

from django import forms

from billetterie.attendees.models import PersonKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonForm(forms.Form):
    kind = forms.ChoiceField(
        label="Rôle", choices=PersonKind.choices, widget=forms.RadioSelect, initial=PersonKind.YOUTH
    )
    last_name = forms.CharField(
        label="Nom", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    first_name = forms.CharField(
        label="Prénom", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    birth_date = forms.DateField(
        label="Date de naissance",
        required=False,
        widget=DATE_INPUT,
        help_text="Obligatoire pour un jeune (JJ/MM/AAAA).",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    mobile_phone = forms.CharField(
        label="Téléphone portable",
        max_length=30,
        required=False,
        help_text="Pour un encadrant ; obligatoire pour le responsable de groupe (06, 07, 0690, 0696…).",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label="E-mail", required=False, help_text="Facultatif, pour un encadrant."
    )

    @classmethod
    def initial_from(cls, person) -> dict:
        return {name: getattr(person, name) for name in cls.base_fields}


class PersonDeleteForm(forms.Form):
    """The person page's second form: its one input is the hidden `action=supprimer`."""

    action = forms.ChoiceField(choices=[("supprimer", "Supprimer cette fiche")])
