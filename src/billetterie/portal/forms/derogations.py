"""Form of the derogation page: more supervisors for a group, and why."""

from django import forms


class DerogationForm(forms.Form):
    supervisors = forms.IntegerField(
        label="Nombre d'encadrants souhaité", min_value=1, max_value=500
    )
    reason = forms.CharField(
        label="Motif de la demande",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Par exemple : jeunes en situation de handicap nécessitant un accompagnement renforcé.",
    )
