"""Reads on named attendees, always scoped to one association (or to an operator's campaign)."""

from collections import defaultdict

from django.db.models import Count, QuerySet

from billetterie.attendees.models import (
    CharterAcknowledgement,
    CommitmentLetter,
    DecisionStatus,
    Derogation,
    Group,
    Holder,
    LetterStatus,
    NameChange,
    Person,
    Submission,
)
from billetterie.attendees.names import is_mobile
from billetterie.attendees.rules import GroupIn, HolderIn, Nomination, PackIn, PersonIn, violations
from billetterie.campaigns.models import Campaign
from billetterie.campaigns.rules import youth_per_supervisor
from billetterie.inventory.models import Pack, Ticket
from billetterie.offers.models import Offer, OfferStatus


def accepted_packs(*, campaign, association) -> QuerySet[Pack]:
    """The association's accepted packs in this campaign: the only packs it may name."""
    return (
        Pack.objects.filter(
            campaign=campaign,
            offers__association=association,
            offers__status=OfferStatus.ACCEPTED,
        )
        .select_related("session__games", "session__venue__host_city", "group_link__group")
        # One accepted offer per pack at most (offer_one_live_per_pack): no duplicate rows.
        .order_by("session__games__code", "session__date", "session__start_time", "reference")
    )


def own_group_id(pack, association_id: int) -> int | None:
    """The pack's group when it is this association's (a stale link of a former holder is not)."""
    link = getattr(pack, "group_link", None) if _has_link(pack) else None
    if link is None or link.group.association_id != association_id:
        return None
    return link.group_id


def _has_link(pack) -> bool:
    try:
        pack.group_link  # noqa: B018 - the reverse one-to-one raises when absent
    except Pack.group_link.RelatedObjectDoesNotExist:
        return False
    return True


def campaigns_with_accepted_packs(*, association) -> QuerySet[Campaign]:
    return Campaign.objects.filter(
        offers__association=association, offers__status=OfferStatus.ACCEPTED
    ).distinct()


def campaign_with_accepted_packs(*, association, slug: str) -> Campaign:
    """A campaign in which the association holds accepted packs; any other → DoesNotExist."""
    return campaigns_with_accepted_packs(association=association).get(slug=slug)


def people_of(*, campaign, association) -> QuerySet[Person]:
    return Person.objects.filter(
        campaign=campaign, association=association, anonymised_at__isnull=True
    ).annotate(tickets=Count("holdings"))


def person_of(*, campaign, association, person_id: int) -> Person:
    return people_of(campaign=campaign, association=association).get(pk=person_id)


def groups_of(*, campaign, association) -> QuerySet[Group]:
    return (
        Group.objects.filter(campaign=campaign, association=association)
        .select_related("session__games", "session__venue__host_city", "leader")
        .prefetch_related("pack_links__pack")
    )


def group_of(*, campaign, association, group_id: int) -> Group:
    return groups_of(campaign=campaign, association=association).get(pk=group_id)


def holders_of(*, campaign, association) -> QuerySet[Holder]:
    return Holder.objects.filter(campaign=campaign, association=association).select_related(
        "person", "ticket__pack", "group"
    )


def holder_of(*, campaign, association, holder_id: int) -> Holder:
    return holders_of(campaign=campaign, association=association).get(pk=holder_id)


def derogations_of(*, campaign, association) -> QuerySet[Derogation]:
    return Derogation.objects.filter(campaign=campaign, association=association).select_related(
        "group"
    )


def letters_of(*, campaign, association) -> QuerySet[CommitmentLetter]:
    return CommitmentLetter.objects.filter(campaign=campaign, association=association)


def letter_of(*, campaign, association, letter_id: int) -> CommitmentLetter:
    return letters_of(campaign=campaign, association=association).get(pk=letter_id)


def name_changes_of(*, campaign, association) -> QuerySet[NameChange]:
    return NameChange.objects.filter(campaign=campaign, association=association).select_related(
        "ticket__pack", "old_person", "new_person"
    )


def granted_derogations(*, group_ids) -> dict[int, int]:
    """Group id → supervisors allowed by its latest granted derogation."""
    granted: dict[int, int] = {}
    for d in Derogation.objects.filter(
        group_id__in=group_ids, status=DecisionStatus.GRANTED
    ).order_by("decided_at", "pk"):
        granted[d.group_id] = d.supervisors
    return granted


def nominations(*, campaign, association_ids=None, attested=None) -> dict[int, Nomination]:
    """Association id → the rules' input for its whole campaign, in a handful of queries.

    `attested` overrides the stored attestation (the page's unsent checkbox); by default an
    association counts as having attested once it has sent one Games.
    """
    offers = Offer.objects.filter(campaign=campaign, status=OfferStatus.ACCEPTED)
    if association_ids is not None:
        offers = offers.filter(association_id__in=association_ids)
    packs_by: dict[int, list] = defaultdict(list)
    for row in offers.values(
        "association_id",
        "pack__reference",
        "pack__size",
        "pack__session_id",
        "pack__group_link__group_id",
        "pack__group_link__group__association_id",
    ):
        own_group = row["pack__group_link__group__association_id"] == row["association_id"]
        packs_by[row["association_id"]].append(
            PackIn(
                row["pack__reference"],
                row["pack__size"],
                row["pack__session_id"],
                row["pack__group_link__group_id"] if own_group else None,
            )
        )
    ids = list(packs_by)
    groups = list(Group.objects.filter(campaign=campaign, association_id__in=ids))
    derogations = granted_derogations(group_ids=[g.pk for g in groups])
    groups_by: dict[int, list] = defaultdict(list)
    for g in groups:
        groups_by[g.association_id].append(
            GroupIn(g.pk, g.name, g.leader_id, derogations.get(g.pk))
        )
    people_by: dict[int, list] = defaultdict(list)
    for p in Person.objects.filter(campaign=campaign, association_id__in=ids):
        people_by[p.association_id].append(
            PersonIn(p.pk, p.display_name, p.kind, is_mobile(p.mobile_phone))
        )
    holders_by: dict[int, list] = defaultdict(list)
    mine = {(a, p.reference) for a, packs in packs_by.items() for p in packs}
    for row in Holder.objects.filter(campaign=campaign, association_id__in=ids).values(
        "association_id", "ticket__pack__reference", "ticket__number", "person_id"
    ):
        if (row["association_id"], row["ticket__pack__reference"]) not in mine:
            continue  # a pack that left the association: its holders no longer count
        holders_by[row["association_id"]].append(
            HolderIn(row["ticket__pack__reference"], row["ticket__number"], row["person_id"])
        )
    sent = set(
        Submission.objects.filter(campaign=campaign, association_id__in=ids).values_list(
            "association_id", flat=True
        )
    )
    n = youth_per_supervisor(campaign=campaign)
    return {
        a: Nomination(
            people=tuple(people_by[a]),
            packs=tuple(packs_by[a]),
            groups=tuple(groups_by[a]),
            holders=tuple(holders_by[a]),
            youth_per_supervisor=n,
            max_tickets_per_youth=campaign.max_tickets_per_youth,
            attested=(a in sent) if attested is None else attested,
        )
        for a in ids
    }


def nomination_of(*, campaign, association, attested=None) -> Nomination:
    found = nominations(campaign=campaign, association_ids=[association.pk], attested=attested)
    return found.get(
        association.pk,
        Nomination((), (), (), (), youth_per_supervisor(campaign=campaign), 2, bool(attested)),
    )


def violations_of(*, campaign, association, attested=None):
    return violations(nomination_of(campaign=campaign, association=association, attested=attested))


# Reads for the back office


def derogation_of_campaign(*, campaign, derogation_id: int) -> Derogation:
    """One derogation request of the campaign; another campaign's → Derogation.DoesNotExist."""
    return Derogation.objects.select_related("association").get(campaign=campaign, pk=derogation_id)


def letter_of_campaign(*, campaign, letter_id: int) -> CommitmentLetter:
    """One commitment letter of the campaign; another campaign's → CommitmentLetter.DoesNotExist."""
    return CommitmentLetter.objects.select_related("association").get(
        campaign=campaign, pk=letter_id
    )


def name_change_of_campaign(*, campaign, name_change_id: int) -> NameChange:
    """One name change request of the campaign; another campaign's → NameChange.DoesNotExist."""
    return NameChange.objects.select_related("association").get(
        campaign=campaign, pk=name_change_id
    )


def pending_derogations(*, campaign) -> QuerySet[Derogation]:
    """The campaign's derogation requests awaiting a decision, oldest first."""
    return (
        Derogation.objects.filter(campaign=campaign, status=DecisionStatus.PENDING)
        .select_related("association", "group")
        .order_by("requested_at")
    )


def pending_letters(*, campaign) -> QuerySet[CommitmentLetter]:
    """The campaign's commitment letters awaiting a check, oldest first."""
    return (
        CommitmentLetter.objects.filter(campaign=campaign, status=LetterStatus.PENDING)
        .select_related("association")
        .order_by("uploaded_at")
    )


def pending_name_changes(*, campaign) -> QuerySet[NameChange]:
    """The campaign's name change requests awaiting a decision, oldest first."""
    return (
        NameChange.objects.filter(campaign=campaign, status=DecisionStatus.PENDING)
        .select_related("association", "ticket__pack")
        .order_by("requested_at")
    )


def groups_with_holders(*, campaign, association) -> list[Group]:
    """The association's groups, each with its holders as `rows` (by pack and ticket number)."""
    holders = holders_of(campaign=campaign, association=association).order_by(
        "ticket__pack__reference", "ticket__number"
    )
    by_group: dict[int, list[Holder]] = defaultdict(list)
    for holder in holders:
        by_group[holder.group_id].append(holder)
    groups = list(groups_of(campaign=campaign, association=association))
    for group in groups:
        group.rows = by_group.get(group.pk, [])
    return groups


def derogation_history(*, campaign, derogation) -> QuerySet[Derogation]:
    """Every derogation request of the same group, the one under review included."""
    return derogations_of(campaign=campaign, association=derogation.association).filter(
        group_id=derogation.group_id
    )


# Reads for the portal


def charter_acknowledgement_of(*, campaign, association) -> CharterAcknowledgement | None:
    """The association's acceptance of the campaign's charter, or None while it has not accepted."""
    return CharterAcknowledgement.objects.filter(campaign=campaign, association=association).first()


def people_sorted(*, campaign, association, excluding: int | None = None) -> QuerySet[Person]:
    """The association's people by role then name, one of them (`excluding`) left out if asked."""
    people = people_of(campaign=campaign, association=association)
    if excluding is not None:
        people = people.exclude(pk=excluding)
    return people.order_by("kind", "name_key")


def group_tickets(*, campaign, association, group_id: int) -> QuerySet[Ticket]:
    """The tickets of one of the association's groups with their holders, by pack and number."""
    return (
        Ticket.objects.filter(
            pack__group_link__group_id=group_id,
            pack__group_link__group__campaign=campaign,
            pack__group_link__group__association=association,
        )
        .select_related("pack", "holder__person")
        .order_by("pack__reference", "number")
    )


def derogations_of_group(*, campaign, association, group_id: int) -> QuerySet[Derogation]:
    """The derogations asked for one of the association's groups."""
    return derogations_of(campaign=campaign, association=association).filter(group_id=group_id)
