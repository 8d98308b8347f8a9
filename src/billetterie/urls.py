"""URL map: one prefix per audience."""

from django.contrib import admin
from django.urls import include, path

from billetterie.accounts import views as account_views
from billetterie.core import views as core_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("sante/", core_views.health, name="health"),
    path("compte/", include("billetterie.accounts.urls")),
    path("gestion/", include("billetterie.backoffice.urls")),
    path("association/", include("billetterie.portal.urls")),
    path("responsable/", include("billetterie.leaders.urls")),
    path("jury/", include("billetterie.jury.urls")),
    path("prestataires/", include("billetterie.callbacks.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "billetterie.core.views.bad_request"
handler403 = "billetterie.core.views.permission_denied"
handler404 = "billetterie.core.views.page_not_found"
handler500 = "billetterie.core.views.server_error"
