"""Back-office form of the « Messages » page: filter the campaign's messages."""

from django import forms

from billetterie.outbox.models import Channel, Status


class MessageFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="État", required=False, choices=[("", "Tous les états"), *Status.choices]
    )
    kind = forms.ChoiceField(label="Type", required=False)
    channel = forms.ChoiceField(
        label="Canal", required=False, choices=[("", "E-mails et SMS"), *Channel.choices]
    )
    association = forms.TypedChoiceField(
        label="Association", required=False, coerce=int, empty_value=None
    )
    q = forms.CharField(
        label="Destinataire",
        required=False,
        max_length=254,
        help_text="Tout ou partie de l'adresse e-mail ou du numéro.",
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(self, *args, kinds=(), associations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Tous les types"), *kinds]
        self.fields["association"].choices = [
            ("", "Toutes les associations"),
            *[(a.pk, a.name) for a in associations],
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "status": data["status"] or None,
            "kind": data["kind"] or None,
            "channel": data["channel"] or None,
            "association_id": data["association"],
            "recipient": data["q"].strip() or None,
        }
