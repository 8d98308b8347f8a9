"""Back-office pages for operator staff."""

from django.urls import include, path

from billetterie.backoffice import views, views_allocation, views_applications, views_offers
from billetterie.backoffice import views_attendees as vat
from billetterie.backoffice import views_attendees_requests as vatr

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("campagnes/nouvelle/", views.campaign_new, name="campaign_new"),
    path("campagnes/<slug:campaign_slug>/", views.campaign_detail, name="campaign"),
    path("campagnes/<slug:campaign_slug>/journal/", views.audit_log, name="audit_log"),
    path("campagnes/<slug:campaign_slug>/attribution/", views_allocation.runs, name="runs"),
    path(
        "campagnes/<slug:campaign_slug>/attribution/<int:number>/",
        views_allocation.run_detail,
        name="run",
    ),
    path(
        "campagnes/<slug:campaign_slug>/attribution/<int:number>/etat/",
        views_allocation.run_status,
        name="run_status",
    ),
    path(
        "campagnes/<slug:campaign_slug>/attribution/<int:number>/deplacer/",
        views_allocation.run_move,
        name="run_move",
    ),
    path(
        "campagnes/<slug:campaign_slug>/attribution/<int:number>/publier/",
        views_allocation.run_publish_view,
        name="run_publish",
    ),
    path(
        "campagnes/<slug:campaign_slug>/attribution/<int:number>/abandonner/",
        views_allocation.run_discard_view,
        name="run_discard",
    ),
    path(
        "campagnes/<slug:campaign_slug>/attribution/<int:number>/verifier/",
        views_allocation.run_replay,
        name="run_replay",
    ),
    path("campagnes/<slug:campaign_slug>/imports/", include("billetterie.backoffice.urls_imports")),
    path(
        "campagnes/<slug:campaign_slug>/candidatures/",
        views_applications.applications,
        name="applications",
    ),
    path(
        "campagnes/<slug:campaign_slug>/candidatures/<int:application_id>/",
        views_applications.application_detail,
        name="application",
    ),
    path(
        "campagnes/<slug:campaign_slug>/candidatures/<int:application_id>/corriger/",
        views_applications.application_correct_view,
        name="application_correct",
    ),
    path(
        "campagnes/<slug:campaign_slug>/candidatures/<int:application_id>/eligibilite/",
        views_applications.application_eligibility_view,
        name="application_eligibility",
    ),
    path("campagnes/<slug:campaign_slug>/propositions/", views_offers.offers, name="offers"),
    path(
        "campagnes/<slug:campaign_slug>/propositions/<int:offer_id>/prolonger/",
        views_offers.offer_extend_view,
        name="offer_extend",
    ),
    path("campagnes/<slug:campaign_slug>/beneficiaires/", vat.attendees, name="attendees"),
    path(
        "campagnes/<slug:campaign_slug>/beneficiaires/associations/<int:association_id>/",
        vat.attendees_association,
        name="attendees_association",
    ),
    path(
        "campagnes/<slug:campaign_slug>/beneficiaires/associations/<int:association_id>/relancer/",
        vat.attendees_remind,
        name="attendees_remind",
    ),
    path(
        "campagnes/<slug:campaign_slug>/beneficiaires/derogations/<int:derogation_id>/",
        vatr.attendees_derogation,
        name="attendees_derogation",
    ),
    path(
        "campagnes/<slug:campaign_slug>/beneficiaires/courriers/<int:letter_id>/",
        vatr.attendees_letter,
        name="attendees_letter",
    ),
    path(
        "campagnes/<slug:campaign_slug>/beneficiaires/courriers/<int:letter_id>/fichier/",
        vatr.attendees_letter_file,
        name="attendees_letter_file",
    ),
    path(
        "campagnes/<slug:campaign_slug>/beneficiaires/reattributions/<int:name_change_id>/",
        vatr.attendees_name_change,
        name="attendees_name_change",
    ),
    path(
        "campagnes/<slug:campaign_slug>/beneficiaires/reattributions/export/",
        vatr.attendees_changes_export,
        name="attendees_changes_export",
    ),
]
