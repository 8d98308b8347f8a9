"""Form of the run page's size-weight preview: the values of α to try."""

from django import forms
from django.core.exceptions import ValidationError

from billetterie.reporting.size_weight import DEFAULT_ALPHAS, MAX_ALPHAS, alphas_parse


class SizeWeightPreviewForm(forms.Form):
    alphas = forms.CharField(
        label="Valeurs de α à essayer",
        max_length=60,
        initial=" ; ".join(f"{a:g}".replace(".", ",") for a in DEFAULT_ALPHAS),
        help_text=(
            f"Entre 0 et 1, séparées par « ; » ({MAX_ALPHAS} au plus). 0 : chaque association "
            "compte autant ; 1 : parts proportionnelles aux demandes."
        ),
        error_messages={"required": "Indiquez au moins une valeur de α, entre 0 et 1."},
    )

    def clean_alphas(self) -> list[float]:
        try:
            return alphas_parse(self.cleaned_data["alphas"])
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None

    def error_message(self) -> str:
        return " ".join(e for errors in self.errors.values() for e in errors)
