"""A change shown before it is made: what a setting is, what it will be, and what follows from it.

Pages that change settings (a campaign's calendar and rules, an association's details, a pack)
never apply what was typed at once: they first show these rows, in plain French, with their
consequences, and only the person's confirmation calls the service. The previews are pure
functions of the domain apps; this module holds their shared shape and words.

`changes_token` fingerprints a preview. The confirmation carries the token of the preview the person
saw; when someone else changed the same data in between, the new preview has another token and the
page shows it again instead of applying something nobody has read.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, translation

from billetterie.core.plural import plural as plural  # where the settings previews found it


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str
    warnings: tuple[str, ...] = ()


def changes_token(changes: list[Change]) -> str:
    """A short fingerprint of what a preview showed (each setting, before and after)."""
    shown = json.dumps([[c.field, c.before, c.after] for c in changes], ensure_ascii=False)
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:20]


def day(value: dt.date | None, empty: str = "non renseignée") -> str:
    """26 avril 2024 — in French whatever the page's language, like every text of the services."""
    if value is None:
        return empty
    with translation.override("fr"):
        return formats.date_format(value, "j F Y")


def number(value: Decimal | float | int) -> str:
    """0.5 → « 0,50 » style: the decimal comma of French."""
    return str(value).replace(".", ",")


def yes_no(value: bool) -> str:
    return "oui" if value else "non"
