"""The jury's pages (/jury/): one campaign per member, so no campaign in the addresses."""

from django.urls import path

from billetterie.jury import views

app_name = "jury"

urlpatterns = [
    path("", views.home, name="home"),
    path("enregistrements/<int:entry_id>/", views.entry, name="entry"),
    path("enregistrements/<int:entry_id>/ecouter/", views.entry_audio, name="entry_audio"),
    path("deliberation/", views.deliberation, name="deliberation"),
    path("deliberation/cloture/", views.deliberation_close, name="deliberation_close"),
    path("resultats/", views.results, name="results"),
]
