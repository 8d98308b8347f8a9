"""Sign-in form: the e-mail address is the identifier."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
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
