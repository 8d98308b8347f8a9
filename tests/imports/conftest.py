"""Fixtures for the import tests: the test files and a snapshot of every table an import writes."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from billetterie.accounts.models import User
from billetterie.catalogue.models import Games, HostCity, Session, Venue
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import Pack, Ticket
from billetterie.members.models import Association
from billetterie.requests.models import Application, ApplicationCity

FILES = Path(__file__).parent / "files"
TABLES = (
    Association,
    User,
    Games,
    HostCity,
    Venue,
    Session,
    Pack,
    Ticket,
    Application,
    ApplicationCity,
    AuditEntry,
)


def database_snapshot() -> dict[str, list]:
    """Every row of every table an import may touch, as plain values."""
    return {model.__name__: sorted(map(str, model.objects.values_list())) for model in TABLES}


@pytest.fixture
def files() -> Path:
    return FILES


@pytest.fixture
def host_cities(db):
    return {
        name: HostCity.objects.create(name=name) for name in ("Saint-Denis", "Paris", "Marseille")
    }


@pytest.fixture
def call_closed(campaign):
    campaign.call_closes_on = dt.date(2023, 9, 30)
    campaign.call_opens_on = dt.date(2023, 9, 1)
    campaign.save()
    return campaign


def command(name: str, *args: str) -> tuple[int, str, str]:
    """Run a management command: its exit status, standard output and error output."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(f"{error}\n")
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def organisations(campaign, host_cities):
    """The associations of organisations.xlsx (A-003 is not a member)."""
    from billetterie.imports.services import organisations_import

    result = organisations_import(
        campaign=campaign, file=FILES / "organisations.xlsx", actor=None, dry_run=False
    )
    assert result.ok, result.errors
    return {a.identifier: a for a in Association.objects.all()}
