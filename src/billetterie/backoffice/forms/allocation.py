"""Forms of the allocation pages: start a run, move a pack by hand, follow a run."""

from django import forms

from billetterie.allocation.models import RunScope
from billetterie.campaigns.selectors import games_by_code, waves_of

NOBODY = "none"


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


class PackMoveForm(forms.Form):
    """The choices are the run's (`run_move_choices`): a pack or an association it lacks is refused."""

    pack = forms.TypedChoiceField(label="Lot à déplacer", coerce=int)
    association = forms.ChoiceField(label="Nouvelle association")
    reason = forms.CharField(
        label="Motif",
        max_length=255,
        help_text="Obligatoire : il figure au journal des actions.",
        error_messages={"required": "Indiquez le motif du déplacement."},
    )

    def __init__(self, *args, packs, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pack"].choices = [("", "— choisir un lot —"), *packs]
        self.fields["association"].choices = [
            ("", "— choisir —"),
            (NOBODY, "Personne (le lot reste disponible)"),
            *associations,
        ]

    def clean_association(self) -> int | None:
        value = self.cleaned_data["association"]
        return None if value == NOBODY else int(value)

    def error_message(self) -> str:
        """The one message the run page shows when the move cannot even be asked for."""
        if "pack" in self.errors or "association" in self.errors:
            return "Choisissez un lot et une association."
        return " ".join(error for errors in self.errors.values() for error in errors)


class RunStatusForm(forms.Form):
    """What the run page follows: the computation itself, or its replay check (`?suivi=verification`)."""

    suivi = forms.ChoiceField(
        required=False, choices=[("", "calcul"), ("verification", "vérification")]
    )

    def follows_replay(self) -> bool:
        return self.is_valid() and self.cleaned_data["suivi"] == "verification"
