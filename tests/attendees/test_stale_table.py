"""No silent overwrite: an old table uploaded after names were given on the pages changes nothing
until the referent has seen, name by name, what it would take away — and confirmed."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.attendees.models import Holder
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.imports.attendees import attendees_import, import_summary
from billetterie.imports.attendees_sheet import attendees_workbook
from tests.conftest import PASSWORD, SignedInClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def stale(campaign, association, accept, people, name_group):
    """The referent downloads the blank table, then names six people on the page."""
    pack = accept(association, size=6)
    with clock.frozen_at("2024-04-02 09:00"):
        old_table = attendees_workbook(campaign=campaign, association=association)
    persons = people(4, 2)
    with clock.frozen_at("2024-04-02 10:00"):
        name_group(pack, persons, leader=persons[-1])
    assert Holder.objects.count() == 6
    return old_table


def _file(content: bytes):
    upload = io.BytesIO(content)
    upload.name = "beneficiaires.xlsx"
    return upload


def test_the_old_table_releases_nothing_and_lists_what_it_would(
    stale, campaign, association, referent_user
):
    result = attendees_import(
        campaign=campaign, association=association, file=_file(stale), actor=referent_user
    )
    assert result.ok and result.needs_confirmation
    assert Holder.objects.count() == 6  # the six names are still there
    assert [c["kind"] for c in result.pending_changes] == ["released"] * 6
    assert all(c["since_download"] for c in result.pending_changes)
    assert "rien n'a été enregistré" in import_summary(result)
    assert not AuditEntry.objects.filter(action="attendees.imported").exists()
    confirmed = attendees_import(
        campaign=campaign,
        association=association,
        file=_file(stale),
        actor=referent_user,
        confirmed=True,
    )
    assert confirmed.ok and not confirmed.needs_confirmation
    assert Holder.objects.count() == 0 and confirmed.related["released"] == 6


def test_the_page_shows_the_changes_then_applies_them_on_confirmation(
    stale, campaign, client, referent_user, association
):
    client.force_login(referent_user)
    url = reverse("portal:attendees_import", kwargs={"campaign_slug": campaign.slug})
    page = client.post(url, {"file": _file(stale)}).content.decode()
    assert "effacerait 6 noms déjà donnés" in page and "nommé après le téléchargement" in page
    assert "il est sans doute ancien" in page
    assert Holder.objects.count() == 6
    token = page.split('name="token" value="')[1].split('"')[0]
    # Another account of the same association cannot use the token: it is tied to its sender.
    colleague = User.objects.create_user(
        "collegue@example.org", PASSWORD, role=Role.REFERENT, association=association
    )
    other = SignedInClient()
    other.force_login(colleague)
    other.post(url, {"token": token})
    assert Holder.objects.count() == 6
    response = client.post(url, {"token": token}, follow=True)
    assert response.redirect_chain and Holder.objects.count() == 0
    again = client.post(url, {"token": token}, follow=True).content.decode()
    assert "n&#x27;est plus en attente" in again


def test_the_command_lists_the_changes_and_needs_force(
    stale, campaign, association, tmp_path, capsys
):
    path = tmp_path / "beneficiaires.xlsx"
    path.write_bytes(stale)
    args = [
        "import_attendees",
        str(path),
        "--campaign",
        campaign.slug,
        "--association",
        str(association.pk),
    ]
    with pytest.raises(CommandError) as refused:
        call_command(*args)
    assert "Relancez avec --force" in str(refused.value)
    assert "donné après le téléchargement du tableau" in capsys.readouterr().err
    assert Holder.objects.count() == 6
    call_command(*args, "--force")
    assert Holder.objects.count() == 0


def test_a_fresh_table_that_adds_names_needs_no_confirmation(
    campaign, association, referent_user, accept
):
    accept(association, size=2)
    fresh = attendees_workbook(campaign=campaign, association=association)
    result = attendees_import(
        campaign=campaign, association=association, file=_file(fresh), actor=referent_user
    )
    assert result.ok and not result.needs_confirmation
