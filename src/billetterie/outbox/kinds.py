"""The kinds of message: what each says by default, and the placeholders it may use.

Every app declares the messages it sends in its own `messages.py` module, as a dict `KINDS`
(code → Kind), collected when the outbox app is ready — as the audited actions are. The operator
may rewrite the subject and body of each kind (`MessageTemplate`); a placeholder is written
`{name}` and is replaced by plain text (never markup), so an edited template cannot run anything.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

EMAIL, SMS = "email", "sms"

# Placeholders every kind has.
COMMON = {
    "campagne": "le nom de la campagne",
    "operateur": "le nom de l'opérateur",
    "contact": "le contact de l'opérateur (nom et e-mail)",
}


@dataclass(frozen=True)
class Kind:
    label: str
    subject: str
    body: str
    placeholders: dict[str, str] = field(default_factory=dict)
    channel: str = EMAIL
    # The placeholder holding the link to the page that acts on the message (shown as a button).
    link: str = "lien"
    # Who receives it, in words, for the template page ("le référent de l'association"…).
    audience: str = "les référents de l'association"
    # Example values of placeholders, for the preview on the template page when the campaign has
    # no value of its own for them (see outbox.wording.campaign_examples); else « [description] ».
    examples: dict[str, str] = field(default_factory=dict)

    def all_placeholders(self) -> dict[str, str]:
        return {**COMMON, **self.placeholders}


KINDS: dict[str, Kind] = {}


def register(code: str, kind: Kind) -> None:
    if code in KINDS and KINDS[code] != kind:
        raise ValueError(f"message kind {code} already registered")
    KINDS[code] = kind


def register_app_kinds() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("billetterie.") and module_has_submodule(
            config.module, "messages"
        ):
            for code, kind in import_module(f"{config.name}.messages").KINDS.items():
                register(code, kind)


def kind_get(code: str) -> Kind:
    try:
        return KINDS[code]
    except KeyError:
        raise ValueError(f"unregistered message kind: {code}") from None
