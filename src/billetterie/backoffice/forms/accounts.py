"""Forms of the « Comptes » page: find a referent, invite again, open an account."""

from django import forms

from billetterie.accounts.models import Role


class AccountFilterForm(forms.Form):
    q = forms.CharField(label="Nom, e-mail ou association", required=False, max_length=100)
    never = forms.BooleanField(label="Jamais connectés seulement", required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "search": self.cleaned_data["q"].strip(),
            "never_signed_in": self.cleaned_data["never"],
        }


class InvitationRenewForm(forms.Form):
    """The « Inviter de nouveau » button: `seen` is the count of invitations the page showed, so
    that the same click sent twice invites once."""

    seen = forms.IntegerField(min_value=0, max_value=32767, widget=forms.HiddenInput)


class AccountCreateForm(forms.Form):
    role = forms.ChoiceField(
        label="Rôle",
        choices=[
            (Role.OPERATOR_STAFF, "Équipe de l'opérateur (accès au back office)"),
            (Role.JURY, "Membre du jury de cette campagne"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez le rôle du compte."},
    )
    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=254,
        help_text="Son identifiant ; l'invitation y est envoyée.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": "Indiquez l'adresse e-mail.",
            "invalid": "Cette adresse e-mail n'est pas valide.",
        },
    )
    first_name = forms.CharField(
        label="Prénom",
        max_length=150,
        error_messages={"required": "Indiquez le prénom."},
    )
    last_name = forms.CharField(
        label="Nom", max_length=150, error_messages={"required": "Indiquez le nom."}
    )

    def values(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in ("role", "email", "first_name", "last_name")
        }
