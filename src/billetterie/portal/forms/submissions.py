"""Forms of the charter and of sending the attributions: a box to tick, the button pressed."""

from django import forms


class CharterForm(forms.Form):
    acknowledged = forms.BooleanField(
        label="J'ai lu la charte d'utilisation des billets et je m'engage à la respecter au nom de l'association.",
        error_messages={"required": "Cochez la case pour accepter la charte."},
    )


class SubmitForm(forms.Form):
    attested = forms.BooleanField(
        label=(
            "J'atteste que les jeunes nommés sont directement suivis ou accueillis par notre "
            "association."
        ),
        required=False,
    )
    action = forms.CharField(required=False)  # "verifier" or "envoyer", the button pressed

    def sends(self) -> bool:
        return self.cleaned_data["action"] == "envoyer"
