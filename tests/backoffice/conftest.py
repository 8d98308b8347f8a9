"""Helpers of the back-office page tests: an operator signed in, a preview then its confirmation."""

import re

import pytest


@pytest.fixture
def operator_client(client, operator_user):
    client.force_login(operator_user)
    return client


def seen_token(page: str) -> str:
    """The token of the preview a page shows (what the confirm button sends back)."""
    return re.search(r'name="seen" value="([0-9a-f]+)"', page).group(1)


def preview_then_confirm(client, url: str, data: dict):
    """Post the values (the preview), then confirm what the preview showed; both responses."""
    preview = client.post(url, data)
    assert preview.status_code == 200
    page = preview.content.decode()
    return preview, client.post(url, {**data, "step": "confirm", "seen": seen_token(page)})
