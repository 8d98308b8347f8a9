"""The ticket-office export through the real services: content, changes since the last export,
numbering, the command, the purge, and a bounded number of queries."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from billetterie.attendees.models import Holder
from billetterie.attendees.services.name_changes import name_change_decide, name_change_request
from billetterie.campaigns.models import Campaign
from billetterie.campaigns.retention import personal_data_purge
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.delivery.exports import changes_preview, nominative_export_create
from billetterie.delivery.models import NominativeExport
from billetterie.delivery.selectors import nominative_rows
from billetterie.offers.models import Offer
from billetterie.offers.services import offer_give_back
from tests.delivery.export_helpers import csv_table, stored, xlsx_table

HEADERS = [
    "Code de l'épreuve",
    "Date",
    "Heure",
    "Site",
    "Lot",
    "Billet",
    "Catégorie de place",
    "Nom",
    "Prénom",
    "Date de naissance",
    "Rôle",
    "Association",
    "Groupe",
    "Responsable du groupe",
    "Portable du responsable",
]


@pytest.fixture
def named(association, accept, people, name_group):
    """A pack of 4: three youth and their supervisor, who leads the group (mobile 06 12 34 56 70)."""
    pack = accept(association, size=4, reference="JO-0042")
    persons = people(3, 1)
    group, _ = name_group(pack, persons, leader=persons[3])
    return pack, group, persons


def _export(campaign, actor, scope="full", file_format="xlsx", **kw):
    return nominative_export_create(
        campaign=campaign, scope=scope, file_format=file_format, actor=actor, **kw
    )


def test_full_export_has_the_ticket_office_columns_in_order(campaign, operator_user, named):
    pack, group, persons = named
    export = _export(campaign, operator_user)
    assert (export.number, export.scope, export.rows) == (1, "full", 4)
    table = xlsx_table(stored(export))
    assert table[0] == HEADERS
    session = pack.session
    assert table[1] == [
        session.code,
        dt.datetime(2024, 7, 30),
        "10:00",
        "Stade de Paris",
        "JO-0042",
        1,
        None,  # no seat category known: the column stays, empty
        "PJeune0",
        "Léa",
        dt.datetime(2010, 1, 1),
        "Jeune",
        "Sauvegarde de l'Essonne",
        group.name or None,
        "PEncadrant0 Marc",
        "06 12 34 56 70",
    ]
    assert [row[5] for row in table[1:]] == [1, 2, 3, 4]
    assert table[4][10] == "Encadrant"
    # The page's files are private and named at random; the snapshot holds the four tickets.
    assert export.file.name.startswith(f"private/exports/{campaign.pk}/")
    assert len(export.snapshot) == 4


def test_rows_are_sorted_by_session_then_pack_then_ticket(campaign, association, accept, people):
    from billetterie.attendees.services.groups import group_create, group_name_holders
    from billetterie.inventory.models import Ticket

    late = accept(association, size=2, day="2024-08-05", reference="JO-A")
    early_b = accept(association, size=2, day="2024-07-27", reference="JO-C")
    persons = people(5, 1)
    for pack, chosen in ((late, persons[0:2]), (early_b, persons[2:4])):
        group = group_create(
            campaign=campaign, association=association, pack_ids=[pack.pk], name="", actor=None
        )
        tickets = Ticket.objects.filter(pack=pack).order_by("-number")  # named in reverse
        group_name_holders(
            campaign=campaign,
            association=association,
            group_id=group.pk,
            assignments={t.pk: p.pk for t, p in zip(tickets, chosen, strict=True)},
            leader_id=None,
            actor=None,
        )
    rows = nominative_rows(campaign=campaign)
    assert [(r.get("pack"), r.get("ticket")) for r in rows] == [
        ("JO-C", "1"),
        ("JO-C", "2"),
        ("JO-A", "1"),
        ("JO-A", "2"),
    ]


def test_changes_export_lists_exactly_the_approved_name_change(
    campaign, association, referent_user, operator_user, named, people, send_names
):
    pack, group, persons = named
    send_names()
    first = _export(campaign, operator_user)
    assert changes_preview(campaign=campaign).total == 0
    sick = Holder.objects.get(person=persons[1])
    replacement = people(1, 0, prefix="R")[0]
    change = name_change_request(
        campaign=campaign,
        association=association,
        holder_id=sick.pk,
        new_person_id=replacement.pk,
        reason="Malade",
        actor=referent_user,
    )
    name_change_decide(
        campaign=campaign, name_change_id=change.pk, approve=True, reason="", actor=operator_user
    )
    preview = changes_preview(campaign=campaign)
    assert (preview.last_number, preview.counts) == (1, {"added": 0, "changed": 1, "removed": 0})
    second = _export(campaign, operator_user, scope="changes", seen_last=first.number)
    assert (second.number, second.rows, second.counts["changed"]) == (2, 1, 1)
    table = xlsx_table(stored(second))
    assert table[0] == ["Changement", *HEADERS, "Ancien titulaire", "Colonnes modifiées"]
    assert len(table) == 2
    row = dict(zip(table[0], table[1], strict=True))
    assert row["Changement"] == "Changement"
    assert (row["Lot"], row["Billet"]) == ("JO-0042", 2)
    assert (row["Nom"], row["Prénom"]) == ("RJeune0", "Léa")
    assert row["Ancien titulaire"] == "PJeune1 Léa"
    assert row["Colonnes modifiées"] == "Nom, Date de naissance"  # same first name
    # Nothing changed since: the next changes export is empty, and numbered 3.
    third = _export(campaign, operator_user, scope="changes", file_format="csv")
    assert (third.number, third.rows) == (3, 0)
    assert csv_table(stored(third)) == [
        ["Changement", *HEADERS, "Ancien titulaire", "Colonnes modifiées"]
    ]


def test_a_pack_given_back_is_a_removal_of_each_of_its_tickets(
    campaign, association, referent_user, operator_user, named
):
    pack, group, persons = named
    _export(campaign, operator_user, scope="changes")  # first export: everything is an addition
    offer = Offer.objects.get(pack=pack)
    offer_give_back(
        offer_id=offer.pk, association=association, actor=referent_user, reason="Sortie annulée"
    )
    export = _export(campaign, operator_user, scope="changes", file_format="csv")
    table = csv_table(stored(export))
    assert [(r[0], r[5], r[6], r[8]) for r in table[1:]] == [
        ("Retrait", "JO-0042", "1", "PJeune0"),
        ("Retrait", "JO-0042", "2", "PJeune1"),
        ("Retrait", "JO-0042", "3", "PJeune2"),
        ("Retrait", "JO-0042", "4", "PEncadrant0"),
    ]
    assert export.counts == {"added": 0, "changed": 0, "removed": 4}


def test_the_first_changes_export_lists_every_ticket_as_an_addition(campaign, operator_user, named):
    export = _export(campaign, operator_user, scope="changes", file_format="csv")
    table = csv_table(stored(export))
    assert [r[0] for r in table[1:]] == ["Ajout"] * 4
    assert export.counts == {"added": 4, "changed": 0, "removed": 0}


def test_exports_are_numbered_and_a_stale_page_exports_nothing(campaign, operator_user, named):
    assert _export(campaign, operator_user, seen_last=None).number == 1
    assert _export(campaign, operator_user, scope="changes", seen_last=1).number == 2
    # The page showed export n° 1 as the last one, but n° 2 was made meanwhile (double click).
    with pytest.raises(ValidationError, match="export n° 2"):
        _export(campaign, operator_user, scope="changes", seen_last=1)
    with pytest.raises(ValidationError, match="format"):
        _export(campaign, operator_user, file_format="ods")
    assert list(NominativeExport.objects.values_list("number", flat=True)) == [2, 1]


def test_each_export_is_audited_without_personal_data(campaign, operator_user, named):
    _export(campaign, operator_user, scope="changes")
    entry = AuditEntry.objects.get(action="delivery.nominative_exported")
    assert entry.actor == operator_user and entry.campaign_id == campaign.pk
    assert entry.details == {
        "number": 1,
        "content": "Changements depuis le dernier export",
        "since": None,
        "format": "Excel (.xlsx)",
        "rows": 4,
        "added": 4,
        "changed": 0,
        "removed": 0,
    }
    assert "Jeune" not in str(entry.details) and "Encadrant" not in entry.subject_label


def test_other_campaigns_are_not_exported(campaign, operator_user, named):
    from billetterie.campaigns.services import campaign_create

    other = campaign_create(slug="autre-2024", name="Autre", operator_name="Autre opérateur")
    export = _export(other, None)
    assert (export.number, export.rows) == (1, 0)
    assert _export(campaign, operator_user).number == 1  # numbered per campaign


def test_command_records_the_export_like_the_page(campaign, named, tmp_path, capsys):
    out = tmp_path / "liste.csv"
    call_command("export_nominative", campaign=campaign.slug, format="csv", out=str(out))
    assert "Export n° 1" in capsys.readouterr().out
    export = NominativeExport.objects.get()
    assert export.created_by is None and out.read_bytes() == stored(export)
    assert len(csv_table(out.read_bytes())) == 5
    entry = AuditEntry.objects.get(action="delivery.nominative_exported")
    assert entry.actor_label == "commande export_nominative"
    call_command(
        "export_nominative",
        campaign=campaign.slug,
        format="xlsx",
        out=str(tmp_path / "c.xlsx"),
        changes=True,
    )
    said = capsys.readouterr().out
    assert "Export n° 2" in said and ": 0 changement (" in said
    with pytest.raises(CommandError, match="Campagne inconnue : « nulle-part »"):
        call_command("export_nominative", campaign="nulle-part", format="csv", out=str(out))


def test_purge_deletes_the_files_and_blanks_the_snapshots(
    campaign, operator_user, named, django_capture_on_commit_callbacks
):
    export = _export(campaign, operator_user)
    path = export.file.path
    Campaign.objects.filter(pk=campaign.pk).update(
        retention_until=clock.today() - dt.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        counts = personal_data_purge()[campaign.pk]
    assert counts["nominative_exports"] == 1
    export.refresh_from_db()
    assert (export.file.name, export.snapshot, export.rows) == ("", {}, 4)
    assert export.purged_at is not None
    import os

    assert not os.path.exists(path)
    assert personal_data_purge()[campaign.pk]["nominative_exports"] == 0


@pytest.mark.parametrize("size", [4, 40])
def test_an_export_makes_a_bounded_number_of_queries(
    campaign,
    association,
    operator_user,
    accept,
    people,
    name_group,
    size,
    django_assert_max_num_queries,
):
    for index in range(size // 4):
        pack = accept(association, size=4)
        name_group(pack, people(3, 1, prefix=f"G{index}"), leader=None)
    with django_assert_max_num_queries(3):
        assert len(nominative_rows(campaign=campaign)) == size
    _export(campaign, operator_user)
    with django_assert_max_num_queries(12):
        _export(campaign, operator_user, scope="changes", file_format="csv")
