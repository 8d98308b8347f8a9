"""The front door: anonymous visitors see the welcome page, each signed-in user goes to their space."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django_otp import login as otp_login

from billetterie.accounts.forms import (
    InvitationPasswordForm,
    SecondFactorChoiceForm,
    SecondFactorForm,
    SecondFactorSendForm,
    SecondFactorSetupForm,
    SecurityActionForm,
)
from billetterie.accounts.invitations import invitation_days, invitation_token
from billetterie.accounts.models import Role
from billetterie.accounts.second_factor import (
    email_code_send,
    email_pending,
    has_second_factor,
    recovery_codes_regenerate,
    second_factor_check,
    second_factor_confirm,
    second_factor_disable,
    second_factor_forced,
    second_factor_methods,
    totp_pending,
    totp_qr_svg,
    totp_secret_display,
)
from billetterie.accounts.services import invitation_accept
from billetterie.accounts.throttling import account_failures_clear
from billetterie.core.audit import audit_log
from billetterie.core.usecase import use_case
from billetterie.core.web import safe_next_url

HOME_BY_ROLE = {
    Role.PLATFORM_ADMIN: "backoffice:home",
    Role.OPERATOR_STAFF: "backoffice:home",
    Role.REFERENT: "portal:home",
    Role.JURY: "jury:home",
}


def _codes_in_console() -> bool:
    """E-mails are written to the server's console (development, `make demo`): the second-factor
    pages say where the code is, since no e-mail reaches anybody."""
    return settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def home(request):
    if not request.user.is_authenticated:
        return render(request, "accounts/welcome.html")
    target = HOME_BY_ROLE.get(request.user.role)
    if target is None:
        return render(request, "accounts/role_home.html", {"role": request.user.get_role_display()})
    return redirect(target)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password from the e-mailed link also lifts the account's sign-in lock: the
    person proved they own the address, and the lock may have been set by someone else."""

    def form_valid(self, form):
        response = super().form_valid(form)
        account_failures_clear(form.user.get_username())
        return response


class InvitationView(auth_views.PasswordResetConfirmView):
    """The link of an invitation: the person chooses their first password, and is signed in.

    Django's reset page does the rest: the token leaves the address at once (kept in the session,
    never in a Referer), a wrong, used or expired link shows one same French page, whether the
    account exists or not. Operator staff then set up their second factor (the middleware)."""

    token_generator = invitation_token
    form_class = InvitationPasswordForm
    template_name = "accounts/invitation.html"
    reset_url_token = "choisir"  # noqa: S105 - the path segment that replaces the token

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "days": invitation_days()}

    def form_valid(self, form):
        user = invitation_accept(form=form)
        self.request.session.pop(auth_views.INTERNAL_RESET_SESSION_TOKEN, None)
        account_failures_clear(user.get_username())
        auth_login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            self.request,
            "Votre mot de passe est enregistré. Bienvenue sur la Billetterie populaire !",
        )
        return redirect("home")


# --- Second factor ------------------------------------------------------------------------------

CODES_SESSION_KEY = "second_factor_new_codes"


def _next(request) -> str:
    return safe_next_url(request, reverse("home"))


def _with_next(request, name: str) -> str:
    return f"{reverse(name)}?{request.GET.urlencode()}"


def _passed(request, device, *, kind: str) -> None:
    """The second factor is proven for this session."""
    otp_login(request, device)
    with use_case():
        audit_log(
            action="user.second_factor_passed",
            actor=request.user,
            subject=request.user,
            details={"kind": kind},
        )


@login_required
def second_factor(request):
    """The second step of signing in: a code from the app, the e-mail, or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not has_second_factor(user):
        return redirect(_with_next(request, "accounts:second_factor_setup"))
    send = SecondFactorSendForm(request.POST if "send" in request.POST else None)
    if send.is_valid():
        if email_code_send(user):
            messages.info(
                request, f"Un code vient d'être envoyé à {user.email}. Il est valable 10 minutes."
            )
        return redirect(request.get_full_path())
    form = SecondFactorForm(request.POST if "code" in request.POST else None)
    if form.is_valid():
        device = second_factor_check(user, form.cleaned_data["code"])
        if device is not None:
            _passed(request, device, kind=type(device).__name__)
            return redirect(_next(request))
        form.add_error(
            "code",
            "Ce code n'est pas le bon, ou il a expiré. Vérifiez-le et réessayez ; après plusieurs "
            "erreurs, attendez quelques secondes entre deux essais.",
        )
    context = {
        "form": form,
        "send": SecondFactorSendForm(),
        "methods": second_factor_methods(user),
        "demo": _codes_in_console(),
    }
    return render(request, "accounts/second_factor.html", context)


@login_required
def second_factor_setup(request):
    """Choose how to receive the second factor (authenticator app or e-mail)."""
    form = SecondFactorChoiceForm(request.POST or None)
    if form.is_valid():
        if form.cleaned_data["method"] == "totp":
            return redirect(_with_next(request, "accounts:second_factor_totp"))
        email_pending(request.user)
        return redirect(_with_next(request, "accounts:second_factor_email"))
    context = {"form": form, "forced": second_factor_forced(request.user)}
    return render(request, "accounts/second_factor_setup.html", context)


def _confirm(request, form, *, kind: str, refusal: str):
    """The first code of a new second factor: on success, show the recovery codes."""
    confirmed = second_factor_confirm(request.user, kind=kind, code=form.cleaned_data["code"])
    if confirmed is None:
        form.add_error("code", refusal)
        return None
    device, codes = confirmed
    _passed(request, device, kind=kind)
    request.session[CODES_SESSION_KEY] = codes
    return redirect(_with_next(request, "accounts:second_factor_codes"))


@login_required
def second_factor_totp(request):
    """Scan the QR code (or type the secret), then confirm with the first code shown by the app."""
    device = totp_pending(request.user)
    form = SecondFactorSetupForm(request.POST or None, method="totp")
    if form.is_valid():
        done = _confirm(
            request,
            form,
            kind="totp",
            refusal="Ce code ne correspond pas : vérifiez l'heure de votre téléphone et réessayez.",
        )
        if done:
            return done
    context = {"form": form, "qr": totp_qr_svg(device), "secret": totp_secret_display(device)}
    return render(request, "accounts/second_factor_totp.html", context)


@login_required
def second_factor_email(request):
    """Confirm the e-mail path with the code just sent; a new code can be asked for."""
    send = SecondFactorSendForm(request.POST if "send" in request.POST else None)
    if send.is_valid():
        email_pending(request.user)
        messages.info(request, f"Un nouveau code vient d'être envoyé à {request.user.email}.")
        return redirect(request.get_full_path())
    form = SecondFactorSetupForm(request.POST if "code" in request.POST else None, method="email")
    if form.is_valid():
        done = _confirm(
            request,
            form,
            kind="email",
            refusal="Ce code n'est pas le bon, ou il a expiré : demandez-en un nouveau.",
        )
        if done:
            return done
    context = {"form": form, "send": SecondFactorSendForm(), "demo": _codes_in_console()}
    return render(request, "accounts/second_factor_email.html", context)


@login_required
def second_factor_codes(request):
    """The recovery codes, shown once, right after they were made."""
    codes = request.session.pop(CODES_SESSION_KEY, None)
    if not codes:
        return redirect("accounts:security")
    return render(
        request, "accounts/second_factor_codes.html", {"codes": codes, "next": _next(request)}
    )


@login_required
def security(request):
    """The person's sign-in security: second factor, recovery codes."""
    user = request.user
    form = SecurityActionForm(request.POST or None)
    if form.is_valid() and user.is_verified():
        if form.cleaned_data["action"] == "codes":
            request.session[CODES_SESSION_KEY] = recovery_codes_regenerate(user)
            return redirect("accounts:second_factor_codes")
        if second_factor_disable(user):
            messages.success(
                request, "La double authentification est désactivée pour votre compte."
            )
        return redirect("accounts:security")
    context = {
        "methods": second_factor_methods(user),
        "forced": second_factor_forced(user),
        "verified": user.is_verified(),
    }
    return render(request, "accounts/security.html", context)
