"""The front door: anonymous visitors see the welcome page, each signed-in user goes to their space."""

from django.shortcuts import redirect, render

from billetterie.accounts.models import Role

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
