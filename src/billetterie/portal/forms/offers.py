"""Forms of the offer pages: they only carry the referent's input to the offer services."""

import re

from django import forms


class AcceptForm(forms.Form):
    # Not required here: the service decides and explains, so the rule lives in one place.
    engagement = forms.BooleanField(required=False)


class GiveBackForm(forms.Form):
    reason = forms.CharField(
        label="Pourquoi rendez-vous ce lot ?",
        max_length=500,
        error_messages={"required": "Indiquez pourquoi vous rendez ce lot."},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Par exemple : groupe annulé, date devenue impossible. L'opérateur le lira.",
    )


UNREADABLE = (
    "La sélection n'a pas pu être lue : revenez aux propositions et cochez de nouveau les lots."
)
KEY = re.compile(r"[0-9]{1,9}")


class OfferKeysField(forms.Field):
    """Offer keys sent as a repeated parameter (`lot=12&lot=15`); anything else → invalid."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        values = [value] if isinstance(value, str) else value
        if not all(isinstance(v, str) and KEY.fullmatch(v.strip()) for v in values):
            raise forms.ValidationError(UNREADABLE, code="invalid")
        return [int(v) for v in values]


class GamesKeysField(OfferKeysField):
    """« Tout sélectionner » of a Games: `campaign key-games key` pairs."""

    def to_python(self, value):
        if not value:
            return []
        values = [value] if isinstance(value, str) else value
        pairs = []
        for v in values:
            first, _, second = str(v).strip().partition("-")
            if not (KEY.fullmatch(first) and KEY.fullmatch(second)):
                raise forms.ValidationError(UNREADABLE, code="invalid")
            pairs.append((int(first), int(second)))
        return pairs


class SelectionForm(forms.Form):
    """What the offers page sends (GET): the packs ticked, the Games ticked whole, and the answer
    chosen; or, from the confirmation page itself, the keys to accept and to decline."""

    lot = OfferKeysField(required=False)
    tous = GamesKeysField(required=False)
    reponse = forms.ChoiceField(
        choices=[("accepter", "accepter"), ("desister", "se désister")], required=False
    )
    accepter = OfferKeysField(required=False)
    desister = OfferKeysField(required=False)


class AnswersForm(forms.Form):
    """The confirmation (POST): the offers to accept and to decline, and the one commitment."""

    accepter = OfferKeysField(required=False)
    desister = OfferKeysField(required=False)
    # Not required here: the service decides and explains, as for one pack.
    engagement = forms.BooleanField(required=False)
