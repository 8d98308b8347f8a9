"""Form of the page of one kind of message: its subject (e-mails only) and body."""

from django import forms

from billetterie.outbox.wording import BODY_MAX, SUBJECT_MAX

PREVIEW, SAVE = "preview", "save"


class WordingForm(forms.Form):
    subject = forms.CharField(label="Objet", max_length=SUBJECT_MAX, required=False)
    body = forms.CharField(
        label="Texte",
        max_length=BODY_MAX,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "wide"}),
        help_text="Texte simple : une ligne vide sépare deux paragraphes ; un champ s'écrit entre "
        "accolades, par exemple {association}. Les adresses web deviennent des liens.",
    )
    step = forms.ChoiceField(required=False, choices=[(PREVIEW, PREVIEW), (SAVE, SAVE)])

    def __init__(self, *args, is_sms: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if is_sms:
            del self.fields["subject"]
            self.fields["body"].widget.attrs["rows"] = 5
            self.fields["body"].help_text = (
                "Un SMS est court : chaque tranche de 160 caractères (70 avec des caractères comme "
                "« ê », « ç » ou les guillemets « ») compte pour un SMS. Un champ s'écrit entre "
                "accolades, par exemple {lien}."
            )

    def typed(self) -> tuple[str, str]:
        """The subject and body as typed (even when the form is not valid), for the preview."""
        return self.data.get("subject", ""), self.data.get("body", "")

    def saving(self) -> bool:
        return self.is_valid() and self.cleaned_data["step"] == SAVE
