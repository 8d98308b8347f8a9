"""Fixtures of the delivery tests."""

# Nominative exports: the attendees' fixtures (accepted packs, people, a named group, names sent;
# spring 2024 clock, private files in a temporary folder), reused as they are.
from tests.attendees.conftest import (  # noqa: F401
    _private_media,
    _spring_2024,
    accept,
    name_group,
    people,
    send_names,
)
