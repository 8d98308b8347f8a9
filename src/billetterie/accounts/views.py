"""The front door: anonymous visitors see the welcome page, each signed-in user goes to their space."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from billetterie.accounts.models import Role
from billetterie.accounts.throttling import account_failures_clear

HOME_BY_ROLE = {
    Role.PLATFORM_ADMIN: "backoffice:home",
    Role.OPERATOR_STAFF: "backoffice:home",
    Role.REFERENT: "portal:home",
}


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
