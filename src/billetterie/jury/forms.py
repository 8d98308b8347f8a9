"""The jury's forms: scores of an entry, the president's move, the close."""

from django import forms

from billetterie.contest.ranking import DOWN, UP

RADIO_MAX_SCALE = 10  # up to 0…10 the scores are buttons; above, a number field


class ScoreForm(forms.Form):
    """One field per criterion (`criterion_<id>`), every one required, and a free comment."""

    comment = forms.CharField(
        label="Votre commentaire (facultatif)",
        help_text="Pour vous et pour la délibération. N'écrivez pas le nom d'un enfant.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        fields = {}
        for criterion in self.criteria:
            help_text = f"Note de 0 à {criterion.scale}, poids {criterion.weight}."
            if criterion.description:
                help_text = f"{criterion.description} — {help_text}"
            required = f"Donnez une note de 0 à {criterion.scale} pour « {criterion.name} »."
            if criterion.scale <= RADIO_MAX_SCALE:
                field = forms.TypedChoiceField(
                    label=criterion.name,
                    help_text=help_text,
                    choices=[(n, str(n)) for n in range(criterion.scale + 1)],
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": required, "invalid_choice": required},
                )
            else:
                field = forms.IntegerField(
                    label=criterion.name,
                    help_text=help_text,
                    min_value=0,
                    max_value=criterion.scale,
                    error_messages={
                        "required": required,
                        "invalid": required,
                        "min_value": required,
                        "max_value": required,
                    },
                )
            fields[f"criterion_{criterion.pk}"] = field
        self.fields = {**fields, "comment": self.fields["comment"]}

    def criterion_fields(self):
        return [self[f"criterion_{c.pk}"] for c in self.criteria]

    def values(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class MoveForm(forms.Form):
    entry = forms.TypedChoiceField(label="Enregistrement à déplacer", coerce=int)
    direction = forms.ChoiceField(
        label="Déplacement",
        choices=[(UP, "Monter d'une place"), (DOWN, "Descendre d'une place")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez de monter ou de descendre."},
    )
    reason = forms.CharField(
        label="Motif du déplacement",
        help_text="Obligatoire. Il est enregistré dans le journal et montré avec le classement.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Écrivez le motif du déplacement : il sera journalisé."},
    )

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", "— choisir —")] + [(e.pk, e.label) for e in entries]


class CloseForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=20_000)
    confirm = forms.BooleanField(
        label="J'ai relu l'ordre final : je clos la délibération (ce n'est pas réversible).",
        error_messages={"required": "Cochez la case pour confirmer la clôture."},
    )
