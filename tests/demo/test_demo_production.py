"""`load_demo` creates accounts with a published password: never in production unless forced."""

import io

import pytest
from django.core.management import CommandError, call_command

from billetterie.accounts.models import User
from billetterie.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


def test_load_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as refused:
        call_command("load_demo", stdout=io.StringIO())
    message = str(refused.value)
    assert "mot de passe" in message and "--force" in message
    assert not User.objects.exists() and not Campaign.objects.exists()


def test_load_demo_reset_refuses_without_debug_too(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", "--reset", stdout=io.StringIO())
    assert not User.objects.exists()
