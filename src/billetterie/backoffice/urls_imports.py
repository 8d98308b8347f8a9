"""Import pages of a campaign (names are namespaced under backoffice:)."""

from django.urls import path

from billetterie.backoffice import views_imports as views

urlpatterns = [
    path("", views.import_index, name="import_index"),
    path("<slug:kind>/", views.import_upload, name="import_upload"),
    path("<slug:kind>/modele.csv", views.import_template, name="import_template"),
]
