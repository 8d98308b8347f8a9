"""Forms of the download links pages: filter the packs, replace or withdraw one link."""

from django import forms

from billetterie.delivery.links import LINK_STATES, MAX_REASON, MAX_URL, url_clean


class LinksFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="Liens",
        required=False,
        choices=[("", "Tous les lots acceptés"), *LINK_STATES.items()],
    )
    q = forms.CharField(label="Lot, association ou épreuve", required=False, max_length=100)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"state": self.cleaned_data["state"], "search": self.cleaned_data["q"].strip()}


class LinkReplaceForm(forms.Form):
    url = forms.CharField(
        label="Nouveau lien",
        max_length=MAX_URL,
        help_text="Le lien reçu de la billetterie, commençant par https://.",
        widget=forms.URLInput(attrs={"autocomplete": "off", "inputmode": "url"}),
        error_messages={"required": "Indiquez le nouveau lien."},
    )
    reason = forms.CharField(
        label="Motif du remplacement",
        max_length=MAX_REASON,
        required=False,
        help_text="Facultatif. Il est enregistré dans le journal de la campagne.",
    )

    def clean_url(self):
        return url_clean(self.cleaned_data["url"])


class LinkWithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Motif du retrait",
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Il est enregistré avec le lien et dans le journal de la campagne.",
        error_messages={"required": "Indiquez le motif du retrait."},
    )
