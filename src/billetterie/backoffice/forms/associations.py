"""Forms of the associations pages: find an association, correct its details."""

from django import forms


class AssociationFilterForm(forms.Form):
    q = forms.CharField(
        label="Nom, identifiant, commune ou code postal", required=False, max_length=100
    )
    member = forms.ChoiceField(
        label="Adhésion",
        required=False,
        choices=[("", "Toutes"), ("oui", "Adhérentes"), ("non", "Non adhérentes")],
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "search": self.cleaned_data["q"].strip(),
            "is_member": {"oui": True, "non": False}.get(self.cleaned_data["member"]),
        }


class AssociationForm(forms.Form):
    name = forms.CharField(label="Nom", max_length=255)
    is_member = forms.BooleanField(
        label="Adhérente",
        required=False,
        help_text="Seules les associations adhérentes candidatent et reçoivent des lots.",
    )
    postal_code = forms.RegexField(
        label="Code postal",
        regex=r"^[0-9]{5}$",
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
        help_text="Cinq chiffres. Il place l'association sur la carte (son département).",
        error_messages={"invalid": "Le code postal s'écrit avec cinq chiffres."},
    )
    town = forms.CharField(label="Commune", max_length=120)
    youth_followed = forms.IntegerField(
        label="Jeunes accompagnés", min_value=0, max_value=1_000_000
    )

    FIELDS = ("name", "is_member", "postal_code", "town", "youth_followed")

    @classmethod
    def initial_from(cls, association) -> dict:
        return {name: getattr(association, name) for name in cls.FIELDS}

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}
