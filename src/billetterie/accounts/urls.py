"""Signing in and out, the second factor, password reset by e-mail, the invitation link."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from billetterie.accounts import views
from billetterie.accounts.forms import AccountPasswordResetForm, EmailAuthenticationForm
from billetterie.accounts.views import InvitationView, PasswordResetConfirmView

app_name = "accounts"

urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=EmailAuthenticationForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mot-de-passe/oubli/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=AccountPasswordResetForm,
            email_template_name="accounts/email/password_reset.txt",
            html_email_template_name="accounts/email/password_reset.html",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oubli/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("invitation/<uidb64>/<token>/", InvitationView.as_view(), name="invitation"),
    path("double-authentification/", views.second_factor, name="second_factor"),
    path(
        "double-authentification/activer/",
        views.second_factor_setup,
        name="second_factor_setup",
    ),
    path(
        "double-authentification/application/",
        views.second_factor_totp,
        name="second_factor_totp",
    ),
    path("double-authentification/e-mail/", views.second_factor_email, name="second_factor_email"),
    path(
        "double-authentification/codes-de-secours/",
        views.second_factor_codes,
        name="second_factor_codes",
    ),
    path("securite/", views.security, name="security"),
]
