"""Back-office pages for operator staff."""

from django.urls import include, path

from billetterie.backoffice import views
from billetterie.backoffice import views_offers

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("campagnes/nouvelle/", views.campaign_new, name="campaign_new"),
    path("campagnes/<slug:campaign_slug>/", views.campaign_detail, name="campaign"),
    path("campagnes/<slug:campaign_slug>/journal/", views.audit_log, name="audit_log"),
    path("campagnes/<slug:campaign_slug>/imports/", include("billetterie.backoffice.urls_imports")),
    path("campagnes/<slug:campaign_slug>/propositions/", views_offers.offers, name="offers"),
    path("campagnes/<slug:campaign_slug>/propositions/<int:offer_id>/prolonger/", views_offers.offer_extend_view, name="offer_extend"),
]
