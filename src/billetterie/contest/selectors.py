"""Reading the contest: its settings, criteria, kit, jury, participations and entries.

Selectors know nothing of HTTP: an object that is not found — or is another association's —
raises the model's DoesNotExist, which the pages turn into a 404."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from billetterie.accounts.models import Role, User
from billetterie.contest.models import (
    ContestSettings,
    Criterion,
    Deliberation,
    Entry,
    KitFile,
    Participation,
    PrestigeAward,
)
from billetterie.inventory.models import Pack

TRIMMED_MIN_MEMBERS = 4


def contest_settings_of(*, campaign) -> ContestSettings:
    """The campaign's settings, or the defaults (unsaved) before the operator opened the page."""
    found = ContestSettings.objects.filter(campaign=campaign).select_related("president").first()
    return found or ContestSettings(campaign=campaign)


def criteria_of(*, campaign):
    return Criterion.objects.filter(campaign=campaign).order_by("position", "pk")


def kit_files_of(*, campaign):
    return KitFile.objects.filter(campaign=campaign).exclude(file="").order_by("title", "pk")


def kit_file_of(*, campaign, file_id: int) -> KitFile:
    return kit_files_of(campaign=campaign).get(pk=file_id)


KIT_EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


def kit_file_download(*, kit: KitFile) -> tuple[bytes, str]:
    """The kit file's bytes and the name it is downloaded under (never the name it was sent with)."""
    with kit.file.open("rb") as stream:
        content = stream.read()
    return content, f"kit-jeu-concours-{kit.pk}{KIT_EXTENSIONS.get(kit.content_type, '')}"


def jury_members_of(*, campaign):
    return User.objects.filter(role=Role.JURY, jury_campaign=campaign).order_by(
        "last_name", "first_name", "email"
    )


@dataclass(frozen=True)
class PrestigeStock:
    packs: int
    tickets: int


def prestige_stock(*, campaign) -> PrestigeStock:
    counts = Pack.objects.filter(campaign=campaign, is_prestige=True).aggregate(
        packs=Count("id"), tickets=Sum("size")
    )
    return PrestigeStock(counts["packs"] or 0, counts["tickets"] or 0)


def participation_of(*, campaign, association) -> Participation | None:
    return (
        Participation.objects.filter(campaign=campaign, association=association)
        .select_related("entry")
        .first()
    )


def active_participation_of(*, campaign, association) -> Participation | None:
    """The association's participation, unless it was withdrawn."""
    participation = participation_of(campaign=campaign, association=association)
    return (
        participation if participation is not None and participation.withdrawn_at is None else None
    )


def current_entry(participation: Participation | None) -> Entry | None:
    """The participation's audio on file (none before the first upload or once purged)."""
    entry = getattr(participation, "entry", None) if participation is not None else None
    return entry if entry is not None and entry.file else None


def entry_of(*, campaign, association, entry_id: int) -> Entry:
    """The association's own entry (another association's → Entry.DoesNotExist)."""
    return Entry.objects.exclude(file="").get(
        pk=entry_id, campaign=campaign, participation__association=association
    )


def participations_of(*, campaign):
    """Every participation with its entry, for the operator (no anonymous label shown there)."""
    return (
        Participation.objects.filter(campaign=campaign)
        .select_related("association", "entry")
        .order_by("association__name", "pk")
    )


def participation_counts(*, campaign) -> dict[str, int]:
    return Participation.objects.filter(campaign=campaign, withdrawn_at__isnull=True).aggregate(
        participations=Count("id"),
        entries=Count("id", filter=Q(entry__isnull=False) & ~Q(entry__file="")),
    )


@dataclass(frozen=True)
class Calendar:
    """Where the contest stands on a given day (the campaign's dates; None: not set)."""

    confirmation_deadline: dt.date | None
    opens_on: dt.date | None
    closes_on: dt.date | None
    today: dt.date

    @property
    def can_confirm(self) -> bool:
        deadline = self.confirmation_deadline
        return deadline is not None and self.today <= deadline

    @property
    def window_open(self) -> bool:
        return (
            self.opens_on is not None
            and self.closes_on is not None
            and self.opens_on <= self.today <= self.closes_on
        )

    @property
    def before_window(self) -> bool:
        return self.opens_on is not None and self.today < self.opens_on


def contest_calendar(*, campaign, today: dt.date) -> Calendar:
    return Calendar(
        campaign.contest_confirmation_deadline,
        campaign.contest_opens_on,
        campaign.contest_closes_on,
        today,
    )


# --- Jury and deliberation ---------------------------------------------------------------------


def deliberation_ranking(campaign) -> list[Participation]:
    """The participations in the final order of the closed deliberation, best first, each with
    `contest_rank` (1, 2, …) and `contest_label`; [] while the deliberation is not closed.

    This is what the prestige packs follow (Deliberation.ranking holds the same order)."""
    deliberation = Deliberation.objects.filter(campaign=campaign, closed_at__isnull=False).first()
    if deliberation is None:
        return []
    by_entry = {
        p.entry.pk: p
        for p in Participation.objects.filter(
            campaign=campaign, entry__isnull=False
        ).select_related("association", "entry")
    }
    ranked = []
    for item in sorted(deliberation.ranking, key=lambda i: i["rank"]):
        participation = by_entry.get(item["entry"])
        if participation is None:
            continue
        participation.contest_rank = item["rank"]
        participation.contest_label = item.get("label", participation.entry.label)
        ranked.append(participation)
    return ranked


def contest_result_of(*, campaign, association) -> dict | None:
    """Once the deliberation is closed: the association's rank among how many, and its prestige
    award (None before it is queued); None while it is open or when it has no ranked entry."""
    ranked = deliberation_ranking(campaign)
    mine = next((p for p in ranked if p.association_id == association.pk), None)
    if mine is None:
        return None
    award = PrestigeAward.objects.filter(participation=mine).select_related("pack").first()
    return {"rank": mine.contest_rank, "count": len(ranked), "award": award}
