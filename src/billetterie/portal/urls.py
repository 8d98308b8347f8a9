"""Portal pages for association referents."""

from django.urls import path

from billetterie.portal import views, views_applications, views_offers
from billetterie.portal import views_attendees as va
from billetterie.portal import views_attendees_groups as vag
from billetterie.portal import views_attendees_letters as val

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("candidatures/", views_applications.applications, name="applications"),
    path(
        "candidatures/<int:application_id>/",
        views_applications.application_detail,
        name="application",
    ),
    path(
        "candidatures/<slug:campaign_slug>/<str:games_code>/",
        views_applications.application_form,
        name="application_form",
    ),
    path("propositions/", views_offers.offers, name="offers"),
    path(
        "propositions/<int:offer_id>/accepter/", views_offers.offer_accept_view, name="offer_accept"
    ),
    path(
        "propositions/<int:offer_id>/desister/",
        views_offers.offer_decline_view,
        name="offer_decline",
    ),
    path(
        "propositions/<int:offer_id>/rendre/",
        views_offers.offer_give_back_view,
        name="offer_give_back",
    ),
    path("beneficiaires/", va.attendees, name="attendees"),
    path("beneficiaires/<slug:campaign_slug>/", va.attendees_campaign, name="attendees_campaign"),
    path(
        "beneficiaires/<slug:campaign_slug>/personnes/",
        va.attendees_people,
        name="attendees_people",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/personnes/<int:person_id>/",
        va.attendees_person,
        name="attendees_person",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/tableau.xlsx",
        va.attendees_export,
        name="attendees_export",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/tableau/importer/",
        va.attendees_import_view,
        name="attendees_import",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/charte/", va.attendees_charter, name="attendees_charter"
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/envoyer/<str:games_code>/",
        va.attendees_submit,
        name="attendees_submit",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/groupes/nouveau/",
        vag.attendees_group_new,
        name="attendees_group_new",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/groupes/<int:group_id>/",
        vag.attendees_group,
        name="attendees_group",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/groupes/<int:group_id>/supprimer/",
        vag.attendees_group_delete,
        name="attendees_group_delete",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/groupes/<int:group_id>/derogation/",
        vag.attendees_derogation_new,
        name="attendees_derogation_new",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/billets/<int:holder_id>/reattribution/",
        vag.attendees_name_change_new,
        name="attendees_name_change_new",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/courrier/",
        val.attendees_letter,
        name="attendees_letter",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/courrier/courrier-engagement.pdf",
        val.attendees_letter_pdf,
        name="attendees_letter_pdf",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/courrier/<int:letter_id>/fichier/",
        val.attendees_letter_file,
        name="attendees_letter_file",
    ),
]
