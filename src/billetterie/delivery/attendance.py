"""Attendance on the day: after a group's session, its association's referent says how many youth
and supervisors came (never more than the named holders of each kind), and may correct it later.
The operator reads it per group and per association — tickets, present, no-shows (named holders
minus present), groups not yet reported — and exports it.

Reads (`attendance_groups`, `attendance_board`) and the one write (`attendance_file`) live here;
the reminders to the referents who have not reported are in `attendance_reminders`.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Sum

from billetterie.attendees.models import Group, GroupPack, Holder, PersonKind
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.changes import day, plural
from billetterie.core.exports import csv_bytes, workbook_bytes
from billetterie.core.usecase import Actor, actor_user, use_case
from billetterie.delivery.models import AttendanceReport

COMMENT_MAX = 2000


@dataclass
class GroupAttendance:
    """One group, what was named on its tickets, and what its referent reported."""

    group_id: int
    group_name: str
    association_id: int
    association_name: str
    session_code: str
    session_sport: str
    session_date: dt.date
    venue: str
    tickets: int
    named_youth: int
    named_supervisors: int
    due: bool  # the session's day has come: the attendance may be (and should be) reported
    report: AttendanceReport | None = None

    @property
    def named(self) -> int:
        return self.named_youth + self.named_supervisors

    @property
    def reported(self) -> bool:
        return self.report is not None

    @property
    def present(self) -> int | None:
        if self.report is None:
            return None
        # Bounded when filed; a later change of names cannot make "present" exceed "named".
        return min(self.report.youth_present, self.named_youth) + min(
            self.report.supervisors_present, self.named_supervisors
        )

    @property
    def no_shows(self) -> int | None:
        present = self.present
        return None if present is None else self.named - present

    @property
    def state(self) -> str:
        if not self.due:
            return "à venir"
        return "déclaré" if self.reported else "à déclarer"


def _groups(*, campaign, association_id: int | None = None, group_id: int | None = None):
    groups = Group.objects.filter(campaign=campaign).select_related("session__venue", "association")
    if association_id is not None:
        groups = groups.filter(association_id=association_id)
    if group_id is not None:
        groups = groups.filter(pk=group_id)
    return groups.order_by("session__date", "association__name", "name", "pk")


def attendance_groups(
    *, campaign, today: dt.date, association_id: int | None = None, group_id: int | None = None
) -> list[GroupAttendance]:
    """The campaign's groups (of one association, or one group) with their attendance, by date."""
    groups = list(_groups(campaign=campaign, association_id=association_id, group_id=group_id))
    ids = [g.pk for g in groups]
    named: dict[tuple[int, str], int] = {
        (row["group_id"], row["person__kind"]): row["n"]
        for row in Holder.objects.filter(group_id__in=ids)
        .values("group_id", "person__kind")
        .annotate(n=Count("pk"))
    }
    tickets = dict(
        GroupPack.objects.filter(group_id__in=ids)
        .values("group_id")
        .annotate(n=Sum("pack__size"))
        .values_list("group_id", "n")
    )
    reports = {r.group_id: r for r in AttendanceReport.objects.filter(group_id__in=ids)}
    return [
        GroupAttendance(
            group_id=g.pk,
            group_name=g.name,
            association_id=g.association_id,
            association_name=g.association.name,
            session_code=g.session.code,
            session_sport=g.session.sport,
            session_date=g.session.date,
            venue=g.session.venue.name,
            tickets=tickets.get(g.pk) or 0,
            named_youth=named.get((g.pk, PersonKind.YOUTH), 0),
            named_supervisors=named.get((g.pk, PersonKind.SUPERVISOR), 0),
            due=g.session.date <= today,
            report=reports.get(g.pk),
        )
        for g in groups
    ]


def attendance_group(*, campaign, association, group_id: int, today: dt.date) -> GroupAttendance:
    """One group of the association; another association's (or none) → Group.DoesNotExist."""
    found = attendance_groups(
        campaign=campaign, today=today, association_id=association.pk, group_id=group_id
    )
    if not found:
        raise Group.DoesNotExist("group not found")
    return found[0]


@dataclass
class AttendanceTotals:
    """Sums over the groups whose session has come (reported or not)."""

    association_id: int | None = None
    association_name: str = ""
    groups: int = 0
    groups_reported: int = 0
    tickets: int = 0
    named: int = 0
    named_reported: int = 0  # named holders of the reported groups
    youth_present: int = 0
    supervisors_present: int = 0
    unreported: list[GroupAttendance] = field(default_factory=list)

    @property
    def present(self) -> int:
        return self.youth_present + self.supervisors_present

    @property
    def no_shows(self) -> int:
        """Named holders of the reported groups who did not come."""
        return self.named_reported - self.present

    @property
    def groups_unreported(self) -> int:
        return self.groups - self.groups_reported

    def add(self, row: GroupAttendance) -> None:
        self.groups += 1
        self.tickets += row.tickets
        self.named += row.named
        if row.report is None:
            self.unreported.append(row)
            return
        self.groups_reported += 1
        self.named_reported += row.named
        self.youth_present += min(row.report.youth_present, row.named_youth)
        self.supervisors_present += min(row.report.supervisors_present, row.named_supervisors)


@dataclass
class AttendanceBoard:
    groups: list[GroupAttendance]  # the groups whose session has come
    associations: list[AttendanceTotals]
    total: AttendanceTotals
    upcoming: int  # groups whose session is still to come


def attendance_board(*, campaign, today: dt.date) -> AttendanceBoard:
    """Per group and per association: tickets, present, no-shows, groups not reported; totals."""
    rows = attendance_groups(campaign=campaign, today=today)
    due = [r for r in rows if r.due]
    per_association: dict[int, AttendanceTotals] = {}
    total = AttendanceTotals()
    for row in due:
        per_association.setdefault(
            row.association_id,
            AttendanceTotals(
                association_id=row.association_id, association_name=row.association_name
            ),
        ).add(row)
        total.add(row)
    associations = sorted(per_association.values(), key=lambda t: t.association_name)
    return AttendanceBoard(
        groups=due, associations=associations, total=total, upcoming=len(rows) - len(due)
    )


ATTENDANCE_HEADERS = [
    "Date",
    "Épreuve",
    "Sport",
    "Site",
    "Association",
    "Groupe",
    "Billets",
    "Jeunes nommés",
    "Encadrants nommés",
    "Jeunes présents",
    "Encadrants présents",
    "Absents",
    "État",
    "Commentaire",
]


def attendance_table(board: AttendanceBoard) -> list[list]:
    """The rows of the export, one per group whose session has come (empty cells: not reported)."""
    return [
        [
            row.session_date,
            row.session_code,
            row.session_sport,
            row.venue,
            row.association_name,
            row.group_name,
            row.tickets,
            row.named_youth,
            row.named_supervisors,
            row.report.youth_present if row.report else None,
            row.report.supervisors_present if row.report else None,
            row.no_shows,
            row.state,
            row.report.comment if row.report else "",
        ]
        for row in board.groups
    ]


def attendance_export_record(*, campaign, actor: Actor, file_format: str, rows: int) -> None:
    """Journal the export (who, when, which format, how many rows)."""
    with use_case():
        audit_log(
            action="delivery.attendance_exported",
            actor=actor,
            campaign_id=campaign.pk,
            details={"type": file_format, "rows": rows},
        )


def _bounds_check(*, youth_present: int, supervisors_present: int, row: GroupAttendance) -> None:
    errors = {}
    if youth_present < 0:
        errors["youth_present"] = "Indiquez un nombre positif ou nul."
    elif youth_present > row.named_youth:
        errors["youth_present"] = (
            f"Au plus {row.named_youth} : c'est le nombre de jeunes nommés sur les billets de ce "
            "groupe."
        )
    if supervisors_present < 0:
        errors["supervisors_present"] = "Indiquez un nombre positif ou nul."
    elif supervisors_present > row.named_supervisors:
        errors["supervisors_present"] = (
            f"Au plus {row.named_supervisors} : c'est le nombre d'encadrants nommés sur les "
            "billets de ce groupe."
        )
    if errors:
        raise ValidationError(errors)


def attendance_file(
    *,
    campaign,
    association,
    group_id: int,
    youth_present: int,
    supervisors_present: int,
    comment: str,
    actor: Actor,
) -> AttendanceReport:
    """File (or correct) who came with one group. From the session's day on; each count at most
    the named holders of its kind. A correction keeps the previous values in the journal."""
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError({"comment": f"Le commentaire dépasse {COMMENT_MAX} caractères."})
    with use_case():
        group = Group.objects.select_for_update(of=("self",)).get(
            campaign=campaign, association=association, pk=group_id
        )
        today = clock.today()
        row = attendance_group(
            campaign=campaign, association=association, group_id=group.pk, today=today
        )
        if not row.due:
            raise ValidationError(
                f"La présence se déclare à partir du jour de l'épreuve, le {day(row.session_date)}."
            )
        _bounds_check(youth_present=youth_present, supervisors_present=supervisors_present, row=row)
        now = clock.now()
        report = AttendanceReport.objects.filter(group=group).first()
        if report is None:
            report = AttendanceReport.objects.create(
                campaign=campaign,
                association=association,
                group=group,
                youth_present=youth_present,
                supervisors_present=supervisors_present,
                comment=comment,
                filed_by=actor_user(actor),
                filed_at=now,
            )
            audit_log(
                action="delivery.attendance_filed",
                actor=actor,
                subject=report,
                details={
                    "group": group.pk,
                    "youth_present": youth_present,
                    "supervisors_present": supervisors_present,
                    "comment_given": bool(comment),
                },
            )
            return report
        changes = {}
        for name, value in (
            ("youth_present", youth_present),
            ("supervisors_present", supervisors_present),
        ):
            if getattr(report, name) != value:
                changes[name] = {"before": getattr(report, name), "after": value}
        comment_changed = report.comment != comment
        if not changes and not comment_changed:
            return report
        report.youth_present = youth_present
        report.supervisors_present = supervisors_present
        report.comment = comment
        report.filed_by = actor_user(actor)
        report.filed_at = now
        report.save()
        # The comment is free text (it may carry a name): the journal says only that it changed.
        audit_log(
            action="delivery.attendance_corrected",
            actor=actor,
            subject=report,
            details={"group": group.pk, "changes": changes, "comment_changed": comment_changed},
        )
        return report


def present_words(row: GroupAttendance) -> str:
    """« 7 jeunes et 2 encadrants » of a reported group."""
    report = row.report
    return (
        f"{plural(report.youth_present, 'jeune')} et "
        f"{plural(report.supervisors_present, 'encadrant')}"
    )


# Personal data: a comment is free text and may carry a name.


def attendance_personal_data_held(*, campaign) -> bool:
    return AttendanceReport.objects.filter(campaign=campaign).exclude(comment="").exists()


def attendance_personal_data_purge(*, campaign, now) -> dict[str, int]:
    blanked = (
        AttendanceReport.objects.filter(campaign=campaign).exclude(comment="").update(comment="")
    )
    return {"attendance_comments": blanked}


def attendance_export(*, campaign, today: dt.date, file_format: str, actor: Actor) -> bytes:
    """The attendance of every group whose session has come, as XLSX or CSV (formula-safe);
    the export is journaled."""
    board = attendance_board(campaign=campaign, today=today)
    rows = attendance_table(board)
    intro = [f"Présence le jour J — {campaign.name}", f"Export du {day(today)}"]
    if file_format == "csv":
        content = csv_bytes(headers=ATTENDANCE_HEADERS, rows=rows, intro=intro)
    else:
        content = workbook_bytes(
            title="Présence",
            intro=intro,
            headers=ATTENDANCE_HEADERS,
            rows=rows,
            widths=[12, 10, 18, 22, 30, 20, 8, 8, 8, 8, 8, 8, 12, 40],
        )
    attendance_export_record(
        campaign=campaign, actor=actor, file_format=file_format, rows=len(rows)
    )
    return content
