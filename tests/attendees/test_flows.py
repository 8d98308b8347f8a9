"""Deadlines, submission, derogations, name changes and the purge, through their services."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from billetterie.attendees.models import DecisionStatus, Holder, NameChange, Person, Submission
from billetterie.attendees.selectors.association import violations_of
from billetterie.attendees.selectors.deadlines import can_edit, edit_state
from billetterie.attendees.services.derogations import derogation_decide, derogation_request
from billetterie.attendees.services.groups import group_name_holders
from billetterie.attendees.services.name_changes import (
    changes_to_export,
    name_change_decide,
    name_change_request,
)
from billetterie.attendees.services.purge import ANONYMISED
from billetterie.attendees.services.reminders import reminder_request
from billetterie.attendees.services.submissions import charter_acknowledge, nomination_submit
from billetterie.attendees.services.transfers import changes_workbook_export
from billetterie.campaigns.models import Campaign, CampaignGames
from billetterie.campaigns.retention import personal_data_purge
from billetterie.catalogue.models import Games
from billetterie.core import clock
from billetterie.core.models import AuditEntry

pytestmark = pytest.mark.django_db
OG = "OG"


def _deadline(campaign, day):
    CampaignGames.objects.filter(campaign=campaign, games__code=OG).update(nominative_deadline=day)


def test_deadline_rule(campaign, association):
    games = Games.objects.get(code=OG)
    _deadline(campaign, dt.date(2024, 4, 26))
    args = {"campaign_id": campaign.pk, "association_id": association.pk, "games_id": games.pk}
    assert can_edit(**args, today=dt.date(2024, 4, 26))
    late = edit_state(**args, today=dt.date(2024, 4, 27))
    assert not late.editable and late.late and "26/04/2024" in late.reason
    _deadline(campaign, None)
    assert can_edit(**args, today=dt.date(2030, 1, 1))


def test_after_the_deadline_every_write_is_refused(
    campaign, association, referent_user, accept, people, name_group
):
    pack = accept(association, size=2)
    kid, sup = people(1, 1)
    group, _ = name_group(pack, [kid, sup], leader=sup)
    _deadline(campaign, clock.today() - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="échéance"):
        group_name_holders(
            campaign=campaign,
            association=association,
            group_id=group.pk,
            assignments={},
            leader_id=None,
            actor=referent_user,
        )
    with pytest.raises(ValidationError, match="échéance"):
        derogation_request(
            campaign=campaign,
            association=association,
            group_id=group.pk,
            supervisors=2,
            reason="x",
            actor=referent_user,
        )


def _complete_group(accept, people, name_group, association):
    pack = accept(association, size=8)
    persons = people(6, 2)
    group, found = name_group(pack, persons, leader=persons[6])
    assert found == []
    return pack, group, persons


def test_submission_needs_charter_attestation_and_rules(
    campaign, association, referent_user, accept, people, name_group
):
    games = Games.objects.get(code=OG)
    _complete_group(accept, people, name_group, association)
    with pytest.raises(ValidationError, match="charte"):
        nomination_submit(
            campaign=campaign,
            association=association,
            games=games,
            attested=True,
            actor=referent_user,
        )
    charter_acknowledge(campaign=campaign, association=association, actor=referent_user)
    with pytest.raises(ValidationError, match="Attestez"):
        nomination_submit(
            campaign=campaign,
            association=association,
            games=games,
            attested=False,
            actor=referent_user,
        )
    nomination_submit(
        campaign=campaign, association=association, games=games, attested=True, actor=referent_user
    )
    assert Submission.objects.get().youth_attested
    assert not can_edit(
        campaign_id=campaign.pk,
        association_id=association.pk,
        games_id=games.pk,
        today=clock.today(),
    )


def test_incomplete_pack_blocks_submission(
    campaign, association, referent_user, accept, people, name_group
):
    games = Games.objects.get(code=OG)
    pack = accept(association, size=4, reference="JO-TROU")
    kid, sup = people(1, 1)
    name_group(pack, [kid, sup], leader=sup)
    charter_acknowledge(campaign=campaign, association=association, actor=referent_user)
    with pytest.raises(ValidationError) as error:
        nomination_submit(
            campaign=campaign,
            association=association,
            games=games,
            attested=True,
            actor=referent_user,
        )
    assert "Lot JO-TROU : 2 billets sans bénéficiaire (n° 3, 4)" in " ".join(error.value.messages)


def test_derogation_flow(
    campaign, association, referent_user, operator_user, accept, people, name_group
):
    pack = accept(association, size=4)
    persons = people(2, 2)
    group, found = name_group(pack, persons, leader=persons[2])
    assert [v.code for v in found] == ["ratio"]
    d = derogation_request(
        campaign=campaign,
        association=association,
        group_id=group.pk,
        supervisors=2,
        reason="Jeunes en fauteuil",
        actor=referent_user,
    )
    with pytest.raises(ValidationError, match="attend déjà"):
        derogation_request(
            campaign=campaign,
            association=association,
            group_id=group.pk,
            supervisors=2,
            reason="encore",
            actor=referent_user,
        )
    with pytest.raises(ValidationError):
        derogation_decide(
            campaign=campaign, derogation_id=d.pk, approve=False, reason="", actor=operator_user
        )
    derogation_decide(
        campaign=campaign, derogation_id=d.pk, approve=True, reason="", actor=operator_user
    )
    assert violations_of(campaign=campaign, association=association, attested=True) == []
    audit = AuditEntry.objects.filter(action__startswith="attendees.derogation").order_by("pk")
    assert [a.action for a in audit] == [
        "attendees.derogation_requested",
        "attendees.derogation_decided",
    ]
    assert "fauteuil" not in str([a.details for a in audit])


def test_name_change_flow(
    campaign, association, referent_user, operator_user, accept, people, name_group
):
    games = Games.objects.get(code=OG)
    pack, group, persons = _complete_group(accept, people, name_group, association)
    sick = persons[0]
    holder = Holder.objects.get(person=sick)
    replacement = people(1, 0, prefix="R")[0]
    with pytest.raises(ValidationError, match="directement"):
        name_change_request(
            campaign=campaign,
            association=association,
            holder_id=holder.pk,
            new_person_id=replacement.pk,
            reason="malade",
            actor=referent_user,
        )
    charter_acknowledge(campaign=campaign, association=association, actor=referent_user)
    nomination_submit(
        campaign=campaign, association=association, games=games, attested=True, actor=referent_user
    )
    change = name_change_request(
        campaign=campaign,
        association=association,
        holder_id=holder.pk,
        new_person_id=replacement.pk,
        reason="Enfant malade",
        actor=referent_user,
    )
    # A change that would break a rule is refused: a supervisor instead of a youth (ratio).
    holder2 = Holder.objects.get(person=persons[1])
    bad = name_change_request(
        campaign=campaign,
        association=association,
        holder_id=holder2.pk,
        new_person_id=people(0, 1, prefix="S")[0].pk,
        reason="encadrant",
        actor=referent_user,
    )
    with pytest.raises(ValidationError, match="encadrants pour 5 jeunes"):
        name_change_decide(
            campaign=campaign, name_change_id=bad.pk, approve=True, reason="", actor=operator_user
        )
    name_change_decide(
        campaign=campaign, name_change_id=change.pk, approve=True, reason="", actor=operator_user
    )
    holder.refresh_from_db()
    assert holder.person_id == replacement.pk
    assert list(changes_to_export(campaign=campaign)) == [NameChange.objects.get(pk=change.pk)]
    content, count = changes_workbook_export(campaign=campaign, actor=operator_user)
    assert count == 1 and content.startswith(b"PK")
    assert list(changes_to_export(campaign=campaign)) == []
    assert changes_workbook_export(campaign=campaign, actor=operator_user)[1] == 0
    assert NameChange.objects.get(pk=change.pk).status == DecisionStatus.GRANTED


def test_leader_replaced_by_a_supervisor_hands_over_the_group(
    campaign, association, referent_user, operator_user, accept, people, name_group
):
    games = Games.objects.get(code=OG)
    pack, group, persons = _complete_group(accept, people, name_group, association)
    charter_acknowledge(campaign=campaign, association=association, actor=referent_user)
    nomination_submit(
        campaign=campaign, association=association, games=games, attested=True, actor=referent_user
    )
    new_leader = people(0, 1, prefix="N")[0]
    holder = Holder.objects.get(person=persons[6])
    change = name_change_request(
        campaign=campaign,
        association=association,
        holder_id=holder.pk,
        new_person_id=new_leader.pk,
        reason="Indisponible",
        actor=referent_user,
    )
    name_change_decide(
        campaign=campaign, name_change_id=change.pk, approve=True, reason="", actor=operator_user
    )
    group.refresh_from_db()
    assert group.leader_id == new_leader.pk


def test_reminder_email_after_commit(
    campaign, association, referent_user, operator_user, accept, django_capture_on_commit_callbacks
):
    accept(association, size=4)
    with django_capture_on_commit_callbacks(execute=True):
        reminder_request(campaign=campaign, association_id=association.pk, actor=operator_user)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [referent_user.email]
    assert "nommez les bénéficiaires" in message.subject
    assert "0 billet nommé sur 4" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_purge_anonymises_and_is_safe_to_repeat(
    campaign,
    association,
    referent_user,
    accept,
    people,
    name_group,
    django_capture_on_commit_callbacks,
):
    from billetterie.attendees.services.letters import letter_upload
    from tests.attendees.permission_rows import png_bytes

    pack = accept(association, size=2)
    kid, sup = people(1, 1)
    name_group(pack, [kid, sup], leader=sup)
    letter = letter_upload(
        campaign=campaign, association=association, content=png_bytes(), actor=referent_user
    )
    path = letter.file.path
    Campaign.objects.filter(pk=campaign.pk).update(
        retention_until=clock.today() - dt.timedelta(days=1)
    )
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_personal_data")
    assert set(
        Person.objects.values_list(
            "last_name", "first_name", "birth_date", "mobile_phone", "email"
        ).distinct()
    ) == {(ANONYMISED, ANONYMISED, None, "", "")}
    letter.refresh_from_db()
    assert not letter.file and letter.file_deleted_at
    import os

    assert not os.path.exists(path)
    entry = AuditEntry.objects.get(action="campaign.personal_data_purged")
    assert entry.details["people"] == 2 and entry.details["letters"] == 1
    assert entry.details["group_names"] == 1  # the group was named by the referent
    assert Holder.objects.count() == 2  # the tickets stay named, by anonymous people
    assert set(personal_data_purge()[campaign.pk].values()) == {0}


def test_purge_leaves_campaigns_still_retained(campaign, association, referent_user, people):
    people(1, 0)
    Campaign.objects.filter(pk=campaign.pk).update(retention_until=clock.today())
    assert personal_data_purge() == {}
    assert Person.objects.filter(anonymised_at=None).count() == 1


def test_periodic_job_purges_once_after_the_retention_date(campaign, association, people, capsys):
    from django.core.management import call_command

    people(1, 1)
    call_command("run_periodic")
    assert "effacées : 0" in capsys.readouterr().out
    Campaign.objects.filter(pk=campaign.pk).update(
        retention_until=clock.today() - dt.timedelta(days=1)
    )
    call_command("run_periodic")
    assert "effacées : 1" in capsys.readouterr().out
    assert not Person.objects.filter(anonymised_at=None).exists()
    call_command("run_periodic")  # every minute: nothing left, no new audit row
    assert "effacées : 0" in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="campaign.personal_data_purged").count() == 1
