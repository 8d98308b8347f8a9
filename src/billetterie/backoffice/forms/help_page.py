"""Forms of the help page: a question and its answer, a move, the operator's contact."""

from django import forms

from billetterie.campaigns.help import ANSWER_MAX, QUESTION_MAX


class HelpEntryForm(forms.Form):
    question = forms.CharField(label="Question", max_length=QUESTION_MAX)
    answer = forms.CharField(
        label="Réponse",
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Texte simple : une ligne vide sépare deux paragraphes.",
    )


class HelpMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])

    def up(self) -> bool:
        return self.cleaned_data["direction"] == "up"


class OperatorContactForm(forms.Form):
    contact_name = forms.CharField(
        label="Personne à contacter",
        max_length=200,
        required=False,
        help_text="Par exemple : Fanny Martin, chargée de mission Jeux 2024.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label="E-mail de contact",
        required=False,
        error_messages={"invalid": "Cette adresse e-mail est illisible."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label="Téléphone de contact",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    FIELDS = ("contact_name", "contact_email", "contact_phone")

    @classmethod
    def initial_from(cls, operator) -> dict:
        return {name: getattr(operator, name) for name in cls.FIELDS}
