"""Portal pages for association referents."""

from django.urls import path

from billetterie.portal import views, views_applications, views_offers

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("candidatures/", views_applications.applications, name="applications"),
    path("candidatures/<int:application_id>/", views_applications.application_detail, name="application"),
    path(
        "candidatures/<slug:campaign_slug>/<str:games_code>/",
        views_applications.application_form,
        name="application_form",
    ),
    path("propositions/", views_offers.offers, name="offers"),
    path("propositions/<int:offer_id>/accepter/", views_offers.offer_accept_view, name="offer_accept"),
    path("propositions/<int:offer_id>/desister/", views_offers.offer_decline_view, name="offer_decline"),
    path("propositions/<int:offer_id>/rendre/", views_offers.offer_give_back_view, name="offer_give_back"),
]
