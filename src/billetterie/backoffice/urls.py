"""Back-office pages for operator staff."""

from django.urls import path

from billetterie.backoffice.views import (
    accounts,
    allocation,
    applications,
    associations,
    attendance,
    attendees,
    campaigns,
    charts,
    contest,
    contest_results,
    dashboard,
    decisions,
    delivery,
    explanation,
    exports,
    help_page,
    imports,
    journal,
    leaders,
    links,
    lodging,
    lodging_travel,
    offers,
    outbox,
    pack_move,
    packs,
    prestige,
    settings,
    size_weight,
    wording,
)

app_name = "backoffice"

CAMPAIGN = "campagnes/<slug:campaign_slug>/"
RUN = f"{CAMPAIGN}attribution/<int:number>/"
APPLICATION = f"{CAMPAIGN}candidatures/<int:application_id>/"
ATTENDEES = f"{CAMPAIGN}beneficiaires/"
PACK = f"{CAMPAIGN}lots/<int:pack_id>/"
TEXT = f"{CAMPAIGN}textes/<str:code>/"
HELP_ENTRY = f"{CAMPAIGN}aide/<int:entry_id>/"
LINKS = f"{CAMPAIGN}liens/"
MESSAGE = f"{CAMPAIGN}messages/<int:message_id>/"
LODGING = f"{CAMPAIGN}hebergement/"
LODGING_RUN = f"{LODGING}calculs/<int:run_id>/"

urlpatterns = [
    path("", campaigns.home, name="home"),
    path("campagnes/nouvelle/", campaigns.campaign_new, name="campaign_new"),
    path(CAMPAIGN, campaigns.campaign_detail, name="campaign"),
    path(f"{CAMPAIGN}journal/", journal.audit_log, name="audit_log"),
    # Reporting: the dashboard and the report for the funder
    path(f"{CAMPAIGN}tableau-de-bord/", dashboard.dashboard, name="dashboard"),
    path(f"{CAMPAIGN}bilan-financeur/", dashboard.funder_report_view, name="funder_report"),
    path(f"{CAMPAIGN}reglages/", settings.campaign_settings, name="campaign_settings"),
    path(f"{CAMPAIGN}associations/", associations.associations, name="associations"),
    path(
        f"{CAMPAIGN}associations/<int:association_id>/",
        associations.association_edit,
        name="association",
    ),
    path(f"{CAMPAIGN}lots/", packs.packs, name="packs"),
    path(PACK, packs.pack_detail, name="pack"),
    path(f"{PACK}retirer/", packs.pack_withdraw_view, name="pack_withdraw"),
    path(f"{PACK}remettre/", packs.pack_restore_view, name="pack_restore"),
    path(f"{PACK}corriger/", packs.pack_correct_view, name="pack_correct"),
    # An association's explanation, as its referent sees it (reporting)
    path(
        f"{CAMPAIGN}associations/<int:association_id>/explication/",
        explanation.association_explanation_view,
        name="association_explanation",
    ),
    path(
        f"{CAMPAIGN}associations/<int:association_id>/explication.pdf",
        explanation.association_explanation_pdf,
        name="association_explanation_pdf",
    ),
    path(f"{CAMPAIGN}attribution/", allocation.runs, name="runs"),
    path(RUN, allocation.run_detail, name="run"),
    path(f"{RUN}etat/", allocation.run_status, name="run_status"),
    # Find a pack of the run (GET: search, filters, pages), then move it (POST).
    path(f"{RUN}deplacer/", pack_move.run_move, name="run_move"),
    path(f"{RUN}publier/", allocation.run_publish_view, name="run_publish"),
    path(f"{RUN}abandonner/", allocation.run_discard_view, name="run_discard"),
    path(f"{RUN}verifier/", allocation.run_replay, name="run_replay"),
    path(f"{RUN}essai-alpha/", size_weight.run_size_weight_preview, name="run_size_weight"),
    path(
        f"{RUN}essai-alpha/etat/",
        size_weight.run_size_weight_status,
        name="run_size_weight_status",
    ),
    path(f"{CAMPAIGN}imports/", imports.import_index, name="import_index"),
    path(f"{CAMPAIGN}imports/<slug:kind>/", imports.import_upload, name="import_upload"),
    path(
        f"{CAMPAIGN}imports/<slug:kind>/modele.csv", imports.import_template, name="import_template"
    ),
    path(f"{CAMPAIGN}comptes/", accounts.accounts, name="accounts"),
    path(f"{CAMPAIGN}comptes/nouveau/", accounts.account_new, name="account_new"),
    path(
        f"{CAMPAIGN}comptes/<int:user_id>/inviter/",
        accounts.account_invite,
        name="account_invite",
    ),
    path(f"{CAMPAIGN}candidatures/", applications.applications, name="applications"),
    path(APPLICATION, applications.application_detail, name="application"),
    path(
        f"{APPLICATION}corriger/",
        applications.application_correct_view,
        name="application_correct",
    ),
    path(
        f"{APPLICATION}eligibilite/",
        applications.application_eligibility_view,
        name="application_eligibility",
    ),
    path(f"{CAMPAIGN}propositions/", offers.offers, name="offers"),
    path(
        f"{CAMPAIGN}propositions/<int:offer_id>/prolonger/",
        offers.offer_extend_view,
        name="offer_extend",
    ),
    path(ATTENDEES, attendees.attendees, name="attendees"),
    path(
        f"{ATTENDEES}associations/<int:association_id>/",
        attendees.attendees_association,
        name="attendees_association",
    ),
    path(
        f"{ATTENDEES}associations/<int:association_id>/relancer/",
        attendees.attendees_remind,
        name="attendees_remind",
    ),
    path(
        f"{ATTENDEES}derogations/<int:derogation_id>/",
        decisions.attendees_derogation,
        name="attendees_derogation",
    ),
    path(
        f"{ATTENDEES}courriers/<int:letter_id>/",
        decisions.attendees_letter,
        name="attendees_letter",
    ),
    path(
        f"{ATTENDEES}courriers/<int:letter_id>/fichier/",
        decisions.attendees_letter_file,
        name="attendees_letter_file",
    ),
    path(
        f"{ATTENDEES}reattributions/<int:name_change_id>/",
        decisions.attendees_name_change,
        name="attendees_name_change",
    ),
    path(
        f"{ATTENDEES}reattributions/export/",
        decisions.attendees_changes_export,
        name="attendees_changes_export",
    ),
    path(f"{CAMPAIGN}billetterie/exports/", delivery.nominative_exports, name="nominative_exports"),
    # Exports of every list (reporting), built in the background
    path(f"{CAMPAIGN}exports/", exports.exports, name="exports"),
    path(f"{CAMPAIGN}exports/<int:job_id>/fichier/", exports.export_download, name="export_file"),
    path(
        f"{CAMPAIGN}billetterie/exports/<int:number>/",
        delivery.nominative_export_download,
        name="nominative_export_file",
    ),
    path(f"{CAMPAIGN}textes/", wording.message_texts, name="message_texts"),
    path(TEXT, wording.message_text, name="message_text"),
    path(f"{TEXT}par-defaut/", wording.message_text_reset, name="message_text_reset"),
    path(f"{CAMPAIGN}messages/", outbox.outbox_messages, name="messages"),
    path(
        f"{CAMPAIGN}messages/renvoyer-les-echecs/",
        outbox.outbox_resend_failed,
        name="messages_resend_failed",
    ),
    path(MESSAGE, outbox.outbox_message, name="message"),
    path(f"{MESSAGE}renvoyer/", outbox.outbox_message_resend, name="message_resend"),
    path(f"{CAMPAIGN}aide/", help_page.help_entries, name="help"),
    path(f"{CAMPAIGN}aide/nouvelle/", help_page.help_entry_new, name="help_new"),
    path(HELP_ENTRY, help_page.help_entry_edit, name="help_edit"),
    path(f"{HELP_ENTRY}supprimer/", help_page.help_entry_delete_view, name="help_delete"),
    path(f"{HELP_ENTRY}deplacer/", help_page.help_entry_move_view, name="help_move"),
    path(f"{CAMPAIGN}contact/", help_page.operator_contact, name="operator_contact"),
    # Attendance on the day and reliability (delivery)
    path(f"{CAMPAIGN}presence/", attendance.attendance_board_view, name="attendance"),
    path(
        f"{CAMPAIGN}presence/export/", attendance.attendance_export_view, name="attendance_export"
    ),
    path(f"{CAMPAIGN}fiabilite/", attendance.reliability_view, name="reliability"),
    path(f"{CAMPAIGN}remise/", leaders.leaders_tracking, name="leaders"),
    path(f"{CAMPAIGN}remise/envoyer/", leaders.leaders_send_view, name="leaders_send"),
    path(f"{CAMPAIGN}remise/groupes/<int:group_id>/", leaders.leader_group, name="leader_group"),
    # Download links
    path(LINKS, links.links, name="links"),
    path(f"{LINKS}lots-acceptes/", links.links_request_download, name="links_request"),
    path(f"{LINKS}lots/<int:pack_id>/", links.links_pack, name="links_pack"),
    path(f"{LINKS}<int:link_id>/remplacer/", links.link_replace_view, name="link_replace"),
    path(f"{LINKS}<int:link_id>/retirer/", links.link_withdraw_view, name="link_withdraw"),
    # Lodging: travel times, corrections, the invitation of the far associations
    path(f"{CAMPAIGN}hebergement/trajets/", lodging_travel.lodging_travel, name="lodging_travel"),
    path(
        f"{CAMPAIGN}hebergement/trajets/inviter/",
        lodging_travel.lodging_travel_invite,
        name="lodging_travel_invite",
    ),
    path(
        f"{CAMPAIGN}hebergement/trajets/<int:association_id>/",
        lodging_travel.lodging_travel_override,
        name="lodging_travel_override",
    ),
    # The contest: settings, criteria, kit, jury
    path(f"{CAMPAIGN}jeu-concours/", contest.contest, name="contest"),
    path(f"{CAMPAIGN}jeu-concours/criteres/", contest.contest_criteria, name="contest_criteria"),
    path(f"{CAMPAIGN}jeu-concours/kit/", contest.contest_kit, name="contest_kit"),
    path(
        f"{CAMPAIGN}jeu-concours/kit/<int:file_id>/",
        contest.contest_kit_file,
        name="contest_kit_file",
    ),
    path(f"{CAMPAIGN}jeu-concours/jury/", contest.contest_jury, name="contest_jury"),
    # The contest: the jury's progress, then the results (names once the deliberation is closed)
    path(
        f"{CAMPAIGN}jeu-concours/resultats/",
        contest_results.contest_results_view,
        name="contest_results",
    ),
    # Prestige packs of the contest, offered to the winners
    path(f"{CAMPAIGN}jeu-concours/lots-prestige/", prestige.prestige, name="prestige"),
    path(
        f"{CAMPAIGN}jeu-concours/lots-prestige/proposer/",
        prestige.prestige_start_view,
        name="prestige_start",
    ),
    # Reporting: the charts and the map
    path(f"{CAMPAIGN}graphiques/", charts.charts_view, name="charts"),
    # Lodging: figures, settings, practical page, hosts, needs, matching runs
    path(LODGING, lodging.lodging, name="lodging"),
    path(f"{LODGING}reglages/", lodging.lodging_settings, name="lodging_settings"),
    path(f"{LODGING}page-pratique/", lodging.lodging_practical, name="lodging_practical"),
    path(f"{LODGING}hebergeurs/", lodging.lodging_hosts, name="lodging_hosts"),
    path(f"{LODGING}hebergeurs/inviter/", lodging.lodging_host_invite, name="lodging_host_invite"),
    path(
        f"{LODGING}hebergeurs/inviter-association/",
        lodging.lodging_host_invite_existing,
        name="lodging_host_invite_existing",
    ),
    path(f"{LODGING}hebergeurs/<int:offer_id>/", lodging.lodging_host, name="lodging_host"),
    path(f"{LODGING}besoins/", lodging.lodging_needs, name="lodging_needs"),
    path(f"{LODGING}besoins/<int:need_id>/", lodging.lodging_need, name="lodging_need"),
    path(
        f"{LODGING}propositions/<int:placement_id>/annuler/",
        lodging.lodging_placement_cancel,
        name="lodging_placement_cancel",
    ),
    path(f"{LODGING}calculs/", lodging.lodging_runs, name="lodging_runs"),
    path(LODGING_RUN, lodging.lodging_run, name="lodging_run"),
    path(f"{LODGING_RUN}etat/", lodging.lodging_run_status, name="lodging_run_status"),
    path(f"{LODGING_RUN}ajuster/", lodging.lodging_run_adjust, name="lodging_run_adjust"),
    path(
        f"{LODGING_RUN}groupes/<int:need_id>/",
        lodging.lodging_run_group,
        name="lodging_run_group",
    ),
    path(f"{LODGING_RUN}publier/", lodging.lodging_run_publish, name="lodging_run_publish"),
    path(f"{LODGING_RUN}abandonner/", lodging.lodging_run_abandon, name="lodging_run_abandon"),
]
