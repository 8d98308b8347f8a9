"""Back-office pages for operator staff."""

from django.urls import include, path

from billetterie.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("campagnes/<slug:campaign_slug>/imports/", include("billetterie.backoffice.urls_imports")),
]
