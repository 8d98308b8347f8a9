"""The associations import invites each referent account it creates: in its own transaction, once,
never on a dry run, never the accounts that already existed."""

import pytest

from billetterie.accounts.models import User
from billetterie.core.models import AuditEntry
from billetterie.imports.services import organisations_import
from billetterie.outbox.models import Message

from .conftest import FILES, command

pytestmark = pytest.mark.django_db

NEW_REFERENTS = {"elodie.dupont@exemple.org", "josee.hoarau@exemple.re", "f.muller@exemple.org"}


def _import(campaign, *args):
    return command(
        "import_organisations",
        str(FILES / "organisations.xlsx"),
        "--campaign",
        campaign.slug,
        *args,
    )


def test_the_import_invites_each_new_referent_and_says_how_many(campaign):
    status, out, err = _import(campaign)
    assert status == 0, err
    assert "invitations envoyées : 3" in out
    messages = Message.objects.filter(kind="account.invitation")
    assert {m.recipient for m in messages} == NEW_REFERENTS
    assert all(m.campaign_id == campaign.pk for m in messages)
    dupont = User.objects.get(email="elodie.dupont@exemple.org")
    message = messages.get(recipient=dupont.email)
    assert message.association_id == dupont.association_id
    assert f"référent de l'association « {dupont.association.name} »" in message.body_text
    assert "/compte/invitation/" in message.body_text
    assert dupont.invited_at is not None and dupont.invitations_sent == 1
    # One journal entry for the file's invitations, as for the import itself.
    invited = AuditEntry.objects.get(action="user.invited")
    assert invited.actor_label == "commande import_organisations"
    assert invited.campaign_id == campaign.pk and invited.details == {"count": 3}
    entry = AuditEntry.objects.get(action="import.organisations")
    assert entry.details["invitations_queued"] == 3


def test_a_second_import_of_the_same_file_invites_nobody(campaign):
    assert _import(campaign)[0] == 0
    status, out, _ = _import(campaign)
    assert status == 0 and "invitation" not in out
    assert Message.objects.filter(kind="account.invitation").count() == 3
    assert AuditEntry.objects.filter(action="user.invited").count() == 1


def test_a_dry_run_invites_nobody(campaign):
    status, out, _ = _import(campaign, "--dry-run")
    assert status == 0 and "Rien n'a été enregistré" in out
    assert not Message.objects.exists() and not User.objects.exists()
    assert not AuditEntry.objects.filter(action="user.invited").exists()


def test_a_refused_file_invites_nobody(campaign):
    status, _, _ = command(
        "import_organisations", str(FILES / "organisations_bad.csv"), "--campaign", campaign.slug
    )
    assert status == 1
    assert not Message.objects.exists()


def test_only_the_accounts_the_file_creates_are_invited(campaign, tmp_path):
    """A referent already known (here, who chose a password) is updated, never invited again."""
    assert _import(campaign)[0] == 0
    Message.objects.all().delete()
    known = User.objects.get(email="elodie.dupont@exemple.org")
    known.set_password("un-mot-de-passe-2024")
    known.save()
    extra = tmp_path / "associations.csv"
    extra.write_text(
        "Identifiant;Nom;Adhérent;Code postal;Commune;Jeunes accompagnés;Référent nom;"
        "Référent prénom;Référent e-mail\n"
        "A-001;Sauvegarde de l'Ain;oui;01000;Bourg-en-Bresse;40;Dupont;Élodie;"
        "elodie.dupont@exemple.org\n"
        "A-010;Nouvelle association;oui;75011;Paris;12;Roux;Léa;lea.roux@exemple.org\n",
        encoding="utf-8",
    )
    result = organisations_import(campaign=campaign, file=extra, actor="essai")
    assert result.ok, result.errors
    assert result.related.get("invitations_queued") == 1
    assert [m.recipient for m in Message.objects.all()] == ["lea.roux@exemple.org"]
