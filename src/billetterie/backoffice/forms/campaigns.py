"""Forms of the campaign pages: create a campaign."""

from django import forms

from billetterie.campaigns.selectors import campaign_slug_taken


class CampaignCreateForm(forms.Form):
    name = forms.CharField(label="Nom de la campagne", max_length=200)
    slug = forms.SlugField(
        label="Identifiant court",
        max_length=60,
        help_text="Lettres sans accents, chiffres et tirets, par exemple « cnape-2025 ». Il apparaît dans les adresses.",
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"].lower()
        if campaign_slug_taken(slug=slug):
            raise forms.ValidationError("Une campagne porte déjà cet identifiant.")
        return slug
