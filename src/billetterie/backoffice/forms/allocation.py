"""Forms of the allocation pages."""

from django import forms

from billetterie.allocation.models import RunScope
from billetterie.catalogue.models import Games


class RunCreateForm(forms.Form):
    games = forms.ModelChoiceField(
        label="Jeux concernés",
        queryset=Games.objects.order_by("code"),
        required=False,
        empty_label="Tous les Jeux",
        help_text="Par exemple : les JO seulement pour la première vague.",
    )
    scope = forms.ChoiceField(
        label="Demandes servies",
        choices=RunScope.choices,
        initial=RunScope.ALL,
        help_text="Par défaut, la liste d'attente ne reçoit que ce que les candidatures de l'appel laissent.",
    )
    wave = forms.ModelChoiceField(
        label="Vague", queryset=None, required=False, empty_label="Aucune vague précise"
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = campaign.waves.all()


class PackMoveForm(forms.Form):
    pack = forms.ChoiceField(label="Lot à déplacer")
    association = forms.ChoiceField(label="Nouvelle association")
    reason = forms.CharField(
        label="Motif", max_length=255, help_text="Obligatoire : il figure au journal des actions."
    )

    def __init__(self, *args, packs, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pack"].choices = [("", "— choisir un lot —"), *packs]
        self.fields["association"].choices = [
            ("", "— choisir —"),
            ("none", "Personne (le lot reste disponible)"),
            *associations,
        ]
