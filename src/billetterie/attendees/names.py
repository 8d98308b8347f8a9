"""The keys people are matched by, and the group leader's mobile number."""

from billetterie.core.phones import mobile_parse, phone_display
from billetterie.core.text import fold


def name_key(*, last_name: str, first_name: str) -> str:
    return f"{fold(last_name)}|{fold(first_name)}"


def mobile_normalise(raw: str) -> str:
    """A mobile in French national format (06 12 34 56 78, 06 90 12 34 56); "" when invalid."""
    number = mobile_parse(raw)
    return phone_display(number) if number is not None else ""


def is_mobile(raw: str) -> bool:
    return mobile_parse(raw) is not None
