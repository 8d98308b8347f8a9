"""Forms of the allocation pages: start a run, follow a run (moving a pack: `pack_move.py`)."""

from django import forms

from billetterie.allocation.models import RunScope
from billetterie.campaigns.selectors import games_by_code, waves_of


class RunCreateForm(forms.Form):
    games = forms.ModelChoiceField(
        label="Jeux concernés",
        queryset=games_by_code(),
        required=False,
        empty_label="Tous les Jeux",
        help_text="Par exemple : les JO seulement pour la première vague.",
    )
    scope = forms.ChoiceField(
        label="Demandes servies",
        choices=RunScope.choices,
        initial=RunScope.ALL,
        help_text=(
            "Par défaut, la liste d'attente passe après l'appel : elle reçoit ce que l'appel laisse, "
            "et des échanges qui ne coûtent rien à l'appel."
        ),
    )
    wave = forms.ModelChoiceField(
        label="Vague", queryset=None, required=False, empty_label="Aucune vague précise"
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = waves_of(campaign=campaign)


class RunStatusForm(forms.Form):
    """What the run page follows: the computation itself, or its replay check (`?suivi=verification`)."""

    suivi = forms.ChoiceField(
        required=False, choices=[("", "calcul"), ("verification", "vérification")]
    )

    def follows_replay(self) -> bool:
        return self.is_valid() and self.cleaned_data["suivi"] == "verification"


class RunRowsForm(forms.Form):
    """The run page's list of associations: a part of a name to look for, and the page."""

    association = forms.CharField(label="Chercher une association", max_length=100, required=False)
    page = forms.IntegerField(required=False, min_value=1)

    def search(self) -> str:
        return self.cleaned_data.get("association", "") if self.is_valid() else ""

    def page_number(self) -> int | None:
        return self.cleaned_data.get("page") if self.is_valid() else None
