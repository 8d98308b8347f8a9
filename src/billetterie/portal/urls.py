"""Portal pages for association referents."""

from django.urls import path

from billetterie.portal import views
from billetterie.portal import views_offers

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("propositions/", views_offers.offers, name="offers"),
    path("propositions/<int:offer_id>/accepter/", views_offers.offer_accept_view, name="offer_accept"),
    path("propositions/<int:offer_id>/desister/", views_offers.offer_decline_view, name="offer_decline"),
    path("propositions/<int:offer_id>/rendre/", views_offers.offer_give_back_view, name="offer_give_back"),
]
