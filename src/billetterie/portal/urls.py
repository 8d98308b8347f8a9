"""Portal pages for association referents."""

from django.urls import path

from billetterie.portal.views import (
    applications,
    attendance,
    attendees,
    contest,
    delivery,
    derogations,
    explanation,
    exports,
    groups,
    help_page,
    home,
    letters,
    lodging,
    name_changes,
    offers,
    people,
    spreadsheet,
    submissions,
)

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    path("aide/", help_page.help_page, name="help"),
    path("candidatures/", applications.applications, name="applications"),
    path(
        "candidatures/<int:application_id>/",
        applications.application_detail,
        name="application",
    ),
    path(
        "candidatures/<slug:campaign_slug>/<str:games_code>/",
        applications.application_form,
        name="application_form",
    ),
    path("propositions/", offers.offers, name="offers"),
    # Several offers at once: the selection, one commitment, one confirmation
    path("propositions/repondre/", offers.offers_answer_view, name="offers_answer"),
    # Exports of the association's lists (reporting), built in the background
    path("exports/", exports.exports_index, name="exports_index"),
    path("exports/<slug:campaign_slug>/", exports.exports, name="exports"),
    path(
        "exports/<slug:campaign_slug>/<int:job_id>/fichier/",
        exports.export_download,
        name="export_file",
    ),
    path("propositions/<int:offer_id>/accepter/", offers.offer_accept_view, name="offer_accept"),
    path(
        "propositions/<int:offer_id>/desister/",
        offers.offer_decline_view,
        name="offer_decline",
    ),
    path(
        "propositions/<int:offer_id>/rendre/",
        offers.offer_give_back_view,
        name="offer_give_back",
    ),
    # Why these packs: the association's own explanation (reporting)
    path("pourquoi-ces-lots/<slug:campaign_slug>/", explanation.explanation, name="explanation"),
    path(
        "pourquoi-ces-lots/<slug:campaign_slug>/explication.pdf",
        explanation.explanation_pdf_view,
        name="explanation_pdf",
    ),
    path("beneficiaires/", attendees.attendees, name="attendees"),
    path(
        "beneficiaires/<slug:campaign_slug>/",
        attendees.attendees_campaign,
        name="attendees_campaign",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/personnes/",
        people.attendees_people,
        name="attendees_people",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/personnes/<int:person_id>/",
        people.attendees_person,
        name="attendees_person",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/tableau.xlsx",
        spreadsheet.attendees_export,
        name="attendees_export",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/tableau/importer/",
        spreadsheet.attendees_import_view,
        name="attendees_import",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/charte/",
        submissions.attendees_charter,
        name="attendees_charter",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/envoyer/<str:games_code>/",
        submissions.attendees_submit,
        name="attendees_submit",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/groupes/nouveau/",
        groups.attendees_group_new,
        name="attendees_group_new",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/groupes/<int:group_id>/",
        groups.attendees_group,
        name="attendees_group",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/groupes/<int:group_id>/supprimer/",
        groups.attendees_group_delete,
        name="attendees_group_delete",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/groupes/<int:group_id>/derogation/",
        derogations.attendees_derogation_new,
        name="attendees_derogation_new",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/billets/<int:holder_id>/reattribution/",
        name_changes.attendees_name_change_new,
        name="attendees_name_change_new",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/courrier/",
        letters.attendees_letter,
        name="attendees_letter",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/courrier/courrier-engagement.pdf",
        letters.attendees_letter_pdf,
        name="attendees_letter_pdf",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/courrier/<int:letter_id>/fichier/",
        letters.attendees_letter_file,
        name="attendees_letter_file",
    ),
    # Attendance on the day (delivery)
    path(
        "beneficiaires/<slug:campaign_slug>/presence/",
        attendance.attendance,
        name="attendance",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/presence/<int:group_id>/",
        attendance.attendance_group_view,
        name="attendance_group",
    ),
    path(
        "beneficiaires/<slug:campaign_slug>/remise/",
        delivery.attendees_delivery,
        name="attendees_delivery",
    ),
    # The contest: participation, the audio entry, the kit
    path("jeu-concours/", contest.contests, name="contests"),
    path("jeu-concours/<slug:campaign_slug>/", contest.contest, name="contest"),
    path(
        "jeu-concours/<slug:campaign_slug>/enregistrement/",
        contest.contest_entry,
        name="contest_entry",
    ),
    path(
        "jeu-concours/<slug:campaign_slug>/enregistrement/<int:entry_id>/audio/",
        contest.contest_entry_audio,
        name="contest_entry_audio",
    ),
    path(
        "jeu-concours/<slug:campaign_slug>/kit/<int:file_id>/",
        contest.contest_kit_file,
        name="contest_kit_file",
    ),
    # Lodging in Île-de-France: needs, host offers, answers to proposals, the practical page
    path("hebergement/", lodging.lodging, name="lodging"),
    path("hebergement/<slug:campaign_slug>/", lodging.lodging_campaign, name="lodging_campaign"),
    path(
        "hebergement/<slug:campaign_slug>/pratique/",
        lodging.lodging_practical,
        name="lodging_practical",
    ),
    path(
        "hebergement/<slug:campaign_slug>/sejours/nouveau/",
        lodging.lodging_need_new,
        name="lodging_need_new",
    ),
    path(
        "hebergement/<slug:campaign_slug>/sejours/<int:need_id>/",
        lodging.lodging_need,
        name="lodging_need",
    ),
    path(
        "hebergement/<slug:campaign_slug>/sejours/<int:need_id>/retirer/",
        lodging.lodging_need_withdraw,
        name="lodging_need_withdraw",
    ),
    path(
        "hebergement/<slug:campaign_slug>/offres/nouvelle/",
        lodging.lodging_offer_new,
        name="lodging_offer_new",
    ),
    path(
        "hebergement/<slug:campaign_slug>/offres/<int:offer_id>/",
        lodging.lodging_offer,
        name="lodging_offer",
    ),
    path(
        "hebergement/<slug:campaign_slug>/offres/<int:offer_id>/retirer/",
        lodging.lodging_offer_withdraw,
        name="lodging_offer_withdraw",
    ),
    path(
        "hebergement/<slug:campaign_slug>/propositions/<int:placement_id>/",
        lodging.lodging_placement,
        name="lodging_placement",
    ),
]
