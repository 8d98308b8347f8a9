"""Attendance on the day: the referent files who came with each group, from the session's day on,
never more than the named holders of each kind; a correction shows what changes before it is
saved and is journaled; the operator reads it per group and per association and exports it."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from billetterie.attendees.models import Group
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.delivery.attendance import (
    attendance_board,
    attendance_file,
    attendance_personal_data_held,
    attendance_personal_data_purge,
)
from billetterie.delivery.models import AttendanceReport
from tests.delivery.attendance_world import named_group

pytestmark = pytest.mark.django_db

SESSION = "2024-07-30"
AFTER = "2024-07-31T09:00"


def _file(campaign, association, group, actor, youth, supervisors, comment=""):
    return attendance_file(
        campaign=campaign,
        association=association,
        group_id=group.pk,
        youth_present=youth,
        supervisors_present=supervisors,
        comment=comment,
        actor=actor,
    )


def test_filed_from_the_session_day_and_bounded_by_the_named_holders(
    campaign, association, referent_user
):
    group = named_group(campaign, association, referent_user, youth=3, supervisors=1)
    with clock.frozen_at("2024-07-29T20:00"), pytest.raises(ValidationError) as early:
        _file(campaign, association, group, referent_user, 3, 1)
    assert "à partir du jour de l'épreuve, le 30 juillet 2024" in str(early.value)
    with clock.frozen_at(AFTER):
        with pytest.raises(ValidationError) as too_many:
            _file(campaign, association, group, referent_user, 4, 2)
        errors = too_many.value.message_dict
        assert errors["youth_present"] == [
            "Au plus 3 : c'est le nombre de jeunes nommés sur les billets de ce groupe."
        ]
        assert errors["supervisors_present"] == [
            "Au plus 1 : c'est le nombre d'encadrants nommés sur les billets de ce groupe."
        ]
        assert not AttendanceReport.objects.exists()
        report = _file(campaign, association, group, referent_user, 3, 1)
    assert (report.youth_present, report.supervisors_present) == (3, 1)
    entry = AuditEntry.objects.get(action="delivery.attendance_filed")
    assert entry.details == {
        "group": group.pk,
        "youth_present": 3,
        "supervisors_present": 1,
        "comment_given": False,
    }
    assert entry.association_id == association.pk and entry.actor_id == referent_user.pk


def test_another_associations_group_is_not_found(
    campaign, association, referent_user, other_association, other_referent_user, client
):
    theirs = named_group(campaign, other_association, other_referent_user)
    with clock.frozen_at(AFTER):
        with pytest.raises(Group.DoesNotExist):
            _file(campaign, association, theirs, referent_user, 1, 0)
        client.force_login(referent_user)
        named_group(campaign, association, referent_user)  # the campaign is one of its own
        url = reverse(
            "portal:attendance_group",
            kwargs={"campaign_slug": campaign.slug, "group_id": theirs.pk},
        )
        assert client.get(url).status_code == 404
        assert client.post(url, {"youth_present": 1, "supervisors_present": 0}).status_code == 404
    assert not AttendanceReport.objects.exists()


def test_the_portal_lists_past_groups_and_a_correction_is_shown_before_it_is_saved(
    campaign, association, referent_user, client
):
    past = named_group(campaign, association, referent_user, youth=3, supervisors=1)
    later = named_group(campaign, association, referent_user, day="2024-08-05")
    client.force_login(referent_user)
    index = reverse("portal:attendance", kwargs={"campaign_slug": campaign.slug})
    url = reverse(
        "portal:attendance_group", kwargs={"campaign_slug": campaign.slug, "group_id": past.pk}
    )
    with clock.frozen_at(AFTER):
        page = client.get(index).content.decode()
        assert "Présence le jour J" in page and past.name in page and later.name not in page
        assert "3 jeunes, 1 encadrant</td>" in page
        assert "à déclarer" in page and "1 groupe dont l'épreuve est à venir" in page

        refused = client.post(url, {"youth_present": 5, "supervisors_present": 1})
        assert "Au plus 3 : c&#x27;est le nombre de jeunes nommés" in refused.content.decode()

        filed = client.post(
            url, {"youth_present": 2, "supervisors_present": 1, "comment": "Un malade"}
        )
        assert filed.status_code == 302
        assert "déclaré" in client.get(index).content.decode()

        shown = client.post(url, {"youth_present": 3, "supervisors_present": 1, "comment": ""})
        page = shown.content.decode()
        assert "Vérifiez la correction" in page and "Confirmer la correction" in page
        assert "<td>2</td><td><strong>3</strong></td>" in page
        assert "<td>Un malade</td><td><strong>(aucun)</strong></td>" in page
        assert AttendanceReport.objects.get().youth_present == 2  # nothing saved yet

        confirmed = client.post(
            url,
            {"youth_present": 3, "supervisors_present": 1, "comment": "", "confirmed": "on"},
        )
        assert confirmed.status_code == 302
    report = AttendanceReport.objects.get()
    assert (report.youth_present, report.comment) == (3, "")
    entry = AuditEntry.objects.get(action="delivery.attendance_corrected")
    assert entry.details == {
        "group": past.pk,
        "changes": {"youth_present": {"before": 2, "after": 3}},
        "comment_changed": True,
    }
    assert "malade" not in str(entry.details)


def test_the_board_counts_no_shows_per_association_and_groups_not_reported(
    campaign,
    association,
    referent_user,
    other_association,
    other_referent_user,
    client,
    operator_user,
):
    mine = named_group(campaign, association, referent_user, youth=6, supervisors=2)
    named_group(campaign, association, referent_user, youth=3, supervisors=1)  # not reported
    theirs = named_group(campaign, other_association, other_referent_user, youth=3, supervisors=1)
    named_group(campaign, other_association, other_referent_user, day="2024-09-01")  # to come
    with clock.frozen_at(AFTER):
        _file(campaign, association, mine, referent_user, 5, 2, '=HYPERLINK("http://x","y")')
        _file(campaign, other_association, theirs, other_referent_user, 3, 1)
        board = attendance_board(campaign=campaign, today=clock.today())
    by_name = {a.association_name: a for a in board.associations}
    own = by_name[association.name]
    assert (own.tickets, own.named_reported, own.present, own.no_shows) == (12, 8, 7, 1)
    assert own.groups_unreported == 1
    other = by_name[other_association.name]
    assert (other.present, other.no_shows, other.groups_unreported) == (4, 0, 0)
    total = board.total
    assert (total.groups, total.groups_reported, total.present, total.no_shows) == (3, 2, 11, 1)
    assert board.upcoming == 1

    client.force_login(operator_user)
    kwargs = {"campaign_slug": campaign.slug}
    with clock.frozen_at(AFTER):
        page = client.get(reverse("backoffice:attendance", kwargs=kwargs)).content.decode()
        assert "Groupes non déclarés" in page and "<strong>1</strong> absents" in page
        xlsx = client.post(reverse("backoffice:attendance_export", kwargs=kwargs))
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        header = rows.index(
            [
                "Date", "Épreuve", "Sport", "Site", "Association", "Groupe", "Billets",
                "Jeunes nommés", "Encadrants nommés", "Jeunes présents", "Encadrants présents",
                "Absents", "État", "Commentaire",
            ]
        )  # fmt: skip
        data = rows[header + 1 :]
        assert len(data) == 3
        comment_cell = next(
            c for c in sheet.iter_rows(min_row=header + 2) if c[13].value and "HYPER" in c[13].value
        )[13]
        assert comment_cell.data_type == "s" and comment_cell.value.startswith("'=HYPERLINK")
        assert sorted(r[11] for r in data if r[11] is not None) == [0, 1]
        text = client.post(
            reverse("backoffice:attendance_export", kwargs=kwargs), {"format": "csv"}
        ).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[2][0] == "Date" and len(table) == 6
    assert any(row[13].startswith("'=HYPERLINK") for row in table[3:])
    assert [
        e.details
        for e in AuditEntry.objects.filter(action="delivery.attendance_exported").order_by("pk")
    ] == [
        {"type": "xlsx", "rows": 3},
        {"type": "csv", "rows": 3},
    ]


def test_the_purge_blanks_the_comments(campaign, association, referent_user):
    group = named_group(campaign, association, referent_user)
    with clock.frozen_at(AFTER):
        _file(campaign, association, group, referent_user, 1, 1, "Zorglubette est venue")
    assert attendance_personal_data_held(campaign=campaign)
    assert attendance_personal_data_purge(campaign=campaign, now=clock.now()) == {
        "attendance_comments": 1
    }
    assert not attendance_personal_data_held(campaign=campaign)
    assert AttendanceReport.objects.get().youth_present == 1
