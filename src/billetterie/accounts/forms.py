"""Sign-in form: the e-mail address is the identifier."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse e-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("Adresse e-mail ou mot de passe incorrect."),
        "inactive": _("Ce compte est désactivé."),
    }


class AccountPasswordResetForm(PasswordResetForm):
    """Also reaches accounts created by an import, which have no password yet: the link sets the first one."""

    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)


class SecondFactorForm(forms.Form):
    """The code of the second factor: from the app, the e-mail, or a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text=(
            "Les 6 chiffres de votre application d'authentification ou de l'e-mail reçu, "
            "ou l'un de vos codes de secours."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        error_messages={"required": "Saisissez le code."},
    )


class SecondFactorSetupForm(SecondFactorForm):
    """The first code of a new second factor (no recovery code exists yet)."""

    def __init__(self, *args, method: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            "Les 6 chiffres que l'application affiche en ce moment."
            if method == "totp"
            else "Les 6 chiffres de l'e-mail que vous venez de recevoir."
        )


class SecondFactorChoiceForm(forms.Form):
    method = forms.ChoiceField(
        label="Méthode",
        choices=[
            ("totp", "Une application d'authentification sur mon téléphone (recommandé)"),
            ("email", "Un code envoyé à mon adresse e-mail à chaque connexion"),
        ],
        widget=forms.RadioSelect,
        initial="totp",
    )


class SecondFactorSendForm(forms.Form):
    """The "send me a code by e-mail" button on the verification page."""

    send = forms.BooleanField(required=True, widget=forms.HiddenInput, initial=True)


class SecurityActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("codes", "Nouveaux codes"), ("disable", "Désactiver")])


class InvitationPasswordForm(SetPasswordForm):
    """The first password, chosen from the invitation link (Django's rules, in French)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label, second.label = "Mot de passe", "Le même mot de passe, une seconde fois"
        first.help_text = (
            "Au moins 10 caractères ; ni un mot de passe trop courant, ni seulement des chiffres, "
            "ni trop proche de votre nom ou de votre adresse e-mail."
        )
        second.help_text = ""
