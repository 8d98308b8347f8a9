"""Form of the name change page: who takes the ticket over, and why."""

from django import forms


class NameChangeForm(forms.Form):
    new_person = forms.TypedChoiceField(label="Nouveau bénéficiaire", coerce=int)
    reason = forms.CharField(
        label="Motif",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Par exemple : enfant malade, changement d'encadrant.",
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_person"].choices = [("", "— choisir —")] + [
            (p.pk, f"{p.display_name} ({p.get_kind_display().lower()})") for p in people
        ]
