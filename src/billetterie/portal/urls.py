"""Portal pages for association referents."""

from django.urls import path

from billetterie.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
]
